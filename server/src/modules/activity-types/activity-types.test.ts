import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import type { DB } from '../../db/schema.ts';

let t: TestApp;
let db: Kysely<DB>;
let admin: Client;
let manager: Client;
let user: Client;

type T = { id: string; kind: string; name: string | null; builtin: boolean; points: number; version: number };

beforeAll(async () => {
  t = await startTestApp();
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
  ({ admin } = await t.workspace('Typer AS'));
  manager = await t.member(admin, 'manager');
  user = await t.member(admin, 'user');
});
afterAll(() => t.close());

const list = async (c: Client, q = '') => (await c.get(`/api/v1/activity-types${q}`)).body.items as T[];
const audit = (id: string) =>
  db
    .selectFrom('audit_log')
    .select(['action', 'field', 'new_value'])
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();

describe('activity types', () => {
  it('every workspace starts with the three built-in kinds and their points, which everyone can read', async () => {
    const items = await list(user);
    expect(items.map((x) => [x.kind, x.name, x.builtin, x.points])).toEqual([
      ['task', null, true, 1],
      ['call', null, true, 2],
      ['meeting', null, true, 5],
    ]);
  });

  it('only an administrator changes points; a user or manager gets 403 and nothing changes', async () => {
    const call = (await list(admin)).find((x) => x.kind === 'call') as T;
    for (const c of [user, manager]) {
      const res = await c.patch(`/api/v1/activity-types/${call.id}`, { version: call.version, points: 50 });
      expect(res.status).toBe(403);
    }
    expect((await list(admin)).find((x) => x.id === call.id)?.points).toBe(2);
    const res = await admin.patch(`/api/v1/activity-types/${call.id}`, {
      version: call.version,
      points: 3,
      color: '#22aa55',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ points: 3, color: '#22aa55', version: call.version + 1 });
    expect(await audit(call.id)).toEqual([
      { action: 'update', field: 'color', new_value: '#22aa55' },
      { action: 'update', field: 'points', new_value: 3 },
    ]);
    const stale = await admin.patch(`/api/v1/activity-types/${call.id}`, { version: call.version, points: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.points).toBe(3);
  });

  it('built-in types keep their name and cannot be archived', async () => {
    const task = (await list(admin)).find((x) => x.kind === 'task') as T;
    const rename = await admin.patch(`/api/v1/activity-types/${task.id}`, { version: task.version, name: 'Gjøremål' });
    expect(rename.status).toBe(400);
    expect((await admin.delete(`/api/v1/activity-types/${task.id}`)).status).toBe(409);
    expect((await list(admin)).find((x) => x.id === task.id)).toMatchObject({ name: null, archived: false });
  });

  it('an administrator adds, renames, archives and restores a type of their own; names are unique among those in use', async () => {
    const created = await admin.post('/api/v1/activity-types', {
      kind: 'meeting',
      name: 'Kundebesøk',
      points: 8,
      color: '#3355ff',
      defaultMinutes: 90,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'meeting',
      name: 'Kundebesøk',
      builtin: false,
      points: 8,
      defaultMinutes: 90,
    });
    expect((await user.post('/api/v1/activity-types', { kind: 'call', name: 'Nope' })).status).toBe(403);
    const dup = await admin.post('/api/v1/activity-types', { kind: 'call', name: 'kundebesøk' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('kundebesøk');
    expect((await admin.post('/api/v1/activity-types', { kind: 'lunch', name: 'Lunsj' })).status).toBe(400);
    expect((await admin.post('/api/v1/activity-types', { kind: 'call', name: 'X', points: -1 })).status).toBe(400);

    const renamed = await admin.patch(`/api/v1/activity-types/${created.body.id}`, {
      version: created.body.version,
      name: 'Kundemøte',
    });
    expect(renamed.status).toBe(200);
    expect((await admin.delete(`/api/v1/activity-types/${created.body.id}`)).status).toBe(204);
    expect((await list(user)).some((x) => x.id === created.body.id)).toBe(false);
    expect((await list(user, '?includeArchived=true')).find((x) => x.id === created.body.id)).toMatchObject({
      archived: true,
    });
    // While it is archived the name is free; restoring it then would make two of the same name.
    const again = await admin.post('/api/v1/activity-types', { kind: 'meeting', name: 'Kundemøte' });
    expect(again.status).toBe(201);
    expect((await admin.post(`/api/v1/activity-types/${created.body.id}/restore`)).status).toBe(409);
    expect((await admin.delete(`/api/v1/activity-types/${again.body.id}`)).status).toBe(204);
    const restored = await admin.post(`/api/v1/activity-types/${created.body.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archived).toBe(false);
    expect((await audit(created.body.id)).map((a) => a.action)).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'update',
      'delete',
      'restore',
    ]);
  });

  it('are put in the order the administrator gives, every type in use once', async () => {
    const items = await list(admin);
    const reversed = items.map((x) => x.id).reverse();
    expect((await user.request('PUT', '/api/v1/activity-types/order', { ids: reversed })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/activity-types/order', { ids: reversed.slice(1) })).status).toBe(400);
    const res = await admin.request('PUT', '/api/v1/activity-types/order', { ids: reversed });
    expect(res.status).toBe(200);
    expect((await list(user)).map((x) => x.id)).toEqual(reversed);
  });

  it('belong to their workspace', async () => {
    const other = await t.workspace('Andre Typer AS');
    const mine = (await list(admin))[0] as T;
    const res = await other.admin.patch(`/api/v1/activity-types/${mine.id}`, { version: mine.version, points: 7 });
    expect(res.status).toBe(404);
    expect((await list(other.admin)).map((x) => x.points)).toEqual([1, 2, 5]);
  });
});
