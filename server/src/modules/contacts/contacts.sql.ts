import type { contactFilterFields, contactSortFields } from '@rapport/contracts/contacts.ts';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldDef, Ordering, SortDef } from '../../lib/list.ts';
import { escapeLike, orderBySql, sortKeySql } from '../../lib/list.ts';
import type { ActivityColumnRow } from '../companies/company-list-activity.ts';
import { moveContactRelations } from '../relations/relations.sql.ts';

export type ContactRow = {
  id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  company_name: string | null;
  owner_id: string;
  owner_name: string | null;
  visibility: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  merged_into: string | null;
};

// Sorting by last name breaks ties by first name; one expression index (see migration 0003) serves it.
export const contactSorts: Record<(typeof contactSortFields)[number], SortDef> = {
  lastName: { sql: sql`lower(ct.last_name) || chr(1) || lower(ct.first_name)`, kind: 'text' },
  firstName: { sql: sql`lower(ct.first_name)`, kind: 'text' },
  email: { sql: sql`coalesce(lower(ct.email), '')`, kind: 'text' },
  createdAt: { sql: sql`ct.created_at`, kind: 'timestamp' },
  updatedAt: { sql: sql`ct.updated_at`, kind: 'timestamp' },
};

export const contactFilters: Record<(typeof contactFilterFields)[number], FieldDef> = {
  firstName: { sql: sql`ct.first_name`, kind: 'text' },
  lastName: { sql: sql`ct.last_name`, kind: 'text' },
  email: { sql: sql`ct.email`, kind: 'text' },
  phone: { sql: sql`ct.phone`, kind: 'text' },
  title: { sql: sql`ct.title`, kind: 'text' },
  companyId: { sql: sql`ct.company_id`, kind: 'uuid' },
  ownerId: { sql: sql`ct.owner_id`, kind: 'uuid' },
  visibility: { sql: sql`ct.visibility`, kind: 'enum', values: ['everyone', 'owner'] },
  createdAt: { sql: sql`ct.created_at`, kind: 'timestamp' },
};

/** Visibility conditions for the reader, on the aliases `ct` (contacts) and `co` (their companies). */
export type Visible = { contact: RawBuilder<SqlBool>; company: RawBuilder<SqlBool> };

// The company of a contact shows only when the reader may see that company.
const columns = (v: Visible) => sql`ct.id, ct.first_name, ct.last_name, ct.title, ct.email, ct.phone,
  case when ${v.company} then ct.company_id end as company_id,
  case when ${v.company} then co.name end as company_name,
  ct.owner_id, u.name as owner_name, ct.visibility, ct.version, ct.created_at, ct.updated_at, ct.deleted_at,
  ct.merged_into`;
const from = sql`contacts ct
  left join companies co on co.workspace_id = ct.workspace_id and co.id = ct.company_id
  left join users u on u.id = ct.owner_id`;

export async function selectContactPage(
  db: Kysely<DB>,
  workspaceId: string,
  opts: {
    deleted: boolean;
    visible: Visible;
    conditions: RawBuilder<SqlBool>[];
    order: Ordering;
    limit: number;
    /** Computed columns the list asked for (next / last activity), or null. */
    extra?: RawBuilder<unknown> | null;
  },
): Promise<(ContactRow & ActivityColumnRow & { sort_key: string })[]> {
  const where = [
    sql<SqlBool>`ct.workspace_id = ${workspaceId}`,
    opts.visible.contact,
    opts.deleted ? sql<SqlBool>`ct.deleted_at is not null` : sql<SqlBool>`ct.deleted_at is null`,
    ...opts.conditions,
  ];
  const result = await sql<ContactRow & ActivityColumnRow & { sort_key: string }>`
    select ${columns(opts.visible)}, ${opts.extra ? sql`${opts.extra},` : sql``} ${sortKeySql(opts.order)} as sort_key
    from ${from}
    where ${sql.join(where, sql` and `)}
    order by ${orderBySql(opts.order, sql`ct.id`)}
    limit ${opts.limit + 1}`.execute(db);
  return result.rows;
}

