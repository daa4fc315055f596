import type { FieldError } from '@rapport/contracts/common.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { visibleTo } from '../../lib/visibility.ts';
import type { Change } from '../audit/audit.sql.ts';
import * as q from './categories.sql.ts';
import { checkValue, type Definitions, displayValue, type FieldDef, loadDefinitions } from './custom-values.ts';

/** A company's categories and values as its record shows them (active categories, visible fields). */
export type CategoryState = { categoryIds: string[]; customFields: Record<string, unknown> };
export type CategoryInput = { categoryIds?: string[]; customFields?: Record<string, unknown> };

/** What one company write does to its categories and custom values, and the history rows it makes. */
export type CategoryPlan = {
  add: string[];
  remove: string[];
  removeKeys: string[];
  set: Record<string, unknown>;
  changes: Change[];
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Names of linked users, companies and contacts that the reader may see, in one query per kind. */
async function linkNames(ctx: Ctx, db: Kysely<DB>, links: { type: string; id: string }[]) {
  const ids = (type: string) => [...new Set(links.filter((l) => l.type === type).map((l) => l.id))];
  const rows = [
    ...(await q.selectMemberNames(db, ctx.workspaceId, ids('user'))),
    ...(await q.selectVisibleCompanyNames(db, ctx.workspaceId, ids('company'), visibleTo('c', ctx.actor))),
    ...(await q.selectVisibleContactNames(db, ctx.workspaceId, ids('contact'), visibleTo('ct', ctx.actor))),
  ];
  return new Map(rows.map((r) => [r.id, r.name]));
}

const isLink = (f: FieldDef) => f.type === 'user' || f.type === 'company' || f.type === 'contact';

const categoriesValue = (defs: Definitions, ids: string[]) =>
  ids.map((id) => ({ id, value: defs.categories.get(id)?.name ?? id }));

/**
 * Checks a change of a company's categories and custom values and works out its effect. Categories
 * replace the set; a category taken away takes its field values with it. Custom values change only
 * for the fields named (`null` clears), and only for fields of categories the company has afterwards.
 */
export async function planCategoryChange(
  ctx: Ctx,
  db: Kysely<DB>,
  before: CategoryState,
  input: CategoryInput,
): Promise<CategoryPlan | null> {
  if (input.categoryIds === undefined && input.customFields === undefined) return null;
  const defs = await loadDefinitions(db, ctx.workspaceId);
  const errors: FieldError[] = [];

  let nextIds = before.categoryIds;
  if (input.categoryIds !== undefined) {
    input.categoryIds.forEach((id, i) => {
      if (!defs.categories.has(id)) errors.push({ path: `categoryIds.${i}`, message: 'There is no such category' });
    });
    nextIds = [...new Set(input.categoryIds)].filter((id) => defs.categories.has(id));
    nextIds.sort((a, b) => (defs.categories.get(a)?.sortOrder ?? 0) - (defs.categories.get(b)?.sortOrder ?? 0));
  }
  const add = nextIds.filter((id) => !before.categoryIds.includes(id));
  const remove = before.categoryIds.filter((id) => !nextIds.includes(id));

  // Values of the categories taken away go with them.
  const removeKeys = remove.flatMap((id) => defs.categories.get(id)?.fields.map((f) => f.id) ?? []);
  const set: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const [fieldId, raw] of Object.entries(input.customFields ?? {})) {
    const path = `customFields.${fieldId}`;
    const field = defs.fields.get(fieldId);
    if (!field || field.removed) {
      errors.push({ path, message: 'There is no such custom field' });
      continue;
    }
    if (!nextIds.includes(field.categoryId)) {
      const category = defs.categories.get(field.categoryId)?.name ?? '';
      errors.push({
        path,
        message: `${field.label} belongs to the category ${category}, which this company does not have`,
      });
      continue;
    }
    const checked = checkValue(field, raw);
    if ('error' in checked) {
      errors.push({ path, message: `${field.label} ${checked.error}` });
      continue;
    }
    if (checked.value === null) {
      if (field.required && before.customFields[fieldId] !== undefined) {
        errors.push({ path, message: `${field.label} is required and cannot be emptied` });
      } else cleared.push(fieldId);
    } else set[fieldId] = checked.value;
  }

  // Linked records must exist in the workspace, and companies and contacts must be visible to the writer.
  const newLinks = Object.entries(set)
    .map(([id, value]) => ({ field: defs.fields.get(id) as FieldDef, id: value as string }))
    .filter((l) => isLink(l.field));
  const oldLinks = Object.entries(before.customFields)
    .map(([id, value]) => ({ field: defs.fields.get(id), id: value }))
    .filter((l): l is { field: FieldDef; id: string } => !!l.field && isLink(l.field) && typeof l.id === 'string');
  const names = await linkNames(
    ctx,
    db,
    [...newLinks, ...oldLinks].map((l) => ({ type: l.field.type, id: l.id })),
  );
  for (const l of newLinks) {
    if (!names.has(l.id)) {
      const what = l.field.type === 'user' ? 'a member of this workspace' : `a ${l.field.type} you can see`;
      errors.push({ path: `customFields.${l.field.id}`, message: `${l.field.label} must be ${what}` });
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION', errors[0]?.message ?? 'Invalid custom fields', errors);

  const changes: Change[] = [];
  if (add.length > 0 || remove.length > 0) {
    changes.push({
      field: 'categories',
      old: categoriesValue(defs, before.categoryIds),
      new: categoriesValue(defs, nextIds),
    });
  }
  const label = (id: string) => defs.fields.get(id)?.label ?? `cf.${id}`;
  const show = (id: string, v: unknown) => displayValue(defs.fields.get(id), v, names);
  for (const id of removeKeys) {
    if (before.customFields[id] !== undefined) {
      changes.push({ field: label(id), old: show(id, before.customFields[id]), new: show(id, null) });
    }
  }
  for (const id of cleared) {
    if (before.customFields[id] !== undefined && !removeKeys.includes(id)) {
      changes.push({ field: label(id), old: show(id, before.customFields[id]), new: show(id, null) });
    }
  }
  for (const [id, value] of Object.entries(set)) {
    if (!same(before.customFields[id], value)) {
      changes.push({ field: label(id), old: show(id, before.customFields[id] ?? null), new: show(id, value) });
    } else delete set[id];
  }
  return { add, remove, removeKeys: [...removeKeys, ...cleared], set, changes };
}

/** Writes a planned change (the company row is locked and its version bumped by the caller). */
export async function applyCategoryPlan(db: Kysely<DB>, workspaceId: string, companyId: string, plan: CategoryPlan) {
  await q.deleteCompanyCategories(db, workspaceId, companyId, plan.remove);
  await q.insertCompanyCategories(db, workspaceId, companyId, plan.add);
  await q.patchCustomFields(db, workspaceId, companyId, plan.removeKeys, plan.set);
}

/**
 * A merge: the survivor gets every category of the duplicate (archived ones too, so a restore finds
 * them), and the duplicate's custom values where the survivor has none — or where `take` names the field.
 * Returns the history rows for the survivor.
 */
export async function mergeCategories(
  ctx: Ctx,
  db: Kysely<DB>,
  survivor: CategoryState & { id: string },
  other: CategoryState & { id: string },
  take: string[],
): Promise<Change[]> {
  const defs = await loadDefinitions(db, ctx.workspaceId);
  const unknown = take.filter((id) => !defs.fields.has(id));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION', 'There is no such custom field', [
      { path: 'takeCustomFields', message: `Unknown custom field ${unknown[0]}` },
    ]);
  }
  const mine = await q.selectStoredCustomFields(db, ctx.workspaceId, survivor.id);
  const theirs = await q.selectStoredCustomFields(db, ctx.workspaceId, other.id);
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [id, value] of Object.entries(theirs)) {
    if (mine[id] === undefined || (take.includes(id) && !same(mine[id], value))) set[id] = value;
  }
  for (const id of take) if (theirs[id] === undefined && mine[id] !== undefined) remove.push(id);

  await q.copyCompanyCategories(db, ctx.workspaceId, other.id, survivor.id);
  await q.patchCustomFields(db, ctx.workspaceId, survivor.id, remove, set);

  const changes: Change[] = [];
  const union = [...new Set([...survivor.categoryIds, ...other.categoryIds])].filter((id) => defs.categories.has(id));
  union.sort((a, b) => (defs.categories.get(a)?.sortOrder ?? 0) - (defs.categories.get(b)?.sortOrder ?? 0));
  if (union.length !== survivor.categoryIds.length) {
    changes.push({
      field: 'categories',
      old: categoriesValue(defs, survivor.categoryIds),
      new: categoriesValue(defs, union),
    });
  }
  const touched = [...Object.keys(set), ...remove];
  const links = touched
    .flatMap((id) => [mine[id], theirs[id]].map((v) => ({ field: defs.fields.get(id), id: v })))
    .filter((l) => l.field && isLink(l.field) && typeof l.id === 'string')
    .map((l) => ({ type: l.field?.type as string, id: l.id as string }));
  const names = await linkNames(ctx, db, links);
  for (const id of touched) {
    const field = defs.fields.get(id);
    changes.push({
      field: field?.label ?? `cf.${id}`,
      old: displayValue(field, mine[id] ?? null, names),
      new: displayValue(field, set[id] ?? null, names),
    });
  }
  return changes;
}
