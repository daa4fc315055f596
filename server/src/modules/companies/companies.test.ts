import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Nordlys AS'));
});
afterAll(() => t.close());

const newCompany = (over: Record<string, unknown> = {}) => ({
  name: 'Fjordkraft AS',
  orgNumber: '976 944 801',
  country: 'NO',
  type: 'customer',
  phone: '+47 55 00 00 00',
  email: 'post@fjordkraft.no',
  website: 'https://fjordkraft.no',
  ...over,
});

describe('companies', () => {
  it('creates a company owned by the creator and reads it back', async () => {
    const created = await admin.post('/api/v1/companies', newCompany());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Fjordkraft AS', country: 'NO', type: 'customer', version: 1 });
    const me = await admin.get('/api/v1/me');
    expect(created.body.ownerId).toBe(me.body.user.id);
    const read = await admin.get(`/api/v1/companies/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('updates with the current version and rejects a stale one with 409 and the current record', async () => {
    const { body: c } = await admin.post('/api/v1/companies', newCompany({ name: 'Vestbygg AS' }));
    const first = await admin.patch(`/api/v1/companies/${c.id}`, { version: 1, phone: '+47 22 33 44 55' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, phone: '+47 22 33 44 55' });
    const stale = await admin.patch(`/api/v1/companies/${c.id}`, { version: 1, phone: '+47 99 99 99 99' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect(stale.body.error.details.current).toMatchObject({ id: c.id, version: 2, phone: '+47 22 33 44 55' });
    const after = await admin.get(`/api/v1/companies/${c.id}`);
    expect(after.body.phone).toBe('+47 22 33 44 55');
  });

  it('writes an audit row per changed field with old and new values', async () => {
    const { body: c } = await admin.post('/api/v1/companies', newCompany({ name: 'Audit Test AS' }));
    await admin.patch(`/api/v1/companies/${c.id}`, { version: 1, name: 'Audit Test ASA', email: 'ny@audit.no' });
    const audit = await admin.get(`/api/v1/audit?entity=company&entityId=${c.id}`);
    expect(audit.status).toBe(200);
    const changes = audit.body.items.filter((r: { action: string }) => r.action === 'update');
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', oldValue: 'Audit Test AS', newValue: 'Audit Test ASA' }),
        expect.objectContaining({ field: 'email', oldValue: 'post@fjordkraft.no', newValue: 'ny@audit.no' }),
      ]),
    );
    expect(audit.body.items.some((r: { action: string }) => r.action === 'create')).toBe(true);
  });

  it('soft-deletes to the trash and restores', async () => {
    const { body: c } = await admin.post('/api/v1/companies', newCompany({ name: 'Trash Me AS' }));
    expect((await admin.delete(`/api/v1/companies/${c.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/companies/${c.id}`)).body.deletedAt).not.toBeNull();
    const list = await admin.get('/api/v1/companies?q=Trash%20Me');
    expect(list.body.items).toHaveLength(0);
    const trash = await admin.get('/api/v1/companies?deleted=true');
    expect(trash.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const restored = await admin.post(`/api/v1/companies/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await admin.get('/api/v1/companies?q=Trash%20Me')).body.items).toHaveLength(1);
  });

  it('pages through a sorted list with a keyset cursor without gaps or repeats', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `Paging ${String(i).padStart(2, '0')} AS`);
    for (const name of [...names].reverse()) await admin.post('/api/v1/companies', newCompany({ name }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `/api/v1/companies?q=Paging&sort=name&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await admin.get(qs);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { name: string }) => i.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    const desc = await admin.get('/api/v1/companies?q=Paging&sort=-name&limit=3');
    expect(desc.body.items.map((i: { name: string }) => i.name)).toEqual(names.slice(-3).reverse());
  });

  it('filters on allowlisted fields and refuses others', async () => {
    await admin.post(
      '/api/v1/companies',
      newCompany({ name: 'Svensk Leverantör AB', country: 'SE', type: 'supplier', orgNumber: '556036-0793' }),
    );
    const suppliers = await admin.get('/api/v1/companies?filter=type:eq:supplier&filter=country:eq:SE');
    expect(suppliers.status).toBe(200);
    expect(suppliers.body.items.length).toBeGreaterThan(0);
    for (const c of suppliers.body.items) expect(c).toMatchObject({ type: 'supplier', country: 'SE' });
    const bad = await admin.get('/api/v1/companies?filter=search_text:eq:x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    const badSort = await admin.get('/api/v1/companies?sort=name;drop table companies');
    expect(badSort.status).toBe(400);
  });

  it('answers bad input with 4xx and the error body, never 500', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v1/companies', {}],
      ['POST', '/api/v1/companies', { name: 42 }],
      ['POST', '/api/v1/companies', { name: 'X', unknownField: 1 }],
      ['POST', '/api/v1/companies', { name: 'x'.repeat(100_000) }],
      ['POST', '/api/v1/companies', { name: 'X', email: 'not-an-email' }],
      ['POST', '/api/v1/companies', { name: 'X', country: 'Norway' }],
      ['POST', '/api/v1/companies', { name: 'X', type: 'partner' }],
      ['POST', '/api/v1/companies', '{"name": "broken'],
      ['POST', '/api/v1/companies', '[]'],
      ['GET', '/api/v1/companies/not-a-uuid', undefined],
      ['GET', '/api/v1/companies/00000000-0000-7000-8000-000000000000', undefined],
      ['PATCH', '/api/v1/companies/00000000-0000-7000-8000-000000000000', { version: 1, name: 'Y' }],
      ['PATCH', '/api/v1/companies/not-a-uuid', { version: 1 }],
      ['GET', '/api/v1/companies?limit=100000', undefined],
      ['GET', '/api/v1/companies?limit=abc', undefined],
      ['GET', '/api/v1/companies?cursor=garbage', undefined],
      ['DELETE', '/api/v1/companies/not-a-uuid', undefined],
    ];
    for (const [method, path, body] of cases) {
      const res = await admin.request(method, path, body);
      expect
        .soft(res.status, `${method} ${path} ${String(JSON.stringify(body)).slice(0, 40)}`)
        .toBeGreaterThanOrEqual(400);
      expect.soft(res.status, `${method} ${path}`).toBeLessThan(500);
      expect.soft(res.body?.error?.code, `${method} ${path}`).toMatch(/^(VALIDATION|NOT_FOUND|CONFLICT)$/);
      expect.soft(typeof res.body?.error?.message).toBe('string');
      expect.soft(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
    }
    const { body: c } = await admin.post('/api/v1/companies', newCompany({ name: 'Still Here AS' }));
    const noVersion = await admin.patch(`/api/v1/companies/${c.id}`, { name: 'Lost' });
    expect(noVersion.status).toBe(400);
    expect((await admin.get(`/api/v1/companies/${c.id}`)).body.name).toBe('Still Here AS');
  });

  it('checks organisation numbers for their country and stores them in the registry format', async () => {
    const bad = await admin.post('/api/v1/companies', {
      name: 'Feil Nummer AS',
      country: 'NO',
      orgNumber: '923609017',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'orgNumber' })]);
    const se = await admin.post('/api/v1/companies', { name: 'Rätt AB', country: 'SE', orgNumber: '5560360793' });
    expect(se.body.orgNumber).toBe('556036-0793');
    const fi = await admin.post('/api/v1/companies', { name: 'Oikea Oy', country: 'FI', orgNumber: '01120389' });
    expect(fi.body.orgNumber).toBe('0112038-9');
    const de = await admin.post('/api/v1/companies', { name: 'Richtig GmbH', country: 'DE', orgNumber: 'HRB 12345' });
    expect(de.body.orgNumber).toBe('HRB 12345');
    // Changing only the country re-checks the number already stored.
    const moved = await admin.patch(`/api/v1/companies/${se.body.id}`, { version: 1, country: 'NO' });
    expect(moved.status).toBe(400);
    expect((await admin.get(`/api/v1/companies/${se.body.id}`)).body.country).toBe('SE');
  });

  it('numbers customers per workspace in order', async () => {
    const a = await admin.post('/api/v1/companies', { name: 'Nummer En AS' });
    const b = await admin.post('/api/v1/companies', { name: 'Nummer To AS' });
    expect(b.body.customerNumber).toBe(a.body.customerNumber + 1);
    const other = await t.workspace('Eget Nummer AS');
    const first = await other.admin.post('/api/v1/companies', { name: 'Første Kunde AS' });
    expect(first.body.customerNumber).toBe(1);
    const found = await admin.get(`/api/v1/companies?filter=customerNumber:eq:${b.body.customerNumber}`);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([b.body.id]);
  });

  it('keeps typed phones, e-mails and addresses; the first phone and e-mail are the main ones', async () => {
    const res = await admin.post('/api/v1/companies', {
      name: 'Mange Numre AS',
      country: 'NO',
      phones: [
        { type: 'switchboard', value: '+47 22 00 00 00' },
        { type: 'fax', value: '+47 22 00 00 01' },
      ],
      emails: [{ type: 'invoice', value: 'Faktura@Numre.no' }],
      addresses: [
        { kind: 'visiting', street: 'Karl Johans gate 1', postalCode: '0154', city: 'Oslo' },
        { kind: 'invoice', street: 'Postboks 12', postalCode: '0101', city: 'Oslo', country: 'NO' },
      ],
      industry: 'Telekom',
      paymentTermsDays: 14,
      currency: 'NOK',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: '+47 22 00 00 00',
      email: 'faktura@numre.no',
      industry: 'Telekom',
      paymentTermsDays: 14,
      currency: 'NOK',
    });
    expect(res.body.addresses).toEqual([
      { kind: 'visiting', street: 'Karl Johans gate 1', postalCode: '0154', city: 'Oslo', region: null, country: null },
      { kind: 'invoice', street: 'Postboks 12', postalCode: '0101', city: 'Oslo', region: null, country: 'NO' },
    ]);
    expect((await admin.get('/api/v1/search?q=22000001')).body.companies.map((h: { id: string }) => h.id)).toContain(
      res.body.id,
    );
    const dup = await admin.post('/api/v1/companies', {
      name: 'To Besøk AS',
      addresses: [
        { kind: 'visiting', city: 'Oslo' },
        { kind: 'visiting', city: 'Bergen' },
      ],
    });
    expect(dup.status).toBe(400);
    const upd = await admin.patch(`/api/v1/companies/${res.body.id}`, { version: 1, phone: '+47 99 99 99 99' });
    expect(upd.body.phones).toEqual([
      { type: 'switchboard', value: '+47 99 99 99 99' },
      { type: 'fax', value: '+47 22 00 00 01' },
    ]);
  });

  it('names a private customer after the person', async () => {
    const res = await admin.post('/api/v1/companies', { type: 'private', firstName: 'Kari', lastName: 'Nordmann' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Kari Nordmann', firstName: 'Kari', lastName: 'Nordmann' });
    const upd = await admin.patch(`/api/v1/companies/${res.body.id}`, { version: 1, lastName: 'Hansen' });
    expect(upd.body.name).toBe('Kari Hansen');
    const nameless = await admin.post('/api/v1/companies', { type: 'customer' });
    expect(nameless.status).toBe(400);
  });
});
