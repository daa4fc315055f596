import type { BookingConflict } from '@rapport/contracts/activities.ts';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';
import { occurrencesBetween, type RecurringSource, seriesEnd } from '../activities/recurrence.ts';

/**
 * Rooms and equipment cannot be double booked. Recurring bookings are expanded in the application, so the check
 * cannot be a database constraint: a writer takes `lockResources` inside its transaction, then asks
 * `findBookingConflicts`, then writes — two bookings of the same resource are serialised by the lock.
 */

/** A never-ending series is checked this far ahead (from its start, or from today when it started earlier). */
const HORIZON_MS = 730 * 86_400_000;
/** At most this many of the new booking's occurrences are compared. */
const MAX_OCCURRENCES = 2_000;
/** At most this many conflicts are reported. */
const MAX_CONFLICTS = 20;

/** Takes a transaction-scoped advisory lock per resource, in sorted order (no deadlock between two writers). */
export async function lockResources(db: Kysely<DB>, workspaceId: string, resourceIds: string[]): Promise<void> {
  for (const id of [...new Set(resourceIds)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext('rapport.resource'), hashtext(${`${workspaceId}:${id}`}))`.execute(
      db,
    );
  }
}

type Span = { start: number; end: number };

/** The time an occurrence occupies: an all-day one at least its whole day; a timed one without an end none. */
function occupied(src: Pick<RecurringSource, 'allDay' | 'timeZone'>, start: Date, end: Date | null): Span | null {
  const s = start.getTime();
  if (src.allDay) {
    const nextDay = DateTime.fromJSDate(start, { zone: src.timeZone }).plus({ days: 1 }).toMillis();
    return { start: s, end: Math.max(end?.getTime() ?? 0, nextDay) };
  }
  if (!end || end.getTime() <= s) return null;
  return { start: s, end: end.getTime() };
}

type BookingRow = {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date | null;
  all_day: boolean;
  time_zone: string;
  rrule: string | null;
  exdates: Date[];
  resource_id: string;
  resource_name: string;
  visible: boolean;
};

/**
 * The bookings of `resourceIds` by other activities that overlap an occurrence of `source` — recurring bookings
 * of others expanded (their exdates and changed occurrences respected), deleted activities ignored. The window
 * is the new booking's own span (a never-ending series: two years from its start or from today).
 * `excludeActivityId` is the activity being changed (and with it its own changed occurrences); `replaces` names
 * the occurrence of a series that the new booking replaces (a first change of "this occurrence"), which then
 * no longer counts as booked. A title is given only when the caller may see that activity.
 */
export async function findBookingConflicts(
  ctx: Ctx,
  input: {
    resourceIds: string[];
    source: RecurringSource;
    excludeActivityId?: string;
    replaces?: { seriesId: string; recurrenceId: Date };
  },
): Promise<BookingConflict[]> {
  const resourceIds = [...new Set(input.resourceIds)];
  const src = input.source;
  if (resourceIds.length === 0) return [];
  const fromMs = src.start.getTime();
  const end = seriesEnd(src);
  const toMs = Math.min(
    end ? end.getTime() : Number.POSITIVE_INFINITY,
    Math.max(fromMs, ctx.now.getTime()) + HORIZON_MS,
  );
  const from = new Date(fromMs);
  const to = new Date(Math.max(toMs, fromMs + 86_400_000));

  // My occurrences, without those of my own series that changed occurrences replace.
  let ownReplaced = new Set<number>();
  if (input.excludeActivityId) {
    const rows = await ctx.db
      .selectFrom('activities')
      .select('recurrence_id')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('series_id', '=', input.excludeActivityId)
      .where('deleted_at', 'is', null)
      .execute();
    ownReplaced = new Set(rows.map((r) => r.recurrence_id?.getTime() ?? 0));
  }
  const mine = occurrencesBetween(src, from, to, MAX_OCCURRENCES)
    .filter((o) => !ownReplaced.has(o.occurrenceStart.getTime()))
    .map((o) => occupied(src, o.start, o.end))
    .filter((s): s is Span => s !== null)
    .sort((a, b) => a.start - b.start);
  if (mine.length === 0) return [];
  const windowStart = new Date(mine[0]?.start ?? fromMs);
  const windowEnd = new Date(Math.max(...mine.map((m) => m.end)));
  const longest = Math.max(...mine.map((m) => m.end - m.start));

  const exclude = input.excludeActivityId ?? null;
  const { rows } = await sql<BookingRow>`
    select a.id, a.title, a.starts_at, a.ends_at, a.all_day, a.time_zone, a.rrule, a.exdates,
      ar.resource_id, r.name as resource_name, ${activityVisibleTo('a', ctx.actor)} as visible
    from activity_resources ar
    join activities a on a.workspace_id = ar.workspace_id and a.id = ar.activity_id
    join resources r on r.workspace_id = ar.workspace_id and r.id = ar.resource_id
    where ar.workspace_id = ${ctx.workspaceId}
      and ar.resource_id in (${sql.join(resourceIds)})
      and a.deleted_at is null and a.starts_at is not null
      ${exclude ? sql`and a.id <> ${exclude} and a.series_id is distinct from ${exclude}::uuid` : sql``}
      and (a.rrule is not null
        or (a.starts_at < ${windowEnd} and greatest(a.ends_at, a.starts_at + interval '1 day') > ${windowStart}))
    order by a.starts_at, a.id`.execute(ctx.db);

  // Changed occurrences of the recurring bookings replace the series' own occurrence at their recurrence id.
  const seriesIds = [...new Set(rows.filter((r) => r.rrule).map((r) => r.id))];
  const replaced = new Map<string, Set<number>>();
  if (seriesIds.length > 0) {
    const exceptions = await ctx.db
      .selectFrom('activities')
      .select(['series_id', 'recurrence_id'])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('series_id', 'in', seriesIds)
      .where('deleted_at', 'is', null)
      .execute();
    for (const e of exceptions) {
      if (!e.series_id || !e.recurrence_id) continue;
      const set = replaced.get(e.series_id) ?? new Set<number>();
      set.add(e.recurrence_id.getTime());
      replaced.set(e.series_id, set);
    }
  }
  if (input.replaces) {
    const set = replaced.get(input.replaces.seriesId) ?? new Set<number>();
    set.add(input.replaces.recurrenceId.getTime());
    replaced.set(input.replaces.seriesId, set);
  }

  const conflicts: BookingConflict[] = [];
  const seen = new Set<string>();
  const lookFrom = new Date(windowStart.getTime() - 86_400_000);
  for (const row of rows) {
    const other: RecurringSource = {
      start: row.starts_at,
      end: row.ends_at,
      allDay: row.all_day,
      timeZone: row.time_zone,
      rrule: row.rrule,
      exdates: row.exdates,
    };
    const skip = replaced.get(row.id);
    for (const occ of occurrencesBetween(other, lookFrom, windowEnd, MAX_OCCURRENCES)) {
      if (skip?.has(occ.occurrenceStart.getTime())) continue;
      const span = occupied(other, occ.start, occ.end);
      if (!span || !overlapsAny(mine, longest, span)) continue;
      const key = `${row.resource_id}/${row.id}/${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      conflicts.push({
        resourceId: row.resource_id,
        resourceName: row.resource_name,
        activityId: row.id,
        title: row.visible ? row.title : null,
        start: new Date(span.start).toISOString(),
        end: new Date(span.end).toISOString(),
      });
    }
  }
  conflicts.sort((a, b) => a.start.localeCompare(b.start) || a.resourceName.localeCompare(b.resourceName));
  return conflicts.slice(0, MAX_CONFLICTS);
}

