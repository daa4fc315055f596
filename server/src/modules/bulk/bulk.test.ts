import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Masseendring AS'));
});
afterAll(() => t.close());

const me = async (c: Client) => (await c.get('/api/v1/me')).body.user.id as string;

describe('bulk actions', () => {
  it('hands many companies to a colleague, records each change, and reports the ones it could not change', async () => {
    const colleague = await t.member(admin, 'user');
    const colleagueId = await me(colleague);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await admin.post('/api/v1/companies', { name: `Bulk ${i} AS` })).body.id);
    const { body: gone } = await admin.post('/api/v1/companies', { name: 'Slettet AS' });
    await admin.delete(`/api/v1/companies/${gone.id}`);

    const res = await admin.post('/api/v1/companies/bulk', {
      action: 'setOwner',
      ids: [...ids, gone.id],
      ownerId: colleagueId,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: 5, unchanged: 0 });
    expect(res.body.failed).toEqual([expect.objectContaining({ id: gone.id, code: 'NOT_FOUND' })]);
    for (const id of ids) expect((await admin.get(`/api/v1/companies/${id}`)).body.ownerId).toBe(colleagueId);
    const history = await admin.get(`/api/v1/audit?entity=company&entityId=${ids[0]}`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'ownerId', newValue: colleagueId })]),
    );
    const again = await admin.post('/api/v1/companies/bulk', { action: 'setOwner', ids, ownerId: colleagueId });
    expect(again.body).toMatchObject({ changed: 0, unchanged: 5, failed: [] });
  });

  it('refuses an owner from outside the workspace without changing anything', async () => {
    const { body: c } = await admin.post('/api/v1/contacts', { firstName: 'Eva', lastName: 'Lund' });
    const other = await t.workspace('Annet Firma AS');
    const outsider = await me(other.admin);
    const res = await admin.post('/api/v1/contacts/bulk', { action: 'setOwner', ids: [c.id], ownerId: outsider });
    expect(res.body.changed).toBe(0);
    expect(res.body.failed).toEqual([expect.objectContaining({ id: c.id, code: 'VALIDATION' })]);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).body.ownerId).toBe(await me(admin));
  });

  it('moves contacts to the trash and back', async () => {
    const a = (await admin.post('/api/v1/contacts', { firstName: 'Ask', lastName: 'Berg' })).body.id;
    const b = (await admin.post('/api/v1/contacts', { firstName: 'Siv', lastName: 'Berg' })).body.id;
    expect((await admin.post('/api/v1/contacts/bulk', { action: 'delete', ids: [a, b] })).body.changed).toBe(2);
    expect((await admin.get(`/api/v1/contacts/${a}`)).status).toBe(404);
    expect((await admin.post('/api/v1/contacts/bulk', { action: 'restore', ids: [a, b] })).body.changed).toBe(2);
    expect((await admin.get(`/api/v1/contacts/${b}`)).status).toBe(200);
  });

  it('lets a read-only member change nothing, and a colleague not touch hidden records', async () => {
    const reader = await t.member(admin, 'readonly');
    const { body: c } = await admin.post('/api/v1/companies', { name: 'Privat Kunde AS', visibility: 'owner' });
    expect((await reader.post('/api/v1/companies/bulk', { action: 'delete', ids: [c.id] })).status).toBe(403);
    const colleague = await t.member(admin, 'user');
    const res = await colleague.post('/api/v1/companies/bulk', { action: 'delete', ids: [c.id] });
    expect(res.body.failed).toEqual([expect.objectContaining({ id: c.id, code: 'NOT_FOUND' })]);
    expect((await admin.get(`/api/v1/companies/${c.id}`)).status).toBe(200);
    expect((await admin.post('/api/v1/contacts/bulk', { action: 'delete', ids: [] })).status).toBe(400);
  });
});
