import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';

export type Change = { field: string; old: unknown; new: unknown };
export type AuditEvent = {
  workspaceId: string;
  actor: Actor;
  /** What the record is: company, contact, activity, category, resource, … */
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  changes?: Change[];
};

const insertInto = sql`insert into audit_log
  (workspace_id, id, entity, entity_id, action, field, old_value, new_value, actor_id, actor_kind)`;

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * The audit rows of one change as one INSERT over arrays, so a write can carry its history inside its own
 * statement (`with history as (...)`): one round trip, and atomic without an explicit transaction.
 */
export function auditInsertSql(
  e: AuditEvent,
  /** Writes the rows only when this holds, e.g. `exists (select from ct)` when the write may write nothing. */
  onlyIf?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const changes: { field: string | null; old: unknown; new: unknown }[] =
    e.changes && e.changes.length > 0 ? e.changes : [{ field: null, old: undefined, new: undefined }];
  return sql`${insertInto}
    select ${e.workspaceId}::uuid, h.id, ${e.entity}, ${e.entityId}::uuid, ${e.action}, h.field, h.old_value::jsonb,
      h.new_value::jsonb, ${e.actor.userId}::uuid, ${e.actor.kind}
    from unnest(${changes.map(() => newId())}::uuid[], ${changes.map((c) => c.field)}::text[],
      ${changes.map((c) => json(c.old))}::text[], ${changes.map((c) => json(c.new))}::text[])
      as h(id, field, old_value, new_value)
    ${onlyIf ? sql`where ${onlyIf}` : sql``}`;
}

/**
 * The audit rows of an update whose old and new values live in the statement itself (`from` names the
 * rows holding them): one row per field whose value differs, as `diff` would give, worked out by the
 * database in the same statement as the update.
 */
export function auditChangesSql(e: {
  workspaceId: string;
  actor: Actor;
  entity: string;
  entityId: string;
  from: RawBuilder<unknown>;
  fields: { field: string; old: RawBuilder<unknown>; new: RawBuilder<unknown> }[];
}): RawBuilder<unknown> {
  const asJson = (v: RawBuilder<unknown>) => sql`coalesce(to_jsonb(${v}), 'null'::jsonb)`;
  const rows = e.fields.map((f) => sql`(${newId()}::uuid, ${f.field}, ${asJson(f.old)}, ${asJson(f.new)})`);
  return sql`${insertInto}
    select ${e.workspaceId}::uuid, h.id, ${e.entity}, ${e.entityId}::uuid, 'update', h.field, h.old_value,
      h.new_value, ${e.actor.userId}::uuid, ${e.actor.kind}
    from ${e.from}, lateral (values ${sql.join(rows)}) as h(id, field, old_value, new_value)
    where h.old_value is distinct from h.new_value`;
}

/** Writes the audit rows of one change; call it with the transaction that made the change. */
export async function insertAudit(db: Kysely<DB>, e: AuditEvent): Promise<void> {
  await auditInsertSql(e).execute(db);
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
