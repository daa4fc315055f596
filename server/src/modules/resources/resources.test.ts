import { Kysely, PostgresDialect } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';
import { findBookingConflicts } from './booking-conflicts.ts';

let t: TestApp;
let admin: Client;
let user: Client;
let workspaceId: string;
let db: Kysely<DB>;
let adminId: string;
let userId: string;

const OSLO = 'Europe/Oslo';
const oslo = (local: string) => DateTime.fromISO(local, { zone: OSLO }).toJSDate();

beforeAll(async () => {
  t = await startTestApp();
  ({ admin, workspaceId } = await t.workspace('Rom AS'));
  user = await t.member(admin, 'user');
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
  adminId = (await admin.get('/api/v1/me')).body.user.id;
  userId = (await user.get('/api/v1/me')).body.user.id;
});
afterAll(async () => {
  await t.close();
});

async function createResource(name: string, more: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/resources', { name, ...more });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
}

/** An activity written straight into the database (the activity routes have their own tests). */
async function insertActivity(a: {
  title: string;
  start: Date;
  end: Date | null;
  resourceIds: string[];
  ownerId?: string;
  private?: boolean;
  rrule?: string;
  exdates?: Date[];
  allDay?: boolean;
  seriesId?: string;
  recurrenceId?: Date;
  deleted?: boolean;
}) {
  const id = newId();
  const type = await db
    .selectFrom('activity_types')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'meeting')
    .where('builtin', '=', true)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('activities')
    .values({
      workspace_id: workspaceId,
      id,
      type_id: type.id,
      kind: 'meeting',
      title: a.title,
      starts_at: a.start,
      ends_at: a.end,
      all_day: a.allDay ?? false,
      time_zone: OSLO,
      owner_id: a.ownerId ?? userId,
      private: a.private ?? false,
      rrule: a.rrule ?? null,
      exdates: a.exdates ?? [],
      series_id: a.seriesId ?? null,
      recurrence_id: a.recurrenceId ?? null,
      ical_uid: `${id}@test`,
      deleted_at: a.deleted ? new Date() : null,
    })
    .execute();
  for (const resourceId of a.resourceIds) {
    await db
      .insertInto('activity_resources')
      .values({ workspace_id: workspaceId, activity_id: id, resource_id: resourceId })
      .execute();
  }
  return id;
}

const ctxOf = (actor: { userId: string; role: 'admin' | 'user' }): Ctx =>
  ({
    db,
    workspaceId,
    actor: { kind: 'user', userId: actor.userId, name: 'x', role: actor.role, apiKeyId: null },
    now: new Date('2025-01-01T00:00:00Z'),
  }) as unknown as Ctx;

