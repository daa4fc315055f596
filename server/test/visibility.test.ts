import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from './helpers.ts';

/** "Only the owner" records: invisible to colleagues on every route, visible to the owner and administrators. */
let t: TestApp;
let admin: Client;
let owner: Client;
let colleague: Client;
let company: { id: string };
let contact: { id: string };
let publicContact: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Synlighet AS'));
  owner = await t.member(admin, 'user');
  colleague = await t.member(admin, 'manager');
  company = (
    await owner.post('/api/v1/companies', { name: 'Skjult Kunde AS', visibility: 'owner', orgNumber: '999888777' })
  ).body;
  contact = (await owner.post('/api/v1/contacts', { firstName: 'Skjult', lastName: 'Person', visibility: 'owner' }))
    .body;
  publicContact = (
    await owner.post('/api/v1/contacts', { firstName: 'Åpen', lastName: 'Person', companyId: company.id })
  ).body;
});
afterAll(() => t.close());

describe('only-the-owner records', () => {
  it('are seen by the owner and by administrators', async () => {
    for (const who of [owner, admin]) {
      expect((await who.get(`/api/v1/companies/${company.id}`)).status).toBe(200);
      expect((await who.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
      expect((await who.get('/api/v1/search?q=skjult')).body.companies).toHaveLength(1);
    }
  });

  it('are invisible to a colleague in lists, search, counts, links and by id', async () => {
    const tries: [string, string, unknown?][] = [
      ['GET', `/api/v1/companies/${company.id}`],
      ['PATCH', `/api/v1/companies/${company.id}`, { version: 1, name: 'X' }],
      ['DELETE', `/api/v1/companies/${company.id}`],
      ['GET', `/api/v1/contacts/${contact.id}`],
      ['PATCH', `/api/v1/contacts/${contact.id}`, { version: 1, firstName: 'X' }],
      ['DELETE', `/api/v1/contacts/${contact.id}`],
    ];
    for (const [method, path, body] of tries) {
      expect.soft((await colleague.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const lists = ['/api/v1/companies', '/api/v1/contacts', '/api/v1/search?q=skjult', '/api/v1/search?q=999888777'];
    for (const path of lists) {
      expect.soft(JSON.stringify((await colleague.get(path)).body), path).not.toMatch(/Skjult/);
    }
    const audit = await colleague.get(`/api/v1/audit?entity=company&entityId=${company.id}`);
    expect(audit.status).toBe(404);
    // The public contact of the hidden company shows, without the company.
    const pc = await colleague.get(`/api/v1/contacts/${publicContact.id}`);
    expect(pc.body).toMatchObject({ companyId: null, companyName: null });
    const link = await colleague.post('/api/v1/contacts', {
      firstName: 'Ny',
      lastName: 'Lenke',
      companyId: company.id,
    });
    expect(link.status).toBe(400);
  });

  it('become visible when the owner opens them to everyone', async () => {
    const res = await owner.patch(`/api/v1/companies/${company.id}`, { version: 1, visibility: 'everyone' });
    expect(res.status).toBe(200);
    expect((await colleague.get(`/api/v1/companies/${company.id}`)).body.contactCount).toBe(1);
  });
});