/** Whether `span` overlaps one of `sorted` (sorted by start; none longer than `longest`). */
function overlapsAny(sorted: Span[], longest: number, span: Span): boolean {
  // The first of mine that could still reach into span starts after span.start - longest.
  let lo = 0;
  let hi = sorted.length;
  const after = span.start - longest;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) <= after) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i++) {
    const m = sorted[i] as Span;
    if (m.start >= span.end) break;
    if (m.end > span.start) return true;
  }
  return false;
}

/**
 * A sentence naming a conflicting booking, in the time zone given:
 * “Fjord is already booked 17 Mar 2025 10:00–11:00 by “Board meeting”” (or “by another booking” when hidden).
 */
export function describeConflict(c: BookingConflict, timeZone: string): string {
  const start = DateTime.fromISO(c.start, { zone: timeZone });
  const end = DateTime.fromISO(c.end, { zone: timeZone });
  const sameDay = start.hasSame(end, 'day');
  const when = sameDay
    ? `${start.toFormat('d LLL yyyy HH:mm')}–${end.toFormat('HH:mm')}`
    : `${start.toFormat('d LLL yyyy HH:mm')} – ${end.toFormat('d LLL yyyy HH:mm')}`;
  const by = c.title === null ? 'another booking' : `“${c.title}”`;
  return `${c.resourceName} is already booked ${when} by ${by}`;
}
