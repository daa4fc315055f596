import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';
import type { DB } from '../../db/schema.ts';
import { createMailer } from '../../mail/mailer.ts';
import { runReminder } from './reminders.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let db: Kysely<DB>;
let admin: Client;
let workspaceId: string;
let bente: Client; // wants reminders by mail, in Norwegian
let carl: Client; // reminders in the app only
const ids: Record<string, string> = {};
const emails: Record<string, string> = {};

const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url });
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
  ({ admin, workspaceId } = await t.workspace('Klokke AS'));
  bente = await t.member(admin, 'user');
  carl = await t.member(admin, 'user');
  for (const [name, c] of Object.entries({ admin, bente, carl })) {
    const me = (await c.get('/api/v1/me')).body.user;
    ids[name] = me.id;
    emails[name] = me.email;
  }
  expect((await bente.patch('/api/v1/me/preferences', { language: 'nb', reminderEmail: true })).status).toBe(200);
  expect((await carl.patch('/api/v1/me/preferences', { reminderEmail: false })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A meeting whose reminder is due a few seconds from now (one minute before a start a minute ahead). */
const soon = (extra: Record<string, unknown>) => {
  // Whole seconds, as times picked in the app are.
  const start = new Date(Math.ceil((Date.now() + 65_000) / 1000) * 1000);
  return {
    kind: 'meeting',
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    reminderMinutes: 1,
    ...extra,
  };
};

/** Waits until the reminder job of the activity ran to its end (so every mail it sends has been sent). */
async function reminderJobDone(activityId: string, count = 1) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = 'activity-reminder' and data ->> 'activityId' = ${activityId} and state = 'completed'`.execute(db);
    if ((res.rows[0]?.n ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error('the reminder job did not run');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const remindersOf = async (c: Client, title: string) =>
  (await c.get('/api/v1/notifications?limit=100')).body.items.filter(
    (n: { kind: string; params: { title: string } }) => n.kind === 'activity.reminder' && n.params.title === title,
  );

const outboxTo = async (email: string, subject: RegExp) =>
  (await db.selectFrom('outbox_mails').select(['to', 'subject']).where('to', '=', email).execute()).filter((m) =>
    subject.test(m.subject),
  );

describe('reminders', () => {
  it('arrive as a notification for the owner and colleagues, and by mail in their language for those who want it', async () => {
    const res = await admin.post(
      '/api/v1/activities',
      soon({ title: 'Styremøte', ownerId: ids.bente, participantUserIds: [ids.carl], location: 'Fjord' }),
    );
    expect(res.status).toBe(201);
    const mail = await smtp.waitFor(emails.bente as string, /^Påminnelse: Styremøte/, 30_000);
    expect(mail.text).toContain('Hvor: Fjord');
    expect(mail.text).toContain(`/activities/${res.body.id}`);
    await reminderJobDone(res.body.id);

    const [forBente] = await remindersOf(bente, 'Styremøte');
    expect(forBente).toMatchObject({ kind: 'activity.reminder', path: `/activities/${res.body.id}`, read: false });
    expect(forBente.params.start).toBe(res.body.start);
    expect(await remindersOf(carl, 'Styremøte')).toHaveLength(1);
    // Carl does not want reminder mails; the admin who made it is neither owner nor taking part.
    expect(await outboxTo(emails.carl as string, /Reminder|Påminnelse/)).toHaveLength(0);
    expect(await remindersOf(admin, 'Styremøte')).toHaveLength(0);

    // A retried job (same occurrence) reminds nobody a second time.
    const mailer = createMailer(db, silent, smtp.url, t.config.mailFrom);
    const deps = { db, mailer, config: t.config, log: silent };
    await runReminder(deps, null, { workspaceId, activityId: res.body.id, occurrenceStart: res.body.start });
    expect(await remindersOf(bente, 'Styremøte')).toHaveLength(1);
    expect(await outboxTo(emails.bente as string, /Påminnelse/)).toHaveLength(1);
  });

  it('leave out those who may no longer see the activity', async () => {
    const company = await admin.post('/api/v1/companies', { name: 'Snart Hemmelig AS' });
    expect(company.status).toBe(201);
    const res = await admin.post(
      '/api/v1/activities',
      soon({ title: 'Hemmelig møte', companyId: company.body.id, participantUserIds: [ids.bente] }),
    );
    expect(res.status).toBe(201);
    // Before the reminder is due the company becomes "only the owner": Bente may no longer see the meeting.
    const hidden = await admin.patch(`/api/v1/companies/${company.body.id}`, {
      version: company.body.version,
      visibility: 'owner',
    });
    expect(hidden.status).toBe(200);
    await reminderJobDone(res.body.id);
    expect(await remindersOf(admin, 'Hemmelig møte')).toHaveLength(1);
    expect(await remindersOf(bente, 'Hemmelig møte')).toHaveLength(0);
    expect(await outboxTo(emails.bente as string, /^Påminnelse: Hemmelig/)).toHaveLength(0);
  });

  it('do nothing when their job is stale: not due yet, the activity moved, or it is done', async () => {
    const mailer = createMailer(db, silent, smtp.url, t.config.mailFrom);
    const deps = { db, mailer, config: t.config, log: silent };
    // Created without a reminder (so no job of its own runs), then given one behind the service's back.
    const start = new Date(Date.now() + 10 * 60_000);
    const res = await bente.post('/api/v1/activities', {
      kind: 'call',
      title: 'Flyttet samtale',
      start: start.toISOString(),
      end: new Date(start.getTime() + 900_000).toISOString(),
    });
    expect(res.status).toBe(201);
    await db.updateTable('activities').set({ reminder_minutes: 5 }).where('id', '=', res.body.id).execute();
    const job = { workspaceId, activityId: res.body.id, occurrenceStart: res.body.start };
    // Due in five minutes: a job woken early sends nothing.
    await runReminder(deps, null, job);
    // A job for a start the activity no longer has (it was moved since) sends nothing, even when that time is due.
    await runReminder(deps, null, { ...job, occurrenceStart: new Date(Date.now() - 60_000).toISOString() });
    expect(await remindersOf(bente, 'Flyttet samtale')).toHaveLength(0);
    // Its reminder is due now, but it is done: nothing.
    await db.updateTable('activities').set({ reminder_minutes: 15 }).where('id', '=', res.body.id).execute();
    const done = await bente.patch(`/api/v1/activities/${res.body.id}`, { version: res.body.version, done: true });
    expect(done.status).toBe(200);
    await runReminder(deps, null, job);
    expect(await remindersOf(bente, 'Flyttet samtale')).toHaveLength(0);
    expect(await outboxTo(emails.bente as string, /Flyttet samtale/)).toHaveLength(0);
  });

  it('of a recurring series queue the next occurrence’s reminder once one was sent', async () => {
    const res = await bente.post(
      '/api/v1/activities',
      soon({ title: 'Daglig standup', rrule: 'FREQ=DAILY;COUNT=3', timeZone: 'Europe/Oslo' }),
    );
    expect(res.status).toBe(201);
    await smtp.waitFor(emails.bente as string, /Daglig standup/, 30_000);
    await reminderJobDone(res.body.id);
    const sent = await db
      .selectFrom('activity_reminders_sent')
      .select(['occurrence_start', 'user_id'])
      .where('activity_id', '=', res.body.id)
      .execute();
    expect(sent).toEqual([{ occurrence_start: new Date(res.body.start), user_id: ids.bente }]);
    const next = await sql<{ occurrence: string; start_after: Date }>`
      select data ->> 'occurrenceStart' as occurrence, start_after from pgboss.job
      where name = 'activity-reminder' and data ->> 'activityId' = ${res.body.id} and state = 'created'`.execute(db);
    expect(next.rows).toHaveLength(1);
    const occurrence = new Date(next.rows[0]?.occurrence as string);
    // The same wall-clock time the next day in Oslo, reminded one minute before.
    const oslo = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: 'Europe/Oslo' });
    expect(oslo(occurrence)).toBe(oslo(new Date(res.body.start)));
    expect(occurrence.getTime() - new Date(res.body.start).getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(next.rows[0]?.start_after.getTime()).toBe(occurrence.getTime() - 60_000);
  });
});
