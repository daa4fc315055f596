import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: Client;
let me: { id: string; name: string; email: string };
let colleague: Client;
let colleagueUser: { id: string; name: string; email: string };
let company: { id: string; name: string };

const userOf = async (c: Client) =>
  (await c.get('/api/v1/me')).body.user as { id: string; name: string; email: string };
const oslo = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Oslo' }).toUTC().toISO() as string;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://crm.example.com' });
  ({ admin } = await t.workspace('Aktivitet AS'));
  me = await userOf(admin);
  colleague = await t.member(admin, 'user');
  colleagueUser = await userOf(colleague);
  company = (await admin.post('/api/v1/companies', { name: 'Fjordkraft AS' })).body;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('creating activities', () => {
  it('makes a task of the built-in task type, owned by the caller, in their time zone, with no end', async () => {
    const res = await admin.post('/api/v1/activities', { title: 'Ring tilbake', start: oslo('2030-03-10T09:00') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'task',
      title: 'Ring tilbake',
      ownerId: me.id,
      ownerName: 'Admin',
      timeZone: 'Europe/Oslo',
      end: null,
      done: false,
      version: 1,
      overdue: false,
    });
    const types = await t.pool.query('select id, kind, builtin from activity_types where id = $1', [res.body.typeId]);
    expect(types.rows[0]).toMatchObject({ kind: 'task', builtin: true });
    const row = await t.pool.query('select ical_uid, ical_sequence from activities where id = $1', [res.body.id]);
    expect(row.rows[0]).toEqual({ ical_uid: `${res.body.id}@rapport`, ical_sequence: 0 });
    const audit = await t.pool.query(
      "select action, field from audit_log where entity = 'activity' and entity_id = $1 order by field",
      [res.body.id],
    );
    expect(audit.rows.map((r) => r.field)).toEqual(expect.arrayContaining(['title', 'start', 'ownerId', 'kind']));
    expect(audit.rows.every((r) => r.action === 'create')).toBe(true);
  });

  it('takes the kind from the type and gives a meeting its type’s default length', async () => {
    const res = await admin.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Styremøte',
      start: '2030-03-11T08:00:00.000Z',
      companyId: company.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'meeting', end: '2030-03-11T09:00:00.000Z', companyName: 'Fjordkraft AS' });
    const call = await admin.post('/api/v1/activities', { kind: 'call', title: 'Ring', start: '2030-03-11T10:00:00Z' });
    expect(call.body.end).toBe('2030-03-11T10:15:00.000Z');
  });

  it('refuses bad input with the field named, and saves nothing', async () => {
    const before = (await t.pool.query('select count(*)::int as n from activities')).rows[0].n;
    const cases: [unknown, string][] = [
      [{ title: '' }, 'title'],
      [{ title: 'x', start: 'tomorrow' }, 'start'],
      [{ title: 'x', kind: 'task', start: '2030-01-01T10:00:00Z', end: '2030-01-01T11:00:00Z' }, 'end'],
      [{ title: 'x', kind: 'meeting', start: '2030-01-01T10:00:00Z', end: '2030-01-01T09:00:00Z' }, 'end'],
      [{ title: 'x', kind: 'meeting', end: '2030-01-01T09:00:00Z' }, 'end'],
      [{ title: 'x', start: '2030-01-01T10:00:00Z', rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'rrule'],
      [{ title: 'x', rrule: 'FREQ=DAILY' }, 'rrule'],
      [{ title: 'x', ownerId: '0190a8c2-0000-7000-8000-000000000000' }, 'ownerId'],
      [{ title: 'x', companyId: '0190a8c2-0000-7000-8000-000000000000' }, 'companyId'],
      [{ title: 'x', participantUserIds: ['0190a8c2-0000-7000-8000-000000000000'] }, 'participantUserIds'],
      [{ title: 'x', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ title: 'x', surprise: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/v1/activities', body);
      expect.soft(res.status, JSON.stringify(body)).toBe(400);
      expect.soft(res.body.error.code).toBe('VALIDATION');
      if (path) {
        expect
          .soft(
            res.body.error.details.map((d: { path: string }) => d.path),
            JSON.stringify(body),
          )
          .toContain(path);
      }
    }
    const bad = await admin.post('/api/v1/activities', {
      title: 'x',
      start: '2030-01-01T10:00:00Z',
      rrule: 'FREQ=WEEKLY;BYDAY=XX',
    });
    expect(bad.body.error.message).toMatch(/BYDAY/);
    expect((await t.pool.query('select count(*)::int as n from activities')).rows[0].n).toBe(before);
  });
});

describe('giving an activity to a colleague', () => {
  it('notifies them and e-mails them in their language with the title, time, company, who and a link', async () => {
    await t.pool.query(`update members set language = 'nb', time_zone = 'Europe/Oslo' where user_id = $1`, [
      colleagueUser.id,
    ]);
    const res = await admin.post('/api/v1/activities', {
      title: 'Send tilbud',
      start: oslo('2030-05-06T14:30'),
      ownerId: colleagueUser.id,
      companyId: company.id,
    });
    expect(res.status).toBe(201);
    const mail = await smtp.waitFor(colleagueUser.email, /Send tilbud/);
    expect(mail.subject).toBe('Admin har tildelt deg «Send tilbud»');
    expect(JSON.stringify(mail.to)).toContain(colleagueUser.email);
    expect(mail.text).toContain('Når: mandag 6. mai 2030 kl. 14:30');
    expect(mail.text).toContain('Firma: Fjordkraft AS');
    expect(mail.text).toContain('Tildelt av: Admin');
    expect(mail.text).toContain(`https://crm.example.com/activities/${res.body.id}`);
    const notes = await t.pool.query('select kind, params, path, actor_id from notifications where user_id = $1', [
      colleagueUser.id,
    ]);
    expect(notes.rows).toContainEqual({
      kind: 'activity.assigned',
      params: expect.objectContaining({ activityId: res.body.id, title: 'Send tilbud', actorName: 'Admin' }),
      path: `/activities/${res.body.id}`,
      actor_id: me.id,
    });
    // The colleague sees it as theirs.
    const mine = await colleague.get('/api/v1/activities?who=me');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
  });

  it('e-mails a colleague added as a participant, in English or Swedish as they chose', async () => {
    const swede = await t.member(admin, 'user');
    const swedeUser = await userOf(swede);
    await t.pool.query(`update members set language = 'sv', time_zone = 'Europe/Stockholm' where user_id = $1`, [
      swedeUser.id,
    ]);
    const res = await admin.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Kvartalsmöte',
      start: '2030-06-03T07:00:00Z',
      end: '2030-06-03T08:00:00Z',
      participantUserIds: [swedeUser.id],
    });
    expect(res.body.participants).toEqual([expect.objectContaining({ userId: swedeUser.id, name: swedeUser.name })]);
    const mail = await smtp.waitFor(swedeUser.email, /Kvartalsmöte/);
    expect(mail.subject).toBe('Admin har lagt till dig i ”Kvartalsmöte”');
    expect(mail.text).toContain('När: måndag 3 juni 2030 kl. 09:00–10:00');
    expect(mail.text).toContain('Tillagd av: Admin');
  });

  it('reassigning notifies the new owner; an unchanged owner is not mailed again', async () => {
    const other = await t.member(admin, 'user');
    const otherUser = await userOf(other);
    const task = (await admin.post('/api/v1/activities', { title: 'Følg opp faktura' })).body;
    const moved = await admin.patch(`/api/v1/activities/${task.id}`, { version: 1, ownerId: otherUser.id });
    expect(moved.status).toBe(200);
    const mail = await smtp.waitFor(otherUser.email, /Følg opp faktura/);
    expect(mail.subject).toBe('Admin assigned “Følg opp faktura” to you');
    expect(mail.text).toContain('When: No date');
    const count = smtp.messages.filter((m) => JSON.stringify(m.to).includes(otherUser.email)).length;
    await admin.patch(`/api/v1/activities/${task.id}`, { version: 2, title: 'Følg opp faktura 2' });
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(otherUser.email)).length).toBe(count);
  });

  it('refuses to give an activity of an owner-only company to a colleague who cannot see it, naming them', async () => {
    const secret = (await admin.post('/api/v1/companies', { name: 'Hemmelig AS', visibility: 'owner' })).body;
    const res = await admin.post('/api/v1/activities', {
      title: 'Hemmelig oppgave',
      companyId: secret.id,
      ownerId: colleagueUser.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `${colleagueUser.name} cannot see the company “Hemmelig AS” (only its owner may), so the activity cannot be given to them`,
    );
    expect(res.body.error.details[0].path).toBe('ownerId');
    const mine = (await admin.post('/api/v1/activities', { title: 'Hemmelig oppgave', companyId: secret.id })).body;
    const add = await admin.patch(`/api/v1/activities/${mine.id}`, {
      version: 1,
      participantUserIds: [colleagueUser.id],
    });
    expect(add.status).toBe(400);
    expect(add.body.error.message).toMatch(new RegExp(`^${colleagueUser.name} cannot see the company “Hemmelig AS”`));
    // A colleague cannot link what they cannot see at all.
    const link = await colleague.post('/api/v1/activities', { title: 'x', companyId: secret.id });
    expect(link.status).toBe(400);
    expect(link.body.error.details[0]).toEqual({ path: 'companyId', message: 'No such company' });
  });

  it('takes only active colleagues as owner or participant', async () => {
    const leaver = await t.member(admin, 'user');
    const leaverUser = await userOf(leaver);
    const members = (await admin.get('/api/v1/members')).body.items as { id: string; userId: string }[];
    const member = members.find((m) => m.userId === leaverUser.id);
    await t.pool.query('update members set deactivated_at = now() where user_id = $1', [leaverUser.id]);
    expect(member).toBeDefined();
    const res = await admin.post('/api/v1/activities', { title: 'x', participantUserIds: [leaverUser.id] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('participantUserIds');
    const own = await admin.post('/api/v1/activities', { title: 'x', ownerId: leaverUser.id });
    expect(own.status).toBe(400);
    expect(own.body.error.details[0].path).toBe('ownerId');
  });
});

describe('changing activities', () => {
  it('answers a stale version with 409 and the current activity, and keeps both changes apart', async () => {
    const a = (await admin.post('/api/v1/activities', { title: 'Versjon' })).body;
    expect((await admin.patch(`/api/v1/activities/${a.id}`, { version: 1, title: 'Versjon 2' })).status).toBe(200);
    const stale = await colleague.patch(`/api/v1/activities/${a.id}`, { version: 1, title: 'Gammel' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect(stale.body.error.details.current).toMatchObject({ id: a.id, title: 'Versjon 2', version: 2 });
    expect((await admin.get(`/api/v1/activities/${a.id}`)).body.title).toBe('Versjon 2');
  });

  it('writes one history row per changed field and bumps the iCalendar sequence only for calendar changes', async () => {
    const a = (
      await admin.post('/api/v1/activities', { kind: 'meeting', title: 'Historikk', start: '2030-02-01T10:00:00Z' })
    ).body;
    const seq = async () =>
      (await t.pool.query('select ical_sequence from activities where id = $1', [a.id])).rows[0].ical_sequence;
    await admin.patch(`/api/v1/activities/${a.id}`, { version: 1, priority: 'high', description: 'Agenda' });
    expect(await seq()).toBe(0);
    const moved = await admin.patch(`/api/v1/activities/${a.id}`, { version: 2, start: '2030-02-01T12:00:00Z' });
    expect(moved.body).toMatchObject({ start: '2030-02-01T12:00:00.000Z', end: '2030-02-01T13:00:00.000Z' });
    expect(await seq()).toBe(1);
    const audit = await t.pool.query(
      "select field, old_value, new_value from audit_log where entity = 'activity' and entity_id = $1 and action = 'update' order by id",
      [a.id],
    );
    expect(audit.rows).toEqual([
      { field: 'description', old_value: '', new_value: 'Agenda' },
      { field: 'priority', old_value: 'normal', new_value: 'high' },
      { field: 'start', old_value: '2030-02-01T10:00:00.000Z', new_value: '2030-02-01T12:00:00.000Z' },
      { field: 'end', old_value: '2030-02-01T11:00:00.000Z', new_value: '2030-02-01T13:00:00.000Z' },
    ]);
  });

  it('marks done with who and when, and reopens', async () => {
    const a = (await admin.post('/api/v1/activities', { title: 'Gjør noe' })).body;
    const done = await colleague.patch(`/api/v1/activities/${a.id}`, { version: 1, done: true });
    expect(done.body).toMatchObject({ done: true, doneAt: expect.any(String) });
    const row = await t.pool.query('select done_by from activities where id = $1', [a.id]);
    expect(row.rows[0].done_by).toBe(colleagueUser.id);
    const open = await admin.patch(`/api/v1/activities/${a.id}`, { version: 2, done: false });
    expect(open.body).toMatchObject({ done: false, doneAt: null });
  });

  it('deletes to the trash and restores', async () => {
    const a = (await admin.post('/api/v1/activities', { title: 'Søppel' })).body;
    expect((await admin.delete(`/api/v1/activities/${a.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/activities/${a.id}`)).status).toBe(404);
    const trash = await admin.get('/api/v1/activities?deleted=true&q=søppel');
    expect(trash.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const back = await admin.post(`/api/v1/activities/${a.id}/restore`);
    expect(back.status).toBe(200);
    expect(back.body.deletedAt).toBeNull();
    expect((await admin.get(`/api/v1/activities/${a.id}`)).status).toBe(200);
    expect((await admin.post(`/api/v1/activities/${a.id}/restore`)).status).toBe(404);
  });
});

describe('rooms and equipment', () => {
  it('refuses a double booking, naming the room, the time and the booking already there', async () => {
    const room = (await admin.post('/api/v1/resources', { name: 'Fjord', kind: 'room' })).body;
    const first = await admin.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Board meeting',
      start: oslo('2030-04-02T10:00'),
      end: oslo('2030-04-02T11:00'),
      resourceIds: [room.id],
    });
    expect(first.status).toBe(201);
    expect(first.body.resources).toEqual([{ id: room.id, name: 'Fjord' }]);
    const second = await colleague.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Salgsmøte',
      start: oslo('2030-04-02T10:30'),
      end: oslo('2030-04-02T11:30'),
      resourceIds: [room.id],
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe('Fjord is already booked 2 Apr 2030 10:00–11:00 by “Board meeting”');
    expect(second.body.error.details.conflicts).toEqual([
      {
        resourceId: room.id,
        resourceName: 'Fjord',
        activityId: first.body.id,
        title: 'Board meeting',
        start: new Date(oslo('2030-04-02T10:00')).toISOString(),
        end: new Date(oslo('2030-04-02T11:00')).toISOString(),
      },
    ]);
    // Moving into the slot is refused the same way; right after it is fine.
    const later = (
      await colleague.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Salgsmøte',
        start: oslo('2030-04-02T11:00'),
        end: oslo('2030-04-02T12:00'),
        resourceIds: [room.id],
      })
    ).body;
    expect(later.id).toBeDefined();
    const move = await colleague.patch(`/api/v1/activities/${later.id}`, {
      version: 1,
      start: oslo('2030-04-02T10:45'),
    });
    expect(move.status).toBe(409);
    expect((await colleague.get(`/api/v1/activities/${later.id}`)).body.start).toBe(
      new Date(oslo('2030-04-02T11:00')).toISOString(),
    );
  });
});

