import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Kontaktdubletter AS'));
});
afterAll(() => t.close());

const dupes = async (qs: string) => (await admin.get(`/api/v1/contacts/duplicates?${qs}`)).body.items;

describe('contact duplicate check', () => {
  it('finds the same e-mail, the same phone and a close name in the same company, and says why', async () => {
    const { body: co } = await admin.post('/api/v1/companies', { name: 'Fjellvind AS' });
    const { body: c } = await admin.post('/api/v1/contacts', {
      firstName: 'Åse',
      lastName: 'Bjørnstad',
      email: 'ase@fjellvind.no',
      phone: '+47 912 34 567',
      companyId: co.id,
    });
    expect(await dupes('email=ASE@fjellvind.no')).toEqual([
      expect.objectContaining({ contact: expect.objectContaining({ id: c.id }), reasons: ['email'] }),
    ]);
    expect((await dupes('phone=91234567'))[0]).toMatchObject({ reasons: ['phone'] });
    expect((await dupes(`firstName=Ase&lastName=Bjornstad&companyId=${co.id}`))[0]).toMatchObject({
      reasons: ['name'],
    });
    expect(await dupes(`email=ase@fjellvind.no&excludeId=${c.id}`)).toEqual([]);
    expect(await dupes('email=noen@annet.no&firstName=Per&lastName=Hansen')).toEqual([]);
  });

  it('does not reveal owner-only contacts of a colleague', async () => {
    const { body: hidden } = await admin.post('/api/v1/contacts', {
      firstName: 'Skjult',
      lastName: 'Person',
      email: 'skjult@example.no',
      visibility: 'owner',
    });
    const colleague = await t.member(admin, 'user');
    const res = await colleague.get('/api/v1/contacts/duplicates?email=skjult@example.no');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect((await dupes('email=skjult@example.no'))[0].contact.id).toBe(hidden.id);
  });
});

describe('contact merge', () => {
  it('keeps chosen values, moves notes, trashes the duplicate for good and records it', async () => {
    const { body: co } = await admin.post('/api/v1/companies', { name: 'Havørn AS' });
    const { body: keep } = await admin.post('/api/v1/contacts', {
      firstName: 'Lars',
      lastName: 'Eriksen',
      email: 'lars@havorn.no',
    });
    const { body: dup } = await admin.post('/api/v1/contacts', {
      firstName: 'Lars',
      lastName: 'Eriksen',
      title: 'Daglig leder',
      phone: '+47 22 22 22 22',
      companyId: co.id,
    });
    await admin.post('/api/v1/notes', { entity: 'contact', entityId: dup.id, html: '<p>Ring tilbake i mai</p>' });

    const res = await admin.post(`/api/v1/contacts/${keep.id}/merge`, {
      version: keep.version,
      otherId: dup.id,
      otherVersion: dup.version,
      take: ['title', 'phone', 'companyId'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'lars@havorn.no',
      title: 'Daglig leder',
      phone: '+47 22 22 22 22',
      companyId: co.id,
      companyName: 'Havørn AS',
    });
    const wall = await admin.get(`/api/v1/notes?entity=contact&entityId=${keep.id}`);
    expect(wall.body.items.map((n: { text: string }) => n.text)).toContain('Ring tilbake i mai');
    expect((await admin.get(`/api/v1/contacts/${dup.id}`)).status).toBe(404);
    expect((await admin.post(`/api/v1/contacts/${dup.id}/restore`)).status).toBe(409);
    const history = await admin.get(`/api/v1/audit?entity=contact&entityId=${keep.id}`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'merge',
          field: 'mergedFrom',
          newValue: { id: dup.id, name: 'Lars Eriksen' },
        }),
        expect.objectContaining({ action: 'merge', field: 'title', oldValue: null, newValue: 'Daglig leder' }),
      ]),
    );
  });

  it('refuses a stale version, itself and unknown fields, changing nothing', async () => {
    const { body: a } = await admin.post('/api/v1/contacts', { firstName: 'Alfa', lastName: 'Kontakt' });
    const { body: b } = await admin.post('/api/v1/contacts', { firstName: 'Beta', lastName: 'Kontakt' });
    const stale = await admin.post(`/api/v1/contacts/${a.id}/merge`, { version: 1, otherId: b.id, otherVersion: 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.id).toBe(b.id);
    expect(
      (await admin.post(`/api/v1/contacts/${a.id}/merge`, { version: 1, otherId: a.id, otherVersion: 1 })).status,
    ).toBe(400);
    const bad = await admin.post(`/api/v1/contacts/${a.id}/merge`, {
      version: 1,
      otherId: b.id,
      otherVersion: 1,
      take: ['id'],
    });
    expect(bad.status).toBe(400);
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).body.deletedAt).toBeNull();
  });
});
