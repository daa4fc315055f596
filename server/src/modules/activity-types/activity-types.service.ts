import type {
  ActivityKind,
  ActivityType,
  ActivityTypeCreateSchema,
  ActivityTypePatchSchema,
} from '@rapport/contracts/activities.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import * as q from './activity-types.sql.ts';

/** How many types (built-ins included) a workspace may have in use. */
export const MAX_TYPES = 100;

export const toType = (r: q.TypeRow): ActivityType => ({
  id: r.id,
  kind: r.kind as ActivityKind,
  name: r.name,
  builtin: r.builtin,
  color: r.color,
  points: r.points,
  defaultMinutes: r.default_minutes,
  sortOrder: r.sort_order,
  archived: r.archived_at !== null,
  version: r.version,
});

const sameName = (name: string) => new AppError('CONFLICT', `There is already an activity type named “${name}”`);
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function listTypes(ctx: Ctx, includeArchived: boolean) {
  return { items: (await q.selectTypes(ctx.db, ctx.workspaceId, includeArchived)).map(toType) };
}

async function load(db: Ctx['db'], ctx: Ctx, id: string) {
  const row = await q.selectType(db, ctx.workspaceId, id, true);
  if (!row) throw notFound('Activity type');
  return row;
}

export async function createType(ctx: Ctx, input: z.output<typeof ActivityTypeCreateSchema>) {
  const id = newId();
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const inUse = await q.selectTypes(db, ctx.workspaceId, false);
      if (inUse.length >= MAX_TYPES) {
        throw new AppError('CONFLICT', `A workspace can have at most ${MAX_TYPES} activity types in use`);
      }
      const row = {
        workspace_id: ctx.workspaceId,
        id,
        kind: input.kind,
        name: input.name,
        color: input.color ?? null,
        points: input.points,
        default_minutes: input.defaultMinutes ?? null,
        sort_order: await q.nextSortOrder(db, ctx.workspaceId),
      };
      await q.insertType(db, row);
      await q.insertTypeAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        typeId: id,
        action: 'create',
        changes: [
          { field: 'name', old: null, new: row.name },
          { field: 'kind', old: null, new: row.kind },
          { field: 'points', old: null, new: row.points },
          ...(row.color ? [{ field: 'color', old: null, new: row.color }] : []),
          ...(row.default_minutes !== null ? [{ field: 'defaultMinutes', old: null, new: row.default_minutes }] : []),
        ],
      });
      return toType((await q.selectType(db, ctx.workspaceId, id)) as q.TypeRow);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw sameName(input.name);
    throw err;
  }
}

export async function updateType(ctx: Ctx, id: string, patch: z.output<typeof ActivityTypePatchSchema>) {
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const row = await load(db, ctx, id);
      if (row.version !== patch.version) {
        throw new AppError('CONFLICT', 'Someone else changed this activity type; reload and try again', {
          current: toType(row),
        });
      }
      if (patch.name !== undefined && row.builtin) {
        throw invalid('name', 'A built-in type keeps its name (it is shown in each reader’s language)');
      }
      if (row.archived_at && (patch.name !== undefined || patch.sortOrder !== undefined)) {
        throw new AppError('CONFLICT', 'Restore the activity type before renaming or moving it');
      }
      const before = {
        name: row.name,
        color: row.color,
        points: row.points,
        defaultMinutes: row.default_minutes,
        sortOrder: row.sort_order,
      };
      const after = {
        name: patch.name ?? row.name,
        color: patch.color === undefined ? row.color : patch.color,
        points: patch.points ?? row.points,
        defaultMinutes: patch.defaultMinutes === undefined ? row.default_minutes : patch.defaultMinutes,
        sortOrder: patch.sortOrder ?? row.sort_order,
      };
      const changes = (Object.keys(after) as (keyof typeof after)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => ({ field: k, old: before[k], new: after[k] }));
      if (changes.length === 0) return toType(row);
      await q.updateType(db, ctx.workspaceId, id, {
        name: after.name,
        color: after.color,
        points: after.points,
        default_minutes: after.defaultMinutes,
        sort_order: after.sortOrder,
      });
      await q.insertTypeAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        typeId: id,
        action: 'update',
        changes,
      });
      return toType((await q.selectType(db, ctx.workspaceId, id)) as q.TypeRow);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw sameName(patch.name ?? '');
    throw err;
  }
}

/** Archived types are no longer offered for new activities; activities of the type keep it. */
export async function archiveType(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (db) => {
    const row = await load(db, ctx, id);
    if (row.builtin) throw new AppError('CONFLICT', 'The built-in types cannot be archived');
    if (row.archived_at) return;
    await q.updateType(db, ctx.workspaceId, id, { archived_at: new Date() });
    await q.insertTypeAudit(db, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      typeId: id,
      action: 'delete',
      changes: [],
    });
  });
}

export async function restoreType(ctx: Ctx, id: string) {
  let name = '';
  try {
    return await ctx.db.transaction().execute(async (db) => {
      const row = await load(db, ctx, id);
      name = row.name ?? '';
      if (row.archived_at) {
        const inUse = await q.selectTypes(db, ctx.workspaceId, false);
        if (inUse.length >= MAX_TYPES) {
          throw new AppError('CONFLICT', `A workspace can have at most ${MAX_TYPES} activity types in use`);
        }
        await q.updateType(db, ctx.workspaceId, id, {
          archived_at: null,
          sort_order: await q.nextSortOrder(db, ctx.workspaceId),
        });
        await q.insertTypeAudit(db, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          typeId: id,
          action: 'restore',
          changes: [],
        });
      }
      return toType((await q.selectType(db, ctx.workspaceId, id)) as q.TypeRow);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw sameName(name);
    throw err;
  }
}

/** Puts the types in use in the order given (every one of them, once). */
export async function orderTypes(ctx: Ctx, ids: string[]) {
  return ctx.db.transaction().execute(async (db) => {
    // Locks the workspace's types so two reorders do not interleave.
    await db
      .selectFrom('activity_types')
      .select('id')
      .where('workspace_id', '=', ctx.workspaceId)
      .forUpdate()
      .execute();
    const inUse = await q.selectTypes(db, ctx.workspaceId, false);
    const known = new Set(inUse.map((t) => t.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((i) => !known.has(i))) {
      throw invalid('ids', 'Send every activity type in use exactly once');
    }
    for (const [i, id] of ids.entries()) {
      const row = inUse.find((t) => t.id === id) as q.TypeRow;
      if (row.sort_order === i + 1) continue;
      await q.updateType(db, ctx.workspaceId, id, { sort_order: i + 1 });
      await q.insertTypeAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        typeId: id,
        action: 'update',
        changes: [{ field: 'sortOrder', old: row.sort_order, new: i + 1 }],
      });
    }
    return { items: (await q.selectTypes(db, ctx.workspaceId, false)).map(toType) };
  });
}
