import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type ViewRow = {
  id: string;
  entity: string;
  name: string;
  columns: string[];
  filters: string[];
  sort: string | null;
  q: string | null;
  shared: boolean;
  owner_id: string | null;
  owner_name: string | null;
  is_default: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

/** A reader sees shared views and their own personal ones; `is_default` is the reader's own choice. */
const select = (workspaceId: string, userId: string) => sql`
  select v.id, v.entity, v.name, v.columns, v.filters, v.sort, v.q, v.shared, v.owner_id, u.name as owner_name,
    (d.view_id is not null) as is_default, v.version, v.created_at, v.updated_at
  from saved_views v
  left join users u on u.id = v.owner_id
  left join saved_view_defaults d
    on d.workspace_id = v.workspace_id and d.user_id = ${userId} and d.entity = v.entity and d.view_id = v.id
  where v.workspace_id = ${workspaceId} and (v.shared or v.owner_id = ${userId})`;

export async function selectViews(db: Kysely<DB>, workspaceId: string, userId: string, entity: string) {
  const { rows } = await sql<ViewRow>`${select(workspaceId, userId)} and v.entity = ${entity}
    order by lower(v.name), v.id`.execute(db);
  return rows;
}

export async function selectView(db: Kysely<DB>, workspaceId: string, userId: string, id: string, forUpdate = false) {
  const { rows } = await sql<ViewRow>`${select(workspaceId, userId)} and v.id = ${id}
    ${forUpdate ? sql`for update of v` : sql``}`.execute(db);
  return rows[0];
}

export type ViewValues = {
  name: string;
  columns: string;
  filters: string;
  sort: string | null;
  q: string | null;
  shared: boolean;
};

export const insertView = (
  db: Kysely<DB>,
  row: ViewValues & { workspace_id: string; id: string; entity: string; owner_id: string },
) => db.insertInto('saved_views').values(row).execute();

export const updateView = (db: Kysely<DB>, workspaceId: string, id: string, values: Partial<ViewValues>) =>
  db
    .updateTable('saved_views')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const deleteView = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.deleteFrom('saved_views').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

/** One default per user and list: choosing another replaces it. */
export const setDefault = (db: Kysely<DB>, workspaceId: string, userId: string, entity: string, viewId: string) =>
  sql`insert into saved_view_defaults (workspace_id, user_id, entity, view_id)
    values (${workspaceId}, ${userId}, ${entity}, ${viewId})
    on conflict (workspace_id, user_id, entity) do update set view_id = excluded.view_id`.execute(db);

export const clearDefault = (db: Kysely<DB>, workspaceId: string, userId: string, viewId: string) =>
  db
    .deleteFrom('saved_view_defaults')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('view_id', '=', viewId)
    .execute();

/** When a view stops being shared, nobody but its creator can keep it as their default. */
export const clearOthersDefaults = (db: Kysely<DB>, workspaceId: string, viewId: string, ownerId: string) =>
  db
    .deleteFrom('saved_view_defaults')
    .where('workspace_id', '=', workspaceId)
    .where('view_id', '=', viewId)
    .where('user_id', '<>', ownerId)
    .execute();