export async function selectContact(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: { includeDeleted: boolean; visible: Visible; forUpdate?: boolean },
): Promise<ContactRow | undefined> {
  const result = await sql<ContactRow>`
    select ${columns(opts.visible)}
    from ${from}
    where ct.workspace_id = ${workspaceId} and ct.id = ${id} and ${opts.visible.contact}
      ${opts.includeDeleted ? sql`` : sql`and ct.deleted_at is null`}
      ${opts.forUpdate ? sql`for update of ct` : sql``}`.execute(db);
  return result.rows[0];
}

export type ContactValues = {
  first_name: string;
  last_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  owner_id: string;
  visibility: string;
};

export const insertContact = (
  db: Kysely<DB>,
  row: ContactValues & { workspace_id: string; id: string; created_by: string },
) => db.insertInto('contacts').values(row).execute();

const readBack = (visible: Visible) => sql`select ${columns(visible)} from ct
    left join companies co on co.workspace_id = ct.workspace_id and co.id = ct.company_id
    left join users u on u.id = ct.owner_id
  where ${visible.contact}`;

/**
 * Inserts a contact, writes its history and reads it back as the writer sees it — one statement, so one
 * round trip and one commit. With a company, the contact is written only when that company is live and
 * visible to the writer (checked in the same statement). Nothing comes back when nothing was written or
 * the writer may not see the new contact.
 */
export async function insertContactWithHistory(
  db: Kysely<DB>,
  row: ContactValues & { workspace_id: string; id: string; created_by: string },
  history: (onlyIf: RawBuilder<unknown>) => RawBuilder<unknown>,
  visible: Visible,
): Promise<ContactRow | undefined> {
  const cols = Object.keys(row) as (keyof typeof row)[];
  const companyLive = row.company_id
    ? sql`where exists (select 1 from companies co where co.workspace_id = ${row.workspace_id}
        and co.id = ${row.company_id} and co.deleted_at is null and ${visible.company})`
    : sql``;
  const result = await sql<ContactRow>`
    with ct as (
      insert into contacts (${sql.join(cols.map((c) => sql.ref(c)))})
      select ${sql.join(cols.map((c) => sql`${row[c]}::${sql.raw(CAST[c])}`))} ${companyLive}
      returning *
    ), history as (${history(sql`exists (select from ct)`)})
    ${readBack(visible)}`.execute(db);
  return result.rows[0];
}

const CAST: Record<keyof ContactValues | 'workspace_id' | 'id' | 'created_by', string> = {
  workspace_id: 'uuid',
  id: 'uuid',
  created_by: 'uuid',
  first_name: 'text',
  last_name: 'text',
  title: 'text',
  email: 'text',
  phone: 'text',
  company_id: 'uuid',
  owner_id: 'uuid',
  visibility: 'text',
};

/** Changes a contact (version + 1), writes its history and reads it back as the writer sees it, in one statement. */
export async function updateContactWithHistory(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: Partial<ContactValues>,
  history: RawBuilder<unknown>,
  visible: Visible,
): Promise<ContactRow | undefined> {
  const set = Object.entries(values).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
  const result = await sql<ContactRow>`
    with ct as (
      update contacts set ${sql.join(set)}, version = version + 1, updated_at = now()
      where workspace_id = ${workspaceId} and id = ${id}
      returning *
    ), history as (${history})
    ${readBack(visible)}`.execute(db);
  return result.rows[0];
}

/**
 * The usual update in one statement: reads the contact as the writer sees it, changes it only when it is
 * still at `version` and a value differs, writes one history row per changed field, and reads it back.
 * Nothing comes back when any of that does not hold (not found, not visible, another version, nothing to
 * change): the caller then takes the careful path, which tells those cases apart.
 */
