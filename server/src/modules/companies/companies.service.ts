import type {
  Company,
  CompanyCreateSchema,
  CompanyListQuerySchema,
  CompanyPatchSchema,
} from '@rapport/contracts/companies.ts';
import { validateOrgNumber } from '@rapport/contracts/org-number.ts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { type Ctx, steadyStatements } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { filterConditions, keysetCondition, ordering, page, parseFilters, searchMatch } from '../../lib/list.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { type Change, diff, insertAudit } from '../audit/audit.sql.ts';
import { applyCategoryPlan, type CategoryInput, planCategoryChange } from '../categories/company-categories.ts';
import { companyListParts } from '../categories/company-list.ts';
import { isMember } from '../workspaces/workspaces.sql.ts';
import * as q from './companies.sql.ts';
import { activityColumnValues, activityListParts } from './company-list-activity.ts';

export const toCompany = (r: q.CompanyRow): Company => ({
  id: r.id,
  customerNumber: Number(r.customer_number),
  name: r.name,
  firstName: r.first_name,
  lastName: r.last_name,
  industry: r.industry,
  visibility: r.visibility as Company['visibility'],
  paymentTermsDays: r.payment_terms_days,
  currency: r.currency,
  phones: r.phones as Company['phones'],
  emails: r.emails as Company['emails'],
  addresses: r.addresses as Company['addresses'],
  orgNumber: r.org_number,
  country: r.country,
  type: r.type as Company['type'],
  phone: r.phone,
  email: r.email,
  website: r.website,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  contactCount: Number(r.contact_count),
  categoryIds: r.category_ids ?? [],
  customFields: (r.custom_fields ?? {}) as Company['customFields'],
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  deletedAt: r.deleted_at ? r.deleted_at.toISOString() : null,
});

/** What the reader may see: "only the owner" records are hidden from everyone else but administrators. */
export const visibleFor = (ctx: Ctx): q.Visible => ({
  company: visibleTo('c', ctx.actor),
  contact: visibleTo('ct', ctx.actor),
});

/** Values kept in the company row itself; categories and custom fields go through `planCategoryChange`. */
export type Editable = Omit<
  Company,
  | 'id'
  | 'customerNumber'
  | 'ownerName'
  | 'contactCount'
  | 'categoryIds'
  | 'customFields'
  | 'nextActivityAt'
  | 'lastActivityAt'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
>;

/** Contract field name → column, for values a client can set. */
const COLUMN: Record<keyof Editable, keyof q.CompanyValues> = {
  name: 'name',
  firstName: 'first_name',
  lastName: 'last_name',
  industry: 'industry',
  visibility: 'visibility',
  paymentTermsDays: 'payment_terms_days',
  currency: 'currency',
  phones: 'phones',
  emails: 'emails',
  addresses: 'addresses',
  orgNumber: 'org_number',
  country: 'country',
  type: 'type',
  phone: 'phone',
  email: 'email',
  website: 'website',
  ownerId: 'owner_id',
};
const JSON_COLUMNS = new Set(['phones', 'emails', 'addresses']);

/**
 * Brings a company's editable state into its stored form: the first phone and e-mail mirror the
 * typed lists, a private customer's name comes from the person's names, and the organisation number
 * is checked for the country and kept in the registry's format.
 */
function normalize(
  next: Editable,
  changed: { phone: boolean; email: boolean; phones: boolean; emails: boolean },
): Editable {
  const out = { ...next };
  if (changed.phones || !changed.phone) out.phone = out.phones[0]?.value ?? null;
  else if (out.phone === null) out.phones = out.phones.slice(1);
  else out.phones = [{ type: out.phones[0]?.type ?? 'main', value: out.phone }, ...out.phones.slice(1)];
  if (changed.emails || !changed.email) out.email = out.emails[0]?.value ?? null;
  else if (out.email === null) out.emails = out.emails.slice(1);
  else out.emails = [{ type: out.emails[0]?.type ?? 'main', value: out.email }, ...out.emails.slice(1)];
  if (out.type === 'private' && (out.firstName || out.lastName) && !out.name) {
    out.name = [out.firstName, out.lastName].filter(Boolean).join(' ');
  }
  if (!out.name) throw invalid('name', 'A company needs a name (a private customer: a first or last name)');
  if (out.orgNumber) {
    const check = validateOrgNumber(out.country, out.orgNumber);
    if (!check.valid) throw invalid('orgNumber', `Organisation number: ${check.reason}`);
    out.orgNumber = check.normalized;
  }
  return out;
}

