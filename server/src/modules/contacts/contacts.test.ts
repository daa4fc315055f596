import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Kontakt AS'));
});
afterAll(() => t.close());

describe('contacts', () => {
  it('creates a contact at a company; the company counts it', async () => {
    const { body: company } = await admin.post('/api/v1/companies', { name: 'Bergen Bygg AS' });
    const res = await admin.post('/api/v1/contacts', {
      firstName: 'Kari',
      lastName: 'Nordmann',
      title: 'Innkjøpssjef',
      email: 'kari@bergenbygg.no',
      phone: '+47 900 00 000',
      companyId: company.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: 'Kari',
      lastName: 'Nordmann',
      companyId: company.id,
      companyName: 'Bergen Bygg AS',
      version: 1,
    });
    const atCompany = await admin.get(`/api/v1/contacts?filter=companyId:eq:${company.id}`);
    expect(atCompany.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect((await admin.get(`/api/v1/companies/${company.id}`)).body.contactCount).toBe(1);
  });

  it('refuses a company that does not exist', async () => {
    const res = await admin.post('/api/v1/contacts', {
      firstName: 'Ola',
      lastName: 'Ukjent',
      companyId: '01900000-0000-7000-8000-0000000000ff',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('sorts by last name, then first name, across pages', async () => {
    const people: [string, string][] = [
      ['Åse', 'Zeta'],
      ['Berit', 'Alfa'],
      ['Anders', 'Alfa'],
      ['Per', 'Mellom'],
    ];
    for (const [firstName, lastName] of people) {
      const res = await admin.post('/api/v1/contacts', {
        firstName,
        lastName,
        email: `${lastName}.${firstName.length}.sort@example.no`,
      });
      expect(res.status).toBe(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { firstName: string; lastName: string }[]; nextCursor: string | null } } =
        await admin.get(`/api/v1/contacts?q=.sort@&sort=lastName&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.body.items.map((c) => `${c.firstName} ${c.lastName}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Anders Alfa', 'Berit Alfa', 'Per Mellom', 'Åse Zeta']);
  });

  it('edits with versions, keeps history, and restores from the trash', async () => {
    const { body: c } = await admin.post('/api/v1/contacts', { firstName: 'Nils', lastName: 'Hansen' });
    const upd = await admin.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'Daglig leder' });
    expect(upd.body).toMatchObject({ version: 2, title: 'Daglig leder' });
    const stale = await admin.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'Styreleder' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.title).toBe('Daglig leder');
    const audit = await admin.get(`/api/v1/audit?entity=contact&entityId=${c.id}`);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'title', oldValue: null, newValue: 'Daglig leder' })]),
    );
    expect((await admin.delete(`/api/v1/contacts/${c.id}`)).status).toBe(204);
    const trash = await admin.get('/api/v1/contacts?deleted=true');
    expect(trash.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await admin.post(`/api/v1/contacts/${c.id}/restore`)).body.deletedAt).toBeNull();
  });

  it('records one history row per changed field, none for a value sent unchanged, and no new version for a no-op', async () => {
    const { body: c } = await admin.post('/api/v1/contacts', { firstName: 'Siri', lastName: 'Lund', title: 'Selger' });
    const upd = await admin.patch(`/api/v1/contacts/${c.id}`, {
      version: 1,
      title: 'Selger',
      email: 'siri@lund.no',
      phone: '+47 22 33 44 55',
    });
    expect(upd.body).toMatchObject({ version: 2, title: 'Selger', email: 'siri@lund.no' });
    const audit = await admin.get(`/api/v1/audit?entity=contact&entityId=${c.id}`);
    const updates = audit.body.items.filter((i: { action: string }) => i.action === 'update');
    expect(updates.map((i: { field: string }) => i.field).sort()).toEqual(['email', 'phone']);
    expect(updates.find((i: { field: string }) => i.field === 'email')).toMatchObject({
      oldValue: null,
      newValue: 'siri@lund.no',
    });
    const same = await admin.patch(`/api/v1/contacts/${c.id}`, { version: 2, email: 'siri@lund.no' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    const empty = await admin.patch(`/api/v1/contacts/${c.id}`, { version: 2, firstName: '', lastName: '' });
    expect(empty.status).toBe(400);
  });

  it('refuses a contact at a deleted company, and writes neither the contact nor its history', async () => {
    const { body: co } = await admin.post('/api/v1/companies', { name: 'Nedlagt AS' });
    expect((await admin.delete(`/api/v1/companies/${co.id}`)).status).toBe(204);
    const res = await admin.post('/api/v1/contacts', { firstName: 'Ola', lastName: 'Nedlagt', companyId: co.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('companyId');
    const found = await admin.get('/api/v1/contacts?q=Nedlagt');
    expect(found.body.items).toHaveLength(0);
    const history = await t.pool.query(
      `select count(*)::int as n from audit_log where entity = 'contact' and new_value = '"Nedlagt"'::jsonb`,
    );
    expect(history.rows[0].n).toBe(0);
  });

  it('answers bad input with 4xx and the error body', async () => {
    for (const body of [
      { firstName: 5 },
      { firstName: 'A', companyId: 'nope' },
      { firstName: 'A', email: 'x@' },
      { firstName: 'A', bogus: true },
    ]) {
      const res = await admin.post('/api/v1/contacts', body);
      expect.soft(res.status, JSON.stringify(body)).toBe(400);
      expect.soft(res.body.error.code).toBe('VALIDATION');
    }
  });
});