describe('meetings with contacts', () => {
  it('sends the invited contacts an iCalendar invitation once the meeting is saved, and a cancellation when deleted', async () => {
    const guest = (
      await admin.post('/api/v1/contacts', { firstName: 'Gro', lastName: 'Gjest', email: 'gro@kunde.example' })
    ).body;
    const meeting = (
      await admin.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Oppstartsmøte',
        start: '2030-08-12T08:00:00Z',
        end: '2030-08-12T09:00:00Z',
        participantContactIds: [guest.id],
      })
    ).body;
    const invite = await smtp.waitFor('gro@kunde.example', /^Invitation: Oppstartsmøte/);
    const ics = invite.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString() ?? '';
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${meeting.id}@rapport`);
    expect((await admin.delete(`/api/v1/activities/${meeting.id}`)).status).toBe(204);
    const cancel = await smtp.waitFor('gro@kunde.example', /^Cancelled: Oppstartsmøte/);
    const cancelIcs = cancel.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString();
    expect(cancelIcs).toContain('METHOD:CANCEL');
  });
});

describe('the task list', () => {
  let lister: Client;
  let listerUser: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    lister = await t.member(admin, 'user');
    listerUser = await userOf(lister);
    await t.pool.query(`update members set time_zone = 'Pacific/Auckland' where user_id = $1`, [listerUser.id]);
    const now = DateTime.now().setZone('Pacific/Auckland');
    const at = (d: DateTime) => d.toUTC().toISO() as string;
    const make = async (key: string, body: Record<string, unknown>) => {
      const res = await lister.post('/api/v1/activities', { title: `Liste ${key}`, ...body });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await make('yesterday', { start: at(now.minus({ days: 1 }).startOf('day').plus({ hours: 12 })) });
    await make('today', { start: at(now.endOf('day').minus({ minutes: 1 })) });
    await make('nextWeek', { start: at(now.startOf('week').plus({ weeks: 1, days: 2, hours: 9 })) });
    await make('none', {});
    await make('doneYesterday', { start: at(now.minus({ days: 1 }).startOf('day').plus({ hours: 9 })), done: true });
    const contact = (
      await lister.post('/api/v1/contacts', { firstName: 'Kari', lastName: 'Liste', companyId: company.id })
    ).body;
    await make('ofContact', { contactId: contact.id });
    ids.contact = contact.id;
  });

  const listIds = async (query: string) => {
    const res = await lister.get(`/api/v1/activities?who=me&${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((a: { id: string }) => a.id) as string[];
  };

  it('groups by due date in the caller’s time zone', async () => {
    expect(await listIds('due=overdue')).toEqual([ids.yesterday]);
    expect(await listIds('due=today')).toEqual([ids.today]);
    expect(await listIds('due=later')).toEqual([ids.nextWeek]);
    expect(await listIds('due=none')).toEqual(expect.arrayContaining([ids.none, ids.ofContact]));
    expect(await listIds('due=week&status=open')).toEqual(expect.arrayContaining([ids.today]));
    const overdue = (await lister.get(`/api/v1/activities/${ids.yesterday}`)).body;
    expect(overdue.overdue).toBe(true);
  });

  it('filters by status, company (its contacts’ activities too), search, and pages with a cursor', async () => {
    expect(await listIds('status=done')).toEqual([ids.doneYesterday]);
    const ofCompany = await lister.get(`/api/v1/activities?companyId=${company.id}&q=liste`);
    expect(ofCompany.body.items.map((a: { id: string }) => a.id)).toEqual([ids.ofContact]);
    expect(ofCompany.body.items[0]).toMatchObject({ companyId: company.id, contactName: 'Kari Liste' });
    expect(await listIds(`contactId=${ids.contact}`)).toEqual([ids.ofContact]);
    expect(await listIds('q=liste%20tomorrow')).toEqual([]);
    expect(await listIds('q=Liste&filter=title:eq:Liste%20today')).toEqual([ids.today]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await lister.get(
        `/api/v1/activities?who=me&limit=2&sort=-start${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((a) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    // Without a date: last when sorted by date, so first when sorted backwards.
    expect(seen.slice(0, 2)).toEqual([ids.ofContact, ids.none]);
  });

  it('refuses filters and sorts outside the allowlist', async () => {
    const bad = await lister.get('/api/v1/activities?filter=search_text:eq:x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('filter');
    expect((await lister.get('/api/v1/activities?sort=owner')).status).toBe(400);
  });

  it('completes, reopens, reassigns and deletes in bulk, each with the single-activity rules', async () => {
    const a = (await lister.post('/api/v1/activities', { title: 'Bulk A' })).body;
    const b = (await lister.post('/api/v1/activities', { title: 'Bulk B', done: true })).body;
    const hidden = (await admin.post('/api/v1/activities', { title: 'Privat bulk', private: true })).body;
    const complete = await lister.post('/api/v1/activities/bulk', { action: 'complete', ids: [a.id, b.id, hidden.id] });
    expect(complete.body).toEqual({
      changed: 1,
      unchanged: 1,
      failed: [{ id: hidden.id, code: 'NOT_FOUND', message: 'Activity not found' }],
    });
    expect((await admin.get(`/api/v1/activities/${hidden.id}`)).body.done).toBe(false);
    const reopen = await lister.post('/api/v1/activities/bulk', { action: 'reopen', ids: [a.id] });
    expect(reopen.body.changed).toBe(1);
    const reassign = await lister.post('/api/v1/activities/bulk', {
      action: 'reassign',
      ids: [a.id, b.id],
      ownerId: me.id,
    });
    expect(reassign.body.changed).toBe(2);
    expect((await admin.get(`/api/v1/activities/${a.id}`)).body.ownerId).toBe(me.id);
    const del = await lister.post('/api/v1/activities/bulk', { action: 'delete', ids: [a.id, b.id] });
    expect(del.body.changed).toBe(2);
    expect((await lister.get(`/api/v1/activities/${a.id}`)).status).toBe(404);
    const nobody = await lister.post('/api/v1/activities/bulk', {
      action: 'reassign',
      ids: [a.id],
      ownerId: '0190a8c2-0000-7000-8000-000000000000',
    });
    expect(nobody.status).toBe(400);
  });
});

describe('permissions', () => {
  it('lets a read-only member read but not write', async () => {
    const reader = await t.member(admin, 'readonly');
    expect((await reader.get('/api/v1/activities')).status).toBe(200);
    expect((await reader.post('/api/v1/activities', { title: 'Nei' })).status).toBe(403);
  });
});
