import type { Resource, ResourceCreateSchema, ResourcePatchSchema } from '@rapport/contracts/activities.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import * as q from './resources.sql.ts';

export function toResource(r: q.ResourceRow): Resource {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind === 'equipment' ? 'equipment' : 'room',
    capacity: r.capacity,
    location: r.location,
    description: r.description,
    archived: r.archived_at !== null,
    version: r.version,
  };
}

export async function listResources(ctx: Ctx, archived: boolean) {
  const rows = await q.selectResources(ctx.db, ctx.workspaceId, archived);
  return { items: rows.map(toResource) };
}

export async function getResource(ctx: Ctx, id: string) {
  const row = await q.selectResource(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Room or equipment');
  return toResource(row);
}

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `There is already a room or equipment called “${name}”`, [
    { path: 'name', message: 'This name is already in use' },
  ]);

async function checkName(db: Kysely<DB>, workspaceId: string, name: string, exceptId: string | null) {
  const taken = await q.selectByName(db, workspaceId, name, exceptId);
  if (taken) throw nameTaken(taken.name);
}

/** The unique name index (two writers at once) answers like the check does. */
async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw nameTaken(name);
    throw err;
  }
}

export async function createResource(ctx: Ctx, input: z.output<typeof ResourceCreateSchema>) {
  const id = newId();
  return uniqueName(input.name, () =>
    ctx.db.transaction().execute(async (db) => {
      await checkName(db, ctx.workspaceId, input.name, null);
      const values: q.ResourceValues = {
        name: input.name,
        kind: input.kind,
        capacity: input.capacity ?? null,
        location: input.location,
        description: input.description,
      };
      await q.insertResource(db, ctx.workspaceId, id, values);
      await q.insertResourceAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        resourceId: id,
        action: 'create',
        changes: Object.entries(values)
          .filter(([, v]) => v !== null && v !== '')
          .map(([field, v]) => ({ field, old: null, new: v })),
      });
      const row = await q.selectResource(db, ctx.workspaceId, id);
      if (!row) throw new AppError('INTERNAL', 'The new resource could not be read back');
      return toResource(row);
    }),
  );
}

/**
 * Renames, changes or archives (`archived: true`) a resource. An archived one can no longer be booked; its
 * bookings stay. Restoring needs its name to be free again.
 */
export async function updateResource(ctx: Ctx, id: string, patch: z.output<typeof ResourcePatchSchema>) {
  return uniqueName(patch.name ?? '', () =>
    ctx.db.transaction().execute(async (db) => {
      const row = await q.selectResource(db, ctx.workspaceId, id, true);
      if (!row) throw notFound('Room or equipment');
      if (row.version !== patch.version) {
        throw new AppError('CONFLICT', 'Someone else changed this room or equipment; reload and try again', {
          current: toResource(row),
        });
      }
      const before = toResource(row);
      const next: Resource = {
        ...before,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
        ...(patch.location !== undefined ? { location: patch.location } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.archived !== undefined ? { archived: patch.archived } : {}),
      };
      const fields = ['name', 'kind', 'capacity', 'location', 'description', 'archived'] as const;
      const changes = fields
        .filter((f) => before[f] !== next[f])
        .map((f) => ({ field: f, old: before[f], new: next[f] }));
      if (changes.length === 0) return before;
      if (!next.archived && (before.archived || next.name.toLowerCase() !== before.name.toLowerCase())) {
        await checkName(db, ctx.workspaceId, next.name, id);
      }
      await q.updateResource(db, ctx.workspaceId, id, {
        name: next.name,
        kind: next.kind,
        capacity: next.capacity,
        location: next.location,
        description: next.description,
        archived_at: next.archived ? (row.archived_at ?? ctx.now) : null,
      });
      const archiving = before.archived !== next.archived;
      await q.insertResourceAudit(db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        resourceId: id,
        action: archiving && changes.length === 1 ? (next.archived ? 'delete' : 'restore') : 'update',
        changes,
      });
      const updated = await q.selectResource(db, ctx.workspaceId, id);
      if (!updated) throw notFound('Room or equipment');
      return toResource(updated);
    }),
  );
}

/** Archives a resource (DELETE): no longer bookable, its bookings and history stay. */
export async function archiveResource(ctx: Ctx, id: string) {
  const row = await q.selectResource(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Room or equipment');
  if (row.archived_at) return;
  await updateResource(ctx, id, { version: row.version, archived: true });
}
