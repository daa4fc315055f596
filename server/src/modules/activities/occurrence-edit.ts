import type { Activity, ActivityKind } from '@rapport/contracts/activities.ts';
import { type SqlBool, sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import * as q from './activities.sql.ts';
import {
  type Effects,
  type Fields,
  iso,
  mergeFields,
  patchRow,
  readActivityRow,
  recurringSource,
  resolveType,
  type State,
  setDeleted,
  shape,
  stateOf,
  toActivity,
  writeActivity,
} from './activity-write.ts';
import { endSeriesBefore, occurrencesBetween } from './recurrence.ts';

/**
 * Changes and deletes of a repeating series, for one occurrence ("this"), this and all following
 * ("following") or the whole series ("all"). An occurrence is named by its original start (`occurrenceStart`).
 *
 * - this: the occurrence becomes its own row (series_id + recurrence_id, the series' iCalendar UID), or that row
 *   changes if it exists; deleting it adds its start to the series' exdates.
 * - following: the series ends before the occurrence (UNTIL) and a new series starts there, with the change, the
 *   same participants and resources, the later exdates and changed occurrences.
 * - all: the series changes; moving its time moves every occurrence (exdates and changed occurrences follow).
 *   With `occurrenceStart`, a new start and end are those of that occurrence; the series moves by as much.
 * A change of the rule itself drops the changed occurrences (they may no longer exist).
 */

type Scope = 'this' | 'following' | 'all';
const ms = (d: string | Date) => new Date(d).getTime();

/** Fields a series change carries over to its changed occurrences (their own times stay). */
const CARRIED: (keyof Fields)[] = [
  'typeId',
  'title',
  'description',
  'location',
  'priority',
  'ownerId',
  'companyId',
  'contactId',
  'private',
  'reminderMinutes',
  'participantUserIds',
  'participantContactIds',
  'resourceIds',
];
const carried = (fields: Fields): Fields =>
  Object.fromEntries(CARRIED.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]])) as Fields;

/** The occurrence of a series that started (originally) at `occurrenceStart`; NOT_FOUND if there is none. */
function findOccurrence(series: q.ActivityRow, occurrenceStart: string) {
  const s = stateOf(series);
  if (!s.start) throw notFound('Occurrence');
  const at = ms(occurrenceStart);
  const [hit] = occurrencesBetween(
    recurringSource({ ...s, start: s.start }),
    new Date(at - 1),
    new Date(at + 1),
  ).filter((o) => o.occurrenceStart.getTime() === at);
  if (!hit) throw notFound('Occurrence');
  return hit;
}

/** Shifts a series' changed occurrences (their original starts) by `delta` ms, or moves them to another series. */
async function moveExceptions(tx: Ctx, ids: string[], delta: number, toSeries?: string) {
  if (ids.length === 0 || (delta === 0 && !toSeries)) return;
  // Through a far-away value first: shifting a weekly series by a week must not collide with itself midway.
  const far = sql`interval '1000 years'`;
  const where = sql`workspace_id = ${tx.workspaceId} and id = any(${ids}::uuid[])`;
  await sql`update activities set series_id = coalesce(${toSeries ?? null}::uuid, series_id),
      recurrence_id = recurrence_id + ${far} + make_interval(secs => ${delta / 1000}::double precision)
    where ${where}`.execute(tx.db);
  await sql`update activities set recurrence_id = recurrence_id - ${far} where ${where}`.execute(tx.db);
}

async function lockRow(tx: Ctx, id: string) {
  return readActivityRow(tx, tx.db, id, { forUpdate: true });
}

/** Carries a series change over to the given changed occurrences (quietly: the series change notified). */
async function carryOver(tx: Ctx, effects: Effects, exceptionIds: string[], fields: Fields) {
  const change = carried(fields);
  if (Object.keys(change).length === 0) return;
  for (const id of exceptionIds) {
    const row = await readActivityRow(tx, tx.db, id, { forUpdate: true, unchecked: true });
    await patchRow(tx, effects, row, change, { quiet: true });
  }
}

