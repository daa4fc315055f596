import type { Activity, ActivityKind, ActivityPriority, BookingConflict } from '@rapport/contracts/activities.ts';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import type { Mail } from '../../mail/mailer.ts';
import { type Change, diff } from '../audit/audit.sql.ts';
import { sendActivityInvitations } from '../calendar/invitations.ts';
import { notify } from '../notifications/notify.ts';
import { scheduleReminder } from '../notifications/reminders.ts';
import { describeConflict, findBookingConflicts, lockResources } from '../resources/booking-conflicts.ts';
import * as q from './activities.sql.ts';
import { asMailLanguage, assignmentMail } from './activity-mails.ts';
import { activityVisibleTo } from './activity-visibility.ts';
import { checkRRule, type RecurringSource } from './recurrence.ts';

/**
 * The one place an activity row is written: the rules every create, change and occurrence edit goes through
 * (types, owners, participants, what they may see, times, recurrence, bookings), its history, the notifications
 * of the colleagues it was given to, and what happens after the transaction commits (mails, reminders,
 * invitations).
 */

/** The editable state of an activity, in contract field names (what the history records). */
export type State = {
  typeId: string;
  kind: ActivityKind;
  title: string;
  description: string;
  location: string | null;
  start: string | null;
  end: string | null;
  allDay: boolean;
  timeZone: string;
  priority: ActivityPriority;
  done: boolean;
  ownerId: string;
  companyId: string | null;
  contactId: string | null;
  private: boolean;
  reminderMinutes: number | null;
  rrule: string | null;
  exdates: string[];
  participantUserIds: string[];
  participantContactIds: string[];
  resourceIds: string[];
};

/** Changes of these fields make calendars that got an invitation update it (iCalendar SEQUENCE). */
const SEQUENCE_FIELDS = new Set<keyof State>([
  'title',
  'location',
  'start',
  'end',
  'allDay',
  'timeZone',
  'rrule',
  'exdates',
  'participantUserIds',
  'participantContactIds',
]);

export const iso = (d: Date | string | number) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);
const sorted = (ids: string[]) => [...new Set(ids)].sort();

export function toActivity(r: q.ActivityRow): Activity {
  return {
    id: r.id,
    typeId: r.type_id,
    kind: r.kind as ActivityKind,
    title: r.title,
    description: r.description,
    location: r.location,
    start: isoOrNull(r.starts_at),
    end: isoOrNull(r.ends_at),
    allDay: r.all_day,
    timeZone: r.time_zone,
    priority: r.priority as ActivityPriority,
    done: r.done_at !== null,
    doneAt: isoOrNull(r.done_at),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    companyId: r.company_id,
    companyName: r.company_name,
    contactId: r.contact_id,
    contactName: r.contact_name,
    private: r.private,
    reminderMinutes: r.reminder_minutes,
    rrule: r.rrule,
    exdates: (r.exdates ?? []).map(iso).sort(),
    seriesId: r.series_id,
    recurrenceId: isoOrNull(r.recurrence_id),
    participants: r.participants,
    resources: r.resources,
    overdue: r.overdue,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    createdBy: r.created_by,
    deletedAt: isoOrNull(r.deleted_at),
  };
}

export function stateOf(r: q.ActivityRow): State {
  return {
    typeId: r.type_id,
    kind: r.kind as ActivityKind,
    title: r.title,
    description: r.description,
    location: r.location,
    start: isoOrNull(r.starts_at),
    end: isoOrNull(r.ends_at),
    allDay: r.all_day,
    timeZone: r.time_zone,
    priority: r.priority as ActivityPriority,
    done: r.done_at !== null,
    ownerId: r.owner_id,
    companyId: r.company_id,
    contactId: r.contact_id,
    private: r.private,
    reminderMinutes: r.reminder_minutes,
    rrule: r.rrule,
    exdates: (r.exdates ?? []).map(iso).sort(),
    participantUserIds: sorted(r.participants.flatMap((p) => (p.userId ? [p.userId] : []))),
    participantContactIds: sorted([
      ...r.participants.flatMap((p) => (p.contactId ? [p.contactId] : [])),
      ...(r.hidden_contact_ids ?? []),
    ]),
    resourceIds: sorted(r.resources.map((x) => x.id)),
  };
}

