import type { Role } from '@rapport/contracts/workspaces.ts';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';
import { occurrencesBetween } from '../activities/recurrence.ts';
import { notify } from './notify.ts';
import { asLanguage, reminderMail } from './reminder-mails.ts';

/**
 * Reminders: a pg-boss job per upcoming reminder, deferred to its time (start − reminder minutes). For a recurring
 * series only the next occurrence has a job; when it fires it queues the following one. Jobs are keyed by activity,
 * occurrence and time, so scheduling twice queues one job; a job made stale by a later change (moved, done,
 * deleted, reminder removed) finds that out when it fires and does nothing. `activity_reminders_sent` records who
 * was reminded of which occurrence, so a retried job reminds nobody twice.
 */

export const REMINDER_QUEUE = 'activity-reminder';

type ReminderJob = { workspaceId: string; activityId: string; occurrenceStart: string };
type Deps = { db: Kysely<DB>; mailer: Mailer; config: Config; log: Pick<Logger, 'info' | 'warn' | 'error'> };

/** Each app's jobs, found from the app's config (a service's ctx carries the config, not the jobs). */
const jobsOfApp = new WeakMap<Config, Jobs>();

/** How far ahead a series is searched for its next occurrence. */
const HORIZON_DAYS = 800;
/** A reminder whose occurrence ended longer ago than this (the app was down) is no longer sent. */
const STALE_MS = 60 * 60 * 1000;

type ActivityRow = {
  id: string;
  workspace_id: string;
  title: string;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  all_day: boolean;
  time_zone: string;
  done_at: Date | null;
  deleted_at: Date | null;
  reminder_minutes: number | null;
  rrule: string | null;
  exdates: Date[];
  series_id: string | null;
};

