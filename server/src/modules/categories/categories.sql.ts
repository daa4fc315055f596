import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { insertAudit } from '../audit/audit.sql.ts';

export type CategoryRow = {
  id: string;
  name: string;
  colour: string;
  description: string | null;
  sort_order: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

export type FieldRow = {
  id: string;
  category_id: string;
  key: string;
  label: string;
  type: string;
  options: unknown;
  currency: string | null;
  required: boolean;
  sort_order: number;
  deleted_at: Date | null;
};

const categoryColumns = sql`k.id, k.name, k.colour, k.description, k.sort_order, k.version, k.created_at,
  k.updated_at, k.deleted_at`;
const fieldColumns = sql`f.id, f.category_id, f.key, f.label, f.type, f.options, f.currency, f.required,
  f.sort_order, f.deleted_at`;

/** Serialises changes to the category set of a workspace (the limit and the names) without locking the workspace row. */
export async function lockCategories(db: Kysely<DB>, workspaceId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`categories:${workspaceId}`}, 0))`.execute(db);
}

export async function selectCategories(db: Kysely<DB>, workspaceId: string, deleted: boolean) {
  const { rows } = await sql<CategoryRow>`
    select ${categoryColumns} from categories k
    where k.workspace_id = ${workspaceId} and ${deleted ? sql`k.deleted_at is not null` : sql`k.deleted_at is null`}
    order by ${deleted ? sql`k.deleted_at desc` : sql`k.sort_order`}, k.id`.execute(db);
  return rows;
}

export async function selectCategory(db: Kysely<DB>, workspaceId: string, id: string, forUpdate = false) {
  const { rows } = await sql<CategoryRow>`
    select ${categoryColumns} from categories k where k.workspace_id = ${workspaceId} and k.id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0];
}

/** Fields of the given categories, removed ones included (`deleted_at`), in display order. */
export async function selectFields(db: Kysely<DB>, workspaceId: string, categoryIds: string[]) {
  if (categoryIds.length === 0) return [];
  const { rows } = await sql<FieldRow>`
    select ${fieldColumns} from custom_fields f
    where f.workspace_id = ${workspaceId} and f.category_id = any(${categoryIds}::uuid[])
    order by f.category_id, f.sort_order, f.id`.execute(db);
  return rows;
}

/**
 * Active categories and all their fields: what a company write is checked against, and what lists filter and sort
 * on (through `definitionsForLists`, which keeps them a few seconds).
 */
export async function selectDefinitions(db: Kysely<DB>, workspaceId: string) {
  const categories = await selectCategories(db, workspaceId, false);
  const { rows: fields } = await sql<FieldRow>`
    select ${fieldColumns} from custom_fields f
      join categories k on k.workspace_id = f.workspace_id and k.id = f.category_id and k.deleted_at is null
    where f.workspace_id = ${workspaceId}
    order by f.category_id, f.sort_order, f.id`.execute(db);
  return { categories, fields };
}

export async function countActiveCategories(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from categories where workspace_id = ${workspaceId} and deleted_at is null`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The active category that already has this name (any case), other than `exceptId`. */
export async function selectByName(db: Kysely<DB>, workspaceId: string, name: string, exceptId: string | null) {
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from categories
    where workspace_id = ${workspaceId} and deleted_at is null and lower(name) = lower(${name})
      ${exceptId ? sql`and id <> ${exceptId}` : sql``}`.execute(db);
  return rows[0];
}

