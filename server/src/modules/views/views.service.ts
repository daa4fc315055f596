import { companyColumns, contactColumns } from '@rapport/contracts/export.ts';
import type { View, ViewCreateSchema, ViewEntity, ViewPatchSchema } from '@rapport/contracts/views.ts';
import type { z } from 'zod';
import { atLeastManager, type Ctx } from '../../http/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { filterConditions, ordering, parseFilters } from '../../lib/list.ts';
import { companyListParts } from '../categories/company-list.ts';
import { companyFilters, companySorts } from '../companies/companies.sql.ts';
import { contactFilters, contactSorts } from '../contacts/contacts.sql.ts';
import * as q from './views.sql.ts';

/** What a view of each list may name: the list's columns, filter fields and sorts. */
const LISTS = {
  company: { columns: companyColumns as readonly string[], filters: companyFilters, sorts: companySorts, by: 'name' },
  contact: {
    columns: contactColumns as readonly string[],
    filters: contactFilters,
    sorts: contactSorts,
    by: 'lastName',
  },
} as const;

/** The creator edits their views; a manager or administrator also edits shared ones. */
const mayEdit = (ctx: Ctx, r: { owner_id: string | null; shared: boolean }) =>
  r.owner_id === ctx.actor.userId || (r.shared && atLeastManager(ctx.actor));

