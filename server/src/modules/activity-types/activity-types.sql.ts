import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';

type Db = Kysely<DB>;

export type TypeRow = {
  id: string;
  kind: string;
  name: string | null;
  builtin: boolean;
  color: string | null;
  points: number;
  default_minutes: number | null;
  sort_order: number;
  archived_at: Date | null;
  version: number;
};

const cols = [
  'id',
  'kind',
  'name',
  'builtin',
  'color',
  'points',
  'default_minutes',
  'sort_order',
  'archived_at',
  'version',
] as const;

export const selectTypes = (db: Db, workspaceId: string, includeArchived: boolean): Promise<TypeRow[]> => {
  let q = db.selectFrom('activity_types').select(cols).where('workspace_id', '=', workspaceId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('sort_order').orderBy('created_at').orderBy('id').execute();
};

export const selectType = (
  db: Db,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TypeRow | undefined> => {
  let q = db.selectFrom('activity_types').select(cols).where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
};

export async function nextSortOrder(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('activity_types')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export const insertType = (
  db: Db,
  row: {
    workspace_id: string;
    id: string;
    kind: string;
    name: string;
    color: string | null;
    points: number;
    default_minutes: number | null;
    sort_order: number;
  },
) => db.insertInto('activity_types').values(row).execute();

export const updateType = (
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<Pick<TypeRow, 'name' | 'color' | 'points' | 'default_minutes' | 'sort_order' | 'archived_at'>>,
) =>
  db
    .updateTable('activity_types')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

type Change = { field: string; old: unknown; new: unknown };

/** Audit rows of a change to an activity type (entity `activity_type`), in the transaction of the change. */
export async function insertTypeAudit(
  db: Db,
  e: {
    workspaceId: string;
    actor: Actor;
    typeId: string;
    action: 'create' | 'update' | 'delete' | 'restore';
    changes: Change[];
  },
) {
  const base = {
    workspace_id: e.workspaceId,
    entity: 'activity_type',
    entity_id: e.typeId,
    action: e.action,
    actor_id: e.actor.userId,
    actor_kind: e.actor.kind,
  };
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const rows =
    e.changes.length > 0
      ? e.changes.map((c) => ({ ...base, id: newId(), field: c.field, old_value: json(c.old), new_value: json(c.new) }))
      : [{ ...base, id: newId(), field: null, old_value: null, new_value: null }];
  await db.insertInto('audit_log').values(rows).execute();
}