function toValues(fields: Partial<Editable>): Partial<q.CompanyValues> {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    values[COLUMN[field as keyof Editable]] = JSON_COLUMNS.has(field) ? JSON.stringify(value) : value;
  }
  return values as Partial<q.CompanyValues>;
}

export async function listCompanies(ctx: Ctx, query: z.output<typeof CompanyListQuerySchema>) {
  // Category and custom field filters and sorts are built from the workspace's field definitions.
  const custom = await companyListParts(ctx, parseFilters(query.filter), query.sort);
  // Next / last activity: computed only when asked for or sorted by.
  const activity = activityListParts({ kind: 'company', alias: 'c' }, ctx.actor, query.include, query.sort);
  const order = activity.order ?? custom.order ?? ordering(query.sort, q.companySorts, 'name');
  const conditions = [...filterConditions(custom.rest, q.companyFilters), ...custom.conditions];
  if (query.q?.trim()) conditions.push(searchMatch(sql`c.search_text`, query.q.trim()));
  const limit = query.limit;
  if (activity.byActivity && activity.order) {
    // Soonest next / latest last activity: read from the activities' indexes in order.
    const rows = await q.selectCompanyPageByActivity(ctx.db, ctx.workspaceId, {
      deleted: query.deleted === 'true',
      visible: visibleFor(ctx),
      conditions,
      order: activity.order,
      cursor: query.cursor,
      limit,
      by: activity.byActivity,
      extra: activity.select,
    });
    return page(rows, limit, activity.order, (r) => ({ ...toCompany(r), ...activityColumnValues(r) }));
  }
  const keyset = keysetCondition(order, query.cursor, sql`c.id`);
  if (keyset) conditions.push(keyset);
  // Companies with one choice of a field, by name, are planned once per connection: the field's own index
  // answers every choice. Other filters, search and other sorts can each make another plan the best one.
  const steady =
    custom.steady &&
    custom.rest.length === 0 &&
    !query.q?.trim() &&
    !activity.select &&
    (query.sort ?? 'name') === 'name';
  const rows = await q.selectCompanyPage(steady ? steadyStatements(ctx) : ctx.db, ctx.workspaceId, {
    deleted: query.deleted === 'true',
    visible: visibleFor(ctx),
    conditions,
    order,
    limit,
    extra: activity.select,
  });
  return page(rows, limit, order, (r) => ({ ...toCompany(r), ...activityColumnValues(r) }));
}

export async function getCompany(ctx: Ctx, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Company> {
  const row = await q.selectCompany(ctx.db, ctx.workspaceId, id, {
    includeDeleted: opts.includeDeleted ?? false,
    visible: visibleFor(ctx),
  });
  if (!row) throw notFound('Company');
  return toCompany(row);
}

async function checkOwner(ctx: Ctx, ownerId: string | undefined) {
  if (ownerId !== undefined && !(await isMember(ctx.db, ctx.workspaceId, ownerId))) {
    throw invalid('ownerId', 'The owner must be a member of this workspace');
  }
}

export async function createCompany(ctx: Ctx, input: z.output<typeof CompanyCreateSchema>): Promise<Company> {
  await checkOwner(ctx, input.ownerId);
  const state = normalize(
    {
      name: input.name ?? '',
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      industry: input.industry ?? null,
      visibility: input.visibility,
      paymentTermsDays: input.paymentTermsDays ?? null,
      currency: input.currency ?? null,
      phones: input.phones ?? [],
      emails: input.emails ?? [],
      addresses: input.addresses,
      orgNumber: input.orgNumber,
      country: input.country,
      type: input.type,
      phone: input.phone,
      email: input.email,
      website: input.website,
      ownerId: input.ownerId ?? ctx.actor.userId,
    },
    {
      phone: input.phones === undefined && input.phone !== null,
      email: input.emails === undefined && input.email !== null,
      phones: input.phones !== undefined,
      emails: input.emails !== undefined,
    },
  );
  const id = newId();
  return ctx.db.transaction().execute(async (db) => {
    const plan = await planCategoryChange(
      ctx,
      db,
      { categoryIds: [], customFields: {} },
      { categoryIds: input.categoryIds, customFields: input.customFields },
    );
    const customerNumber = await q.nextNumber(db, ctx.workspaceId, 'customer_number');
    await q.insertCompany(db, {
      ...(toValues(state) as q.CompanyValues),
      workspace_id: ctx.workspaceId,
      id,
      created_by: ctx.actor.userId,
      customer_number: customerNumber,
    });
    if (plan) await applyCategoryPlan(db, ctx.workspaceId, id, plan);
    const row = await q.selectCompany(db, ctx.workspaceId, id, { includeDeleted: false, visible: visibleFor(ctx) });
    if (!row) throw new AppError('INTERNAL', 'The new company could not be read back');
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: id,
      action: 'create',
      changes: [
        ...Object.entries(state)
          .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
          .map(([field, v]) => ({ field, old: null, new: v })),
        ...(plan?.changes ?? []),
      ],
    });
    return toCompany(row);
  });
}

