import type { Activity } from '@rapport/contracts/activities.ts';
import type { Ctx } from '../../http/context.ts';
import {
  bumpSequence,
  type IcsRow,
  markInvited,
  type ParticipantRow,
  selectExceptions,
  selectIcsActivity,
  selectParticipants,
} from './calendar.sql.ts';
import { buildCalendar, type IcsEvent } from './ics.ts';
import { rowsToEvents } from './ics-events.ts';
import { invitationMail, type Language } from './invitation-mails.ts';

/**
 * iCalendar invitations to the contacts taking part in a meeting (RFC 5546 iTIP by e-mail, RFC 6047):
 * - a new meeting, or a change of its time, place, title, description, recurrence or people: METHOD:REQUEST with
 *   the whole meeting (a series with its changed occurrences) to every invited contact — SEQUENCE is the
 *   activity's `ical_sequence`, which the activity service raises on such changes; a change of nothing a
 *   calendar shows sends only the newly added contacts their invitation;
 * - a contact removed from it, or the meeting deleted (or no longer a meeting): METHOD:CANCEL with a raised
 *   SEQUENCE (for one changed occurrence: that occurrence's RECURRENCE-ID).
 * Colleagues are not mailed here (they see it in Rapport). The mail text is in the organiser's language.
 * Called after the change is committed; a mail that cannot be sent stays in the outbox with its error.
 */
export async function sendActivityInvitations(
  ctx: Ctx,
  change: { before: Activity | null; after: Activity | null },
): Promise<void> {
  const meeting = (a: Activity | null) => (a && a.kind === 'meeting' && a.start && !a.deletedAt ? a : null);
  const after = meeting(change.after);
  let before = meeting(change.before);
  // A row made from another one (a changed occurrence of a series, or "this and all following") compares with
  // it only when it is an occurrence of it; a new series is new to everyone.
  if (before && after && before.id !== after.id && after.seriesId !== before.id) before = null;
  const invited = (a: Activity | null) =>
    new Map(
      (a?.participants ?? [])
        .filter((p) => p.contactId && p.email)
        .map((p) => [(p.email as string).toLowerCase(), p] as const),
    );
  const was = invited(before);
  const now = invited(after);
  if (was.size === 0 && now.size === 0) return;

  if (!after) {
    if (!before) return;
    await cancel(ctx, before, [...was.keys()], { bump: true });
    return;
  }
  const removed = [...was.keys()].filter((e) => !now.has(e));
  if (removed.length > 0) await cancel(ctx, after, removed, { bump: false });
  const added = [...now.keys()].filter((e) => !was.has(e));
  const recipients = !before || calendarChanged(before, after) ? [...now.keys()] : added;
  // Someone who had it gets an update; someone new (also to a new row made from a series) an invitation.
  const updated = new Set(before ? recipients.filter((e) => was.has(e)) : []);
  if (recipients.length > 0) await request(ctx, after, recipients, updated);
}

/** Whether a change shows in the recipients' calendars. */
function calendarChanged(a: Activity, b: Activity): boolean {
  const key = (x: Activity) =>
    JSON.stringify([
      x.title,
      x.description,
      x.location,
      x.start && new Date(x.start).getTime(),
      x.end && new Date(x.end).getTime(),
      x.allDay,
      x.timeZone,
      x.rrule,
      [...x.exdates].map((d) => new Date(d).getTime()).sort(),
      x.ownerId,
      x.participants.map((p) => p.userId ?? p.contactId).sort(),
    ]);
  return key(a) !== key(b);
}

type Loaded = { rows: IcsRow[]; participants: ParticipantRow[]; root: IcsRow; row: IcsRow };

/** The meeting as calendars should hold it: the series with its changed occurrences, or the single meeting. */
async function load(ctx: Ctx, activityId: string): Promise<Loaded | null> {
  const row = await selectIcsActivity(ctx.db, ctx.workspaceId, activityId, null);
  if (!row) return null;
  const root = row.series_id ? await selectIcsActivity(ctx.db, ctx.workspaceId, row.series_id, null) : row;
  if (!root) return null;
  const rows = root.rrule
    ? [root, ...(await selectExceptions(ctx.db, ctx.workspaceId, [root.id], null))]
    : row.id === root.id
      ? [row]
      : [root, row];
  if (!rows.some((r) => r.id === row.id)) rows.push(row);
  const participants = await selectParticipants(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
    null,
  );
  return { rows, participants, root, row };
}