export const visibleActivity = (ctx: Ctx): RawBuilder<SqlBool> => activityVisibleTo('a', ctx.actor);

/** One activity as the caller may see it; NOT_FOUND when it is missing, in the trash or hidden from them. */
export async function readActivityRow(
  ctx: Ctx,
  db: Kysely<DB>,
  id: string,
  opts: { forUpdate?: boolean; includeDeleted?: boolean; onlyDeleted?: boolean; unchecked?: boolean } = {},
): Promise<q.ActivityRow> {
  const row = await q.selectActivity(db, ctx.workspaceId, id, {
    actor: ctx.actor,
    visible: opts.unchecked ? sql<SqlBool>`true` : visibleActivity(ctx),
    forUpdate: opts.forUpdate ?? false,
    includeDeleted: opts.includeDeleted ?? false,
    onlyDeleted: opts.onlyDeleted ?? false,
  });
  if (!row) throw notFound('Activity');
  return row;
}

export const recurringSource = (s: {
  start: string | Date;
  end: string | Date | null;
  allDay: boolean;
  timeZone: string;
  rrule: string | null;
  exdates: (string | Date)[];
}): RecurringSource => ({
  start: new Date(s.start),
  end: s.end ? new Date(s.end) : null,
  allDay: s.allDay,
  timeZone: s.timeZone,
  rrule: s.rrule,
  exdates: s.exdates.map((d) => new Date(d)),
});

// ---------------------------------------------------------------------------------------------------------------
// After the commit

export type Effects = {
  mails: Mail[];
  reminders: Set<string>;
  invitations: { before: Activity | null; afterId: string | null }[];
};
export const newEffects = (): Effects => ({ mails: [], reminders: new Set(), invitations: [] });

/**
 * Runs a write in one transaction (`tx.db`), then what must wait for its commit: the assignment mails, the
 * reminder jobs and the iCalendar invitations. Those are best effort: the change is saved either way.
 */
