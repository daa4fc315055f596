import type {
  Activity,
  ActivityBulkSchema,
  ActivityCreateSchema,
  ActivityDeleteQuerySchema,
  ActivityListQuerySchema,
  ActivityPatchSchema,
} from '@rapport/contracts/activities.ts';
import type { BulkResult } from '@rapport/contracts/bulk.ts';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Ctx, steadyStatements } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { filterConditions, keysetCondition, ordering, page, parseFilters, searchMatch } from '../../lib/list.ts';
import * as q from './activities.sql.ts';
import {
  checkBookings,
  checkVersion,
  type Fields,
  patchRow,
  readActivityRow,
  resolveType,
  seesCard,
  setDeleted,
  shape,
  stateOf,
  toActivity,
  visibleActivity,
  writeActivity,
  writeTransaction,
} from './activity-write.ts';
import { deleteRecurring, editRecurring } from './occurrence-edit.ts';

type ListQuery = z.output<typeof ActivityListQuerySchema>;

/** One activity; NOT_FOUND when it does not exist or the caller may not see it. */
export async function getActivity(ctx: Ctx, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Activity> {
  return toActivity(await readActivityRow(ctx, ctx.db, id, { includeDeleted: opts.includeDeleted ?? false }));
}

/** A company or contact the caller may see, for the list filters ("activities of this card"). */
async function visibleCard(ctx: Ctx, table: 'companies' | 'contacts', id: string) {
  const [card] = await q.selectCards(ctx.db, ctx.workspaceId, table, [id]);
  if (!card || !seesCard({ userId: ctx.actor.userId, role: ctx.actor.role }, card)) {
    throw notFound(table === 'companies' ? 'Company' : 'Contact');
  }
  return card;
}

/** Today and this week (Monday to Sunday) in a time zone. */
function dueBounds(now: Date, zone: string): q.DueBounds {
  const here = DateTime.fromJSDate(now, { zone });
  const day = here.startOf('day');
  const week = here.startOf('week');
  return {
    now,
    today: day.toJSDate(),
    tomorrow: day.plus({ days: 1 }).toJSDate(),
    week: week.toJSDate(),
    nextWeek: week.plus({ weeks: 1 }).toJSDate(),
  };
}

/** The task list: keyset pages over the activities the caller may see. */
/** Filters whose values cannot change the best plan of a list: equality on these columns. */
const STEADY_FILTERS = new Set(['ownerId', 'kind', 'typeId', 'priority']);

export async function listActivities(ctx: Ctx, query: ListQuery) {
  const me = ctx.actor.userId;
  const order = ordering(query.sort, q.activitySorts, 'start');
  const filters = parseFilters(query.filter);
  const conditions: RawBuilder<SqlBool>[] = [visibleActivity(ctx), ...filterConditions(filters, q.activityFilters)];
  // Someone's tasks by date and the like are planned once per connection: planning took half of their database
  // time. Search text, due dates, ranges and a company or contact can each make another plan the best one.
  const steady =
    !query.q?.trim() &&
    !query.due &&
    !query.companyId &&
    !query.contactId &&
    filters.every((f) => f.op === 'eq' && STEADY_FILTERS.has(f.field));
  if (query.q?.trim()) conditions.push(searchMatch(sql`a.search_text`, query.q.trim()));
  if (query.who === 'me') {
    conditions.push(sql<SqlBool>`(a.owner_id = ${me} or exists (select 1 from activity_participants wp
      where wp.workspace_id = a.workspace_id and wp.activity_id = a.id and wp.user_id = ${me}))`);
  } else if (query.who === 'team') {
    conditions.push(sql<SqlBool>`exists (select 1 from members wm
      where wm.workspace_id = a.workspace_id and wm.user_id = a.owner_id and wm.deactivated_at is null)`);
  }
  if (query.due) {
    const zone = (await q.selectTimeZone(ctx.db, ctx.workspaceId, me)) ?? 'UTC';
    conditions.push(q.dueSql(query.due, dueBounds(ctx.now, zone)));
  }
  if (query.status === 'open') conditions.push(sql<SqlBool>`a.done_at is null`);
  if (query.status === 'done') conditions.push(sql<SqlBool>`a.done_at is not null`);
  if (query.companyId) {
    await visibleCard(ctx, 'companies', query.companyId);
    conditions.push(sql<SqlBool>`(a.company_id = ${query.companyId} or a.contact_id in (select fc.id from contacts fc
      where fc.workspace_id = a.workspace_id and fc.company_id = ${query.companyId} and fc.deleted_at is null))`);
  }
  if (query.contactId) {
    await visibleCard(ctx, 'contacts', query.contactId);
    conditions.push(sql<SqlBool>`(a.contact_id = ${query.contactId} or exists (select 1 from activity_participants fp
      where fp.workspace_id = a.workspace_id and fp.activity_id = a.id and fp.contact_id = ${query.contactId}))`);
  }
  const keyset = keysetCondition(order, query.cursor, sql`a.id`);
  if (keyset) conditions.push(keyset);
  const rows = await q.selectActivityPage(steady ? steadyStatements(ctx) : ctx.db, ctx.workspaceId, {
    actor: ctx.actor,
    deleted: query.deleted === 'true',
    conditions,
    order,
    limit: query.limit,
  });
  return page(rows, query.limit, order, toActivity);
}

export async function createActivity(ctx: Ctx, input: z.output<typeof ActivityCreateSchema>): Promise<Activity> {
  return writeTransaction(ctx, async (tx, effects) => {
    const type = await resolveType(tx, tx.db, input.typeId, input.kind);
    const ownerId = input.ownerId ?? tx.actor.userId;
    const timeZone = input.timeZone ?? (await q.selectTimeZone(tx.db, tx.workspaceId, ownerId)) ?? 'Europe/Oslo';
    // A contact given without a company links the contact's company too (when the caller may see it).
    let companyId = input.companyId;
    if (!companyId && input.contactId) {
      const [contact] = await q.selectCards(tx.db, tx.workspaceId, 'contacts', [input.contactId]);
      const [company] = contact?.company_id
        ? await q.selectCards(tx.db, tx.workspaceId, 'companies', [contact.company_id])
        : [];
      if (company && seesCard({ userId: tx.actor.userId, role: tx.actor.role }, company)) companyId = company.id;
    }
    const next = shape(
      {
        typeId: type.id,
        kind: type.kind as Activity['kind'],
        title: input.title,
        description: input.description,
        location: input.location,
        start: input.start ? new Date(input.start).toISOString() : null,
        end: input.end ? new Date(input.end).toISOString() : null,
        allDay: input.allDay,
        timeZone,
        priority: input.priority,
        done: input.done,
        ownerId,
        companyId,
        contactId: input.contactId,
        private: input.private,
        reminderMinutes: input.reminderMinutes,
        rrule: input.rrule,
        exdates: [],
        participantUserIds: input.participantUserIds,
        participantContactIds: input.participantContactIds,
        resourceIds: input.resourceIds,
      },
      null,
      { end: input.end !== null },
      type.default_minutes,
    );
    const id = newId();
    await writeActivity(tx, effects, { id, before: null, isNew: true, beforeActivity: null, next });
    return toActivity(await readActivityRow(tx, tx.db, id, { unchecked: true }));
  });
}

/**
 * A change, based on the version the caller read. A repeating series needs `scope` (with `occurrenceStart` for
 * one occurrence or this and all following); see occurrence-edit.ts.
 */
export async function updateActivity(
  ctx: Ctx,
  id: string,
  patch: z.output<typeof ActivityPatchSchema>,
): Promise<Activity> {
  const { version, scope, occurrenceStart, ...fields } = patch;
  return writeTransaction(ctx, async (tx, effects) => {
    const row = await readActivityRow(tx, tx.db, id, { forUpdate: true });
    checkVersion(row, version);
    if (row.rrule || (row.series_id && scope && scope !== 'this')) {
      return editRecurring(tx, effects, row, fields as Fields, scope, occurrenceStart);
    }
    await patchRow(tx, effects, row, fields as Fields);
    return toActivity(await readActivityRow(tx, tx.db, id, { unchecked: true }));
  });
}

/** To the trash (restorable). A repeating series needs `scope`, like a change. */
export async function deleteActivity(
  ctx: Ctx,
  id: string,
  query: z.output<typeof ActivityDeleteQuerySchema>,
): Promise<void> {
  await writeTransaction(ctx, async (tx, effects) => {
    const row = await readActivityRow(tx, tx.db, id, { forUpdate: true });
    if (row.rrule || row.series_id) return deleteRecurring(tx, effects, row, query.scope, query.occurrenceStart);
    await setDeleted(tx, effects, row, true);
  });
}

/** Back from the trash — unless its room has been booked meanwhile. */
export async function restoreActivity(ctx: Ctx, id: string): Promise<Activity> {
  return writeTransaction(ctx, async (tx, effects) => {
    const row = await readActivityRow(tx, tx.db, id, { forUpdate: true, onlyDeleted: true });
    if (row.series_id) {
      const series = await q.selectActivity(tx.db, tx.workspaceId, row.series_id, {
        actor: tx.actor,
        visible: sql<SqlBool>`true`,
        includeDeleted: true,
        forUpdate: true,
      });
      if (!series || series.deleted_at) {
        throw new AppError('CONFLICT', 'This occurrence belongs to a series in the trash: restore the series');
      }
      // The occurrence takes its place in the series again.
      const occurrence = row.recurrence_id?.getTime();
      const before = stateOf(series);
      const exdates = before.exdates.filter((d) => new Date(d).getTime() !== occurrence);
      if (exdates.length !== before.exdates.length) {
        await writeActivity(tx, effects, {
          id: series.id,
          before,
          isNew: false,
          beforeActivity: toActivity(series),
          next: { ...before, exdates },
          quiet: true,
          noBookingCheck: true,
        });
      }
    }
    await setDeleted(tx, effects, row, false);
    await checkBookings(tx, row.id, stateOf(row));
    return toActivity(await readActivityRow(tx, tx.db, id, { unchecked: true }));
  });
}

/**
 * One action on many selected activities, each through the single-activity rules (visibility, versions,
 * history, notifications). One that cannot be changed is reported and the others go on.
 */
export async function bulkActivities(ctx: Ctx, action: z.output<typeof ActivityBulkSchema>): Promise<BulkResult> {
  if (action.action === 'reassign') {
    const [owner] = await q.selectPeople(ctx.db, ctx.workspaceId, [action.ownerId]);
    if (!owner?.active) throw invalid('ownerId', 'The new owner must be an active member of this workspace');
  }
  const result: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  for (const id of new Set(action.ids)) {
    try {
      for (let attempt = 0; ; attempt++) {
        const a = await getActivity(ctx, id);
        try {
          if (action.action === 'delete') {
            await deleteActivity(ctx, id, a.rrule ? { scope: 'all' } : {});
            result.changed++;
          } else if (action.action === 'reassign') {
            if (a.ownerId === action.ownerId) result.unchanged++;
            else {
              await updateActivity(ctx, id, {
                version: a.version,
                ownerId: action.ownerId,
                ...(a.rrule ? { scope: 'all' as const } : {}),
              });
              result.changed++;
            }
          } else {
            const done = action.action === 'complete';
            if (a.rrule) {
              throw invalid(
                'ids',
                `“${a.title}” repeats: ${done ? 'complete' : 'reopen'} its occurrences one at a time in the diary`,
              );
            }
            if (a.done === done) result.unchanged++;
            else {
              await updateActivity(ctx, id, { version: a.version, done });
              result.changed++;
            }
          }
          break;
        } catch (err) {
          // Someone changed it in between: read it again once.
          if (
            !(
              err instanceof AppError &&
              err.code === 'CONFLICT' &&
              attempt === 0 &&
              !('conflicts' in Object(err.details))
            )
          )
            throw err;
        }
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
      result.failed.push({ id, code: err.code, message: err.message });
    }
  }
  return result;
}