async function dropExceptions(tx: Ctx, effects: Effects, ids: string[]) {
  for (const id of ids) {
    const row = await readActivityRow(tx, tx.db, id, { forUpdate: true, unchecked: true });
    await setDeleted(tx, effects, row, true);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Changes

export async function editRecurring(
  tx: Ctx,
  effects: Effects,
  row: q.ActivityRow,
  fields: Fields,
  scope: Scope | undefined,
  occurrenceStart: string | undefined,
): Promise<Activity> {
  // A changed occurrence: "following" and "all" apply to its series, from its original start.
  if (row.series_id) {
    const series = await lockRow(tx, row.series_id);
    return editRecurring(tx, effects, series, fields, scope, iso(row.recurrence_id as Date));
  }
  if (!scope) {
    throw invalid(
      'scope',
      'This activity repeats: say whether the change is for this occurrence, this and all following, or all',
    );
  }
  if (scope !== 'all' && !occurrenceStart)
    throw invalid('occurrenceStart', 'Name the occurrence by its original start');
  if (scope === 'this') return editThis(tx, effects, row, fields, occurrenceStart as string);
  if (scope === 'following' && occurrenceStart && ms(occurrenceStart) !== ms(row.starts_at as Date)) {
    return editFollowing(tx, effects, row, fields, occurrenceStart);
  }
  return editAll(tx, effects, row, fields, occurrenceStart);
}

async function editThis(
  tx: Ctx,
  effects: Effects,
  series: q.ActivityRow,
  fields: Fields,
  occurrenceStart: string,
): Promise<Activity> {
  if (fields.rrule !== undefined) {
    throw invalid('rrule', 'One occurrence cannot repeat on its own: change this and all following, or all');
  }
  const existing = await q.selectException(tx.db, tx.workspaceId, series.id, new Date(occurrenceStart));
  if (existing) {
    const row = await lockRow(tx, existing.id);
    await patchRow(tx, effects, row, fields);
    return toActivity(await readActivityRow(tx, tx.db, row.id, { unchecked: true }));
  }
  const occurrence = findOccurrence(series, occurrenceStart);
  const seriesState = stateOf(series);
  // The occurrence as the series makes it, then the change.
  const base: State = {
    ...seriesState,
    start: iso(occurrence.start),
    end: occurrence.end ? iso(occurrence.end) : null,
    rrule: null,
    exdates: [],
  };
  const type = await resolveType(tx, tx.db, fields.typeId ?? series.type_id, undefined, series.type_id);
  const merged = {
    ...mergeFields(base, fields, series.hidden_contact_ids),
    typeId: type.id,
    kind: type.kind as ActivityKind,
  };
  const next = shape(merged, base, { end: fields.end !== undefined }, type.default_minutes);
  const id = newId();
  const before = toActivity(series);
  await writeActivity(tx, effects, {
    id,
    before: base,
    isNew: true,
    // For the invitations: this occurrence as it was.
    beforeActivity: {
      ...before,
      id,
      start: base.start,
      end: base.end,
      rrule: null,
      exdates: [],
      seriesId: series.id,
      recurrenceId: iso(occurrenceStart),
    },
    next,
    insert: { seriesId: series.id, recurrenceId: iso(occurrenceStart), icalUid: series.ical_uid },
  });
  effects.reminders.add(series.id);
  return toActivity(await readActivityRow(tx, tx.db, id, { unchecked: true }));
}

async function editAll(
  tx: Ctx,
  effects: Effects,
  series: q.ActivityRow,
  fields: Fields,
  occurrenceStart: string | undefined,
): Promise<Activity> {
  const before = stateOf(series);
  const change: Fields = { ...fields };
  // Times given for one occurrence move the whole series by as much.
  if (occurrenceStart && before.start) {
    const occurrence = ms(occurrenceStart);
    if (fields.start) change.start = iso(ms(before.start) + ms(fields.start) - occurrence);
    if (fields.end) {
      const startOfOccurrence = fields.start ? ms(fields.start) : occurrence;
      change.end = iso(ms(change.start ?? before.start) + ms(fields.end) - startOfOccurrence);
    }
  }
  const type = await resolveType(tx, tx.db, fields.typeId ?? series.type_id, undefined, series.type_id);
  const merged = {
    ...mergeFields(before, change, series.hidden_contact_ids),
    typeId: type.id,
    kind: type.kind as ActivityKind,
  };
  const next = shape(merged, before, { end: change.end !== undefined }, type.default_minutes);
  const delta = next.start && before.start ? ms(next.start) - ms(before.start) : 0;
  const ruleChanged = next.rrule !== before.rrule;
  const exceptions = (await q.selectExceptions(tx.db, tx.workspaceId, series.id)).map((e) => e.id);
  if (ruleChanged) next.exdates = next.rrule ? before.exdates : [];
  else next.exdates = before.exdates.map((d) => iso(ms(d) + delta));
  if (ruleChanged) await dropExceptions(tx, effects, exceptions);
  else await moveExceptions(tx, exceptions, delta);
  await writeActivity(tx, effects, { id: series.id, before, isNew: false, beforeActivity: toActivity(series), next });
  if (!ruleChanged) await carryOver(tx, effects, exceptions, fields);
  return toActivity(await readActivityRow(tx, tx.db, series.id, { unchecked: true }));
}

/** COUNT=n of a rule, less the occurrences before `at` (for the new series of "this and all following"). */
function remainingRule(before: State, at: string): string | null {
  if (!before.rrule || !before.start) return before.rrule;
  const m = /(^|;)COUNT=(\d+)/i.exec(before.rrule);
  if (!m) return before.rrule;
  const src = recurringSource({ ...before, start: before.start, exdates: [] });
  const used = occurrencesBetween(src, new Date(before.start), new Date(at), 100_000).length;
  const left = Math.max(1, Number(m[2]) - used);
  return before.rrule.replace(/(^|;)COUNT=\d+/i, `$1COUNT=${left}`);
}

async function editFollowing(
  tx: Ctx,
  effects: Effects,
  series: q.ActivityRow,
  fields: Fields,
  occurrenceStart: string,
): Promise<Activity> {
  const occurrence = findOccurrence(series, occurrenceStart);
  const at = ms(occurrenceStart);
  const before = stateOf(series);
  const exceptions = await q.selectExceptions(tx.db, tx.workspaceId, series.id);
  const later = exceptions.filter((e) => e.recurrence_id && e.recurrence_id.getTime() >= at).map((e) => e.id);
  const newId_ = newId();

  // The series ends before this occurrence.
  await writeActivity(tx, effects, {
    id: series.id,
    before,
    isNew: false,
    beforeActivity: toActivity(series),
    next: {
      ...before,
      rrule: endSeriesBefore(recurringSource({ ...before, start: before.start as string }), new Date(at)),
      exdates: before.exdates.filter((d) => ms(d) < at),
    },
    quiet: true,
    noBookingCheck: true,
  });

  // A new series starts with it, with the change.
  const base: State = {
    ...before,
    start: iso(occurrence.start),
    end: occurrence.end ? iso(occurrence.end) : null,
    rrule: remainingRule(before, occurrenceStart),
    exdates: before.exdates.filter((d) => ms(d) >= at),
    done: false,
  };
  const type = await resolveType(tx, tx.db, fields.typeId ?? series.type_id, undefined, series.type_id);
  const merged = {
    ...mergeFields(base, fields, series.hidden_contact_ids),
    typeId: type.id,
    kind: type.kind as ActivityKind,
  };
  const next = shape(merged, base, { end: fields.end !== undefined }, type.default_minutes);
  const delta = next.start ? ms(next.start) - ms(base.start as string) : 0;
  const ruleChanged = fields.rrule !== undefined && fields.rrule !== base.rrule;
  next.exdates = ruleChanged ? [] : base.exdates.map((d) => iso(ms(d) + delta));
  await writeActivity(tx, effects, {
    id: newId_,
    before: base,
    isNew: true,
    beforeActivity: null,
    next,
    // The later changed occurrences still belong to the old series until they move to this one.
    family: later,
  });
  if (ruleChanged) await dropExceptions(tx, effects, later);
  else {
    await moveExceptions(tx, later, delta, newId_);
    await carryOver(tx, effects, later, fields);
  }
  return toActivity(await readActivityRow(tx, tx.db, newId_, { unchecked: true }));
}

// ---------------------------------------------------------------------------------------------------------------
// Deletes

export async function deleteRecurring(
  tx: Ctx,
  effects: Effects,
  row: q.ActivityRow,
  scope: Scope | undefined,
  occurrenceStart: string | undefined,
): Promise<void> {
  if (row.series_id) {
    const recurrenceId = iso(row.recurrence_id as Date);
    if (scope === 'following' || scope === 'all') {
      const series = await lockRow(tx, row.series_id);
      return deleteRecurring(tx, effects, series, scope, recurrenceId);
    }
    // This occurrence: out of the series for good, and its own row to the trash.
    const series = await q.selectActivity(tx.db, tx.workspaceId, row.series_id, {
      actor: tx.actor,
      visible: sql<SqlBool>`true`,
      forUpdate: true,
    });
    if (series) await excludeOccurrence(tx, effects, series, recurrenceId);
    await setDeleted(tx, effects, row, true);
    return;
  }
  if (!scope) {
    throw invalid(
      'scope',
      'This activity repeats: say whether to delete this occurrence, this and all following, or all',
    );
  }
  if (
    scope === 'all' ||
    (scope === 'following' && occurrenceStart && ms(occurrenceStart) === ms(row.starts_at as Date))
  ) {
    await setDeleted(tx, effects, row, true);
    return;
  }
  if (!occurrenceStart) throw invalid('occurrenceStart', 'Name the occurrence by its original start');
  const existing = await q.selectException(tx.db, tx.workspaceId, row.id, new Date(occurrenceStart));
  if (!existing) findOccurrence(row, occurrenceStart);
  if (scope === 'this') {
    await excludeOccurrence(tx, effects, row, occurrenceStart);
    if (existing) await dropExceptions(tx, effects, [existing.id]);
    return;
  }
  const at = ms(occurrenceStart);
  const before = stateOf(row);
  const exceptions = await q.selectExceptions(tx.db, tx.workspaceId, row.id);
  await writeActivity(tx, effects, {
    id: row.id,
    before,
    isNew: false,
    beforeActivity: toActivity(row),
    next: {
      ...before,
      rrule: endSeriesBefore(recurringSource({ ...before, start: before.start as string }), new Date(at)),
      exdates: before.exdates.filter((d) => ms(d) < at),
    },
    quiet: true,
    noBookingCheck: true,
  });
  await dropExceptions(
    tx,
    effects,
    exceptions.filter((e) => e.recurrence_id && e.recurrence_id.getTime() >= at).map((e) => e.id),
  );
}

/** Adds an occurrence's original start to the series' exdates. */
async function excludeOccurrence(tx: Ctx, effects: Effects, series: q.ActivityRow, occurrenceStart: string) {
  const before = stateOf(series);
  if (before.exdates.some((d) => ms(d) === ms(occurrenceStart))) return;
  await writeActivity(tx, effects, {
    id: series.id,
    before,
    isNew: false,
    beforeActivity: toActivity(series),
    next: { ...before, exdates: [...before.exdates, iso(occurrenceStart)].sort() },
    quiet: true,
    noBookingCheck: true,
  });
}
