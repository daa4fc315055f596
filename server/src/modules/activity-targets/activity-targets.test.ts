import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import type { DB } from '../../db/schema.ts';

let t: TestApp;
let db: Kysely<DB>;
let admin: Client;
let workspaceId: string;
let manager: Client;
let ulla: Client;
let per: Client;
const ids: Record<string, string> = {};
const types: Record<string, { id: string; version: number }> = {};

beforeAll(async () => {
  t = await startTestApp();
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
  ({ admin, workspaceId } = await t.workspace('Mål AS'));
  manager = await t.member(admin, 'manager');
  ulla = await t.member(admin, 'user');
  per = await t.member(admin, 'user');
  for (const [name, c] of Object.entries({ admin, manager, ulla, per }))
    ids[name] = (await c.get('/api/v1/me')).body.user.id;
  for (const x of (await admin.get('/api/v1/activity-types')).body.items) types[x.kind] = x;
  const visit = await admin.post('/api/v1/activity-types', { kind: 'meeting', name: 'Kundebesøk', points: 10 });
  types.visit = visit.body;
  // Ulla works in New York: her weeks start on Monday at midnight there.
  await ulla.patch('/api/v1/me/preferences', { timeZone: 'America/New_York' });
});
afterAll(() => t.close());

/** A done activity of `ownerId`, written straight to the table (the targets count what is in it). */
async function doneActivity(ownerId: string, type: 'task' | 'call' | 'meeting' | 'visit', doneAt: Date, extra = {}) {
  const kind = type === 'visit' ? 'meeting' : type;
  await db
    .insertInto('activities')
    .values({
      workspace_id: workspaceId,
      id: randomUUID(),
      type_id: types[type]?.id as string,
      kind,
      title: `${type} ${doneAt.toISOString()}`,
      owner_id: ownerId,
      starts_at: doneAt,
      done_at: doneAt,
      ical_uid: randomUUID(),
      ...extra,
    })
    .execute();
}