export async function nextSortOrder(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select coalesce(max(sort_order), 0)::int + 1 as n from categories
    where workspace_id = ${workspaceId} and deleted_at is null`.execute(db);
  return rows[0]?.n ?? 1;
}

export type CategoryValues = { name: string; colour: string; description: string | null };

export const insertCategory = (
  db: Kysely<DB>,
  row: CategoryValues & { workspace_id: string; id: string; sort_order: number; created_by: string },
) => db.insertInto('categories').values(row).execute();

export const updateCategory = (db: Kysely<DB>, workspaceId: string, id: string, values: Partial<CategoryValues>) =>
  db
    .updateTable('categories')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const setCategoryDeleted = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  deleted: boolean,
  sortOrder?: number,
) =>
  db
    .updateTable('categories')
    .set({
      deleted_at: deleted ? sql`now()` : null,
      ...(sortOrder === undefined ? {} : { sort_order: sortOrder }),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

/** Puts the categories in the given order (1, 2, 3, …) and bumps the version of each one that moved. */
export async function setCategoryOrder(db: Kysely<DB>, workspaceId: string, ids: string[]) {
  await sql`
    update categories k set sort_order = o.n, version = k.version + 1, updated_at = now()
    from unnest(${ids}::uuid[]) with ordinality as o(id, n)
    where k.workspace_id = ${workspaceId} and k.id = o.id and k.sort_order <> o.n`.execute(db);
}

export type FieldValues = {
  key: string;
  label: string;
  type: string;
  options: string;
  currency: string | null;
  required: boolean;
  sort_order: number;
};

export const insertField = (
  db: Kysely<DB>,
  row: FieldValues & { workspace_id: string; id: string; category_id: string },
) => db.insertInto('custom_fields').values(row).execute();

export const updateField = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: Partial<FieldValues> & { deleted?: boolean },
) => {
  const { deleted, ...rest } = values;
  return db
    .updateTable('custom_fields')
    .set({
      ...rest,
      ...(deleted === undefined ? {} : { deleted_at: deleted ? sql`now()` : null }),
      updated_at: sql`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The index of a choice field's values (`createFieldIndex`); DDL takes no parameters, so the id is checked. */
function fieldIndexName(fieldId: string): string {
  if (!UUID.test(fieldId)) throw new Error(`Not a field id: ${fieldId}`);
  return `companies_cf_${fieldId.replaceAll('-', '')}`;
}

/**
 * An index per choice field (single select) over the companies that have a value, by value and name: the company
 * list filtered on one choice and sorted by name reads one range of it, where it tested every company in name
 * order (0.9 ms against 3.7 ms for the first 51 of 8,461 matches among 200,000 companies). It is built in the
 * field's own transaction, which holds back company writes meanwhile (about a second per 200,000 companies);
 * if writes in progress keep it waiting for 5 s, the change of the category fails and can be tried again.
 * The expressions are those of the list's filter (`company-list.ts`), so the planner can match them. A removed
 * field keeps its index, as the companies keep its values until it is restored: dropping an index would lock
 * every read of companies.
 */
export async function createFieldIndex(db: Kysely<DB>, fieldId: string) {
  const id = sql.lit(fieldId);
  await sql`set local lock_timeout = '5s'`.execute(db);
  await sql`create index if not exists ${sql.id(fieldIndexName(fieldId))}
    on companies (workspace_id, (custom_fields ->> ${id}), lower(name), id)
    where deleted_at is null and custom_fields ? ${id}`.execute(db);
}

/** Companies (in the trash too) whose value of a select or multi-select field is one of the options. */
export async function countOptionUse(
  db: Kysely<DB>,
  workspaceId: string,
  fieldId: string,
  optionIds: string[],
): Promise<{ option: string; n: number }[]> {
  if (optionIds.length === 0) return [];
  const { rows } = await sql<{ option: string; n: number }>`
    select o.option, count(c.id)::int as n
    from unnest(${optionIds}::text[]) as o(option)
    join companies c on c.workspace_id = ${workspaceId}
      and (c.custom_fields @> jsonb_build_object(${fieldId}::text, o.option)
        or c.custom_fields @> jsonb_build_object(${fieldId}::text, jsonb_build_array(o.option)))
    group by o.option`.execute(db);
  return rows;
}

/** History rows of a category definition (entity `category`), in the caller's transaction. */
export const insertCategoryAudit = (
  db: Kysely<DB>,
  e: {
    workspaceId: string;
    actor: Actor;
    categoryId: string;
    action: 'create' | 'update' | 'delete' | 'restore';
    changes?: { field: string; old: unknown; new: unknown }[];
  },
) =>
  insertAudit(db, {
    workspaceId: e.workspaceId,
    actor: e.actor,
    entity: 'category',
    entityId: e.categoryId,
    action: e.action,
    changes: e.changes,
  });

// Companies ---------------------------------------------------------------------------------------

/** Ids of active categories of a company, in the category list's order (for the company columns). */
export const companyCategoryIdsSql = sql`array(
    select cc.category_id from company_categories cc
      join categories k on k.workspace_id = cc.workspace_id and k.id = cc.category_id and k.deleted_at is null
    where cc.workspace_id = c.workspace_id and cc.company_id = c.id
    order by k.sort_order, k.id)`;

/**
 * Custom values as readers see them: values of removed fields and archived categories stay stored
 * (for a restore) but are left out. The subquery does not depend on the row, so it runs once.
 */
export const visibleCustomFieldsSql = (workspaceId: string) => sql`(c.custom_fields - coalesce((
    select array_agg(f.id::text) from custom_fields f
      join categories k on k.workspace_id = f.workspace_id and k.id = f.category_id
    where f.workspace_id = ${workspaceId} and (f.deleted_at is not null or k.deleted_at is not null)), '{}'::text[]))`;

export async function insertCompanyCategories(db: Kysely<DB>, workspaceId: string, companyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await sql`insert into company_categories (workspace_id, company_id, category_id)
    select ${workspaceId}, ${companyId}, unnest(${ids}::uuid[])
    on conflict do nothing`.execute(db);
}

export async function deleteCompanyCategories(db: Kysely<DB>, workspaceId: string, companyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await sql`delete from company_categories
    where workspace_id = ${workspaceId} and company_id = ${companyId} and category_id = any(${ids}::uuid[])`.execute(
    db,
  );
}

/** Changes custom values in place: removes keys, then sets values (the version is bumped by the company update). */
export async function patchCustomFields(
  db: Kysely<DB>,
  workspaceId: string,
  companyId: string,
  remove: string[],
  set: Record<string, unknown>,
) {
  if (remove.length === 0 && Object.keys(set).length === 0) return;
  await sql`update companies
    set custom_fields = (custom_fields - ${remove}::text[]) || ${JSON.stringify(set)}::jsonb
    where workspace_id = ${workspaceId} and id = ${companyId}`.execute(db);
}

/** The stored values of a company, those of removed fields included (a merge carries them over). */
export async function selectStoredCustomFields(db: Kysely<DB>, workspaceId: string, companyId: string) {
  const { rows } = await sql<{ custom_fields: Record<string, unknown> }>`
    select custom_fields from companies where workspace_id = ${workspaceId} and id = ${companyId}`.execute(db);
  return rows[0]?.custom_fields ?? {};
}

/** A merge gives the survivor every category of the duplicate, archived ones included. */
export async function copyCompanyCategories(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`insert into company_categories (workspace_id, company_id, category_id)
    select workspace_id, ${toId}, category_id from company_categories
    where workspace_id = ${workspaceId} and company_id = ${fromId}
    on conflict do nothing`.execute(db);
}

export async function selectMemberNames(db: Kysely<DB>, workspaceId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string }>`
    select u.id, u.name from members m join users u on u.id = m.user_id
    where m.workspace_id = ${workspaceId} and m.user_id = any(${userIds}::uuid[])`.execute(db);
  return rows;
}

