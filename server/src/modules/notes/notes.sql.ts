import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type NoteRow = {
  id: string;
  entity: string;
  entity_id: string;
  html: string;
  text: string;
  mentions: string[];
  author_id: string | null;
  author_name: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

const columns = sql`n.id, n.entity, n.entity_id, n.html, n.text, n.mentions, n.author_id, u.name as author_name,
  n.version, n.created_at, n.updated_at`;

export async function selectNotes(
  db: Kysely<DB>,
  workspaceId: string,
  entity: string,
  entityId: string,
  opts: { limit: number; before?: string | undefined },
): Promise<NoteRow[]> {
  const { rows } = await sql<NoteRow>`
    select ${columns}
    from notes n left join users u on u.id = n.author_id
    where n.workspace_id = ${workspaceId} and n.entity = ${entity} and n.entity_id = ${entityId}
      and n.deleted_at is null
      ${opts.before ? sql`and n.created_at < ${opts.before}::timestamptz` : sql``}
    order by n.created_at desc, n.id desc
    limit ${opts.limit + 1}`.execute(db);
  return rows;
}

export async function selectNote(db: Kysely<DB>, workspaceId: string, id: string, forUpdate = false) {
  const { rows } = await sql<NoteRow>`
    select ${columns}
    from notes n left join users u on u.id = n.author_id
    where n.workspace_id = ${workspaceId} and n.id = ${id} and n.deleted_at is null
    ${forUpdate ? sql`for update of n` : sql``}`.execute(db);
  return rows[0];
}

export const insertNote = (
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    id: string;
    entity: string;
    entity_id: string;
    html: string;
    text: string;
    mentions: string[];
    author_id: string;
  },
) => db.insertInto('notes').values(row).execute();

export const updateNote = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: { html: string; text: string; mentions: string[] },
) =>
  db
    .updateTable('notes')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const deleteNote = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db
    .updateTable('notes')
    .set({ deleted_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

/** Members of the workspace among the given user ids, with their e-mail addresses. */
export const membersAmong = (db: Kysely<DB>, workspaceId: string, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.email'])
        .where('m.workspace_id', '=', workspaceId)
        .where('u.id', 'in', userIds)
        .execute();
