import ICAL from 'ical.js';
import { Kysely, PostgresDialect } from 'kysely';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';
import type { DB } from '../../db/schema.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let db: Kysely<DB>;
let admin: Client;
let workspaceId: string;
const OSLO = 'Europe/Oslo';

type Me = { id: string; name: string; email: string };
const me = async (c: Client): Promise<Me> => (await c.get('/api/v1/me')).body.user;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://crm.example.com' });
  ({ admin, workspaceId } = await t.workspace('Kalender AS'));
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

type MeetingInput = {
  title: string;
  start: Date;
  end: Date;
  kind?: 'task' | 'call' | 'meeting';
  rrule?: string;
  private?: boolean;
  companyId?: string;
  participantUserIds?: string[];
  participantContactIds?: string[];
};

/** A meeting made through the activities API by `owner`. */
async function meeting(owner: Client, m: MeetingInput): Promise<{ id: string; version: number }> {
  const res = await owner.post('/api/v1/activities', {
    kind: m.kind ?? 'meeting',
    title: m.title,
    start: m.start.toISOString(),
    end: m.kind === 'task' ? null : m.end.toISOString(),
    timeZone: OSLO,
    rrule: m.rrule ?? null,
    private: m.private ?? false,
    companyId: m.companyId ?? null,
    participantUserIds: m.participantUserIds ?? [],
    participantContactIds: m.participantContactIds ?? [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function feedUrl(c: Client): Promise<string> {
  const res = await c.post('/api/v1/calendar-feed');
  expect(res.status).toBe(201);
  return res.body.url;
}

/** Fetches a feed address like a calendar program does: no cookie, just the URL. */
async function subscribe(url: string) {
  const path = new URL(url).pathname;
  const res = await fetch(`${t.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function parse(text: string) {
  const first = new ICAL.Component(ICAL.parse(text));
  for (const tz of first.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return new ICAL.Component(ICAL.parse(text));
}
const summaries = (cal: ICAL.Component) =>
  cal.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary')));

/** The first change of Oslo's UTC offset at least two weeks from now (a Sunday). */
function nextDstChange(): DateTime {
  let day = DateTime.now().setZone(OSLO).startOf('day').plus({ days: 14 });
  while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
  return day;
}

describe('calendar feeds', () => {
  it('serves a secret feed that calendars can subscribe to, and stops serving it when replaced or revoked', async () => {
    expect((await admin.get('/api/v1/calendar-feed')).body).toEqual({
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });
    const start = DateTime.now()
      .setZone(OSLO)
      .plus({ days: 2 })
      .set({ hour: 13, minute: 0, second: 0, millisecond: 0 });
    await meeting(admin, {
      title: 'Lunsj, med; kunde\\x',
      start: start.toJSDate(),
      end: start.plus({ hours: 1 }).toJSDate(),
    });

    const url = await feedUrl(admin);
    expect(url).toMatch(/^https:\/\/crm\.example\.com\/api\/v1\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await subscribe(url);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    expect(res.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const cal = parse(res.text);
    expect(summaries(cal)).toContain('Lunsj, med; kunde\\x');
    const event = new ICAL.Event(
      cal.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('summary') === 'Lunsj, med; kunde\\x'),
    );
    expect(event.startDate.zone?.tzid).toBe(OSLO);
    expect(event.startDate.hour).toBe(13);
    const status = (await admin.get('/api/v1/calendar-feed')).body;
    expect(status.active).toBe(true);
    expect(status.lastUsedAt).not.toBeNull();

    // Only a hash is kept.
    const token = url.slice(url.lastIndexOf('/') + 1, -4);
    const stored = await db
      .selectFrom('calendar_feeds')
      .select('token_hash')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);

    // A new address replaces the old one.
    const newer = await feedUrl(admin);
    expect(newer).not.toBe(url);
    const old = await subscribe(url);
    expect(old.status).toBe(404);
    expect((await subscribe(newer)).status).toBe(200);

    // Revoked: 404, as for an address that never existed, and the same answer for any made-up one.
    expect((await admin.delete('/api/v1/calendar-feed')).status).toBe(204);
    const revoked = await subscribe(newer);
    expect(revoked.status).toBe(404);
    const madeUp = await subscribe(`${t.url}/api/v1/calendar-feed/${'A'.repeat(43)}.ics`);
    const junk = await subscribe(`${t.url}/api/v1/calendar-feed/x.ics`);
    expect([madeUp.status, junk.status]).toEqual([404, 404]);
    expect(JSON.parse(revoked.text)).toEqual(JSON.parse(madeUp.text));
    expect(JSON.parse(junk.text)).toEqual(JSON.parse(madeUp.text));
    expect((await admin.get('/api/v1/calendar-feed')).body.active).toBe(false);
  });

  it('shows a weekly meeting at 09:00 local time on both sides of a daylight-saving change', async () => {
    const change = nextDstChange();
    const first = change.minus({ days: 13 }).set({ hour: 9 }); // a Monday two weeks before the Sunday of the change
    await meeting(admin, {
      title: 'Ukemøte',
      start: first.toJSDate(),
      end: first.plus({ minutes: 45 }).toJSDate(),
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    const cal = parse((await subscribe(await feedUrl(admin))).text);
    const vevent = cal.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('summary') === 'Ukemøte');
    expect(vevent?.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=4');
    const it = new ICAL.Event(vevent).iterator();
    const starts: Date[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(next.toJSDate());
    expect(starts).toHaveLength(4);
    const wall = starts.map((d) => DateTime.fromJSDate(d, { zone: OSLO }).toFormat('ccc HH:mm'));
    expect(wall).toEqual(['Mon 09:00', 'Mon 09:00', 'Mon 09:00', 'Mon 09:00']);
    // …so the UTC time moves by an hour between the second and the third.
    const utcHours = starts.map((d) => d.getUTCHours());
    expect(utcHours[0]).toBe(utcHours[1]);
    expect(utcHours[2]).toBe(utcHours[3]);
    expect(Math.abs((utcHours[2] ?? 0) - (utcHours[1] ?? 0))).toBe(1);
  });

  it('writes a series with a moved and a removed occurrence as RRULE, EXDATE and a RECURRENCE-ID event', async () => {
    const first = DateTime.now().setZone(OSLO).plus({ days: 7 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
    const occurrence = (n: number) => first.plus({ days: n });
    const m = await meeting(admin, {
      title: 'Morgenmøte',
      start: first.toJSDate(),
      end: first.plus({ minutes: 15 }).toJSDate(),
      rrule: 'FREQ=DAILY;COUNT=4',
    });
    // Move the second to 10:00, remove the third.
    const moved = await admin.patch(`/api/v1/activities/${m.id}`, {
      version: m.version,
      scope: 'this',
      occurrenceStart: occurrence(1).toUTC().toISO(),
      start: occurrence(1).set({ hour: 10 }).toUTC().toISO(),
      end: occurrence(1).set({ hour: 10, minute: 15 }).toUTC().toISO(),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const removed = await admin.delete(
      `/api/v1/activities/${m.id}?scope=this&occurrenceStart=${encodeURIComponent(occurrence(2).toUTC().toISO() ?? '')}`,
    );
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);

    const cal = parse((await subscribe(await feedUrl(admin))).text);
    const events = cal.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('summary') === 'Morgenmøte');
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.getFirstPropertyValue('uid'))).size).toBe(1);
    const master = events.find((e) => !e.hasProperty('recurrence-id'));
    const exception = events.find((e) => e.hasProperty('recurrence-id'));
    expect(master?.getFirstPropertyValue('exdate')?.toString()).toBe(occurrence(2).toFormat("yyyy-MM-dd'T'HH:mm:ss"));
    // ical.js puts the moved occurrence in place of the original one, and leaves out the removed one.
    const event = new ICAL.Event(master ?? undefined);
    if (exception) event.relateException(exception);
    const it = event.iterator();
    const times: string[] = [];
    for (let next = it.next(); next; next = it.next()) {
      const details = event.getOccurrenceDetails(next);
      times.push(DateTime.fromJSDate(details.startDate.toJSDate(), { zone: OSLO }).toFormat('dd HH:mm'));
    }
    expect(times).toEqual([
      occurrence(0).toFormat('dd HH:mm'),
      occurrence(1).set({ hour: 10 }).toFormat('dd HH:mm'),
      occurrence(3).toFormat('dd HH:mm'),
    ]);
  });

  it('holds my activities and those I take part in — never private ones or those of cards hidden from me', async () => {
    const kari = await t.member(admin, 'user');
    const ola = await t.member(admin, 'user');
    const kariMe = await me(kari);
    const at = DateTime.now().setZone(OSLO).plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const slot = { start: at.toJSDate(), end: at.plus({ hours: 1 }).toJSDate() };
    await meeting(kari, { title: 'Kari alone', ...slot });
    await meeting(ola, { title: 'Ola with Kari', ...slot, participantUserIds: [kariMe.id] });
    await meeting(ola, { title: 'Ola private', ...slot, private: true });
    await meeting(ola, { title: 'Ola not Kari', ...slot });
    await meeting(admin, { title: 'Admin private', ...slot, private: true });
    const company = (await ola.post('/api/v1/companies', { name: 'Hemmelig AS' })).body;
    await meeting(ola, { title: 'Secret client', ...slot, companyId: company.id, participantUserIds: [kariMe.id] });

    const url = await feedUrl(kari);
    expect(summaries(parse((await subscribe(url)).text)).sort()).toEqual([
      'Kari alone',
      'Ola with Kari',
      'Secret client',
    ]);

    // Ola makes the company "only the owner": the meeting linked to it leaves Kari's feed.
    const patched = await ola.patch(`/api/v1/companies/${company.id}`, {
      version: company.version,
      visibility: 'owner',
    });
    expect(patched.status).toBe(200);
    expect(summaries(parse((await subscribe(url)).text)).sort()).toEqual(['Kari alone', 'Ola with Kari']);
    expect(summaries(parse((await subscribe(await feedUrl(ola))).text))).toEqual(
      expect.arrayContaining(['Ola private', 'Secret client', 'Ola with Kari', 'Ola not Kari']),
    );
    expect(summaries(parse((await subscribe(await feedUrl(admin))).text))).not.toContain('Ola private');
  });

  it('answers 404 for the feed of a deactivated member', async () => {
    const per = await t.member(admin, 'user');
    const perMe = await me(per);
    const url = await feedUrl(per);
    expect((await subscribe(url)).status).toBe(200);
    const members = (await admin.get('/api/v1/members')).body.items as { id: string; userId: string }[];
    const member = members.find((m) => m.userId === perMe.id);
    expect((await admin.patch(`/api/v1/members/${member?.id}`, { active: false })).status).toBe(200);
    expect((await subscribe(url)).status).toBe(404);
  });

  it('downloads one activity as an .ics file for those who may see it', async () => {
    const at = DateTime.now().setZone(OSLO).plus({ days: 5 }).set({ hour: 8, minute: 30, second: 0, millisecond: 0 });
    const m = await meeting(admin, {
      title: 'Årsmøte',
      start: at.toJSDate(),
      end: at.plus({ hours: 2 }).toJSDate(),
      private: true,
    });
    const res = await admin.get(`/api/v1/activities/${m.id}/ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".rsm.te\.ics"; filename\*=UTF-8''%C3%85rsm%C3%B8te\.ics$/,
    );
    const event = new ICAL.Event(parse(res.body).getFirstSubcomponent('vevent') ?? undefined);
    expect(event.summary).toBe('Årsmøte');
    expect(event.startDate.toJSDate().toISOString()).toBe(at.toUTC().toISO());
    const other = await t.member(admin, 'user');
    expect((await other.get(`/api/v1/activities/${m.id}/ics`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** The text/calendar part of a delivered mail. */
function calendarPart(mail: ParsedMail): { method: string; text: string } {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in “${mail.subject}”`);
  const text = part.content.toString('utf8');
  return { method: String(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('method')), text };
}
const sequenceOf = (text: string) =>
  Number(parse(text).getFirstSubcomponent('vevent')?.getFirstPropertyValue('sequence'));
const mailsTo = (email: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));

async function contact(owner: Client, firstName: string, email: string | null) {
  const res = await owner.post('/api/v1/contacts', { firstName, lastName: 'Kunde', email });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('meeting invitations', () => {
  it('sends METHOD:REQUEST to contacts with an e-mail, in the organiser’s language, then CANCEL on delete', async () => {
    // The organiser writes Norwegian: the mail text is in Norwegian.
    const per = await t.member(admin, 'manager');
    const organiser = await me(per);
    await db.updateTable('members').set({ language: 'nb' }).where('user_id', '=', organiser.id).execute();
    const c1 = await contact(per, 'Ingrid', 'ingrid@kunde.no');
    const c2 = await contact(per, 'Uten', null);
    const start = DateTime.fromISO('2031-03-20T14:00', { zone: OSLO });
    const base = {
      title: 'Prosjektmøte',
      start: start.toJSDate(),
      end: start.plus({ hours: 1 }).toJSDate(),
      participantContactIds: [c1.id, c2.id],
    };
    const m = await meeting(per, base);
    const mail = await smtp.waitFor('ingrid@kunde.no', /Invitasjon/);
    expect(mail.subject).toMatch(/^Invitasjon: Prosjektmøte – /);
    expect(mail.text).toContain(`${organiser.name} inviterer deg til «Prosjektmøte».`);
    expect(mail.text).toMatch(/Når: torsdag 20\. mars 2031 14:00–15:00 \(Europe\/Oslo\)/);
    expect(mail.text).toContain('(Europe/Oslo)');
    const request = calendarPart(mail);
    expect(request.method).toBe('REQUEST');
    const event = new ICAL.Event(parse(request.text).getFirstSubcomponent('vevent') ?? undefined);
    expect(event.startDate.zone?.tzid).toBe(OSLO);
    expect(event.startDate.toString()).toBe('2031-03-20T14:00:00');
    expect(event.attendees.map((a) => a.getFirstValue())).toContain('mailto:ingrid@kunde.no');
    expect(event.organizer).toBe(`mailto:${organiser.email}`);
    expect(event.sequence).toBe(0);
    const invited = await db
      .selectFrom('activity_participants')
      .select('invited_at')
      .where('activity_id', '=', m.id)
      .where('contact_id', '=', c1.id)
      .executeTakeFirstOrThrow();
    expect(invited.invited_at).not.toBeNull();

    // Moved an hour: an update with a higher SEQUENCE.
    const current = (await per.get(`/api/v1/activities/${m.id}`)).body;
    const moved = await per.patch(`/api/v1/activities/${m.id}`, {
      version: current.version,
      start: start.plus({ hours: 1 }).toUTC().toISO(),
      end: start.plus({ hours: 2 }).toUTC().toISO(),
    });
    expect(moved.status).toBe(200);
    const update = calendarPart(await smtp.waitFor('ingrid@kunde.no', /Oppdatert invitasjon/));
    expect(update.method).toBe('REQUEST');
    expect(sequenceOf(update.text)).toBeGreaterThan(0);
    expect(new ICAL.Event(parse(update.text).getFirstSubcomponent('vevent') ?? undefined).startDate.toString()).toBe(
      '2031-03-20T15:00:00',
    );

    expect((await per.delete(`/api/v1/activities/${m.id}`)).status).toBe(204);
    const cancelled = calendarPart(await smtp.waitFor('ingrid@kunde.no', /Avlyst/));
    expect(cancelled.method).toBe('CANCEL');
    expect(sequenceOf(cancelled.text)).toBeGreaterThan(sequenceOf(update.text));
    expect(parse(cancelled.text).getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    // The contact without an address got nothing, and nobody got more than these three.
    expect(mailsTo('ingrid@kunde.no')).toHaveLength(3);
  });

  it('sends CANCEL to a contact taken off a meeting and REQUEST only to one added when nothing else changed', async () => {
    const a = await contact(admin, 'Anne', 'anne@kunde.no');
    const b = await contact(admin, 'Bjørn', 'bjorn@kunde.no');
    const start = DateTime.fromISO('2031-05-06T09:00', { zone: OSLO });
    const m = await meeting(admin, {
      title: 'Review',
      start: start.toJSDate(),
      end: start.plus({ hours: 1 }).toJSDate(),
      participantContactIds: [a.id],
    });
    await smtp.waitFor('anne@kunde.no', /Invitation: Review/);
    const current = (await admin.get(`/api/v1/activities/${m.id}`)).body;
    const res = await admin.patch(`/api/v1/activities/${m.id}`, {
      version: current.version,
      participantContactIds: [b.id],
    });
    expect(res.status).toBe(200);
    const cancel = calendarPart(await smtp.waitFor('anne@kunde.no', /Cancelled: Review/));
    expect(cancel.method).toBe('CANCEL');
    const invite = calendarPart(await smtp.waitFor('bjorn@kunde.no', /Invitation: Review/));
    expect(invite.method).toBe('REQUEST');
    // A change no calendar shows (the priority) sends nothing more.
    const count = mailsTo('bjorn@kunde.no').length;
    const again = (await admin.get(`/api/v1/activities/${m.id}`)).body;
    await admin.patch(`/api/v1/activities/${m.id}`, { version: again.version, priority: 'high' });
    await admin.patch(`/api/v1/activities/${m.id}`, { version: again.version + 1, title: 'Review 2' });
    await smtp.waitFor('bjorn@kunde.no', /Review 2/);
    expect(mailsTo('bjorn@kunde.no').length).toBe(count + 1);
  });

  it('invites to a weekly series as one RRULE across the change to summer time, and updates one moved occurrence', async () => {
    const c = await contact(admin, 'Siri', 'siri@kunde.no');
    const start = DateTime.fromISO('2031-03-17T09:00', { zone: OSLO });
    const m = await meeting(admin, {
      title: 'Weekly sync',
      start: start.toJSDate(),
      end: start.plus({ minutes: 30 }).toJSDate(),
      rrule: 'FREQ=WEEKLY;COUNT=3',
      participantContactIds: [c.id],
    });
    const ics = calendarPart(await smtp.waitFor('siri@kunde.no', /Weekly sync/)).text;
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent') ?? undefined);
    const it = event.iterator();
    const utc: string[] = [];
    for (let next = it.next(); next; next = it.next()) utc.push(next.toJSDate().toISOString());
    // 30 March 2031 is the change: 09:00 is 08:00Z before it and 07:00Z after.
    expect(utc).toEqual(['2031-03-17T08:00:00.000Z', '2031-03-24T08:00:00.000Z', '2031-03-31T07:00:00.000Z']);

    // The second one moves to 13:00: the update carries the series and the moved occurrence (RECURRENCE-ID).
    const second = start.plus({ weeks: 1 });
    const moved = await admin.patch(`/api/v1/activities/${m.id}`, {
      version: m.version,
      scope: 'this',
      occurrenceStart: second.toUTC().toISO(),
      start: second.set({ hour: 13 }).toUTC().toISO(),
      end: second.set({ hour: 13, minute: 30 }).toUTC().toISO(),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const update = calendarPart(await smtp.waitFor('siri@kunde.no', /Updated invitation: Weekly sync/));
    expect(update.method).toBe('REQUEST');
    const events = parse(update.text).getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const master = new ICAL.Event(events.find((e) => !e.hasProperty('recurrence-id')) ?? undefined);
    const exception = events.find((e) => e.hasProperty('recurrence-id'));
    expect(exception?.getFirstPropertyValue('uid')).toBe(master.uid);
    expect(exception?.getFirstPropertyValue('recurrence-id')?.toString()).toBe('2031-03-24T09:00:00');
    if (exception) master.relateException(exception);
    const times: string[] = [];
    const all = master.iterator();
    for (let next = all.next(); next; next = all.next()) {
      times.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    }
    expect(times).toEqual(['2031-03-17T08:00:00.000Z', '2031-03-24T12:00:00.000Z', '2031-03-31T07:00:00.000Z']);
  });
});
