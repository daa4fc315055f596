import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from './helpers.ts';

/** Two workspaces on one server: nothing of one may be read or changed from the other, by any route. */
let t: TestApp;
let a: Client;
let b: Client;
let bKey: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  ({ admin: a } = await t.workspace('Alfa AS'));
  ({ admin: b } = await t.workspace('Beta AS'));
  const company = await a.post('/api/v1/companies', {
    name: 'Hemmelig Kunde AS',
    orgNumber: '987654321',
    email: 'secret@alfa.no',
  });
  const contact = await a.post('/api/v1/contacts', {
    firstName: 'Hemmelig',
    lastName: 'Person',
    companyId: company.body.id,
  });
  const invitation = await a.post('/api/v1/invitations', { email: 'alfa.invitee@example.com', role: 'user' });
  const key = await a.post('/api/v1/api-keys', { name: 'Alfa key', role: 'admin' });
  const members = await a.get('/api/v1/members');
  ids.company = company.body.id;
  ids.contact = contact.body.id;
  ids.invitation = invitation.body.id;
  ids.apiKey = key.body.id;
  ids.member = members.body.items[0].id;
  const bk = await b.post('/api/v1/api-keys', { name: 'Beta key', role: 'admin' });
  bKey = new Client(t.url, bk.body.key);
});
afterAll(() => t.close());

describe('workspace isolation', () => {
  for (const who of ['session', 'api key'] as const) {
    it(`hides every record of another workspace from its ${who}`, async () => {
      const other = who === 'session' ? b : bKey;
      const tries: [string, string, unknown?][] = [
        ['GET', `/api/v1/companies/${ids.company}`],
        ['PATCH', `/api/v1/companies/${ids.company}`, { version: 1, name: 'Hijacked' }],
        ['DELETE', `/api/v1/companies/${ids.company}`],
        ['POST', `/api/v1/companies/${ids.company}/restore`],
        ['GET', `/api/v1/contacts/${ids.contact}`],
        ['PATCH', `/api/v1/contacts/${ids.contact}`, { version: 1, firstName: 'Hijacked' }],
        ['DELETE', `/api/v1/contacts/${ids.contact}`],
        ['POST', `/api/v1/contacts/${ids.contact}/restore`],
        ['PATCH', `/api/v1/members/${ids.member}`, { role: 'readonly' }],
        ['DELETE', `/api/v1/members/${ids.member}`],
        ['DELETE', `/api/v1/invitations/${ids.invitation}`],
        ['DELETE', `/api/v1/api-keys/${ids.apiKey}`],
      ];
      for (const [method, path, body] of tries) {
        const res = await other.request(method, path, body);
        expect.soft(res.status, `${method} ${path}`).toBe(404);
        expect.soft(JSON.stringify(res.body), `${method} ${path}`).not.toContain('Hemmelig');
      }
      const audit = await other.get(`/api/v1/audit?entity=company&entityId=${ids.company}`);
      expect(audit.body.items ?? []).toHaveLength(0);
      for (const path of [
        '/api/v1/companies',
        '/api/v1/contacts',
        '/api/v1/companies?deleted=true',
        '/api/v1/search?q=hemmelig',
        '/api/v1/members',
        '/api/v1/invitations',
        '/api/v1/api-keys',
        '/api/v1/users',
        '/api/v1/outbox',
      ]) {
        const res = await other.get(path);
        expect.soft(res.status, path).toBe(200);
        expect.soft(JSON.stringify(res.body), path).not.toMatch(/Hemmelig|alfa\.invitee|Alfa key/);
      }
      const link = await other.post('/api/v1/contacts', { firstName: 'Spy', lastName: 'Link', companyId: ids.company });
      expect(link.status).toBeGreaterThanOrEqual(400);
      expect(link.status).toBeLessThan(500);
    });
  }

  it('leaves the records of the first workspace unchanged', async () => {
    const company = await a.get(`/api/v1/companies/${ids.company}`);
    expect(company.body).toMatchObject({ name: 'Hemmelig Kunde AS', version: 1, deletedAt: null });
    const contact = await a.get(`/api/v1/contacts/${ids.contact}`);
    expect(contact.body).toMatchObject({ firstName: 'Hemmelig', version: 1, deletedAt: null });
    expect((await a.get('/api/v1/members')).body.items[0].role).toBe('admin');
    expect((await a.get('/api/v1/api-keys')).body.items).toHaveLength(1);
    expect((await a.get('/api/v1/invitations')).body.items[0].status).toBe('pending');
  });

  it('does not let a member switch to a workspace they do not belong to', async () => {
    const me = await a.get('/api/v1/me');
    const res = await b.post('/api/v1/me/workspace', { workspaceId: me.body.workspace.id });
    expect([403, 404]).toContain(res.status);
    expect((await b.get('/api/v1/me')).body.workspace.name).toBe('Beta AS');
  });
});