export const editableOf = (company: Company): Editable => {
  const {
    id: _i,
    customerNumber: _n,
    ownerName: _o,
    contactCount: _c,
    categoryIds: _k,
    customFields: _f,
    version: _v,
    createdAt: _a,
    updatedAt: _u,
    deletedAt: _d,
    ...editable
  } = company;
  return editable;
};

/** Applies changed fields to a locked company and records them in its history; returns the changes. */
export async function applyChanges(
  ctx: Ctx,
  db: Kysely<DB>,
  before: Company,
  defined: Partial<Editable>,
  action: 'update' | 'merge' = 'update',
  categories: CategoryInput = {},
): Promise<Change[]> {
  const editable = editableOf(before);
  const merged: Editable = { ...editable, ...defined };
  // A private customer's name follows the person's names unless a name is given with them.
  const namesChanged = defined.firstName !== undefined || defined.lastName !== undefined;
  if (merged.type === 'private' && namesChanged && defined.name === undefined) merged.name = '';
  const next = normalize(merged, {
    phone: 'phone' in defined,
    email: 'email' in defined,
    phones: 'phones' in defined,
    emails: 'emails' in defined,
  });
  const changes = diff(editable as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
  const plan = await planCategoryChange(ctx, db, before, categories);
  const all = [...changes, ...(plan?.changes ?? [])];
  if (all.length === 0) return all;
  await q.updateCompany(
    db,
    ctx.workspaceId,
    before.id,
    toValues(Object.fromEntries(changes.map((c) => [c.field, c.new]))),
  );
  if (plan) await applyCategoryPlan(db, ctx.workspaceId, before.id, plan);
  await insertAudit(db, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    entity: 'company',
    entityId: before.id,
    action,
    changes: all,
  });
  return all;
}

/** Optimistic locking: the patch names the version it was based on; a stale one gets 409 with the current record. */
export async function updateCompany(
  ctx: Ctx,
  id: string,
  patch: z.output<typeof CompanyPatchSchema>,
): Promise<Company> {
  const { version, categoryIds, customFields, ...fields } = patch;
  await checkOwner(ctx, fields.ownerId);
  return ctx.db.transaction().execute(async (db) => {
    const visible = visibleFor(ctx);
    const current = await q.selectCompany(db, ctx.workspaceId, id, { includeDeleted: false, forUpdate: true, visible });
    if (!current) throw notFound('Company');
    const before = toCompany(current);
    if (before.version !== version) {
      throw new AppError('CONFLICT', 'Someone else changed this company; reload and apply your change again', {
        current: before,
      });
    }
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Editable>;
    const changes = await applyChanges(ctx, db, before, defined, 'update', { categoryIds, customFields });
    if (changes.length === 0) return before;
    const row = await q.selectCompany(db, ctx.workspaceId, id, { includeDeleted: false, visible });
    // Making a company "only the owner" while handing it to someone else hides it from its editor.
    if (!row) return { ...before, version: before.version + 1 };
    return toCompany(row);
  });
}

/** Soft delete: the company goes to the trash and can be restored. */
export async function deleteCompany(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (db) => {
    const current = await q.selectCompany(db, ctx.workspaceId, id, {
      includeDeleted: false,
      forUpdate: true,
      visible: visibleFor(ctx),
    });
    if (!current) throw notFound('Company');
    await q.setCompanyDeleted(db, ctx.workspaceId, id, true);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: id,
      action: 'delete',
    });
  });
}

export async function restoreCompany(ctx: Ctx, id: string): Promise<Company> {
  return ctx.db.transaction().execute(async (db) => {
    const current = await q.selectCompany(db, ctx.workspaceId, id, {
      includeDeleted: true,
      forUpdate: true,
      visible: visibleFor(ctx),
    });
    if (!current?.deleted_at) throw notFound('Deleted company');
    if (current.merged_into) {
      throw new AppError('CONFLICT', 'This company was merged into another one and cannot be restored', {
        mergedInto: current.merged_into,
      });
    }
    await q.setCompanyDeleted(db, ctx.workspaceId, id, false);
    await insertAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      entity: 'company',
      entityId: id,
      action: 'restore',
    });
    const row = await q.selectCompany(db, ctx.workspaceId, id, { includeDeleted: false, visible: visibleFor(ctx) });
    if (!row) throw notFound('Company');
    return toCompany(row);
  });
}