export async function updateContactAtVersion(
  db: Kysely<DB>,
  opts: {
    workspaceId: string;
    id: string;
    version: number;
    /**
     * Contract field name → column and new value. Not the company: its old value is shown only to those who
     * may see that company, which this statement does not work out.
     */
    changes: { field: string; column: Exclude<keyof ContactValues, 'company_id'>; value: unknown }[];
    visible: Visible;
    history: (
      from: RawBuilder<unknown>,
      fields: { field: string; old: RawBuilder<unknown>; new: RawBuilder<unknown> }[],
    ) => RawBuilder<unknown>;
  },
): Promise<ContactRow | undefined> {
  const { workspaceId, id, version, changes, visible } = opts;
  const set = changes.map((c) => sql`${sql.ref(c.column)} = ${c.value}`);
  const history = opts.history(
    sql`before b join ct c on true`,
    changes.map((c) => ({ field: c.field, old: sql.ref(`b.${c.column}`), new: sql.ref(`c.${c.column}`) })),
  );
  const result = await sql<ContactRow>`
    with before as (
      select ct.* from contacts ct
      where ct.workspace_id = ${workspaceId} and ct.id = ${id} and ct.deleted_at is null and ${visible.contact}
    ), ct as (
      update contacts c set ${sql.join(set)}, version = c.version + 1, updated_at = now()
      from before b
      where c.workspace_id = ${workspaceId} and c.id = ${id} and c.deleted_at is null and c.version = ${version}
        and (${sql.join(
          changes.map((ch) => sql`${sql.ref(`b.${ch.column}`)} is distinct from ${ch.value}`),
          sql` or `,
        )})
      returning c.*
    ), history as (${history})
    ${readBack(visible)}`.execute(db);
  return result.rows[0];
}

export const updateContact = (db: Kysely<DB>, workspaceId: string, id: string, values: Partial<ContactValues>) =>
  db
    .updateTable('contacts')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const setContactDeleted = (db: Kysely<DB>, workspaceId: string, id: string, deleted: boolean) =>
  db
    .updateTable('contacts')
    .set({ deleted_at: deleted ? sql`now()` : null, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

/** A contact may only point at a live company of the same workspace that the writer can see. */
export const companyIsLive = async (db: Kysely<DB>, workspaceId: string, companyId: string, visible: Visible) =>
  (
    await sql`select 1 from companies co
      where co.workspace_id = ${workspaceId} and co.id = ${companyId} and co.deleted_at is null and ${visible.company}`.execute(
      db,
    )
  ).rows.length > 0;

export type ContactDuplicateRow = { id: string; by_email: boolean; by_phone: boolean; by_name: boolean };

/** Live, visible contacts with the same e-mail, the same phone digits, or (within one company) a close name. */
export async function selectContactDuplicates(
  db: Kysely<DB>,
  workspaceId: string,
  visible: Visible,
  p: {
    email: string | null;
    phoneDigits: string | null;
    name: string | null;
    companyId: string | null;
    excludeId: string | null;
  },
): Promise<ContactDuplicateRow[]> {
  const byEmail = p.email ? sql<SqlBool>`lower(ct.email) = ${p.email}` : sql<SqlBool>`false`;
  const byPhone = p.phoneDigits
    ? sql<SqlBool>`(ct.search_text like ${`%${escapeLike(p.phoneDigits)}%`} and rapport_digits(ct.phone) like ${`%${escapeLike(p.phoneDigits.slice(-8))}`})`
    : sql<SqlBool>`false`;
  const byName =
    p.name && p.companyId
      ? sql<SqlBool>`(ct.company_id = ${p.companyId} and rapport_search_text(${p.name}) <% ct.search_text)`
      : p.name
        ? sql<SqlBool>`lower(ct.first_name || ' ' || ct.last_name) = lower(${p.name})`
        : sql<SqlBool>`false`;
  const { rows } = await sql<ContactDuplicateRow>`
    select ct.id, ${byEmail} as by_email, ${byPhone} as by_phone, ${byName} as by_name
    from contacts ct
    left join companies co on co.workspace_id = ct.workspace_id and co.id = ct.company_id
    where ct.workspace_id = ${workspaceId} and ct.deleted_at is null and ${visible.contact}
      ${p.excludeId ? sql`and ct.id <> ${p.excludeId}` : sql``}
      and (${byEmail} or ${byPhone} or ${byName})
    order by by_email desc, by_phone desc, ct.id
    limit 10`.execute(db);
  return rows;
}

/** Everything linked to a contact moves to the one it is merged into. */
export async function moveContactLinks(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`update notes set entity_id = ${toId}
    where workspace_id = ${workspaceId} and entity = 'contact' and entity_id = ${fromId}`.execute(db);
  await sql`update documents set entity_id = ${toId}
    where workspace_id = ${workspaceId} and entity = 'contact' and entity_id = ${fromId}`.execute(db);
  await moveContactRelations(db, workspaceId, fromId, toId);
}

export const markContactMerged = (db: Kysely<DB>, workspaceId: string, id: string, into: string) =>
  db
    .updateTable('contacts')
    .set({ deleted_at: sql`now()`, merged_into: into, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
