import type { companyFilterFields, companySortFields } from '@rapport/contracts/companies.ts';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldDef, Ordering, SortDef } from '../../lib/list.ts';
import { escapeLike, keysetCondition, orderBySql, sortKeySql } from '../../lib/list.ts';
import { companyCategoryIdsSql, visibleCustomFieldsSql } from '../categories/categories.sql.ts';
import { moveCompanyRelations } from '../relations/relations.sql.ts';
import type { ActivityColumnRow, CompanyActivityOrder } from './company-list-activity.ts';

export type CompanyRow = {
  id: string;
  customer_number: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  industry: string | null;
  visibility: string;
  payment_terms_days: number | null;
  currency: string | null;
  phones: unknown;
  emails: unknown;
  addresses: unknown;
  merged_into: string | null;
  org_number: string | null;
  country: string | null;
  type: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  owner_id: string;
  owner_name: string | null;
  contact_count: number;
  category_ids: string[];
  custom_fields: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

export const companySorts: Record<(typeof companySortFields)[number], SortDef> = {
  name: { sql: sql`lower(c.name)`, kind: 'text' },
  customerNumber: { sql: sql`c.customer_number`, kind: 'number' },
  industry: { sql: sql`coalesce(lower(c.industry), '')`, kind: 'text' },
  orgNumber: { sql: sql`coalesce(c.org_number, '')`, kind: 'text' },
  country: { sql: sql`coalesce(c.country, '')`, kind: 'text' },
  type: { sql: sql`c.type`, kind: 'text' },
  createdAt: { sql: sql`c.created_at`, kind: 'timestamp' },
  updatedAt: { sql: sql`c.updated_at`, kind: 'timestamp' },
};

export const companyFilters: Record<(typeof companyFilterFields)[number], FieldDef> = {
  name: { sql: sql`c.name`, kind: 'text' },
  orgNumber: { sql: sql`c.org_number`, kind: 'text' },
  country: { sql: sql`c.country`, kind: 'text' },
  type: { sql: sql`c.type`, kind: 'enum', values: ['customer', 'supplier', 'private'] },
  email: { sql: sql`c.email`, kind: 'text' },
  phone: { sql: sql`c.phone`, kind: 'text' },
  ownerId: { sql: sql`c.owner_id`, kind: 'uuid' },
  industry: { sql: sql`c.industry`, kind: 'text' },
  visibility: { sql: sql`c.visibility`, kind: 'enum', values: ['everyone', 'owner'] },
  customerNumber: { sql: sql`c.customer_number`, kind: 'number' },
  createdAt: { sql: sql`c.created_at`, kind: 'timestamp' },
  updatedAt: { sql: sql`c.updated_at`, kind: 'timestamp' },
};

/** The columns of a company card; contacts are counted as the reader can see them. */
const columns = (
  workspaceId: string,
  visibleContact: RawBuilder<SqlBool>,
) => sql`c.id, c.customer_number, c.name, c.first_name, c.last_name,
  c.industry, c.visibility, c.payment_terms_days, c.currency, c.phones, c.emails, c.addresses, c.merged_into,
  c.org_number, c.country, c.type, c.phone, c.email, c.website, c.owner_id,
  u.name as owner_name, c.version, c.created_at, c.updated_at, c.deleted_at,
  (select count(*) from contacts ct
    where ct.workspace_id = c.workspace_id and ct.company_id = c.id and ct.deleted_at is null
      and ${visibleContact}) as contact_count,
  ${companyCategoryIdsSql} as category_ids, ${visibleCustomFieldsSql(workspaceId)} as custom_fields`;

export async function selectCompanyPage(
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
): Promise<(CompanyRow & ActivityColumnRow & { sort_key: string })[]> {
  const where = [
    sql<SqlBool>`c.workspace_id = ${workspaceId}`,
    opts.visible.company,
    opts.deleted ? sql<SqlBool>`c.deleted_at is not null` : sql<SqlBool>`c.deleted_at is null`,
    ...opts.conditions,
  ];
  const result = await sql<CompanyRow & ActivityColumnRow & { sort_key: string }>`
    select ${columns(workspaceId, opts.visible.contact)}, ${opts.extra ? sql`${opts.extra},` : sql``}
      ${sortKeySql(opts.order)} as sort_key
    from companies c left join users u on u.id = c.owner_id
    where ${sql.join(where, sql` and `)}
    order by ${orderBySql(opts.order, sql`c.id`)}
    limit ${opts.limit + 1}`.execute(db);
  return result.rows;
}

/**
 * A page of companies sorted by next or last activity in its natural direction (`CompanyActivityOrder`): first
 * the companies that have a value, read from the activities in index order, one activity per company; then,
 * after them, those without one, by id. Both parts take the same keyset cursor.
 */
export async function selectCompanyPageByActivity(
  db: Kysely<DB>,
  workspaceId: string,
  opts: {
    deleted: boolean;
    visible: Visible;
    conditions: RawBuilder<SqlBool>[];
    order: Ordering;
    cursor: string | undefined;
    limit: number;
    by: CompanyActivityOrder;
    extra: RawBuilder<unknown> | null;
  },
): Promise<(CompanyRow & ActivityColumnRow & { sort_key: string })[]> {
  const { by } = opts;
  const company = [
    sql<SqlBool>`c.workspace_id = ${workspaceId}`,
    opts.visible.company,
    opts.deleted ? sql<SqlBool>`c.deleted_at is not null` : sql<SqlBool>`c.deleted_at is null`,
    ...opts.conditions,
  ];
  const dir = by.desc ? sql`desc` : sql`asc`;
  const select = (value: RawBuilder<unknown>) =>
    sql`${columns(workspaceId, opts.visible.contact)}, ${opts.extra ? sql`${opts.extra},` : sql``}
      ${sortKeySql({ ...opts.order, def: { sql: value, kind: 'timestamp' } })} as sort_key`;
  const withValue = { ...opts.order, def: { sql: by.value, kind: 'timestamp' as const } };
  const keyset1 = keysetCondition(withValue, opts.cursor, sql`c.id`);
  const first = await sql<CompanyRow & ActivityColumnRow & { sort_key: string }>`
    select ${select(by.value)}
    from activities a
      join companies c on c.workspace_id = a.workspace_id and c.id = a.company_id
      left join users u on u.id = c.owner_id
    where a.workspace_id = ${workspaceId} and ${by.candidate} and ${by.visible} and ${by.first}
      and ${sql.join(company, sql` and `)} ${keyset1 ? sql`and ${keyset1}` : sql``}
    order by ${by.value} ${dir}, c.id ${dir}
    limit ${opts.limit + 1}`.execute(db);
  if (first.rows.length > opts.limit) return first.rows;
  const withNone = { ...opts.order, def: { sql: by.none, kind: 'timestamp' as const } };
  const keyset2 = keysetCondition(withNone, opts.cursor, sql`c.id`);
  const rest = await sql<CompanyRow & ActivityColumnRow & { sort_key: string }>`
    select ${select(by.none)}
    from companies c left join users u on u.id = c.owner_id
    where ${sql.join(company, sql` and `)} ${keyset2 ? sql`and ${keyset2}` : sql``}
      and not exists (select 1 from activities a
        where a.workspace_id = c.workspace_id and a.company_id = c.id and ${by.candidate} and ${by.visible})
    order by c.id ${dir}
    limit ${opts.limit + 1 - first.rows.length}`.execute(db);
  return [...first.rows, ...rest.rows];
}

export async function selectCompany(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  opts: { includeDeleted: boolean; visible: Visible; forUpdate?: boolean },
): Promise<CompanyRow | undefined> {
  const result = await sql<CompanyRow>`
    select ${columns(workspaceId, opts.visible.contact)}
    from companies c left join users u on u.id = c.owner_id
    where c.workspace_id = ${workspaceId} and c.id = ${id} and ${opts.visible.company}
      ${opts.includeDeleted ? sql`` : sql`and c.deleted_at is null`}
      ${opts.forUpdate ? sql`for update of c` : sql``}`.execute(db);
  return result.rows[0];
}

/** Visibility conditions for the reader, on the aliases `c` (companies) and `ct` (contacts). */
export type Visible = { company: RawBuilder<SqlBool>; contact: RawBuilder<SqlBool> };

export type CompanyValues = {
  name: string;
  first_name: string | null;
  last_name: string | null;
  industry: string | null;
  visibility: string;
  payment_terms_days: number | null;
  currency: string | null;
  phones: string;
  emails: string;
  addresses: string;
  org_number: string | null;
  country: string | null;
  type: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  owner_id: string;
};

/** Takes the next number of a per-workspace counter (the row lock serialises concurrent creates). */
export async function nextNumber(db: Kysely<DB>, workspaceId: string, name: string): Promise<number> {
  const row = await sql<{ value: string }>`
    insert into workspace_counters (workspace_id, name, value) values (${workspaceId}, ${name}, 1)
    on conflict (workspace_id, name) do update set value = workspace_counters.value + 1
    returning value`.execute(db);
  return Number(row.rows[0]?.value);
}

/** Reserves `count` consecutive numbers of a counter and returns the first. */
export async function reserveNumbers(
  db: Kysely<DB>,
  workspaceId: string,
  name: string,
  count: number,
): Promise<number> {
  const row = await sql<{ value: string }>`
    insert into workspace_counters (workspace_id, name, value) values (${workspaceId}, ${name}, ${count})
    on conflict (workspace_id, name) do update set value = workspace_counters.value + ${count}
    returning value`.execute(db);
  return Number(row.rows[0]?.value) - count + 1;
}

export const insertCompany = (
  db: Kysely<DB>,
  row: CompanyValues & { workspace_id: string; id: string; created_by: string; customer_number: number },
) => db.insertInto('companies').values(row).execute();

export const updateCompany = (db: Kysely<DB>, workspaceId: string, id: string, values: Partial<CompanyValues>) =>
  db
    .updateTable('companies')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const setCompanyDeleted = (db: Kysely<DB>, workspaceId: string, id: string, deleted: boolean) =>
  db
    .updateTable('companies')
    .set({ deleted_at: deleted ? sql`now()` : null, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export type DuplicateProbe = {
  name: string | null;
  orgDigits: string | null;
  email: string | null;
  phoneDigits: string | null;
  excludeId: string | null;
};
export type DuplicateRow = { id: string; by_org: boolean; by_name: boolean; by_email: boolean; by_phone: boolean };

/**
 * Companies that look like the probe: the same organisation number (digits only), a similar name
 * (trigram word similarity), the same e-mail or phone. Each arm can use an index.
 */
export async function selectDuplicates(
  db: Kysely<DB>,
  workspaceId: string,
  visible: Visible,
  p: DuplicateProbe,
): Promise<DuplicateRow[]> {
  const byOrg = p.orgDigits ? sql<SqlBool>`rapport_digits(c.org_number) = ${p.orgDigits}` : sql<SqlBool>`false`;
  const byName = p.name ? sql<SqlBool>`rapport_search_text(${p.name}) <% c.search_text` : sql<SqlBool>`false`;
  const byEmail = p.email
    ? sql<SqlBool>`(c.search_text like ${`%${escapeLike(p.email)}%`}
        and (lower(c.email) = ${p.email} or c.emails @> ${JSON.stringify([{ value: p.email }])}::jsonb))`
    : sql<SqlBool>`false`;
  const byPhone = p.phoneDigits ? sql<SqlBool>`c.search_text like ${`%${p.phoneDigits}%`}` : sql<SqlBool>`false`;
  const { rows } = await sql<DuplicateRow>`
    select c.id, ${byOrg} as by_org, ${byName} as by_name, ${byEmail} as by_email, ${byPhone} as by_phone
    from companies c
    where c.workspace_id = ${workspaceId} and c.deleted_at is null and ${visible.company}
      ${p.excludeId ? sql`and c.id <> ${p.excludeId}` : sql``}
      and (${byOrg} or ${byName} or ${byEmail} or ${byPhone})
    order by by_org desc, ${p.name ? sql`word_similarity(rapport_search_text(${p.name}), c.search_text) desc,` : sql``} c.id
    limit 10`.execute(db);
  return rows;
}

/** Everything linked to a company moves to the one it is merged into. */
export async function moveCompanyLinks(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`update contacts set company_id = ${toId}, version = version + 1, updated_at = now()
    where workspace_id = ${workspaceId} and company_id = ${fromId}`.execute(db);
  await sql`update notes set entity_id = ${toId}
    where workspace_id = ${workspaceId} and entity = 'company' and entity_id = ${fromId}`.execute(db);
  await sql`update documents set entity_id = ${toId}
    where workspace_id = ${workspaceId} and entity = 'company' and entity_id = ${fromId}`.execute(db);
  await moveCompanyRelations(db, workspaceId, fromId, toId);
}

export const markMerged = (db: Kysely<DB>, workspaceId: string, id: string, into: string) =>
  db
    .updateTable('companies')
    .set({ deleted_at: sql`now()`, merged_into: into, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
