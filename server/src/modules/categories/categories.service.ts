import { randomBytes } from 'node:crypto';
import {
  type Category,
  type CategoryColour,
  type CategoryCreateSchema,
  type CategoryPatchSchema,
  type CustomFieldInputSchema,
  type CustomFieldType,
  type FieldOption,
  MAX_CATEGORIES,
} from '@rapport/contracts/categories.ts';
import type { FieldError } from '@rapport/contracts/common.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import * as q from './categories.sql.ts';
import { forgetDefinitions } from './custom-values.ts';

type FieldInput = z.output<typeof CustomFieldInputSchema>;

export function toCategory(r: q.CategoryRow, fields: q.FieldRow[]): Category {
  const own = fields.filter((f) => f.category_id === r.id);
  return {
    id: r.id,
    name: r.name,
    colour: r.colour as CategoryColour,
    description: r.description,
    sortOrder: r.sort_order,
    fields: own
      .filter((f) => f.deleted_at === null)
      .map((f) => ({
        id: f.id,
        categoryId: f.category_id,
        key: f.key,
        label: f.label,
        type: f.type as CustomFieldType,
        options: (f.options as FieldOption[]) ?? [],
        currency: f.currency,
        required: f.required,
        sortOrder: f.sort_order,
      })),
    removedFields: own
      .filter((f) => f.deleted_at !== null)
      .map((f) => ({ id: f.id, label: f.label, type: f.type as CustomFieldType })),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    deletedAt: r.deleted_at ? r.deleted_at.toISOString() : null,
  };
}

export async function listCategories(ctx: Ctx, deleted: boolean) {
  const rows = await q.selectCategories(ctx.db, ctx.workspaceId, deleted);
  const fields = await q.selectFields(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toCategory(r, fields)) };
}

async function readCategory(db: Kysely<DB>, workspaceId: string, id: string): Promise<Category> {
  const row = await q.selectCategory(db, workspaceId, id);
  if (!row) throw notFound('Category');
  return toCategory(row, await q.selectFields(db, workspaceId, [id]));
}

export const getCategory = (ctx: Ctx, id: string) => readCategory(ctx.db, ctx.workspaceId, id);

const limitError = () =>
  new AppError(
    'VALIDATION',
    `A workspace can have at most ${MAX_CATEGORIES} categories; archive one that is no longer used first`,
    [{ path: 'name', message: `At most ${MAX_CATEGORIES} categories` }],
  );

async function checkName(db: Kysely<DB>, workspaceId: string, name: string, exceptId: string | null) {
  const taken = await q.selectByName(db, workspaceId, name, exceptId);
  if (taken) throw invalid('name', `There is already a category called "${taken.name}"`);
}

/** A machine key from a label: "Omsetning 2025" → omsetning_2025, "Årlig møte" → arlig_mote. */
export function keyFromLabel(label: string): string {
  const ascii = label
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[a-z]/.test(slug) ? slug : `f_${slug}`).slice(0, 40).replace(/_+$/, '') || 'field';
}

const optionId = () => randomBytes(6).toString('hex').slice(0, 8);
const CHOICE_TYPES: CustomFieldType[] = ['select', 'multiSelect'];

type FieldPlan = {
  upserts: { id: string; isNew: boolean; restore: boolean; values: q.FieldValues }[];
  archive: string[];
  removedOptions: { fieldId: string; label: string; options: FieldOption[] }[];
};