/** Companies and contacts the reader may link to: not in the trash, and visible to them. */
export async function selectVisibleCompanyNames(
  db: Kysely<DB>,
  workspaceId: string,
  ids: string[],
  visible: RawBuilder<SqlBool>,
) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string }>`
    select c.id, c.name from companies c
    where c.workspace_id = ${workspaceId} and c.id = any(${ids}::uuid[]) and c.deleted_at is null and ${visible}`.execute(
    db,
  );
  return rows;
}

export async function selectVisibleContactNames(
  db: Kysely<DB>,
  workspaceId: string,
  ids: string[],
  visible: RawBuilder<SqlBool>,
) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string }>`
    select ct.id, trim(ct.first_name || ' ' || ct.last_name) as name from contacts ct
    where ct.workspace_id = ${workspaceId} and ct.id = any(${ids}::uuid[]) and ct.deleted_at is null
      and ${visible}`.execute(db);
  return rows;
}

// Statistics --------------------------------------------------------------------------------------

/** The company of a category link (`cc`), when the reader sees it and it is not in the trash. */
const joinVisibleCompany = (visible: RawBuilder<SqlBool>) => sql`join companies c
  on c.workspace_id = cc.workspace_id and c.id = cc.company_id and c.deleted_at is null and ${visible}`;

