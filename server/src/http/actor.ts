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

/**
 * Resolved API keys, for a few seconds: a key is read from the database once per KEY_CACHE_MS instead
 * of on every request (an API client sends many in a row; the lookup was a whole round trip, about a
 * sixth of a list request). Revoking a key clears the cache of the process that revoked it at once;
 * another app process of the same database refuses it after at most KEY_CACHE_MS.
 */
const KEY_CACHE_MS = 5_000;
const keyCache = new Map<string, { until: number; resolved: Resolved }>();

/** Forgets every cached key: called when a key is revoked. */
export function forgetApiKeys() {
  keyCache.clear();
}

async function resolveApiKey(db: Kysely<DB>, key: string): Promise<Resolved> {
  const hash = hashApiKey(key);
  const now = Date.now();
  const hit = keyCache.get(hash);
  if (hit && hit.until > now) {
    if (hit.resolved.kind === 'member' && hit.resolved.actor.apiKeyId) noteKeyUse(db, hit.resolved.actor.apiKeyId);
    return hit.resolved;
  }
  // The "last used" time is written at most once a minute per key, off the request path, so API calls
  // do not each wait for a write to reach the disk.
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.created_by')
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .select(['api_keys.id', 'api_keys.workspace_id', 'api_keys.role', 'api_keys.created_by', 'users.name'])
    .executeTakeFirst();
  if (row) noteKeyUse(db, row.id);
  // Unknown keys are not cached: a guessing client must not fill the memory.
  if (!row?.created_by) return { kind: 'none' };
  const resolved: Resolved = {
    kind: 'member',
    workspaceId: row.workspace_id,
    viaCookie: false,
    sessionId: null,
    actor: { kind: 'api_key', userId: row.created_by, name: row.name, role: row.role as Role, apiKeyId: row.id },
  };
  if (keyCache.size >= 1_000) keyCache.clear();
  keyCache.set(hash, { until: now + KEY_CACHE_MS, resolved });
  return resolved;
}

/** Works out the caller from `Authorization: Bearer <api key>` or the session cookie. */
export async function resolveCaller(req: FastifyRequest, db: Kysely<DB>, auth: Auth): Promise<Resolved> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    return resolveApiKey(db, header.slice(7).trim());
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