/** Checks the wanted field list of a category against its stored fields and works out the writes. */
function planFields(existing: q.FieldRow[], inputs: FieldInput[]): FieldPlan {
  const errors: FieldError[] = [];
  const byId = new Map(existing.map((f) => [f.id, f]));
  const plan: FieldPlan = { upserts: [], archive: [], removedOptions: [] };
  const keys = new Set<string>();
  const labels = new Set<string>();
  const seen = new Set<string>();
  // Keys given or kept are reserved first, so made-up keys step around them.
  for (const input of inputs) {
    const old = input.id ? byId.get(input.id) : undefined;
    const key = input.key ?? old?.key;
    if (key) {
      if (keys.has(key)) errors.push({ path: 'fields', message: `Two fields have the key "${key}"` });
      keys.add(key);
    }
  }
  for (const [i, input] of inputs.entries()) {
    const path = `fields.${i}`;
    const old = input.id ? byId.get(input.id) : undefined;
    if (input.id && !old) {
      errors.push({ path: `${path}.id`, message: 'Not a field of this category' });
      continue;
    }
    if (input.id && seen.has(input.id)) {
      errors.push({ path: `${path}.id`, message: 'A field can appear only once' });
      continue;
    }
    if (input.id) seen.add(input.id);
    if (old && old.type !== input.type) {
      errors.push({ path: `${path}.type`, message: `The type of ${old.label} cannot change; add a new field instead` });
      continue;
    }
    if (labels.has(input.label.toLowerCase())) {
      errors.push({ path: `${path}.label`, message: `Two fields are called "${input.label}"` });
    }
    labels.add(input.label.toLowerCase());

    let options: FieldOption[] = [];
    if (CHOICE_TYPES.includes(input.type)) {
      // Options left out keep those stored (restoring a removed field needs nothing more than its id).
      const given = input.options ?? (old?.options as FieldOption[] | undefined) ?? [];
      if (given.length === 0)
        errors.push({ path: `${path}.options`, message: `${input.label} needs at least one option` });
      const ids = new Set<string>();
      const optionLabels = new Set<string>();
      for (const o of given) {
        const id = o.id ?? optionId();
        if (ids.has(id)) errors.push({ path: `${path}.options`, message: `Option id "${id}" appears twice` });
        if (optionLabels.has(o.label.toLowerCase())) {
          errors.push({ path: `${path}.options`, message: `${input.label} has the option "${o.label}" twice` });
        }
        ids.add(id);
        optionLabels.add(o.label.toLowerCase());
        options.push({ id, label: o.label });
      }
      const gone = ((old?.options as FieldOption[] | undefined) ?? []).filter((o) => !ids.has(o.id));
      if (old && old.deleted_at === null && gone.length > 0) {
        plan.removedOptions.push({ fieldId: old.id, label: input.label, options: gone });
      }
    } else if (input.options && input.options.length > 0) {
      errors.push({ path: `${path}.options`, message: 'Only select and multi-select fields have options' });
      options = [];
    }

    let key = input.key ?? old?.key;
    if (!key) {
      const base = keyFromLabel(input.label);
      key = base;
      for (let n = 2; keys.has(key); n++) key = `${base.slice(0, 36)}_${n}`;
      keys.add(key);
    }
    plan.upserts.push({
      id: old?.id ?? newId(),
      isNew: !old,
      restore: old?.deleted_at !== null && old !== undefined,
      values: {
        key,
        label: input.label,
        type: input.type,
        options: JSON.stringify(options),
        currency: input.type === 'money' ? (input.currency ?? null) : null,
        required: input.required,
        sort_order: i + 1,
      },
    });
  }
  if (errors.length > 0) throw new AppError('VALIDATION', errors[0]?.message ?? 'Invalid fields', errors);
  plan.archive = existing.filter((f) => f.deleted_at === null && !seen.has(f.id)).map((f) => f.id);
  return plan;
}

/** An option still chosen by some company cannot go: its values would point at nothing. */
async function checkRemovedOptions(db: Kysely<DB>, workspaceId: string, plan: FieldPlan) {
  for (const r of plan.removedOptions) {
    const used = await q.countOptionUse(
      db,
      workspaceId,
      r.fieldId,
      r.options.map((o) => o.id),
    );
    const first = used.find((u) => u.n > 0);
    if (first) {
      const label = r.options.find((o) => o.id === first.option)?.label ?? first.option;
      throw new AppError(
        'CONFLICT',
        `${first.n} ${first.n === 1 ? 'company has' : 'companies have'} "${label}" in ${r.label}; choose another value for them before removing the option`,
        { fieldId: r.fieldId, option: first.option, companyCount: first.n },
      );
    }
  }
}

async function writeFields(db: Kysely<DB>, workspaceId: string, categoryId: string, plan: FieldPlan) {
  // Archive first, so a new field may take the key of one that goes.
  for (const id of plan.archive) await q.updateField(db, workspaceId, id, { deleted: true });
  for (const u of plan.upserts) {
    if (u.isNew) await q.insertField(db, { ...u.values, workspace_id: workspaceId, id: u.id, category_id: categoryId });
    else await q.updateField(db, workspaceId, u.id, { ...u.values, ...(u.restore ? { deleted: false } : {}) });
    if ((u.isNew || u.restore) && u.values.type === 'select') await q.createFieldIndex(db, u.id);
  }
}

/** Fields as the history shows them: "Omsetning (number, required)", "Nivå (select: Gull, Sølv)". */
const fieldSummary = (c: Category) =>
  c.fields.map((f) => {
    const extra = [
      CHOICE_TYPES.includes(f.type) ? `${f.type}: ${f.options.map((o) => o.label).join(', ')}` : f.type,
      f.type === 'money' && f.currency ? f.currency : null,
      f.required ? 'required' : null,
    ].filter(Boolean);
    return { id: f.id, value: `${f.label} (${extra.join(', ')})` };
  });

function categoryChanges(before: Category | null, after: Category) {
  const changes: { field: string; old: unknown; new: unknown }[] = [];
  for (const field of ['name', 'colour', 'description'] as const) {
    if ((before?.[field] ?? null) !== after[field])
      changes.push({ field, old: before?.[field] ?? null, new: after[field] });
  }
  const old = before ? fieldSummary(before) : [];
  const next = fieldSummary(after);
  if (JSON.stringify(old) !== JSON.stringify(next)) changes.push({ field: 'fields', old, new: next });
  return changes;
}

/** Runs a change of the categories or their fields; this process's lists see it once it is committed. */
async function change<T>(ctx: Ctx, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } finally {
    forgetDefinitions(ctx.workspaceId);
  }
}