const languageOf = (row: IcsRow): Language =>
  row.owner_language === 'nb' || row.owner_language === 'sv' ? row.owner_language : 'en';

async function request(ctx: Ctx, after: Activity, recipients: string[], updated: Set<string>) {
  const loaded = await load(ctx, after.id);
  if (!loaded) return;
  const { rows, participants, root, row } = loaded;
  const live = rows.filter((r) => r.deleted_at === null || r.id === root.id);
  const events = rowsToEvents(live, participants, { publicUrl: ctx.config.publicUrl });
  const ics = buildCalendar({ method: 'REQUEST', events, now: ctx.now });
  const names = participants.filter((p) => p.activity_id === row.id).map((p) => p.name);
  const sentTo: string[] = [];
  for (const email of recipients) {
    const mail = invitationMail(languageOf(row), {
      kind: updated.has(email) ? 'update' : 'new',
      title: row.title,
      organizer: row.owner_name,
      start: row.starts_at ?? new Date(),
      end: row.ends_at,
      allDay: row.all_day,
      timeZone: row.time_zone,
      location: row.location,
      description: row.description,
      recurring: root.rrule !== null,
      participants: names,
      url: null,
    });
    await ctx.mailer.send({
      workspaceId: ctx.workspaceId,
      to: email,
      subject: mail.subject,
      text: mail.text,
      icalEvent: ics,
      icalMethod: 'REQUEST',
      replyTo: row.owner_email,
    });
    sentTo.push(email);
  }
  const ids = participants
    .filter((p) => p.activity_id === row.id && p.email && sentTo.includes(p.email.toLowerCase()))
    .map((p) => p.id);
  await markInvited(ctx.db, ctx.workspaceId, ids, ctx.now);
}

async function cancel(ctx: Ctx, activity: Activity, recipients: string[], opts: { bump: boolean }) {
  const loaded = await load(ctx, activity.id);
  if (!loaded) return;
  const { row, root } = loaded;
  const sequence = opts.bump
    ? await bumpSequence(ctx.db, ctx.workspaceId, row.id)
    : Math.max(row.ical_sequence, root.ical_sequence);
  const byEmail = new Map(
    activity.participants.filter((p) => p.email).map((p) => [(p.email as string).toLowerCase(), p] as const),
  );
  for (const email of recipients) {
    const p = byEmail.get(email);
    const event: IcsEvent = {
      uid: root.ical_uid,
      sequence: Math.max(sequence, root.ical_sequence),
      kind: 'meeting',
      title: activity.title,
      description: activity.description,
      location: activity.location,
      start: new Date(activity.start ?? row.starts_at ?? ctx.now),
      end: activity.end ? new Date(activity.end) : row.ends_at,
      allDay: activity.allDay,
      timeZone: activity.timeZone,
      rrule: row.series_id ? null : activity.rrule,
      exdates: activity.exdates.map((d) => new Date(d)),
      recurrenceId: row.series_id ? row.recurrence_id : null,
      status: 'CANCELLED',
      organizer: { name: row.owner_name, email: row.owner_email },
      attendees: [{ name: p?.name ?? null, email, partstat: 'NEEDS-ACTION' }],
    };
    const ics = buildCalendar({ method: 'CANCEL', events: [event], now: ctx.now });
    const mail = invitationMail(languageOf(row), {
      kind: 'cancel',
      title: activity.title,
      organizer: row.owner_name,
      start: event.start,
      end: event.end,
      allDay: activity.allDay,
      timeZone: activity.timeZone,
      location: activity.location,
      description: '',
      recurring: Boolean(activity.rrule) && !row.series_id,
      participants: [],
      url: null,
    });
    await ctx.mailer.send({
      workspaceId: ctx.workspaceId,
      to: email,
      subject: mail.subject,
      text: mail.text,
      icalEvent: ics,
      icalMethod: 'CANCEL',
      replyTo: row.owner_email,
    });
  }
}
