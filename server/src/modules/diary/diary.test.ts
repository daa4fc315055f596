import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

/** The diary over HTTP: repeating series expanded in their time zone, and changes of one, following or all. */
let t: TestApp;
let admin: Client;
let colleague: Client;
let colleagueId: string;
let adminId: string;

const ZONE = 'Europe/Oslo';
const oslo = (local: string) => new Date(DateTime.fromISO(local, { zone: ZONE }).toMillis()).toISOString();
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");

type Item = {
  activityId: string;
  occurrenceStart: string | null;
  title: string;
  start: string;
  end: string | null;
  done: boolean;
  recurring: boolean;
  userIds: string[];
  resourceIds: string[];
  kind: string;
  location: string | null;
};

async function diary(c: Client, from: string, to: string, extra = ''): Promise<Item[]> {
  const res = await c.get(
    `/api/v1/diary?from=${encodeURIComponent(oslo(from))}&to=${encodeURIComponent(oslo(to))}${extra}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
const times = (items: Item[], title?: string) =>
  items.filter((i) => !title || i.title === title).map((i) => local(i.start));

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Dagbok AS'));
  colleague = await t.member(admin, 'user');
  colleagueId = (await colleague.get('/api/v1/me')).body.user.id;
  adminId = (await admin.get('/api/v1/me')).body.user.id;
});
afterAll(() => t.close());

describe('a weekly meeting', () => {
  let series: { id: string; version: number };

  beforeAll(async () => {
    // Mondays 09:00 in Oslo, six times, across the change to summer time (31 March 2030).
    const res = await admin.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Ukemøte',
      start: oslo('2030-03-04T09:00'),
      end: oslo('2030-03-04T09:30'),
      timeZone: ZONE,
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
      participantUserIds: [colleagueId],
    });
    expect(res.status).toBe(201);
    series = res.body;
  });

  it('shows every occurrence at 09:00 local time across daylight saving, for owner and participant', async () => {
    const expected = ['2030-03-04', '2030-03-11', '2030-03-18', '2030-03-25', '2030-04-01', '2030-04-08'].map(
      (d) => `${d}T09:00`,
    );
    const items = await diary(admin, '2030-03-01T00:00', '2030-04-30T00:00');
    expect(times(items, 'Ukemøte')).toEqual(expected);
    // 08:00 UTC in winter, 07:00 UTC in summer.
    expect(items[0]?.start).toBe('2030-03-04T08:00:00.000Z');
    expect(items[5]?.start).toBe('2030-04-08T07:00:00.000Z');
    expect(items[0]).toMatchObject({
      activityId: series.id,
      occurrenceStart: '2030-03-04T08:00:00.000Z',
      recurring: true,
      userIds: [adminId, colleagueId],
    });
    expect(times(await diary(colleague, '2030-03-01T00:00', '2030-04-30T00:00'), 'Ukemøte')).toEqual(expected);
    // A narrower range shows only what overlaps it.
    expect(times(await diary(admin, '2030-03-11T09:15', '2030-03-18T09:00'), 'Ukemøte')).toEqual(['2030-03-11T09:00']);
  });

  it('needs a scope to change a series, and an occurrence that exists', async () => {
    const res = await admin.patch(`/api/v1/activities/${series.id}`, { version: series.version, title: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('scope');
    const none = await admin.patch(`/api/v1/activities/${series.id}`, {
      version: series.version,
      title: 'x',
      scope: 'this',
      occurrenceStart: oslo('2030-03-12T09:00'),
    });
    expect(none.status).toBe(404);
  });

  it('moves one occurrence (“this”) without touching the others', async () => {
    const res = await admin.patch(`/api/v1/activities/${series.id}`, {
      version: series.version,
      scope: 'this',
      occurrenceStart: oslo('2030-03-11T09:00'),
      start: oslo('2030-03-11T11:00'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      seriesId: series.id,
      recurrenceId: oslo('2030-03-11T09:00'),
      start: oslo('2030-03-11T11:00'),
      end: oslo('2030-03-11T11:30'),
      rrule: null,
      participants: [expect.objectContaining({ userId: colleagueId })],
    });
    const items = await diary(admin, '2030-03-01T00:00', '2030-04-30T00:00');
    expect(times(items, 'Ukemøte')).toEqual([
      '2030-03-04T09:00',
      '2030-03-11T11:00',
      '2030-03-18T09:00',
      '2030-03-25T09:00',
      '2030-04-01T09:00',
      '2030-04-08T09:00',
    ]);
    const moved = items.find((i) => local(i.start) === '2030-03-11T11:00');
    expect(moved).toMatchObject({
      activityId: res.body.id,
      occurrenceStart: oslo('2030-03-11T09:00'),
      recurring: true,
    });
    // Changing it again through the series changes the same row.
    const current = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    const again = await admin.patch(`/api/v1/activities/${series.id}`, {
      version: current.version,
      scope: 'this',
      occurrenceStart: oslo('2030-03-11T09:00'),
      title: 'Ukemøte (flyttet)',
    });
    expect(again.body.id).toBe(res.body.id);
    expect(times(await diary(admin, '2030-03-11T00:00', '2030-03-12T00:00'))).toEqual(['2030-03-11T11:00']);
  });

  it('deletes one occurrence (“this”)', async () => {
    const current = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    const res = await admin.delete(
      `/api/v1/activities/${series.id}?scope=this&occurrenceStart=${encodeURIComponent(oslo('2030-03-18T09:00'))}`,
    );
    expect(res.status).toBe(204);
    const after = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    expect(after.exdates).toEqual([oslo('2030-03-18T09:00')]);
    expect(after.version).toBe(current.version + 1);
    expect(times(await diary(admin, '2030-03-01T00:00', '2030-04-30T00:00'))).toEqual([
      '2030-03-04T09:00',
      '2030-03-11T11:00',
      '2030-03-25T09:00',
      '2030-04-01T09:00',
      '2030-04-08T09:00',
    ]);
  });

  it('changes this and all following: the series ends before, a new one carries on with the change', async () => {
    const current = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    const res = await admin.patch(`/api/v1/activities/${series.id}`, {
      version: current.version,
      scope: 'following',
      occurrenceStart: oslo('2030-04-01T09:00'),
      title: 'Nytt ukemøte',
    });
    expect(res.status).toBe(200);
    expect(res.body.id).not.toBe(series.id);
    expect(res.body).toMatchObject({
      title: 'Nytt ukemøte',
      start: oslo('2030-04-01T09:00'),
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2',
      participants: [expect.objectContaining({ userId: colleagueId })],
    });
    const old = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    expect(old.rrule).toMatch(/UNTIL=20300401T065959Z/);
    const items = await diary(admin, '2030-03-01T00:00', '2030-04-30T00:00');
    expect(items.map((i) => [local(i.start), i.title])).toEqual([
      ['2030-03-04T09:00', 'Ukemøte'],
      ['2030-03-11T11:00', 'Ukemøte (flyttet)'],
      ['2030-03-25T09:00', 'Ukemøte'],
      ['2030-04-01T09:00', 'Nytt ukemøte'],
      ['2030-04-08T09:00', 'Nytt ukemøte'],
    ]);
  });

  it('moves all occurrences when the time of one is changed for “all”', async () => {
    const next = (await admin.get('/api/v1/activities?q=nytt%20ukem')).body.items[0];
    const res = await admin.patch(`/api/v1/activities/${next.id}`, {
      version: next.version,
      scope: 'all',
      occurrenceStart: oslo('2030-04-08T09:00'),
      start: oslo('2030-04-08T10:00'),
      end: oslo('2030-04-08T11:00'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start: oslo('2030-04-01T10:00'), end: oslo('2030-04-01T11:00') });
    expect(times(await diary(admin, '2030-03-30T00:00', '2030-04-30T00:00'))).toEqual([
      '2030-04-01T10:00',
      '2030-04-08T10:00',
    ]);
  });

  it('carries a change of all to the changed occurrences, which keep their own time', async () => {
    const current = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    const res = await admin.patch(`/api/v1/activities/${series.id}`, {
      version: current.version,
      scope: 'all',
      location: 'Kantina',
    });
    expect(res.status).toBe(200);
    const items = await diary(admin, '2030-03-01T00:00', '2030-03-31T00:00');
    expect(items.map((i) => [local(i.start), i.location])).toEqual([
      ['2030-03-04T09:00', 'Kantina'],
      ['2030-03-11T11:00', 'Kantina'],
      ['2030-03-25T09:00', 'Kantina'],
    ]);
  });

  it('deletes this and all following', async () => {
    const current = (await admin.get(`/api/v1/activities/${series.id}`)).body;
    const res = await admin.delete(
      `/api/v1/activities/${current.id}?scope=following&occurrenceStart=${encodeURIComponent(oslo('2030-03-11T09:00'))}`,
    );
    expect(res.status).toBe(204);
    expect(times(await diary(admin, '2030-03-01T00:00', '2030-03-31T00:00'))).toEqual(['2030-03-04T09:00']);
  });
});

describe('a repeating task', () => {
  it('completes one occurrence only', async () => {
    const task = (
      await admin.post('/api/v1/activities', {
        title: 'Sjekk kassen',
        start: oslo('2030-09-02T16:00'),
        rrule: 'FREQ=DAILY;COUNT=3',
      })
    ).body;
    const done = await admin.patch(`/api/v1/activities/${task.id}`, {
      version: task.version,
      scope: 'this',
      occurrenceStart: oslo('2030-09-03T16:00'),
      done: true,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: true, seriesId: task.id });
    const items = await diary(admin, '2030-09-01T00:00', '2030-09-10T00:00');
    expect(items.map((i) => [local(i.start), i.done])).toEqual([
      ['2030-09-02T16:00', false],
      ['2030-09-03T16:00', true],
      ['2030-09-04T16:00', false],
    ]);
    expect((await admin.get(`/api/v1/activities/${task.id}`)).body.done).toBe(false);
    // The changed occurrence goes to the trash and comes back.
    expect((await admin.delete(`/api/v1/activities/${done.body.id}`)).status).toBe(204);
    expect(times(await diary(admin, '2030-09-01T00:00', '2030-09-10T00:00'))).toEqual([
      '2030-09-02T16:00',
      '2030-09-04T16:00',
    ]);
    expect((await admin.post(`/api/v1/activities/${done.body.id}/restore`)).status).toBe(200);
    expect((await diary(admin, '2030-09-01T00:00', '2030-09-10T00:00')).map((i) => i.done)).toEqual([
      false,
      true,
      false,
    ]);
    // Tasks can be left out.
    expect(await diary(admin, '2030-09-01T00:00', '2030-09-10T00:00', '&includeTasks=false')).toEqual([]);
    // Completing the whole series from the task list is refused with a reason.
    const bulk = await admin.post('/api/v1/activities/bulk', { action: 'complete', ids: [task.id] });
    expect(bulk.body.failed[0].message).toMatch(/repeats/);
  });
});

describe('group and resource calendars', () => {
  it('shows colleagues side by side, and a room’s bookings', async () => {
    const room = (await admin.post('/api/v1/resources', { name: 'Havet' })).body;
    const mine = (
      await admin.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Mitt møte',
        start: oslo('2030-10-01T10:00'),
        resourceIds: [room.id],
      })
    ).body;
    const theirs = (
      await colleague.post('/api/v1/activities', {
        kind: 'call',
        title: 'Deres samtale',
        start: oslo('2030-10-01T12:00'),
      })
    ).body;
    const both = await diary(
      admin,
      '2030-10-01T00:00',
      '2030-10-02T00:00',
      `&userIds=${adminId}&userIds=${colleagueId}`,
    );
    expect(both.map((i) => [i.title, i.userIds])).toEqual([
      ['Mitt møte', [adminId]],
      ['Deres samtale', [colleagueId]],
    ]);
    const onlyRoom = await diary(admin, '2030-10-01T00:00', '2030-10-02T00:00', `&resourceIds=${room.id}`);
    expect(onlyRoom.map((i) => [i.activityId, i.resourceIds])).toEqual([[mine.id, [room.id]]]);
    expect(theirs.id).toBeDefined();
  });

  it('refuses a booking on an occurrence of a repeating booking, until that occurrence is deleted', async () => {
    const room = (await admin.post('/api/v1/resources', { name: 'Skogen' })).body;
    const weekly = (
      await admin.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Fast møte',
        start: oslo('2030-11-04T10:00'),
        end: oslo('2030-11-04T11:00'),
        rrule: 'FREQ=WEEKLY',
        resourceIds: [room.id],
      })
    ).body;
    const single = {
      kind: 'meeting',
      title: 'Kundemøte',
      start: oslo('2030-11-18T10:30'),
      end: oslo('2030-11-18T11:30'),
      resourceIds: [room.id],
    };
    const refused = await colleague.post('/api/v1/activities', single);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Skogen is already booked 18 Nov 2030 10:00–11:00 by “Fast møte”');
    await admin.delete(
      `/api/v1/activities/${weekly.id}?scope=this&occurrenceStart=${encodeURIComponent(oslo('2030-11-18T10:00'))}`,
    );
    expect((await colleague.post('/api/v1/activities', single)).status).toBe(201);
  });

  it('shows an activity of several days on each of its days, and an all-day one in its day', async () => {
    const conference = (
      await colleague.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Konferanse',
        start: oslo('2030-10-05T00:00'),
        end: oslo('2030-10-08T00:00'),
        allDay: true,
      })
    ).body;
    expect(conference).toMatchObject({ start: oslo('2030-10-05T00:00'), end: oslo('2030-10-08T00:00') });
    for (const day of ['2030-10-05', '2030-10-07']) {
      const items = await diary(colleague, `${day}T00:00`, `${day}T23:59`);
      expect(items.map((i) => i.title)).toEqual(['Konferanse']);
    }
    expect(await diary(colleague, '2030-10-08T00:00', '2030-10-09T00:00')).toEqual([]);
    const birthday = (
      await colleague.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Bursdag',
        start: oslo('2030-10-20T15:00'),
        allDay: true,
      })
    ).body;
    expect(birthday).toMatchObject({ start: oslo('2030-10-20T00:00'), end: oslo('2030-10-21T00:00'), allDay: true });
    expect((await diary(colleague, '2030-10-20T12:00', '2030-10-20T13:00')).map((i) => i.title)).toEqual(['Bursdag']);
  });

  it('refuses bad ranges and strangers', async () => {
    const from = encodeURIComponent(oslo('2030-01-01T00:00'));
    const far = encodeURIComponent(oslo('2030-04-01T00:00'));
    const res = await admin.get(`/api/v1/diary?from=${from}&to=${far}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('to');
    expect((await admin.get(`/api/v1/diary?from=${from}&to=${from}`)).status).toBe(400);
    const stranger = await admin.get(
      `/api/v1/diary?from=${from}&to=${encodeURIComponent(oslo('2030-01-02T00:00'))}&userIds=0190a8c2-0000-7000-8000-000000000000`,
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details[0].path).toBe('userIds');
    expect((await admin.get('/api/v1/diary?from=yesterday&to=today')).status).toBe(400);
  });
});
