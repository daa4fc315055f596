import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';

export type Change = { field: string; old: unknown; new: unknown };
export type AuditEvent = {
  workspaceId: string;
  actor: Actor;
  entity: 'company' | 'contact';
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  changes?: Change[];
};

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Writes the audit rows of one change; call it with the transaction that made the change. */
export async function insertAudit(db: Kysely<DB>, e: AuditEvent): Promise<void> {
  const base = {
    workspace_id: e.workspaceId,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    actor_id: e.actor.userId,
    actor_kind: e.actor.kind,
  };
  const rows =
    e.changes && e.changes.length > 0
      ? e.changes.map((c) => ({ ...base, id: newId(), field: c.field, old_value: json(c.old), new_value: json(c.new) }))
      : [{ ...base, id: newId(), field: null, old_value: null, new_value: null }];
  await db.insertInto('audit_log').values(rows).execute();
}

export const listAudit = (db: Kysely<DB>, workspaceId: string, entity: string, entityId: string, limit: number) =>
  db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.entity',
      'a.entity_id',
      'a.action',
      'a.field',
      'a.old_value',
      'a.new_value',
      'a.actor_id',
      'u.name as actor_name',
      'a.at',
    ])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', entityId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();

/** Field-by-field difference between a stored record and a patch, in contract field names. */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>): Change[] {
  const changes: Change[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const same =
      typeof value === 'object' && value !== null
        ? JSON.stringify(before[field]) === JSON.stringify(value)
        : before[field] === value;
    if (!same) changes.push({ field, old: before[field] ?? null, new: value });
  }
  return changes;
}