export async function createCategory(ctx: Ctx, input: z.output<typeof CategoryCreateSchema>): Promise<Category> {
  const plan = planFields([], input.fields);
  return change(ctx, async (db) => {
    await q.lockCategories(db, ctx.workspaceId);
    if ((await q.countActiveCategories(db, ctx.workspaceId)) >= MAX_CATEGORIES) throw limitError();
    await checkName(db, ctx.workspaceId, input.name, null);
    const id = newId();
    await q.insertCategory(db, {
      workspace_id: ctx.workspaceId,
      id,
      name: input.name,
      colour: input.colour,
      description: input.description ?? null,
      sort_order: await q.nextSortOrder(db, ctx.workspaceId),
      created_by: ctx.actor.userId,
    });
    await writeFields(db, ctx.workspaceId, id, plan);
    const created = await readCategory(db, ctx.workspaceId, id);
    await q.insertCategoryAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      categoryId: id,
      action: 'create',
      changes: categoryChanges(null, created),
    });
    return created;
  });
}

export async function updateCategory(
  ctx: Ctx,
  id: string,
  patch: z.output<typeof CategoryPatchSchema>,
): Promise<Category> {
  return change(ctx, async (db) => {
    await q.lockCategories(db, ctx.workspaceId);
    const row = await q.selectCategory(db, ctx.workspaceId, id, true);
    if (!row) throw notFound('Category');
    const before = toCategory(row, await q.selectFields(db, ctx.workspaceId, [id]));
    if (row.version !== patch.version) {
      throw new AppError('CONFLICT', 'Someone else changed this category; reload and apply your change again', {
        current: before,
      });
    }
    if (row.deleted_at) throw new AppError('CONFLICT', 'This category is archived; restore it before changing it');
    if (patch.name !== undefined && patch.name !== row.name) await checkName(db, ctx.workspaceId, patch.name, id);
    const values: Partial<q.CategoryValues> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.colour !== undefined) values.colour = patch.colour;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.fields !== undefined) {
      const plan = planFields(await q.selectFields(db, ctx.workspaceId, [id]), patch.fields);
      await checkRemovedOptions(db, ctx.workspaceId, plan);
      await writeFields(db, ctx.workspaceId, id, plan);
    }
    const after = await readCategory(db, ctx.workspaceId, id);
    const changes = categoryChanges(before, after);
    if (changes.length === 0) return before;
    await q.updateCategory(db, ctx.workspaceId, id, values);
    await q.insertCategoryAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      categoryId: id,
      action: 'update',
      changes,
    });
    return readCategory(db, ctx.workspaceId, id);
  });
}

/**
 * Archives a category: companies keep their links and values, but the category and its fields no
 * longer show anywhere until it is restored.
 */
export async function archiveCategory(ctx: Ctx, id: string): Promise<void> {
  await change(ctx, async (db) => {
    const row = await q.selectCategory(db, ctx.workspaceId, id, true);
    if (!row || row.deleted_at) throw notFound('Category');
    await q.setCategoryDeleted(db, ctx.workspaceId, id, true);
    await q.insertCategoryAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      categoryId: id,
      action: 'delete',
    });
  });
}

export async function restoreCategory(ctx: Ctx, id: string): Promise<Category> {
  return change(ctx, async (db) => {
    await q.lockCategories(db, ctx.workspaceId);
    const row = await q.selectCategory(db, ctx.workspaceId, id, true);
    if (!row?.deleted_at) throw notFound('Archived category');
    if ((await q.countActiveCategories(db, ctx.workspaceId)) >= MAX_CATEGORIES) throw limitError();
    const taken = await q.selectByName(db, ctx.workspaceId, row.name, id);
    if (taken) {
      throw new AppError(
        'CONFLICT',
        `Another category is now called "${taken.name}"; rename it before restoring this one`,
      );
    }
    await q.setCategoryDeleted(db, ctx.workspaceId, id, false, await q.nextSortOrder(db, ctx.workspaceId));
    await q.insertCategoryAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      categoryId: id,
      action: 'restore',
    });
    return readCategory(db, ctx.workspaceId, id);
  });
}

/** New order of all categories in use; a list made from a stale view of them is refused. */
export async function orderCategories(ctx: Ctx, ids: string[]) {
  return change(ctx, async (db) => {
    await q.lockCategories(db, ctx.workspaceId);
    const rows = await q.selectCategories(db, ctx.workspaceId, false);
    const current = rows.map((r) => r.id);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((id) => !current.includes(id))) {
      const fields = await q.selectFields(db, ctx.workspaceId, current);
      throw new AppError('CONFLICT', 'The categories changed meanwhile; reload and order them again', {
        current: rows.map((r) => toCategory(r, fields)),
      });
    }
    await q.setCategoryOrder(db, ctx.workspaceId, ids);
    for (const r of rows) {
      const position = ids.indexOf(r.id) + 1;
      if (position !== r.sort_order) {
        await q.insertCategoryAudit(db, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          categoryId: r.id,
          action: 'update',
          changes: [{ field: 'sortOrder', old: r.sort_order, new: position }],
        });
      }
    }
    return listCategories({ ...ctx, db }, false);
  });
}
