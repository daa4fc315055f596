import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Dubletter AS'));
});
afterAll(() => t.close());

const dupes = async (qs: string) => (await admin.get(`/api/v1/companies/duplicates?${qs}`)).body.items;

describe('duplicate check', () => {
  it('finds the same organisation number whatever its spacing, and says why', async () => {
    const { body: c } = await admin.post('/api/v1/companies', {
      name: 'Equinor ASA',
      country: 'NO',
      orgNumber: '923609016',
    });
    const hits = await dupes('orgNumber=923%20609%20016&name=Helt%20Annet%20Navn');
    expect(hits).toEqual([
      expect.objectContaining({ company: expect.objectContaining({ id: c.id }), reasons: ['orgNumber'] }),
    ]);
    expect(await dupes(`orgNumber=923609016&excludeId=${c.id}`)).toEqual([]);
  });

  it('finds close names, the same e-mail and the same phone', async () => {
    const { body: c } = await admin.post('/api/v1/companies', {
      name: 'Bergen Rørlegger Service AS',
      email: 'post@bergenror.no',
      phone: '+47 55 12 34 56',
    });
    const byName = await dupes('name=Bergen%20R%C3%B8rlegger%20Service');
    expect(byName.map((h: { company: { id: string } }) => h.company.id)).toContain(c.id);
    expect((await dupes('email=POST@bergenror.no'))[0]).toMatchObject({ reasons: ['email'] });
    expect((await dupes('phone=55123456'))[0]).toMatchObject({ reasons: ['phone'] });
    expect(await dupes('name=Trondheim%20Bakeri')).toEqual([]);
  });
});

describe('merge', () => {
  it('keeps chosen values, moves contacts and notes, trashes the duplicate and records it', async () => {
    const { body: keep } = await admin.post('/api/v1/companies', { name: 'Havbris AS', phone: '+47 11 11 11 11' });
    const { body: dup } = await admin.post('/api/v1/companies', {
      name: 'Havbris Sjømat AS',
      phone: '+47 22 22 22 22',
      industry: 'Sjømat',
    });
    const { body: c1 } = await admin.post('/api/v1/contacts', {
      firstName: 'Ola',
      lastName: 'Fisk',
      companyId: keep.id,
    });
    const { body: c2 } = await admin.post('/api/v1/contacts', {
      firstName: 'Kari',
      lastName: 'Hav',
      companyId: dup.id,
    });
    await admin.post('/api/v1/notes', { entity: 'company', entityId: dup.id, html: '<p>Notat på dubletten</p>' });

    const res = await admin.post(`/api/v1/companies/${keep.id}/merge`, {
      version: keep.version,
      otherId: dup.id,
      otherVersion: dup.version,
      take: ['name', 'industry'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Havbris Sjømat AS',
      industry: 'Sjømat',
      phone: '+47 11 11 11 11',
      contactCount: 2,
    });
    expect((await admin.get(`/api/v1/contacts/${c2.id}`)).body.companyId).toBe(keep.id);
    const moved = (await admin.get(`/api/v1/audit?entity=contact&entityId=${c2.id}`)).body.items;
    expect(moved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'merge', field: 'companyId', oldValue: dup.id, newValue: keep.id }),
      ]),
    );
    expect((await admin.get(`/api/v1/contacts/${c1.id}`)).body.companyId).toBe(keep.id);
    const wall = await admin.get(`/api/v1/notes?entity=company&entityId=${keep.id}`);
    expect(wall.body.items.map((n: { text: string }) => n.text)).toContain('Notat på dubletten');
    expect((await admin.get(`/api/v1/companies/${dup.id}`)).status).toBe(404);
    const trash = await admin.get('/api/v1/companies?deleted=true');
    expect(trash.body.items.map((c: { id: string }) => c.id)).toContain(dup.id);
    expect((await admin.post(`/api/v1/companies/${dup.id}/restore`)).status).toBe(409);
    const history = await admin.get(`/api/v1/audit?entity=company&entityId=${keep.id}`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'merge',
          field: 'mergedFrom',
          newValue: { id: dup.id, name: 'Havbris Sjømat AS' },
        }),
        expect.objectContaining({
          action: 'merge',
          field: 'name',
          oldValue: 'Havbris AS',
          newValue: 'Havbris Sjømat AS',
        }),
      ]),
    );
  });

  it('refuses a stale version, itself, and unknown fields, changing nothing', async () => {
    const { body: a } = await admin.post('/api/v1/companies', { name: 'Alfa Merge AS' });
    const { body: b } = await admin.post('/api/v1/companies', { name: 'Beta Merge AS' });
    const stale = await admin.post(`/api/v1/companies/${a.id}/merge`, { version: 1, otherId: b.id, otherVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.id).toBe(b.id);
    expect(
      (await admin.post(`/api/v1/companies/${a.id}/merge`, { version: 1, otherId: a.id, otherVersion: 1 })).status,
    ).toBe(400);
    const bad = await admin.post(`/api/v1/companies/${a.id}/merge`, {
      version: 1,
      otherId: b.id,
      otherVersion: 1,
      take: ['id'],
    });
    expect(bad.status).toBe(400);
    expect((await admin.get(`/api/v1/companies/${b.id}`)).body.deletedAt).toBeNull();
  });
});
