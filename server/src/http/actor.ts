import { createHash } from 'node:crypto';
import type { Role } from '@rapport/contracts/workspaces.ts';
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from '../auth/auth.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from './context.ts';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export type Resolved =
  | { kind: 'none' }
  | { kind: 'user-only'; userId: string; name: string; email: string; sessionId: string }
  | { kind: 'member'; actor: Actor; workspaceId: string; viaCookie: boolean; sessionId: string | null };

const lastUseWritten = new Map<string, number>();
function noteKeyUse(db: Kysely<DB>, keyId: string) {
  const now = Date.now();
  if (now - (lastUseWritten.get(keyId) ?? 0) < 60_000) return;
  lastUseWritten.set(keyId, now);
  if (lastUseWritten.size > 10_000) lastUseWritten.clear();
  db.updateTable('api_keys')
    .set({ last_used_at: new Date(now) })
    .where('id', '=', keyId)
    .execute()
    .catch(() => lastUseWritten.delete(keyId));
}

/** Works out the caller from `Authorization: Bearer <api key>` or the session cookie. */
export async function resolveCaller(req: FastifyRequest, db: Kysely<DB>, auth: Auth): Promise<Resolved> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const key = header.slice(7).trim();
    // A read per request; the "last used" time is written at most once a minute per key, off the
    // request path, so API calls do not each wait for a write to reach the disk.
    const row = await db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.created_by')
      .where('key_hash', '=', hashApiKey(key))
      .where('revoked_at', 'is', null)
      .select(['api_keys.id', 'api_keys.workspace_id', 'api_keys.role', 'api_keys.created_by', 'users.name'])
      .executeTakeFirst();
    if (row) noteKeyUse(db, row.id);
    if (!row?.created_by) return { kind: 'none' };
    return {
      kind: 'member',
      workspaceId: row.workspace_id,
      viaCookie: false,
      sessionId: null,
      actor: { kind: 'api_key', userId: row.created_by, name: row.name, role: row.role as Role, apiKeyId: row.id },
    };
  }
  if (!req.headers.cookie) return { kind: 'none' };
  const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
  if (!session) return { kind: 'none' };
  const active = (session.session as { activeWorkspaceId?: string | null }).activeWorkspaceId ?? null;
  // The active workspace if the user is still a member of it, else their first one.
  const member = await db
    .selectFrom('members')
    .select(['workspace_id', 'role'])
    .where('user_id', '=', session.user.id)
    .where('deactivated_at', 'is', null)
    .orderBy((eb) => eb('workspace_id', '=', active ?? '00000000-0000-0000-0000-000000000000'), 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!member) {
    return {
      kind: 'user-only',
      userId: session.user.id,
      name: session.user.name,
      email: session.user.email,
      sessionId: session.session.id,
    };
  }
  return {
    kind: 'member',
    workspaceId: member.workspace_id,
    viaCookie: true,
    sessionId: session.session.id,
    actor: {
      kind: 'user',
      userId: session.user.id,
      name: session.user.name,
      role: member.role as Role,
      apiKeyId: null,
    },
  };
}