export async function writeTransaction<T>(ctx: Ctx, fn: (tx: Ctx, effects: Effects) => Promise<T>): Promise<T> {
  const effects = newEffects();
  const result = await ctx.db.transaction().execute((db) => fn({ ...ctx, db }, effects));
  for (const mail of effects.mails) {
    try {
      await ctx.mailer.send(mail);
    } catch (err) {
      ctx.log.error({ err }, 'activity mail could not be queued');
    }
  }
  for (const id of effects.reminders) {
    try {
      await scheduleReminder(ctx, id);
    } catch (err) {
      ctx.log.error({ err, activityId: id }, 'reminder could not be scheduled');
    }
  }
  for (const change of effects.invitations) {
    try {
      const row = change.afterId
        ? await readActivityRow(ctx, ctx.db, change.afterId, { unchecked: true, includeDeleted: true })
        : null;
      const after = row && !row.deleted_at ? toActivity(row) : null;
      await sendActivityInvitations(ctx, { before: change.before, after });
    } catch (err) {
      ctx.log.error({ err }, 'meeting invitations could not be sent');
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Shaping a state

/** The type an activity gets: the given one (not archived unless it already had it), else the kind's built-in. */
export async function resolveType(
  ctx: Ctx,
  db: Kysely<DB>,
  typeId: string | undefined,
  kind: ActivityKind | undefined,
  current?: string,
) {
  if (typeId) {
    const type = await q.selectType(db, ctx.workspaceId, { id: typeId });
    if (!type || (type.archived_at && typeId !== current)) throw invalid('typeId', 'No such activity type');
    return type;
  }
  const type = await q.selectType(db, ctx.workspaceId, { kind: kind ?? 'task' });
  if (!type) throw new AppError('INTERNAL', 'The built-in activity types are missing');
  return type;
}

/** Local midnight of the day an instant falls on, in a time zone, `days` days later. */
const midnight = (at: string, timeZone: string, days = 0) =>
  iso(DateTime.fromJSDate(new Date(at), { zone: timeZone }).startOf('day').plus({ days }).toJSDate());

/**
 * Brings a state into its stored form: a task has no end; a call or meeting given only a start lasts its type's
 * default length; a start moved without a new end keeps the duration. An all-day activity starts at local
 * midnight and (unless a task) ends at the midnight after its last day.
 */
export function shape(
  next: State,
  before: State | null,
  given: { end: boolean },
  defaultMinutes: number | null,
): State {
  const out = { ...next };
  if (out.kind === 'task') {
    if (out.end && given.end) throw invalid('end', 'A task has a due date (start) but no end');
    out.end = null;
  } else if (out.start && !given.end) {
    if (before?.start && before.end && before.start !== out.start) {
      // Moved: as long as before.
      const length = new Date(before.end).getTime() - new Date(before.start).getTime();
      out.end = iso(new Date(out.start).getTime() + length);
    } else if (!out.end && (!before?.start || before.kind !== out.kind || before.allDay !== out.allDay)) {
      out.end = out.allDay ? null : iso(new Date(out.start).getTime() + (defaultMinutes ?? 60) * 60_000);
    }
  }
  if (out.allDay && out.start) {
    out.start = midnight(out.start, out.timeZone);
    if (out.kind !== 'task') {
      const end = out.end ? midnight(out.end, out.timeZone) : null;
      out.end = end === null || end === out.start ? midnight(out.start, out.timeZone, 1) : end;
    }
  }
  out.participantUserIds = sorted(out.participantUserIds.filter((u) => u !== out.ownerId));
  out.participantContactIds = sorted(out.participantContactIds);
  out.resourceIds = sorted(out.resourceIds);
  out.exdates = sorted(out.exdates.map(iso));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules

type CardRef = q.CardRow & { kind: 'company' | 'contact' };
export const seesCard = (who: { userId: string; role: string }, card: q.CardRow) =>
  who.role === 'admin' || card.visibility === 'everyone' || card.owner_id === who.userId;

async function checkState(ctx: Ctx, db: Kysely<DB>, before: State | null, next: State) {
  const changed = (k: keyof State) => !before || JSON.stringify(before[k]) !== JSON.stringify(next[k]);
  const added = (k: 'participantUserIds' | 'participantContactIds' | 'resourceIds') =>
    next[k].filter((id) => !before?.[k].includes(id));

  // Times and recurrence.
  if (next.end && !next.start) throw invalid('end', 'An end needs a start');
  if (next.start && next.end && new Date(next.end) < new Date(next.start)) {
    throw invalid('end', 'The end cannot be before the start');
  }
  if (next.rrule) {
    if (!next.start) throw invalid('rrule', 'A repeating activity needs a start');
    const problem = checkRRule(next.rrule);
    if (problem) throw invalid('rrule', `Recurrence: ${problem}`);
  }
  if (next.resourceIds.length > 0 && (!next.start || !next.end)) {
    throw invalid('resourceIds', 'Booking a room or equipment needs a start and an end');
  }

  // Colleagues: the owner and those taking part are active members.
  const people = await q.selectPeople(db, ctx.workspaceId, [next.ownerId, ...next.participantUserIds]);
  const person = new Map(people.map((p) => [p.user_id, p]));
  if (changed('ownerId') && !person.get(next.ownerId)?.active) {
    throw invalid('ownerId', 'The owner must be an active member of this workspace');
  }
  for (const id of added('participantUserIds')) {
    if (!person.get(id)?.active) {
      throw invalid('participantUserIds', `${id} is not an active member of this workspace`);
    }
  }

  // Linked cards exist and the caller may see them.
  const [companies, contacts] = await Promise.all([
    q.selectCards(db, ctx.workspaceId, 'companies', next.companyId ? [next.companyId] : []),
    q.selectCards(db, ctx.workspaceId, 'contacts', [
      ...(next.contactId ? [next.contactId] : []),
      ...next.participantContactIds,
    ]),
  ]);
  const card = new Map<string, CardRef>([
    ...companies.map((c) => [c.id, { ...c, kind: 'company' as const }] as const),
    ...contacts.map((c) => [c.id, { ...c, kind: 'contact' as const }] as const),
  ]);
  const me = { userId: ctx.actor.userId, role: ctx.actor.role };
  const linkable = (id: string) => {
    const c = card.get(id);
    return c !== undefined && seesCard(me, c);
  };
  if (next.companyId && changed('companyId') && !linkable(next.companyId))
    throw invalid('companyId', 'No such company');
  if (next.contactId && changed('contactId') && !linkable(next.contactId))
    throw invalid('contactId', 'No such contact');
  for (const id of added('participantContactIds')) {
    if (!linkable(id)) throw invalid('participantContactIds', `No such contact: ${id}`);
  }

  // Whoever owns or takes part must be able to see every card the activity is linked to.
  const newPerson = (id: string) =>
    !before || (id === next.ownerId ? before.ownerId !== id : !before.participantUserIds.includes(id));
  const newCard = (id: string) =>
    !before ||
    (id === next.companyId && before.companyId !== id) ||
    (id === next.contactId && before.contactId !== id) ||
    (next.participantContactIds.includes(id) && !before.participantContactIds.includes(id));
  const linked = [next.companyId, next.contactId, ...next.participantContactIds].flatMap((id) => {
    const c = id ? card.get(id) : undefined;
    return c ? [c] : [];
  });
  for (const userId of [next.ownerId, ...next.participantUserIds]) {
    const p = person.get(userId);
    if (!p) continue;
    for (const c of linked) {
      if (!newPerson(userId) && !newCard(c.id)) continue;
      if (seesCard({ userId, role: p.role }, c)) continue;
      const what = `${c.kind === 'company' ? 'the company' : 'the contact'} “${c.name}”`;
      if (userId === next.ownerId) {
        throw invalid(
          'ownerId',
          `${p.name} cannot see ${what} (only its owner may), so the activity cannot be given to them`,
        );
      }
      throw invalid(
        'participantUserIds',
        `${p.name} cannot see ${what} (only its owner may), so they cannot take part`,
      );
    }
  }

  // Rooms and equipment exist and are in use.
  if (changed('resourceIds')) {
    const resources = await q.selectResources(db, ctx.workspaceId, added('resourceIds'));
    for (const id of added('resourceIds')) {
      const r = resources.find((x) => x.id === id);
      if (!r) throw invalid('resourceIds', `No such room or equipment: ${id}`);
      if (r.archived_at) throw invalid('resourceIds', `${r.name} is no longer in use`);
    }
  }
  return { person, companyName: next.companyId ? (card.get(next.companyId)?.name ?? null) : null };
}

/** “Fjord is already booked 2 Apr 2030 10:00–11:00 by “Board meeting”” in the caller's time zone. */
export function conflictMessage(conflicts: BookingConflict[], timeZone: string): string {
  const [first] = conflicts;
  if (!first) return 'The booking conflicts with another one';
  const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
  return `${describeConflict(first, timeZone)}${more}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const COLUMN: Partial<Record<keyof State, keyof q.ActivityValues>> = {
  typeId: 'type_id',
  kind: 'kind',
  title: 'title',
  description: 'description',
  location: 'location',
  start: 'starts_at',
  end: 'ends_at',
  allDay: 'all_day',
  timeZone: 'time_zone',
  priority: 'priority',
  ownerId: 'owner_id',
  companyId: 'company_id',
  contactId: 'contact_id',
  private: 'private',
  reminderMinutes: 'reminder_minutes',
  rrule: 'rrule',
  exdates: 'exdates',
};

function columnValue(field: keyof State, value: unknown): unknown {
  if (field === 'start' || field === 'end') return value ? new Date(value as string) : null;
  if (field === 'exdates') return (value as string[]).map((d) => new Date(d));
  return value;
}

export type WriteInput = {
  id: string;
  /**
   * What the change is compared with (history, notifications, what must be checked again); null for a new
   * activity. A new row made from a series (one changed occurrence, or "this and all following") compares
   * with the series.
   */
  before: State | null;
  /** Whether the row is inserted (also when `before` is the series it comes from). */
  isNew: boolean;
  /** The activity as it was (for the invitations); null for a new one. */
  beforeActivity: Activity | null;
  next: State;
  /** For a new row: the series it changes one occurrence of, and the iCalendar UID it shares with it. */
  insert?: { seriesId: string; recurrenceId: string; icalUid: string };
  /** No notifications or mails to colleagues (the change they would hear of was announced already). */
  quiet?: boolean;
  /** No iCalendar messages (a series change carried over to its changed occurrences: the series sends them). */
  noInvitations?: boolean;
  /** Activities whose bookings do not count as conflicts (changed occurrences about to move to this series). */
  family?: string[];
  /** The change only takes occurrences away (an exdate, an earlier end): no booking check. */
  noBookingCheck?: boolean;
};

/** Locks the resources and refuses a double booking with 409 naming the booking already there. */
export async function checkBookings(tx: Ctx, id: string, next: State, family: string[] = []) {
  if (next.resourceIds.length === 0 || !next.start) return;
  await lockResources(tx.db, tx.workspaceId, next.resourceIds);
  const found = await findBookingConflicts(tx, {
    resourceIds: next.resourceIds,
    source: recurringSource({ ...next, start: next.start }),
    excludeActivityId: id,
  });
  const skip = new Set(family);
  const conflicts = found.filter((c) => !skip.has(c.activityId));
  if (conflicts.length > 0) {
    const zone = (await q.selectTimeZone(tx.db, tx.workspaceId, tx.actor.userId)) ?? next.timeZone;
    throw new AppError('CONFLICT', conflictMessage(conflicts, zone), { conflicts });
  }
}

/** Validates and writes one activity with its history; returns the changes (empty: nothing changed). */
export async function writeActivity(tx: Ctx, effects: Effects, w: WriteInput): Promise<Change[]> {
  const { id, before, next, isNew } = w;
  const db = tx.db;
  const { person, companyName } = await checkState(tx, db, before, next);
  const changes =
    before && !isNew
      ? diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>)
      : Object.entries(next)
          .filter(([, v]) => v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0))
          .map(([field, v]) => ({ field, old: null, new: v }));
  if (!isNew && changes.length === 0) return changes;
  const changed = new Set(changes.map((c) => c.field as keyof State));
  const values: Record<string, unknown> = {};
  for (const field of isNew ? (Object.keys(COLUMN) as (keyof State)[]) : changed) {
    const column = COLUMN[field];
    if (column) values[column] = columnValue(field, next[field]);
  }
  if (isNew || changed.has('done')) {
    values.done_at = next.done ? tx.now : null;
    values.done_by = next.done ? tx.actor.userId : null;
  }

  if (isNew) {
    await q.insertActivity(db, {
      ...(values as q.ActivityValues),
      workspace_id: tx.workspaceId,
      id,
      series_id: w.insert?.seriesId ?? null,
      recurrence_id: w.insert ? new Date(w.insert.recurrenceId) : null,
      ical_uid: w.insert?.icalUid ?? `${id}@rapport`,
      created_by: tx.actor.userId,
    });
  } else {
    const bump = [...changed].some((f) => SEQUENCE_FIELDS.has(f));
    await q.updateActivity(db, tx.workspaceId, id, values as Partial<q.ActivityValues>, bump);
  }
  if (isNew || changed.has('participantUserIds') || changed.has('participantContactIds')) {
    await q.replaceParticipants(db, tx.workspaceId, id, {
      userIds: next.participantUserIds,
      contactIds: next.participantContactIds,
    });
  }
  if (isNew || changed.has('resourceIds')) await q.replaceResources(db, tx.workspaceId, id, next.resourceIds);

  // A room or a piece of equipment is booked once at a time (checked under a lock per resource).
  const timeChanged = ['start', 'end', 'allDay', 'timeZone', 'rrule', 'exdates', 'resourceIds'].some((f) =>
    changed.has(f as keyof State),
  );
  if ((isNew || timeChanged) && !w.noBookingCheck) await checkBookings(tx, id, next, w.family);

  await q.insertActivityAudit(db, {
    workspaceId: tx.workspaceId,
    actor: tx.actor,
    activityId: id,
    action: isNew ? 'create' : 'update',
    changes,
  });

  // Colleagues given the activity or added to it hear about it: in the app now, by mail after the commit.
  if (!w.quiet) {
    const me = tx.actor.userId;
    const assigned = (!before || before.ownerId !== next.ownerId) && next.ownerId !== me ? [next.ownerId] : [];
    const addedUsers = next.participantUserIds.filter(
      (u) => u !== me && u !== next.ownerId && !(before?.participantUserIds.includes(u) ?? false),
    );
    const params = { activityId: id, title: next.title, start: next.start, actorName: tx.actor.name };
    const path = `/activities/${id}`;
    for (const [userIds, role] of [
      [assigned, 'owner'],
      [addedUsers, 'participant'],
    ] as const) {
      if (userIds.length === 0) continue;
      await notify(db, {
        workspaceId: tx.workspaceId,
        userIds,
        kind: 'activity.assigned',
        params: { ...params, role },
        path,
        actorId: me,
      });
      for (const userId of userIds) {
        const p = person.get(userId);
        if (!p) continue;
        const mail = assignmentMail({
          variant: role === 'owner' ? 'assigned' : 'added',
          language: asMailLanguage(p.language),
          timeZone: p.time_zone,
          actorName: tx.actor.name,
          title: next.title,
          start: next.start ? new Date(next.start) : null,
          end: next.end ? new Date(next.end) : null,
          allDay: next.allDay,
          location: next.location,
          companyName,
          url: `${tx.config.publicUrl}${path}`,
        });
        effects.mails.push({ workspaceId: tx.workspaceId, to: p.email, ...mail });
      }
    }
  }
  effects.reminders.add(id);
  if (!w.noInvitations) effects.invitations.push({ before: w.beforeActivity, afterId: id });
  return changes;
}

/** Fields a change may name (every editable field but the kind, which follows the type, and the exdates). */
export type Fields = Partial<Omit<State, 'kind' | 'exdates'>>;

/** The state after applying the given fields; the contacts the caller cannot see stay where they were. */
export function mergeFields(before: State, fields: Fields, hiddenContactIds: string[] = []): State {
  const next: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) next[k] = v;
  if (fields.start) next.start = iso(fields.start);
  if (fields.end) next.end = iso(fields.end);
  if (fields.participantContactIds) next.participantContactIds = [...fields.participantContactIds, ...hiddenContactIds];
  return next as State;
}

/** A change of one activity row as it is (not a series as a whole); `quiet`: carried over from its series. */
export async function patchRow(
  tx: Ctx,
  effects: Effects,
  row: q.ActivityRow,
  fields: Fields,
  opts: { quiet?: boolean } = {},
): Promise<Change[]> {
  if (row.series_id && fields.rrule) {
    throw invalid('rrule', 'A changed occurrence of a series cannot repeat on its own; change the series instead');
  }
  const before = stateOf(row);
  const type = await resolveType(tx, tx.db, fields.typeId ?? row.type_id, undefined, row.type_id);
  const merged = {
    ...mergeFields(before, fields, row.hidden_contact_ids),
    typeId: type.id,
    kind: type.kind as ActivityKind,
  };
  const next = shape(merged, before, { end: fields.end !== undefined }, type.default_minutes);
  return writeActivity(tx, effects, {
    id: row.id,
    before,
    isNew: false,
    beforeActivity: toActivity(row),
    next,
    ...(opts.quiet ? { quiet: true, noInvitations: true } : {}),
  });
}

/** Optimistic locking: a stale version is refused with the activity as it is now. */
export function checkVersion(row: q.ActivityRow, version: number) {
  if (row.version !== version) {
    throw new AppError('CONFLICT', 'Someone else changed this activity; reload and apply your change again', {
      current: toActivity(row),
    });
  }
}

/** Moves an activity (and a series' changed occurrences) to the trash or back, with its history. */
export async function setDeleted(tx: Ctx, effects: Effects, row: q.ActivityRow, deleted: boolean) {
  await q.setActivityDeleted(tx.db, tx.workspaceId, row.id, deleted);
  await q.insertActivityAudit(tx.db, {
    workspaceId: tx.workspaceId,
    actor: tx.actor,
    activityId: row.id,
    action: deleted ? 'delete' : 'restore',
  });
  effects.reminders.add(row.id);
  effects.invitations.push(deleted ? { before: toActivity(row), afterId: null } : { before: null, afterId: row.id });
}
