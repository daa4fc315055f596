import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { searchMatch } from '../../lib/list.ts';

export type HitRow = { id: string; title: string; subtitle: string | null };

// Shorter matches first: "Nor" ranks "Nora AS" above "Nordic Solutions Holding ASA".
export async function searchCompanies(
  db: Kysely<DB>,
  workspaceId: string,
  q: string,
  limit: number,
  visible: RawBuilder<SqlBool>,
) {
  const { rows } = await sql<HitRow>`
    select c.id, c.name as title, coalesce(c.org_number, c.email) as subtitle
    from companies c
    where c.workspace_id = ${workspaceId} and c.deleted_at is null and ${visible}
      and ${searchMatch(sql`c.search_text`, q)}
    order by length(c.name), lower(c.name), c.id
    limit ${limit}`.execute(db);
  return rows;
}

export async function searchContacts(
  db: Kysely<DB>,
  workspaceId: string,
  q: string,
  limit: number,
  visible: { contact: RawBuilder<SqlBool>; company: RawBuilder<SqlBool> },
) {
  const { rows } = await sql<HitRow>`
    select ct.id, trim(ct.first_name || ' ' || ct.last_name) as title,
      coalesce(case when ${visible.company} then co.name end, ct.email, ct.phone) as subtitle
    from contacts ct
    left join companies co on co.workspace_id = ct.workspace_id and co.id = ct.company_id
    where ct.workspace_id = ${workspaceId} and ct.deleted_at is null and ${visible.contact}
      and ${searchMatch(sql`ct.search_text`, q)}
    order by length(ct.last_name || ct.first_name), lower(ct.last_name), ct.id
    limit ${limit}`.execute(db);
  return rows;
}