describe('resources', () => {
  it('lets managers add rooms and equipment, and everyone list them by name', async () => {
    await createResource('Zebra room', { capacity: 4 });
    const projector = await createResource('Projector', { kind: 'equipment', description: 'Epson, HDMI' });
    const list = await user.get('/api/v1/resources');
    expect(list.status).toBe(200);
    const names = list.body.items.map((r: { name: string }) => r.name);
    expect(names.indexOf('Projector')).toBeLessThan(names.indexOf('Zebra room'));
    expect(list.body.items.find((r: { id: string }) => r.id === projector.id)).toMatchObject({
      kind: 'equipment',
      capacity: null,
      description: 'Epson, HDMI',
      archived: false,
      version: 1,
    });
    const refused = await user.post('/api/v1/resources', { name: 'Mine' });
    expect(refused.status).toBe(403);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'field', 'new_value'])
      .where('entity', '=', 'resource')
      .where('entity_id', '=', projector.id)
      .execute();
    expect(audit).toContainEqual({ action: 'create', field: 'name', new_value: 'Projector' });
  });

  it('refuses a second resource with the same name, and bad input, with clear messages', async () => {
    await createResource('Fjord');
    const dup = await admin.post('/api/v1/resources', { name: ' fjord ' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('There is already a room or equipment called “Fjord”');
    const bad = await admin.post('/api/v1/resources', { name: '', capacity: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
  });

  it('renames and archives with the version, and a stale version gets the current one back', async () => {
    const room = await createResource('Havet', { capacity: 10 });
    const renamed = await admin.patch(`/api/v1/resources/${room.id}`, { version: 1, name: 'Havblikk', capacity: 12 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Havblikk', capacity: 12, version: 2 });
    const stale = await admin.patch(`/api/v1/resources/${room.id}`, { version: 1, name: 'Old' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ name: 'Havblikk', version: 2 });

    expect((await admin.delete(`/api/v1/resources/${room.id}`)).status).toBe(204);
    const listed = (await admin.get('/api/v1/resources')).body.items.map((r: { id: string }) => r.id);
    expect(listed).not.toContain(room.id);
    const withArchived = await admin.get('/api/v1/resources?archived=true');
    expect(withArchived.body.items.find((r: { id: string }) => r.id === room.id)).toMatchObject({ archived: true });

    // The name is free again; restoring the old one then clashes.
    await createResource('Havblikk');
    const restore = await admin.patch(`/api/v1/resources/${room.id}`, { version: 3, archived: false });
    expect(restore.status).toBe(409);
    const history = await db
      .selectFrom('audit_log')
      .select(['action', 'field'])
      .where('entity', '=', 'resource')
      .where('entity_id', '=', room.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => `${h.action}:${h.field}`)).toEqual(
      expect.arrayContaining(['update:name', 'update:capacity', 'delete:archived']),
    );
  });

  it('answers 404 for a resource of another workspace', async () => {
    const room = await createResource('Secret room');
    const other = await t.workspace('Andre AS');
    expect((await other.admin.get(`/api/v1/resources/${room.id}`)).status).toBe(404);
    expect((await other.admin.patch(`/api/v1/resources/${room.id}`, { version: 1, name: 'x' })).status).toBe(404);
  });
});

describe('double bookings', () => {
  it('finds an occurrence of someone else’s weekly series, without its title when the caller may not see it', async () => {
    const room = await createResource('Loftet');
    const series = await insertActivity({
      title: 'Weekly board',
      start: oslo('2025-03-03T10:00'),
      end: oslo('2025-03-03T11:00'),
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      resourceIds: [room.id],
      private: true,
    });
    // Three weeks later, after the change to summer time: still 10:00 local.
    const source = {
      start: oslo('2025-03-31T10:30'),
      end: oslo('2025-03-31T11:30'),
      allDay: false,
      timeZone: OSLO,
      rrule: null,
      exdates: [],
    };
    const hidden = await findBookingConflicts(ctxOf({ userId: adminId, role: 'admin' }), {
      resourceIds: [room.id],
      source,
    });
    expect(hidden).toEqual([
      {
        resourceId: room.id,
        resourceName: 'Loftet',
        activityId: series,
        title: null,
        start: oslo('2025-03-31T10:00').toISOString(),
        end: oslo('2025-03-31T11:00').toISOString(),
      },
    ]);
    const own = await findBookingConflicts(ctxOf({ userId, role: 'user' }), { resourceIds: [room.id], source });
    expect(own[0]?.title).toBe('Weekly board');

    // Back to back is no conflict; its own series never conflicts with itself.
    const after = { ...source, start: oslo('2025-03-31T11:00'), end: oslo('2025-03-31T12:00') };
    expect(
      await findBookingConflicts(ctxOf({ userId, role: 'user' }), { resourceIds: [room.id], source: after }),
    ).toEqual([]);
    expect(
      await findBookingConflicts(ctxOf({ userId, role: 'user' }), {
        resourceIds: [room.id],
        source: { ...source, start: oslo('2025-03-03T10:00'), end: oslo('2025-03-03T11:00'), rrule: 'FREQ=WEEKLY' },
        excludeActivityId: series,
      }),
    ).toEqual([]);
  });

  it('respects removed and moved occurrences, ignores deleted bookings and checks a new series as a whole', async () => {
    const room = await createResource('Kjelleren');
    const series = await insertActivity({
      title: 'Standup',
      start: oslo('2025-05-05T09:00'),
      end: oslo('2025-05-05T09:15'),
      rrule: 'FREQ=DAILY;COUNT=10',
      exdates: [oslo('2025-05-07T09:00')],
      resourceIds: [room.id],
    });
    // The occurrence of 8 May moved to 14:00.
    await insertActivity({
      title: 'Standup (moved)',
      start: oslo('2025-05-08T14:00'),
      end: oslo('2025-05-08T14:15'),
      seriesId: series,
      recurrenceId: oslo('2025-05-08T09:00'),
      resourceIds: [room.id],
    });
    await insertActivity({
      title: 'Gone',
      start: oslo('2025-05-09T12:00'),
      end: oslo('2025-05-09T13:00'),
      resourceIds: [room.id],
      deleted: true,
    });
    const ctx = ctxOf({ userId, role: 'user' });
    const check = (start: string, end: string, rrule: string | null = null) =>
      findBookingConflicts(ctx, {
        resourceIds: [room.id],
        source: { start: oslo(start), end: oslo(end), allDay: false, timeZone: OSLO, rrule, exdates: [] },
      });
    expect(await check('2025-05-07T09:00', '2025-05-07T10:00')).toEqual([]);
    expect(await check('2025-05-08T09:00', '2025-05-08T10:00')).toEqual([]);
    expect((await check('2025-05-08T14:10', '2025-05-08T15:00')).map((c) => c.title)).toEqual(['Standup (moved)']);
    expect(await check('2025-05-09T12:00', '2025-05-09T13:00')).toEqual([]);
    // A weekly series on Mondays at 09:10 meets the standup on 5 and 12 May only (COUNT=10 ends 14 May).
    const weekly = await check('2025-05-05T09:10', '2025-05-05T09:30', 'FREQ=WEEKLY;COUNT=8');
    expect(weekly.map((c) => c.start)).toEqual([
      oslo('2025-05-05T09:00').toISOString(),
      oslo('2025-05-12T09:00').toISOString(),
    ]);
  });

  it('blocks equipment too, and an all-day booking blocks its whole day', async () => {
    const beamer = await createResource('Beamer', { kind: 'equipment' });
    await insertActivity({
      title: 'Fair',
      start: oslo('2025-06-02T00:00'),
      end: oslo('2025-06-03T00:00'),
      allDay: true,
      resourceIds: [beamer.id],
    });
    const found = await findBookingConflicts(ctxOf({ userId: adminId, role: 'admin' }), {
      resourceIds: [beamer.id],
      source: {
        start: oslo('2025-06-02T16:00'),
        end: oslo('2025-06-02T17:00'),
        allDay: false,
        timeZone: OSLO,
        rrule: null,
        exdates: [],
      },
    });
    expect(found.map((c) => [c.resourceName, c.title])).toEqual([['Beamer', 'Fair']]);
  });

  it('refuses a double booking over HTTP with a message naming the booking, also when two arrive at once', async () => {
    const room = await createResource('Fyret');
    const meeting = (title: string) => ({
      kind: 'meeting',
      title,
      start: '2025-09-10T08:00:00.000Z',
      end: '2025-09-10T09:00:00.000Z',
      timeZone: OSLO,
      resourceIds: [room.id],
    });
    const first = await admin.post('/api/v1/activities', meeting('Board meeting'));
    expect(first.status).toBe(201);
    const second = await user.post('/api/v1/activities', {
      ...meeting('Sales'),
      start: '2025-09-10T08:30:00.000Z',
      end: '2025-09-10T10:00:00.000Z',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/^Fyret is already booked .*10:00–11:00 by “Board meeting”/);
    expect(second.body.error.details.conflicts).toEqual([
      expect.objectContaining({ resourceId: room.id, activityId: first.body.id, title: 'Board meeting' }),
    ]);

    const room2 = await createResource('Fyret 2');
    const both = await Promise.all([
      admin.post('/api/v1/activities', { ...meeting('A'), resourceIds: [room2.id] }),
      user.post('/api/v1/activities', { ...meeting('B'), resourceIds: [room2.id] }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