describe('activity targets', () => {
  it('are set per member by managers (users get 403), with versions and history', async () => {
    const list = await ulla.get('/api/v1/activity-targets');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((x: { userId: string }) => x.userId === ids.ulla);
    expect(mine.targets).toEqual({ calls: null, meetings: null, tasks: null, points: null });

    const body = { userId: ids.ulla, version: mine.version, targets: { calls: 10, meetings: 3, points: 40 } };
    expect((await ulla.request('PUT', '/api/v1/activity-targets', body)).status).toBe(403);
    const set = await manager.request('PUT', '/api/v1/activity-targets', body);
    expect(set.status).toBe(200);
    expect(set.body.targets).toEqual({ calls: 10, meetings: 3, tasks: null, points: 40 });
    expect(set.body.version).toBe(mine.version + 1);

    const stale = await admin.request('PUT', '/api/v1/activity-targets', { ...body, targets: { calls: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.targets.calls).toBe(10);

    const removed = await admin.request('PUT', '/api/v1/activity-targets', {
      userId: ids.ulla,
      version: set.body.version,
      targets: { points: null, tasks: 5 },
    });
    expect(removed.body.targets).toEqual({ calls: 10, meetings: 3, tasks: 5, points: null });
    const history = await db
      .selectFrom('audit_log')
      .select(['field', 'old_value', 'new_value'])
      .where('entity', '=', 'activity_target')
      .where('entity_id', '=', ids.ulla as string)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { field: 'calls', old_value: null, new_value: 10 },
      { field: 'meetings', old_value: null, new_value: 3 },
      { field: 'points', old_value: null, new_value: 40 },
      { field: 'tasks', old_value: null, new_value: 5 },
      { field: 'points', old_value: 40, new_value: null },
    ]);
    for (const bad of [{ calls: -1 }, { calls: 1.5 }, { visits: 3 }]) {
      const res = await admin.request('PUT', '/api/v1/activity-targets', {
        userId: ids.ulla,
        version: removed.body.version,
        targets: bad,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('progress counts done activities per ISO week in the owner’s time zone, and the points of their types', async () => {
    const first = await ulla.get('/api/v1/activity-targets/progress?weeks=3');
    expect(first.status).toBe(200);
    expect(first.body.timeZone).toBe('America/New_York');
    const [w0, w1, w2] = first.body.weeks;
    expect(first.body.weeks).toHaveLength(3);
    // Weeks begin on Monday at midnight in New York.
    expect(
      new Date(w2.from).toLocaleString('en-US', {
        timeZone: 'America/New_York',
        weekday: 'long',
        hour: 'numeric',
        hourCycle: 'h23',
      }),
    ).toBe('Monday, 00');
    expect(w1.to).toBe(w2.from);
    const thisWeek = new Date(w2.from);
    const minutes = (m: number) => new Date(thisWeek.getTime() + m * 60_000);

    await doneActivity(ids.ulla as string, 'call', minutes(30)); // Monday 00:30 in New York: this week
    await doneActivity(ids.ulla as string, 'call', minutes(-30)); // Sunday 23:30: the week before
    await doneActivity(ids.ulla as string, 'meeting', minutes(60));
    await doneActivity(ids.ulla as string, 'visit', minutes(90));
    await doneActivity(ids.ulla as string, 'task', minutes(120));
    // Not counted: deleted, not done, someone else's, and older than the weeks asked for.
    await doneActivity(ids.ulla as string, 'call', minutes(150), { deleted_at: new Date() });
    await doneActivity(ids.ulla as string, 'call', minutes(150), { done_at: null });
    await doneActivity(ids.per as string, 'call', minutes(150));
    await doneActivity(ids.ulla as string, 'call', new Date(new Date(w0.from).getTime() - 60_000));

    const res = await ulla.get('/api/v1/activity-targets/progress?weeks=3');
    const weeks = res.body.weeks.map((w: Record<string, number>) => [w.calls, w.meetings, w.tasks, w.points]);
    // call 2 points, meeting 5, the Kundebesøk meeting 10, task 1.
    expect(weeks).toEqual([
      [0, 0, 0, 0],
      [1, 0, 0, 2],
      [1, 2, 1, 18],
    ]);
    expect(res.body.targets).toEqual({ calls: 10, meetings: 3, tasks: 5, points: null });
  });

  it('a user sees only their own progress; managers anyone’s, counting activities they may not see (numbers only)', async () => {
    expect((await per.get(`/api/v1/activity-targets/progress?userId=${ids.ulla}`)).status).toBe(403);
    // A private call of Ulla's that the manager may not open still counts.
    const before = (await manager.get(`/api/v1/activity-targets/progress?userId=${ids.ulla}&weeks=1`)).body.weeks[0];
    await doneActivity(ids.ulla as string, 'call', new Date(), { private: true });
    const res = await manager.get(`/api/v1/activity-targets/progress?userId=${ids.ulla}&weeks=1`);
    expect(res.status).toBe(200);
    expect(res.body.weeks[0].calls).toBe(before.calls + 1);
    expect(res.body.weeks[0].points).toBe(before.points + 2);
    expect(JSON.stringify(res.body)).not.toContain('call ');
    expect((await per.get('/api/v1/activity-targets/progress?weeks=0')).status).toBe(400);
    expect((await per.get('/api/v1/activity-targets/progress?weeks=53')).status).toBe(400);
    expect((await per.get(`/api/v1/activity-targets/progress?userId=${randomUUID()}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/activity-targets/progress?userId=${randomUUID()}`)).status).toBe(404);
  });

  it('the team view shows every active member’s current week against their targets, for managers only', async () => {
    expect((await per.get('/api/v1/activity-targets/team')).status).toBe(403);
    const res = await manager.get('/api/v1/activity-targets/team');
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { userId: string }) => x.userId).sort()).toEqual(
      [ids.admin, ids.manager, ids.ulla, ids.per].sort(),
    );
    const ulla = res.body.items.find((x: { userId: string }) => x.userId === ids.ulla);
    const own = (await manager.get(`/api/v1/activity-targets/progress?userId=${ids.ulla}&weeks=1`)).body.weeks[0];
    expect(ulla.current).toEqual(own);
    expect(ulla.targets.calls).toBe(10);
  });

  it('belong to their workspace', async () => {
    const other = await t.workspace('Andre Mål AS');
    const res = await other.admin.request('PUT', '/api/v1/activity-targets', {
      userId: ids.ulla,
      version: 1,
      targets: { calls: 99 },
    });
    expect(res.status).toBe(404);
    expect((await other.admin.get(`/api/v1/activity-targets/progress?userId=${ids.ulla}`)).status).toBe(404);
    expect((await other.admin.get('/api/v1/activity-targets')).body.items).toHaveLength(1);
  });
});