async function readActivity(db: Kysely<DB>, workspaceId: string, activityId: string): Promise<ActivityRow | null> {
  const row = await db
    .selectFrom('activities')
    .select([
      'id',
      'workspace_id',
      'title',
      'location',
      'starts_at',
      'ends_at',
      'all_day',
      'time_zone',
      'done_at',
      'deleted_at',
      'reminder_minutes',
      'rrule',
      'exdates',
      'series_id',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', activityId)
    .executeTakeFirst();
  return row ?? null;
}

type Occurrence = { occurrenceStart: Date; start: Date; end: Date | null };

/**
 * Occurrences of the activity overlapping [from, to): itself when it is not recurring; for a series its expansion,
 * without the occurrences that were changed (their own rows carry their own reminders).
 */
async function occurrences(db: Kysely<DB>, a: ActivityRow, from: Date, to: Date, max = 50): Promise<Occurrence[]> {
  if (!a.starts_at) return [];
  const source = {
    start: a.starts_at,
    end: a.ends_at,
    allDay: a.all_day,
    timeZone: a.time_zone,
    rrule: a.rrule,
    exdates: a.exdates ?? [],
  };
  const found = occurrencesBetween(source, from, to, max);
  if (!a.rrule || found.length === 0) return found;
  const changed = await db
    .selectFrom('activities')
    .select('recurrence_id')
    .where('workspace_id', '=', a.workspace_id)
    .where('series_id', '=', a.id)
    .execute();
  const skip = new Set(changed.map((c) => c.recurrence_id?.getTime()));
  return found.filter((o) => !skip.has(o.occurrenceStart.getTime()));
}

const remindAt = (a: ActivityRow, o: Occurrence) => new Date(o.start.getTime() - (a.reminder_minutes ?? 0) * 60_000);

/** The next occurrence still to be reminded of (not started yet, nobody reminded of it yet), or null. */
async function nextReminder(
  db: Kysely<DB>,
  a: ActivityRow,
  now: Date,
  after: Date | null = null,
): Promise<{ occurrence: Occurrence; at: Date } | null> {
  if (a.deleted_at || a.done_at || a.reminder_minutes === null || !a.starts_at) return null;
  const from = new Date(Math.max(now.getTime(), after ? after.getTime() + 1 : 0));
  const to = new Date(from.getTime() + HORIZON_DAYS * 86_400_000);
  const list = (await occurrences(db, a, from, to)).filter((o) => o.start.getTime() > now.getTime());
  if (after) list.splice(0, list.length, ...list.filter((o) => o.occurrenceStart.getTime() > after.getTime()));
  if (list.length === 0) return null;
  const sent = await db
    .selectFrom('activity_reminders_sent')
    .select('occurrence_start')
    .distinct()
    .where('workspace_id', '=', a.workspace_id)
    .where('activity_id', '=', a.id)
    .where(
      'occurrence_start',
      'in',
      list.map((o) => o.occurrenceStart),
    )
    .execute();
  const done = new Set(sent.map((s) => s.occurrence_start.getTime()));
  const occurrence = list.find((o) => !done.has(o.occurrenceStart.getTime()));
  if (!occurrence) return null;
  const at = remindAt(a, occurrence);
  return { occurrence, at: at.getTime() < now.getTime() ? now : at };
}

async function enqueue(jobs: Jobs, db: Kysely<DB>, a: ActivityRow, next: { occurrence: Occurrence; at: Date }) {
  const data: ReminderJob = {
    workspaceId: a.workspace_id,
    activityId: a.id,
    occurrenceStart: next.occurrence.occurrenceStart.toISOString(),
  };
  await jobs.send(REMINDER_QUEUE, data, {
    startAfter: next.at,
    singletonKey: `${a.id}/${data.occurrenceStart}/${next.at.toISOString()}`,
    ...(db.isTransaction ? { db } : {}),
  });
  if (next.at.getTime() <= Date.now() + 1000) jobs.wake(REMINDER_QUEUE);
}

/**
 * Queues the job for the activity's next reminder, if it has one. Call it after an activity was created or changed
 * (inside the transaction, the job is queued when it commits). Calling it again is harmless.
 */
export async function scheduleReminder(ctx: Ctx, activityId: string): Promise<void> {
  const jobs = jobsOfApp.get(ctx.config);
  if (!jobs?.started) return; // no background jobs in this process; `scheduleUpcomingReminders` runs at start
  const a = await readActivity(ctx.db, ctx.workspaceId, activityId);
  if (!a) return;
  const next = await nextReminder(ctx.db, a, new Date());
  if (next) await enqueue(jobs, ctx.db, a, next);
}

/**
 * At start: queues the next reminder of every activity that has one, so reminders of activities saved while
 * background jobs were not running are not lost (jobs already queued are not queued twice).
 */
export async function scheduleUpcomingReminders(
  jobs: Jobs,
  db: Kysely<DB>,
  stop: () => boolean = () => false,
): Promise<number> {
  const now = new Date();
  const rows = await db
    .selectFrom('activities')
    .select('id')
    .select('workspace_id')
    .where('deleted_at', 'is', null)
    .where('done_at', 'is', null)
    .where('reminder_minutes', 'is not', null)
    .where((eb) => eb.or([eb('starts_at', '>', now), eb('rrule', 'is not', null)]))
    .execute();
  let queued = 0;
  for (const r of rows) {
    if (stop() || !jobs.started) break;
    const a = await readActivity(db, r.workspace_id, r.id);
    if (!a) continue;
    const next = await nextReminder(db, a, now);
    if (!next) continue;
    await enqueue(jobs, db, a, next);
    queued++;
  }
  return queued;
}

type Recipient = { userId: string; email: string; language: string; timeZone: string; reminderEmail: boolean };

/** The owner and the colleagues taking part (not those who declined) who are active members and may see it. */
async function recipients(db: Kysely<DB>, a: ActivityRow): Promise<Recipient[]> {
  const ids = a.series_id ? [a.id, a.series_id] : [a.id];
  const rows = await sql<{
    user_id: string;
    role: Role;
    email: string;
    language: string;
    time_zone: string;
    reminder_email: boolean;
  }>`
    select m.user_id, m.role, u.email, m.language, m.time_zone, m.reminder_email
    from members m join users u on u.id = m.user_id
    where m.workspace_id = ${a.workspace_id} and m.deactivated_at is null
      and (m.user_id = (select owner_id from activities where workspace_id = ${a.workspace_id} and id = ${a.id})
        or m.user_id in (select p.user_id from activity_participants p
          where p.workspace_id = ${a.workspace_id} and p.activity_id in (${sql.join(ids)})
            and p.user_id is not null and p.response <> 'declined'))`.execute(db);
  const out: Recipient[] = [];
  for (const r of rows.rows) {
    const visible = await db
      .selectFrom('activities as a')
      .select('a.id')
      .where('a.workspace_id', '=', a.workspace_id)
      .where('a.id', '=', a.id)
      .where(activityVisibleTo('a', { userId: r.user_id, role: r.role }))
      .executeTakeFirst();
    if (visible) {
      out.push({
        userId: r.user_id,
        email: r.email,
        language: r.language,
        timeZone: r.time_zone,
        reminderEmail: r.reminder_email,
      });
    }
  }
  return out;
}

/** The job: re-reads everything, reminds whoever was not reminded yet, then queues the series' next reminder. */
export async function runReminder(deps: Deps, jobs: Jobs | null, data: ReminderJob): Promise<void> {
  const { db } = deps;
  const now = new Date();
  const occurrenceStart = new Date(data.occurrenceStart);
  const a = await readActivity(db, data.workspaceId, data.activityId);
  if (!a || a.deleted_at || a.done_at || a.reminder_minutes === null || !a.starts_at) return;

  // The occurrence must still be there, at a time whose reminder is due now.
  const around = await occurrences(
    db,
    a,
    new Date(occurrenceStart.getTime() - 1),
    new Date(occurrenceStart.getTime() + 1),
    5,
  );
  const occurrence = a.rrule
    ? around.find((o) => o.occurrenceStart.getTime() === occurrenceStart.getTime())
    : a.starts_at.getTime() === occurrenceStart.getTime()
      ? { occurrenceStart, start: a.starts_at, end: a.ends_at }
      : undefined;
  const due = occurrence && remindAt(a, occurrence).getTime() <= now.getTime() + 5000;
  const stale = occurrence && (occurrence.end ?? occurrence.start).getTime() < now.getTime() - STALE_MS;

  if (occurrence && due && !stale) {
    const people = await recipients(db, a);
    const reminded = await db.transaction().execute(async (tx) => {
      if (people.length === 0) return [];
      const inserted = await tx
        .insertInto('activity_reminders_sent')
        .values(
          people.map((p) => ({
            workspace_id: a.workspace_id,
            activity_id: a.id,
            occurrence_start: occurrenceStart,
            user_id: p.userId,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .execute();
      const fresh = new Set(inserted.map((r) => r.user_id));
      await notify(tx, {
        workspaceId: a.workspace_id,
        userIds: [...fresh],
        kind: 'activity.reminder',
        params: {
          activityId: a.id,
          title: a.title,
          start: occurrence.start.toISOString(),
          allDay: a.all_day,
          occurrenceStart: a.rrule ? occurrenceStart.toISOString() : null,
        },
        path: `/activities/${a.id}`,
        actorId: null,
      });
      return people.filter((p) => fresh.has(p.userId));
    });
    for (const p of reminded) {
      if (!p.reminderEmail) continue;
      const language = asLanguage(p.language);
      const mail = reminderMail(language, {
        title: a.title,
        start: occurrence.start,
        allDay: a.all_day,
        location: a.location,
        link: `${deps.config.publicUrl}/activities/${a.id}`,
        timeZone: a.all_day ? a.time_zone : p.timeZone,
      });
      await deps.mailer.send({ to: p.email, ...mail, workspaceId: a.workspace_id });
    }
  }

  // A series goes on to its next reminder — also when this occurrence was changed or removed since (its own row, or
  // nobody, reminds of it now). A job woken before its time looks again from now. Jobs are keyed by activity,
  // occurrence and time, so stale jobs arriving here queue nothing twice, and nobody is reminded twice anyway.
  if (a.rrule && jobs?.started) {
    const next = await nextReminder(db, a, now, occurrence && !due ? null : occurrenceStart);
    if (next) await enqueue(jobs, db, a, next);
  }
}

/** Declares the reminder queue; call before the jobs start. */
export function defineReminderJob(jobs: Jobs, deps: Deps) {
  jobsOfApp.set(deps.config, jobs);
  jobs.define<ReminderJob>(
    REMINDER_QUEUE,
    { policy: 'short', retryLimit: 5, retryDelay: 30, retryBackoff: true },
    async (job) => {
      await runReminder(deps, jobs, job.data);
    },
  );
}