const toView = (ctx: Ctx, r: q.ViewRow): View => ({
  id: r.id,
  entity: r.entity as ViewEntity,
  name: r.name,
  columns: r.columns,
  filters: r.filters,
  sort: r.sort,
  q: r.q,
  shared: r.shared,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  isDefault: r.is_default,
  canEdit: mayEdit(ctx, r),
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** A company list column of a custom field (`cf.<field id>`) or the categories. */
const CUSTOM_COLUMN = /^(categories|cf\.[0-9a-f-]{36})$/;
/** Next / last activity: computed columns of both lists (`activityListParts`); companies sort by them. */
const ACTIVITY_COLUMN = /^(nextActivityAt|lastActivityAt)$/;
const ACTIVITY_SORT = /^(nextActivityAt|-lastActivityAt)$/;

/**
 * Checks the columns, filters and sort against the list's allowlists, as the list itself would; for
 * companies the category and custom field filters and sorts are checked against the workspace's fields.
 */
async function check(
  ctx: Ctx,
  entity: ViewEntity,
  v: { columns?: string[]; filters?: string[]; sort?: string | null },
) {
  const list = LISTS[entity];
  for (const c of v.columns ?? []) {
    if (!list.columns.includes(c) && !(entity === 'company' && CUSTOM_COLUMN.test(c)) && !ACTIVITY_COLUMN.test(c))
      throw invalid('columns', `Unknown column "${c}". Columns: ${list.columns.join(', ')}`);
  }
  let filters = v.filters ? parseFilters(v.filters) : [];
  let sort = v.sort ?? undefined;
  if (entity === 'company') {
    const parts = await companyListParts(ctx, filters, sort);
    filters = parts.rest;
    if (parts.order) sort = undefined;
  }
  filterConditions(filters, list.filters);
  if (sort && !(entity === 'company' && ACTIVITY_SORT.test(sort))) ordering(sort, list.sorts, list.by);
}

/** Sharing with the workspace needs a role that may change records; read-only members keep personal views. */
function checkShare(ctx: Ctx, shared: boolean | undefined) {
  if (shared && ctx.actor.role === 'readonly') throw forbidden('Read-only members can keep personal views only');
}

export async function listViews(ctx: Ctx, entity: ViewEntity) {
  const rows = await q.selectViews(ctx.db, ctx.workspaceId, ctx.actor.userId, entity);
  return { items: rows.map((r) => toView(ctx, r)) };
}

export async function getView(ctx: Ctx, id: string): Promise<View> {
  const row = await q.selectView(ctx.db, ctx.workspaceId, ctx.actor.userId, id);
  if (!row) throw notFound('View');
  return toView(ctx, row);
}

export async function createView(ctx: Ctx, input: z.output<typeof ViewCreateSchema>): Promise<View> {
  await check(ctx, input.entity, input);
  checkShare(ctx, input.shared);
  const id = newId();
  return ctx.db.transaction().execute(async (db) => {
    await q.insertView(db, {
      workspace_id: ctx.workspaceId,
      id,
      entity: input.entity,
      name: input.name,
      columns: JSON.stringify(input.columns),
      filters: JSON.stringify(input.filters),
      sort: input.sort ?? null,
      q: input.q || null,
      shared: input.shared,
      owner_id: ctx.actor.userId,
    });
    if (input.isDefault) await q.setDefault(db, ctx.workspaceId, ctx.actor.userId, input.entity, id);
    const row = await q.selectView(db, ctx.workspaceId, ctx.actor.userId, id);
    if (!row) throw new AppError('INTERNAL', 'The new view could not be read back');
    return toView(ctx, row);
  });
}

export async function updateView(ctx: Ctx, id: string, patch: z.output<typeof ViewPatchSchema>): Promise<View> {
  return ctx.db.transaction().execute(async (db) => {
    const row = await q.selectView(db, ctx.workspaceId, ctx.actor.userId, id, true);
    if (!row) throw notFound('View');
    if (!mayEdit(ctx, row)) throw forbidden('Only its creator or a manager can change this view');
    if (row.version !== patch.version) {
      throw new AppError('CONFLICT', 'Someone else changed this view; reload and apply your change again', {
        current: toView(ctx, row),
      });
    }
    await check(ctx, row.entity as ViewEntity, patch);
    checkShare(ctx, patch.shared);
    if (patch.shared === false && row.shared && row.owner_id !== ctx.actor.userId) {
      throw forbidden('Only its creator can make a shared view personal');
    }
    const values: Partial<q.ViewValues> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.columns !== undefined) values.columns = JSON.stringify(patch.columns);
    if (patch.filters !== undefined) values.filters = JSON.stringify(patch.filters);
    if (patch.sort !== undefined) values.sort = patch.sort;
    if (patch.q !== undefined) values.q = patch.q || null;
    if (patch.shared !== undefined) values.shared = patch.shared;
    if (Object.keys(values).length === 0) return toView(ctx, row);
    await q.updateView(db, ctx.workspaceId, id, values);
    if (patch.shared === false && row.owner_id) await q.clearOthersDefaults(db, ctx.workspaceId, id, row.owner_id);
    const updated = await q.selectView(db, ctx.workspaceId, ctx.actor.userId, id);
    if (!updated) throw notFound('View');
    return toView(ctx, updated);
  });
}

export async function deleteView(ctx: Ctx, id: string): Promise<void> {
  const row = await q.selectView(ctx.db, ctx.workspaceId, ctx.actor.userId, id);
  if (!row) throw notFound('View');
  if (!mayEdit(ctx, row)) throw forbidden('Only its creator or a manager can delete this view');
  await q.deleteView(ctx.db, ctx.workspaceId, id);
}

/** Anyone who can see a view may open their list with it. */
export async function setDefaultView(ctx: Ctx, id: string): Promise<View> {
  const row = await q.selectView(ctx.db, ctx.workspaceId, ctx.actor.userId, id);
  if (!row) throw notFound('View');
  await q.setDefault(ctx.db, ctx.workspaceId, ctx.actor.userId, row.entity, id);
  return toView(ctx, { ...row, is_default: true });
}

export async function clearDefaultView(ctx: Ctx, id: string): Promise<void> {
  const row = await q.selectView(ctx.db, ctx.workspaceId, ctx.actor.userId, id);
  if (!row) throw notFound('View');
  await q.clearDefault(ctx.db, ctx.workspaceId, ctx.actor.userId, id);
}
