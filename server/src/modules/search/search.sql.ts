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

export type ActivityHitRow = {
  id: string;
  title: string;
  kind: string;
  subtitle: string | null;
  starts_at: Date | null;
  done: boolean;
};

/**
 * The caller's activities (their own and those they take part in) whose title or place contain the text,
 * nearest in time first. Everyone's would be a quarter of all activities for three common letters; one
 * person's matches are few, and the owner's come from one GIN index on (owner, trigrams).
 */
export async function searchActivities(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string,
  key: string,
  limit: number,
  visible: RawBuilder<SqlBool>,
): Promise<ActivityHitRow[]> {
  if (key.length < SUBSTRING_MIN) return [];
  const like = `%${escapeLike(key)}%`;
  const { rows } = await sql<ActivityHitRow>`
    select a.id, a.title, a.kind, coalesce(co.name, a.location) as subtitle, a.starts_at, a.done_at is not null as done
    from activities a
    left join companies co on co.workspace_id = a.workspace_id and co.id = a.company_id
    where a.workspace_id = ${workspaceId} and a.id in (
        select o.id from activities o
        where o.workspace_id = ${workspaceId} and o.owner_id = ${userId} and o.deleted_at is null and o.search_text like ${like}
        union
        select p.activity_id from activity_participants p
          join activities o on o.workspace_id = p.workspace_id and o.id = p.activity_id
        where p.workspace_id = ${workspaceId} and p.user_id = ${userId} and o.deleted_at is null
          and o.search_text like ${like})
      and ${visible}
    order by abs(extract(epoch from (a.starts_at - now()))) nulls last, a.id
    limit ${limit}`.execute(db);
  return rows;
}
