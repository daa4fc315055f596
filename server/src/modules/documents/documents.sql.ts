import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type DocumentRow = {
  id: string;
  entity: string;
  entity_id: string;
  name: string;
  description: string | null;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

/** Visibility conditions for the reader on the card aliases `c` (companies) and `ct` (contacts). */
export type CardVisible = { company: RawBuilder<SqlBool>; contact: RawBuilder<SqlBool> };

const columns = sql`d.id, d.entity, d.entity_id, d.name, d.description, d.content_type, d.size_bytes, d.sha256,
  d.storage_key, d.uploaded_by, u.name as uploaded_by_name, d.version, d.created_at, d.updated_at, d.deleted_at`;

/** Documents are seen only through their card: a live card the reader may see. */
const from = sql`documents d
  left join companies c on d.entity = 'company' and c.workspace_id = d.workspace_id and c.id = d.entity_id
  left join contacts ct on d.entity = 'contact' and ct.workspace_id = d.workspace_id and ct.id = d.entity_id
  left join users u on u.id = d.uploaded_by`;
const cardVisible = (v: CardVisible) => sql<SqlBool>`(
  (d.entity = 'company' and c.id is not null and c.deleted_at is null and ${v.company})
  or (d.entity = 'contact' and ct.id is not null and ct.deleted_at is null and ${v.contact}))`;

export async function selectCardDocuments(
  db: Kysely<DB>,
  workspaceId: string,
  opts: { entity: string; entityId: string; deleted: boolean; visible: CardVisible; cursor?: string; limit: number },
): Promise<DocumentRow[]> {
  const { rows } = await sql<DocumentRow>`
    select ${columns}
    from ${from}
    where d.workspace_id = ${workspaceId} and d.entity = ${opts.entity} and d.entity_id = ${opts.entityId}
      and ${opts.deleted ? sql`d.deleted_at is not null` : sql`d.deleted_at is null`}
      and ${cardVisible(opts.visible)}
      ${opts.cursor ? sql`and d.id < ${opts.cursor}::uuid` : sql``}
    order by d.id desc
    limit ${opts.limit + 1}`.execute(db);
  return rows;
}

export async function selectDocument(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: { visible: CardVisible; deleted: boolean | 'any'; forUpdate?: boolean },
): Promise<DocumentRow | undefined> {
  const deleted =
    opts.deleted === 'any' ? sql`` : opts.deleted ? sql`and d.deleted_at is not null` : sql`and d.deleted_at is null`;
  const { rows } = await sql<DocumentRow>`
    select ${columns}
    from ${from}
    where d.workspace_id = ${workspaceId} and d.id = ${id} ${deleted} and ${cardVisible(opts.visible)}
    ${opts.forUpdate ? sql`for update of d` : sql``}`.execute(db);
  return rows[0];
}

export const insertDocument = (
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    id: string;
    entity: string;
    entity_id: string;
    name: string;
    description: string | null;
    content_type: string;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    uploaded_by: string;
  },
) => db.insertInto('documents').values(row).execute();

export const updateDocument = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: { name?: string; description?: string | null },
) =>
  db
    .updateTable('documents')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const setDocumentDeleted = (db: Kysely<DB>, workspaceId: string, id: string, deleted: boolean) =>
  db
    .updateTable('documents')
    .set({ deleted_at: deleted ? sql`now()` : null, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
