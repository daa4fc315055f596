import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
let alice: Client;
let bob: Client;
let reader: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Visning AS'));
  manager = await t.member(admin, 'manager');
  alice = await t.member(admin, 'user');
  bob = await t.member(admin, 'user');
  reader = await t.member(admin, 'readonly');
});
afterAll(() => t.close());

const put = (c: Client, path: string) => c.request('PUT', path, {});
const names = async (c: Client, entity = 'company') =>
  (await c.get(`/api/v1/views?entity=${entity}`)).body.items.map((v: { name: string }) => v.name);

describe('saved views', () => {
  it('saves columns in order, filters and sort, and checks them against the list', async () => {
    const res = await alice.post('/api/v1/views', {
      entity: 'company',
      name: 'Norske kunder',
      columns: ['name', 'city', 'customerNumber'],
      filters: ['country:eq:NO', 'type:eq:customer'],
      sort: '-updatedAt',
      q: 'fjord',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      entity: 'company',
      name: 'Norske kunder',
      columns: ['name', 'city', 'customerNumber'],
      filters: ['country:eq:NO', 'type:eq:customer'],
      sort: '-updatedAt',
      q: 'fjord',
      shared: false,
      isDefault: false,
      canEdit: true,
      version: 1,
    });
    const bad = [
      { columns: ['name', 'password'] },
      { columns: ['name', 'name'] },
      { filters: ['secret:eq:1'] },
      { filters: ['country:gt:NO'] },
      { sort: 'password' },
      { columns: [] },
    ];
    for (const b of bad) {
      const r = await alice.post('/api/v1/views', { entity: 'company', name: 'Feil', columns: ['name'], ...b });
      expect(r.status, JSON.stringify(b)).toBe(400);
    }
    const contactView = await alice.post('/api/v1/views', {
      entity: 'contact',
      name: 'Mine kontakter',
      columns: ['lastName', 'firstName', 'companyName'],
      sort: 'lastName',
    });
    expect(contactView.status).toBe(201);
    expect(await names(alice, 'contact')).toEqual(['Mine kontakter']);
  });

  it('keeps personal views to their creator and shows shared ones to everyone', async () => {
    await alice.post('/api/v1/views', { entity: 'company', name: 'Alice privat', columns: ['name'] });
    const shared = await alice.post('/api/v1/views', {
      entity: 'company',
      name: 'Alice delt',
      columns: ['name'],
      shared: true,
    });
    expect(await names(alice)).toEqual(expect.arrayContaining(['Alice privat', 'Alice delt']));
    expect(await names(bob)).toContain('Alice delt');
    expect(await names(bob)).not.toContain('Alice privat');
    expect(await names(admin)).not.toContain('Alice privat');
    const privat = (await alice.get('/api/v1/views?entity=company')).body.items.find(
      (v: { name: string }) => v.name === 'Alice privat',
    );
    expect((await bob.get(`/api/v1/views/${privat.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/views/${privat.id}`, { version: 1, name: 'X' })).status).toBe(404);
    expect((await bob.get(`/api/v1/views/${shared.body.id}`)).body.canEdit).toBe(false);
  });

  it('lets the creator or a manager change a shared view, with versions; others get 403', async () => {
    const view = (
      await alice.post('/api/v1/views', { entity: 'company', name: 'Team', columns: ['name'], shared: true })
    ).body;
    const denied = await bob.patch(`/api/v1/views/${view.id}`, { version: 1, name: 'Bobs nå' });
    expect(denied.status).toBe(403);
    expect((await bob.delete(`/api/v1/views/${view.id}`)).status).toBe(403);
    const byManager = await manager.patch(`/api/v1/views/${view.id}`, { version: 1, columns: ['name', 'email'] });
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({ columns: ['name', 'email'], version: 2, canEdit: true });
    const stale = await alice.patch(`/api/v1/views/${view.id}`, { version: 1, name: 'Gammel' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.columns).toEqual(['name', 'email']);
    expect((await manager.patch(`/api/v1/views/${view.id}`, { version: 2, shared: false })).status).toBe(403);
    expect((await alice.patch(`/api/v1/views/${view.id}`, { version: 2, name: 'Team Nord' })).body.name).toBe(
      'Team Nord',
    );
    expect((await manager.delete(`/api/v1/views/${view.id}`)).status).toBe(204);
    expect(await names(alice)).not.toContain('Team Nord');
  });

  it('gives each user one default view per list, also on shared views', async () => {
    const a = (await alice.post('/api/v1/views', { entity: 'company', name: 'Standard A', columns: ['name'] })).body;
    const shared = (
      await alice.post('/api/v1/views', {
        entity: 'company',
        name: 'Standard delt',
        columns: ['name'],
        shared: true,
        isDefault: true,
      })
    ).body;
    expect(shared.isDefault).toBe(true);
    expect((await put(alice, `/api/v1/views/${a.id}/default`)).body.isDefault).toBe(true);
    const defaults = async (c: Client) =>
      (await c.get('/api/v1/views?entity=company')).body.items
        .filter((v: { isDefault: boolean }) => v.isDefault)
        .map((v: { name: string }) => v.name);
    expect(await defaults(alice)).toEqual(['Standard A']);
    // Bob may open the list with Alice's shared view without being allowed to change it.
    expect((await put(bob, `/api/v1/views/${shared.id}/default`)).status).toBe(200);
    expect(await defaults(bob)).toEqual(['Standard delt']);
    expect(await defaults(alice)).toEqual(['Standard A']);
    // Once it is personal again, it is no longer Bob's default.
    expect((await alice.patch(`/api/v1/views/${shared.id}`, { version: 1, shared: false })).status).toBe(200);
    expect(await defaults(bob)).toEqual([]);
    expect((await alice.request('DELETE', `/api/v1/views/${a.id}/default`)).status).toBe(204);
    expect(await defaults(alice)).toEqual([]);
  });

  it('lets read-only members keep personal views but not share them', async () => {
    expect((await reader.post('/api/v1/views', { entity: 'contact', name: 'Lese', columns: ['email'] })).status).toBe(
      201,
    );
    const share = await reader.post('/api/v1/views', {
      entity: 'contact',
      name: 'Lese delt',
      columns: ['email'],
      shared: true,
    });
    expect(share.status).toBe(403);
  });

  it('keeps views inside their workspace', async () => {
    const view = (
      await alice.post('/api/v1/views', { entity: 'company', name: 'Intern', columns: ['name'], shared: true })
    ).body;
    const { admin: stranger } = await t.workspace('Annen AS');
    expect((await stranger.get(`/api/v1/views/${view.id}`)).status).toBe(404);
    expect((await put(stranger, `/api/v1/views/${view.id}/default`)).status).toBe(404);
    expect(await names(stranger)).toEqual([]);
  });

  it('saves a company view filtered and sorted on a category and a custom field, and refuses unknown fields', async () => {
    const category = (
      await admin.post('/api/v1/categories', {
        name: 'Gullkunde',
        fields: [{ label: 'Omsetning', type: 'number' }],
      })
    ).body;
    const field = category.fields[0].id as string;
    const ok = await alice.post('/api/v1/views', {
      entity: 'company',
      name: 'Gullkunder etter omsetning',
      columns: ['name', 'categories', `cf.${field}`],
      filters: [`categoryId:eq:${category.id}`, `cf.${field}:gt:1000`],
      sort: `-cf.${field}`,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.filters).toEqual([`categoryId:eq:${category.id}`, `cf.${field}:gt:1000`]);
    const unknown = await alice.post('/api/v1/views', {
      entity: 'company',
      name: 'Feil',
      columns: ['name'],
      filters: ['cf.0196a0b0-0000-7000-8000-000000000000:eq:1'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('no custom field');
  });
});
