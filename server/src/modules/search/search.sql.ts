import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escapeLike } from '../../lib/list.ts';

export type HitRow = { id: string; title: string; subtitle: string | null };

/** The query as the search columns store text: lower case, without accents (PostgreSQL's unaccent). */
export async function searchKey(db: Kysely<DB>, q: string): Promise<string> {
  const { rows } = await sql<{ key: string }>`select rapport_search_text(${q}) as key`.execute(db);
  return rows[0]?.key ?? '';
}

/** Substring matches need three characters: shorter text only matches the start of names. */
const SUBSTRING_MIN = 3;

/**
 * Names that start with the text first, in alphabetical order, read straight from the name index;
 * then, to fill the page, records containing the text anywhere (name, e-mail, phone, org number),
 * found through the trigram index.
 */
export async function searchCompanies(
  db: Kysely<DB>,
  workspaceId: string,
  key: string,
  limit: number,
  visible: RawBuilder<SqlBool>,
) {
  const prefix = `${escapeLike(key)}%`;
  const { rows } = await sql<HitRow>`
    select c.id, c.name as title, coalesce(c.org_number, c.email) as subtitle
    from companies c
    where c.workspace_id = ${workspaceId} and c.deleted_at is null and ${visible}
      and (c.name_key collate "C") like ${prefix}
    order by (c.name_key collate "C"), c.id
    limit ${limit}`.execute(db);
  if (rows.length >= limit || key.length < SUBSTRING_MIN) return rows;
  const { rows: more } = await sql<HitRow>`
    select c.id, c.name as title, coalesce(c.org_number, c.email) as subtitle
    from companies c
    where c.workspace_id = ${workspaceId} and c.deleted_at is null and ${visible}
      and c.search_text like ${`%${escapeLike(key)}%`}
      and not ((c.name_key collate "C") like ${prefix})
    limit ${limit - rows.length}`.execute(db);
  return [...rows, ...more];
}

export async function searchContacts(
  db: Kysely<DB>,
  workspaceId: string,
  key: string,
  limit: number,
  visible: { contact: RawBuilder<SqlBool>; company: RawBuilder<SqlBool> },
) {
  const prefix = `${escapeLike(key)}%`;
  const columns = sql`ct.id, trim(ct.first_name || ' ' || ct.last_name) as title,
      coalesce(case when ${visible.company} then co.name end, ct.email, ct.phone) as subtitle`;
  const from = sql`contacts ct left join companies co on co.workspace_id = ct.workspace_id and co.id = ct.company_id`;
  const live = sql`ct.workspace_id = ${workspaceId} and ct.deleted_at is null and ${visible.contact}`;
  // First name (or the whole name) or last name starting with the text.
  const { rows } = await sql<HitRow & { sort_key: string }>`
    select id, title, subtitle from (
      (select ${columns}, (ct.name_key collate "C") as sort_key from ${from}
        where ${live} and (ct.name_key collate "C") like ${prefix}
        order by (ct.name_key collate "C"), ct.id limit ${limit})
      union
      (select ${columns}, (ct.last_name_key collate "C") as sort_key from ${from}
        where ${live} and (ct.last_name_key collate "C") like ${prefix}
        order by (ct.last_name_key collate "C"), ct.id limit ${limit})
    ) hits
    order by sort_key, id
    limit ${limit}`.execute(db);
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
  if (unique.length >= limit || key.length < SUBSTRING_MIN) return unique;
  const { rows: more } = await sql<HitRow>`
    select ${columns} from ${from}
    where ${live} and ct.search_text like ${`%${escapeLike(key)}%`}
      and not ((ct.name_key collate "C") like ${prefix}) and not ((ct.last_name_key collate "C") like ${prefix})
    limit ${limit - unique.length}`.execute(db);
  return [...unique, ...more];
}