export async function selectCompanyCounts(
  db: Kysely<DB>,
  workspaceId: string,
  visible: RawBuilder<SqlBool>,
  categoryId: string | null,
) {
  const { rows } = await sql<{ category_id: string; n: number }>`
    select cc.category_id, count(*)::int as n from company_categories cc ${joinVisibleCompany(visible)}
    where cc.workspace_id = ${workspaceId} ${categoryId ? sql`and cc.category_id = ${categoryId}` : sql``}
    group by cc.category_id`.execute(db);
  return rows;
}

export type AggregateRow = {
  field_id: string;
  currency: string | null;
  filled: number;
  sum: string | null;
  avg: string | null;
  min: string | null;
  max: string | null;
};

/** Per active field: companies with a value; for number and money fields sum, average, min and max (money per currency). */
export async function selectFieldAggregates(
  db: Kysely<DB>,
  workspaceId: string,
  visible: RawBuilder<SqlBool>,
  categoryId: string | null,
) {
  const { rows } = await sql<AggregateRow>`
    select f.id as field_id, v.value ->> 'currency' as currency, count(*)::int as filled,
      sum(n.num)::text as sum, avg(n.num)::text as avg, min(n.num)::text as min, max(n.num)::text as max
    from custom_fields f
      join categories k on k.workspace_id = f.workspace_id and k.id = f.category_id and k.deleted_at is null
      join company_categories cc on cc.workspace_id = f.workspace_id and cc.category_id = f.category_id
      ${joinVisibleCompany(visible)}
      cross join lateral (select c.custom_fields -> f.id::text as value) v
      cross join lateral (select case f.type
          when 'number' then (v.value #>> '{}')::numeric
          when 'money' then (v.value ->> 'amount')::numeric end as num) n
    where f.workspace_id = ${workspaceId} and f.deleted_at is null and v.value is not null
      ${categoryId ? sql`and f.category_id = ${categoryId}` : sql``}
    group by f.id, v.value ->> 'currency'`.execute(db);
  return rows;
}

/** Per select and multi-select field: companies per option. */
export async function selectOptionCounts(
  db: Kysely<DB>,
  workspaceId: string,
  visible: RawBuilder<SqlBool>,
  categoryId: string | null,
) {
  const { rows } = await sql<{ field_id: string; option: string; n: number }>`
    select f.id as field_id, o.option, count(*)::int as n
    from custom_fields f
      join categories k on k.workspace_id = f.workspace_id and k.id = f.category_id and k.deleted_at is null
      join company_categories cc on cc.workspace_id = f.workspace_id and cc.category_id = f.category_id
      ${joinVisibleCompany(visible)}
      cross join lateral jsonb_array_elements_text(case jsonb_typeof(c.custom_fields -> f.id::text)
          when 'array' then c.custom_fields -> f.id::text
          else jsonb_build_array(c.custom_fields -> f.id::text) end) as o(option)
    where f.workspace_id = ${workspaceId} and f.deleted_at is null and f.type in ('select', 'multiSelect')
      and c.custom_fields ? f.id::text
      ${categoryId ? sql`and f.category_id = ${categoryId}` : sql``}
    group by f.id, o.option`.execute(db);
  return rows;
}
