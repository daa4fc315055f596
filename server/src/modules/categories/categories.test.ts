import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let workspaceId: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin, workspaceId } = await t.workspace('Kategori Handel AS'));
});
afterAll(() => t.close());

const me = async (c: Client) => (await c.get('/api/v1/me')).body.user.id as string;
// biome-ignore lint/suspicious/noExplicitAny: test bodies are read freely
const fieldOf = (category: any, label: string) => category.fields.find((f: any) => f.label === label);
const history = async (c: Client, id: string) =>
  (await c.get(`/api/v1/audit?entity=company&entityId=${id}`)).body.items as {
    field: string | null;
    oldValue: unknown;
    newValue: unknown;
    action: string;
  }[];

async function makeCategory(c: Client, name: string, fields: unknown[] = []) {
  const res = await c.post('/api/v1/categories', { name, fields });
  if (res.status !== 201) throw new Error(`category: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function patchCompany(c: Client, id: string, body: Record<string, unknown>) {
  const current = await c.get(`/api/v1/companies/${id}`);
  return c.patch(`/api/v1/companies/${id}`, { version: current.body.version, ...body });
}

describe('category definitions', () => {
  it('lets managers define categories and fields, and everyone read them', async () => {
    const manager = await t.member(admin, 'manager');
    const user = await t.member(admin, 'user');
    const reader = await t.member(admin, 'readonly');

    const created = await manager.post('/api/v1/categories', {
      name: 'Kunde – Gull',
      colour: 'yellow',
      description: 'Våre beste kunder',
      fields: [
        { label: 'Omsetning', type: 'number', required: true },
        { label: 'Nivå', type: 'select', options: [{ label: 'Gull' }, { label: 'Platina' }] },
        { label: 'Årlig møte', type: 'date' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Kunde – Gull', colour: 'yellow', version: 1, removedFields: [] });
    expect(created.body.fields.map((f: { key: string }) => f.key)).toEqual(['omsetning', 'niva', 'arlig_mote']);
    expect(fieldOf(created.body, 'Nivå').options).toEqual([
      { id: expect.any(String), label: 'Gull' },
      { id: expect.any(String), label: 'Platina' },
    ]);

    expect((await user.post('/api/v1/categories', { name: 'Forbudt' })).status).toBe(403);
    expect((await reader.patch(`/api/v1/categories/${created.body.id}`, { version: 1, name: 'X' })).status).toBe(403);
    expect((await reader.delete(`/api/v1/categories/${created.body.id}`)).status).toBe(403);
    const listed = await reader.get('/api/v1/categories');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { name: string }) => c.name)).toContain('Kunde – Gull');

    // The same name in another case is taken.
    const twin = await admin.post('/api/v1/categories', { name: 'KUNDE – GULL' });
    expect(twin.status).toBe(400);
    expect(twin.body.error.details).toEqual([
      { path: 'name', message: 'There is already a category called "Kunde – Gull"' },
    ]);

    const history = await t.pool.query(
      `select action, field, new_value from audit_log where workspace_id = $1 and entity = 'category' and entity_id = $2`,
      [workspaceId, created.body.id],
    );
    expect(history.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'create', field: 'name', new_value: 'Kunde – Gull' }),
        expect.objectContaining({ action: 'create', field: 'fields' }),
      ]),
    );
  });

  it('changes fields with the version, keeps removed ones restorable, and refuses a type change', async () => {
    const cat = await makeCategory(admin, 'Leverandør', [
      { label: 'Rabatt', type: 'number' },
      { label: 'Kontrakt', type: 'url' },
    ]);
    const rabatt = fieldOf(cat, 'Rabatt');
    const kontrakt = fieldOf(cat, 'Kontrakt');

    const stale = await admin.patch(`/api/v1/categories/${cat.id}`, { version: 99, name: 'Ny' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ id: cat.id, name: 'Leverandør', version: 1 });

    const retyped = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: 1,
      fields: [{ id: rabatt.id, label: 'Rabatt', type: 'text' }],
    });
    expect(retyped.status).toBe(400);
    expect(retyped.body.error.message).toBe('The type of Rabatt cannot change; add a new field instead');

    // Reorder, rename, drop one field and add another in one go.
    const changed = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: 1,
      fields: [
        { label: 'Betalingsvilkår', type: 'longText' },
        { id: rabatt.id, label: 'Rabatt %', type: 'number' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect(changed.body.fields.map((f: { label: string; key: string }) => [f.label, f.key])).toEqual([
      ['Betalingsvilkår', 'betalingsvilkar'],
      ['Rabatt %', 'rabatt'],
    ]);
    expect(changed.body.removedFields).toEqual([{ id: kontrakt.id, label: 'Kontrakt', type: 'url' }]);

    // Naming a removed field brings it back.
    const back = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: 2,
      fields: [
        ...changed.body.fields.map(({ id, label, type }: { id: string; label: string; type: string }) => ({
          id,
          label,
          type,
        })),
        { id: kontrakt.id, label: 'Kontrakt', type: 'url' },
      ],
    });
    expect(back.body.fields.map((f: { label: string }) => f.label)).toEqual([
      'Betalingsvilkår',
      'Rabatt %',
      'Kontrakt',
    ]);
    expect(back.body.removedFields).toEqual([]);
  });

  it('keeps an index of each single-choice field, also while the field is removed and restorable', async () => {
    const indexes = async () =>
      (
        await t.pool.query<{ indexname: string }>(
          "select indexname from pg_indexes where tablename = 'companies' and indexname like 'companies_cf_%'",
        )
      ).rows.map((r) => r.indexname);
    const name = (id: string) => `companies_cf_${id.replaceAll('-', '')}`;
    const cat = await makeCategory(admin, 'Indeksert', [
      { label: 'Segment', type: 'select', options: [{ label: 'Stor' }, { label: 'Liten' }] },
      { label: 'Merker', type: 'multiSelect', options: [{ label: 'A' }] },
    ]);
    const segment = fieldOf(cat, 'Segment');
    expect(await indexes()).toContain(name(segment.id));
    expect(await indexes()).not.toContain(name(fieldOf(cat, 'Merker').id));

    const removed = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: cat.version,
      fields: [{ id: fieldOf(cat, 'Merker').id, label: 'Merker', type: 'multiSelect', options: [{ label: 'A' }] }],
    });
    expect(removed.status).toBe(200);
    expect(await indexes()).toContain(name(segment.id));

    const back = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: removed.body.version,
      fields: [
        { id: fieldOf(cat, 'Merker').id, label: 'Merker', type: 'multiSelect', options: [{ label: 'A' }] },
        { id: segment.id, label: 'Segment', type: 'select', options: segment.options },
      ],
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(await indexes()).toContain(name(segment.id));
  });

  it('answers "try again" when company writes in progress hold the new field\'s index back for 5 s', async () => {
    const writer = await t.pool.connect();
    try {
      // A long company write in progress: its lock keeps the index from being built.
      await writer.query('begin');
      await writer.query('lock table companies in row exclusive mode');
      const res = await admin.post('/api/v1/categories', {
        name: 'Venter',
        fields: [{ label: 'Fase', type: 'select', options: [{ label: 'En' }] }],
      });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'CONFLICT',
        message: 'The records are being changed right now; try again in a moment',
        details: { retry: true },
      });
    } finally {
      await writer.query('rollback');
      writer.release();
    }
    // Nothing of it was kept, and once the write is over the same category is made.
    expect((await admin.get('/api/v1/categories')).body.items.map((c: { name: string }) => c.name)).not.toContain(
      'Venter',
    );
    const again = await admin.post('/api/v1/categories', {
      name: 'Venter',
      fields: [{ label: 'Fase', type: 'select', options: [{ label: 'En' }] }],
    });
    expect(again.status).toBe(201);
  });

  it('filters on a choice added a moment ago, after the list has read the fields', async () => {
    const cat = await makeCategory(admin, 'Nivåer', [{ label: 'Nivå', type: 'select', options: [{ label: 'Gull' }] }]);
    const level = fieldOf(cat, 'Nivå');
    const gold = level.options[0].id as string;
    const make = async (name: string, option: string) => {
      const res = await admin.post('/api/v1/companies', {
        name,
        categoryIds: [cat.id],
        customFields: { [level.id]: option },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const byLevel = async (option: string) => {
      const res = await admin.get(`/api/v1/companies?filter=${encodeURIComponent(`cf.${level.id}:eq:${option}`)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((c: { id: string }) => c.id);
    };
    const goldCompany = await make('Gullkunde AS', gold);
    expect(await byLevel(gold)).toEqual([goldCompany]);
    // A new choice, and a company with it: the list knows the choice at once.
    const changed = await admin.patch(`/api/v1/categories/${cat.id}`, {
      version: cat.version,
      fields: [{ id: level.id, label: 'Nivå', type: 'select', options: [...level.options, { label: 'Sølv' }] }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const silver = fieldOf(changed.body, 'Nivå').options.find((o: { label: string }) => o.label === 'Sølv').id;
    const silverCompany = await make('Sølvkunde AS', silver);
    expect(await byLevel(silver)).toEqual([silverCompany]);
    expect(await byLevel(gold)).toEqual([goldCompany]);
  });

  it('archives and restores a category, and reorders the list', async () => {
    const a = await makeCategory(admin, 'Arkiv A', [{ label: 'Region', type: 'text' }]);
    const b = await makeCategory(admin, 'Arkiv B');
    const byRegion = `/api/v1/companies?filter=${encodeURIComponent(`cf.${fieldOf(a, 'Region').id}:eq:Nord`)}`;
    expect((await admin.get(byRegion)).status).toBe(200);
    expect((await admin.delete(`/api/v1/categories/${a.id}`)).status).toBe(204);
    // The fields of an archived category are not there to filter on.
    const archivedField = await admin.get(byRegion);
    expect(archivedField.status).toBe(400);
    expect(archivedField.body.error.message).toMatch(/There is no custom field/);
    const active = (await admin.get('/api/v1/categories')).body.items.map((c: { id: string }) => c.id);
    expect(active).not.toContain(a.id);
    const archived = await admin.get('/api/v1/categories?deleted=true');
    expect(archived.body.items.map((c: { id: string }) => c.id)).toContain(a.id);
    // Its name is free meanwhile; taking it blocks the restore.
    const squatter = await makeCategory(admin, 'arkiv a');
    const blocked = await admin.post(`/api/v1/categories/${a.id}/restore`);
    expect(blocked.status).toBe(409);
    await admin.delete(`/api/v1/categories/${squatter.id}`);
    expect((await admin.post(`/api/v1/categories/${a.id}/restore`)).status).toBe(200);
    expect((await admin.get(byRegion)).status).toBe(200);

    const ids = (await admin.get('/api/v1/categories')).body.items.map((c: { id: string }) => c.id) as string[];
    const reversed = [...ids].reverse();
    const ordered = await admin.request('PUT', '/api/v1/categories/order', { ids: reversed });
    expect(ordered.status).toBe(200);
    expect(ordered.body.items.map((c: { id: string }) => c.id)).toEqual(reversed);
    const stale = await admin.request('PUT', '/api/v1/categories/order', { ids: reversed.filter((id) => id !== b.id) });
    expect(stale.status).toBe(409);
  });

  it('allows at most 100 categories in use', async () => {
    const other = await t.workspace('Hundre Kategorier AS');
    for (let i = 1; i <= 100; i++) {
      expect((await other.admin.post('/api/v1/categories', { name: `Kategori ${i}` })).status).toBe(201);
    }
    const over = await other.admin.post('/api/v1/categories', { name: 'Kategori 101' });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toBe(
      'A workspace can have at most 100 categories; archive one that is no longer used first',
    );
    const first = (await other.admin.get('/api/v1/categories')).body.items[0];
    await other.admin.delete(`/api/v1/categories/${first.id}`);
    expect((await other.admin.post('/api/v1/categories', { name: 'Kategori 101' })).status).toBe(201);
    // The other workspace's categories are not ours.
    expect((await admin.get(`/api/v1/categories/${first.id}`)).status).toBe(404);
  });
});

describe('workspaces', () => {
  it('keeps categories, their statistics and links inside their workspace', async () => {
    const mine = await makeCategory(admin, 'Bare vår', [{ label: 'Partner', type: 'company' }]);
    const other = await t.workspace('Nabo AS');
    for (const [method, path, body] of [
      ['GET', `/api/v1/categories/${mine.id}`],
      ['PATCH', `/api/v1/categories/${mine.id}`, { version: 1, name: 'Kapret' }],
      ['DELETE', `/api/v1/categories/${mine.id}`],
      ['POST', `/api/v1/categories/${mine.id}/restore`],
      ['GET', `/api/v1/categories/${mine.id}/stats`],
    ] as [string, string, unknown?][]) {
      expect((await other.admin.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const stats = await other.admin.get('/api/v1/categories/stats');
    expect(JSON.stringify(stats.body)).not.toContain('Bare vår');
    const theirs = await other.admin.post('/api/v1/companies', { name: 'Nabo Kunde AS', categoryIds: [mine.id] });
    expect(theirs.status).toBe(400);
    // A company of another workspace cannot be linked.
    const foreign = (await other.admin.post('/api/v1/companies', { name: 'Utenfor AS' })).body;
    const linked = await admin.post('/api/v1/companies', {
      name: 'Lenke AS',
      categoryIds: [mine.id],
      customFields: { [fieldOf(mine, 'Partner').id]: foreign.id },
    });
    expect(linked.status).toBe(400);
    expect(linked.body.error.message).toBe('Partner must be a company you can see');
  });
});

describe('custom values on companies', () => {
  let all: { id: string; fields: { id: string; label: string; options: { id: string; label: string }[] }[] };
  const f = (label: string) => fieldOf(all, label).id as string;

  beforeAll(async () => {
    all = await makeCategory(admin, 'Alle typer', [
      { label: 'Tekst', type: 'text' },
      { label: 'Notat', type: 'longText' },
      { label: 'Antall', type: 'number' },
      { label: 'Verdi', type: 'money', currency: 'NOK' },
      { label: 'Dato', type: 'date' },
      { label: 'Nivå', type: 'select', options: [{ label: 'Gull' }, { label: 'Sølv' }] },
      { label: 'Interesser', type: 'multiSelect', options: [{ label: 'Fisk' }, { label: 'Olje' }, { label: 'IT' }] },
      { label: 'Avtale', type: 'checkbox' },
      { label: 'Nettside', type: 'url' },
      { label: 'Faktura-e-post', type: 'email' },
      { label: 'Sentralbord', type: 'phone' },
      { label: 'Kundeansvarlig', type: 'user' },
      { label: 'Morselskap', type: 'company' },
      { label: 'Hovedkontakt', type: 'contact' },
      { label: 'Kundenummer hos dem', type: 'text', required: true },
    ]);
  });

  it('checks each value against its type and says which field is wrong', async () => {
    const company = (await admin.post('/api/v1/companies', { name: 'Validering AS', categoryIds: [all.id] })).body;
    const outsider = await me((await t.workspace('Fremmed AS')).admin);
    const res = await patchCompany(admin, company.id, {
      customFields: {
        [f('Tekst')]: 12,
        [f('Antall')]: 'mange',
        [f('Verdi')]: { amount: '12.345' },
        [f('Dato')]: '2026-02-30',
        [f('Nivå')]: 'Bronse',
        [f('Interesser')]: ['Fisk', 'Skog'],
        [f('Avtale')]: 'ja',
        [f('Nettside')]: 'ikke en adresse',
        [f('Faktura-e-post')]: 'post@',
        [f('Sentralbord')]: 'ring meg',
        [f('Kundeansvarlig')]: outsider,
      },
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(
      (res.body.error.details as { path: string; message: string }[]).map((d) => [d.path, d.message]),
    );
    expect(byPath).toEqual({
      [`customFields.${f('Tekst')}`]: 'Tekst needs text',
      [`customFields.${f('Antall')}`]: 'Antall needs a number',
      [`customFields.${f('Verdi')}`]: 'Verdi takes at most 2 decimals',
      [`customFields.${f('Dato')}`]: 'Dato is not a date in the calendar',
      [`customFields.${f('Nivå')}`]: 'Nivå is one of: Gull, Sølv',
      [`customFields.${f('Interesser')}`]: 'Interesser takes only: Fisk, Olje, IT',
      [`customFields.${f('Avtale')}`]: 'Avtale needs true or false',
      [`customFields.${f('Nettside')}`]: 'Nettside is not a web address',
      [`customFields.${f('Faktura-e-post')}`]: 'Faktura-e-post is not an e-mail address',
      [`customFields.${f('Sentralbord')}`]: 'Sentralbord is not a phone number',
      [`customFields.${f('Kundeansvarlig')}`]: 'Kundeansvarlig must be a member of this workspace',
    });
    // Nothing was written.
    const after = await admin.get(`/api/v1/companies/${company.id}`);
    expect(after.body).toMatchObject({ version: company.version, customFields: {} });
  });

  it('stores valid values in one form and leaves empty ones out', async () => {
    const parent = (await admin.post('/api/v1/companies', { name: 'Mor Holding AS' })).body;
    const contact = (await admin.post('/api/v1/contacts', { firstName: 'Kari', lastName: 'Nordmann' })).body;
    const company = (await admin.post('/api/v1/companies', { name: 'Gyldig AS', categoryIds: [all.id] })).body;
    const adminId = await me(admin);
    const res = await patchCompany(admin, company.id, {
      customFields: {
        [f('Tekst')]: '  Hei  ',
        [f('Notat')]: '',
        [f('Antall')]: '42',
        [f('Verdi')]: { amount: 1234.5 },
        [f('Dato')]: '2026-03-01',
        [f('Nivå')]: 'gull',
        [f('Interesser')]: ['IT', 'Fisk', 'IT'],
        [f('Avtale')]: false,
        [f('Nettside')]: 'https://gyldig.no',
        [f('Faktura-e-post')]: 'Faktura@Gyldig.NO',
        [f('Sentralbord')]: '+47 22 00 00 00',
        [f('Kundeansvarlig')]: adminId,
        [f('Morselskap')]: parent.id,
        [f('Hovedkontakt')]: contact.id,
      },
    });
    expect(res.status).toBe(200);
    const option = (label: string, field: string) =>
      fieldOf(all, field).options.find((o: { label: string }) => o.label === label).id;
    expect(res.body.customFields).toEqual({
      [f('Tekst')]: 'Hei',
      [f('Antall')]: 42,
      [f('Verdi')]: { amount: 1234.5, currency: 'NOK' },
      [f('Dato')]: '2026-03-01',
      [f('Nivå')]: option('Gull', 'Nivå'),
      [f('Interesser')]: [option('Fisk', 'Interesser'), option('IT', 'Interesser')],
      [f('Nettside')]: 'https://gyldig.no',
      [f('Faktura-e-post')]: 'faktura@gyldig.no',
      [f('Sentralbord')]: '+47 22 00 00 00',
      [f('Kundeansvarlig')]: adminId,
      [f('Morselskap')]: parent.id,
      [f('Hovedkontakt')]: contact.id,
    });
    expect(res.body.version).toBe(company.version + 1);

    // A stale version is refused with the current record.
    const stale = await admin.patch(`/api/v1/companies/${company.id}`, {
      version: company.version,
      customFields: { [f('Antall')]: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.customFields[f('Antall')]).toBe(42);

    // A required field can be left empty, but not emptied once filled.
    const filled = await patchCompany(admin, company.id, { customFields: { [f('Kundenummer hos dem')]: 'K-1' } });
    expect(filled.status).toBe(200);
    const emptied = await patchCompany(admin, company.id, { customFields: { [f('Kundenummer hos dem')]: null } });
    expect(emptied.status).toBe(400);
    expect(emptied.body.error.message).toBe('Kundenummer hos dem is required and cannot be emptied');
  });

  it('refuses to remove an option that companies still use', async () => {
    const company = (await admin.post('/api/v1/companies', { name: 'Sølvkunde AS', categoryIds: [all.id] })).body;
    await patchCompany(admin, company.id, { customFields: { [f('Nivå')]: 'Sølv' } });
    const current = (await admin.get(`/api/v1/categories/${all.id}`)).body;
    const fields = current.fields.map((x: { id: string; label: string; type: string; options: unknown[] }) => ({
      id: x.id,
      label: x.label,
      type: x.type,
      ...(x.options.length > 0 ? { options: x.options } : {}),
      ...(x.label === 'Nivå' ? { options: [x.options[0]] } : {}),
    }));
    const res = await admin.patch(`/api/v1/categories/${all.id}`, { version: current.version, fields });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      '1 company has "Sølv" in Nivå; choose another value for them before removing the option',
    );
  });

  it('refuses fields of a category the company lacks, and links to records the writer cannot see', async () => {
    const other = await makeCategory(admin, 'Annen', [{ label: 'Annet felt', type: 'text' }]);
    const company = (await admin.post('/api/v1/companies', { name: 'Uten Kategori AS', categoryIds: [all.id] })).body;
    const res = await patchCompany(admin, company.id, { customFields: { [fieldOf(other, 'Annet felt').id]: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Annet felt belongs to the category Annen, which this company does not have');
    const unknownCategory = await patchCompany(admin, company.id, { categoryIds: [all.id, company.id] });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error.details).toEqual([
      { path: 'categoryIds.1', message: 'There is no such category' },
    ]);

    // A colleague cannot point at a company only its owner sees.
    const colleague = await t.member(admin, 'user');
    const secret = (await admin.post('/api/v1/companies', { name: 'Hemmelig AS', visibility: 'owner' })).body;
    const shared = (await colleague.post('/api/v1/companies', { name: 'Delt AS', categoryIds: [all.id] })).body;
    const link = await patchCompany(colleague, shared.id, { customFields: { [f('Morselskap')]: secret.id } });
    expect(link.status).toBe(400);
    expect(link.body.error.message).toBe('Morselskap must be a company you can see');
  });

  it('takes the values of a category away with it, and records every change by label', async () => {
    const company = (await admin.post('/api/v1/companies', { name: 'Historikk AS' })).body;
    const added = await patchCompany(admin, company.id, {
      categoryIds: [all.id],
      customFields: { [f('Antall')]: 7, [f('Nivå')]: 'Sølv', [f('Verdi')]: { amount: 99, currency: 'EUR' } },
    });
    expect(added.status).toBe(200);
    expect(added.body.categoryIds).toEqual([all.id]);
    let rows = await history(admin, company.id);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'categories', oldValue: [], newValue: [{ id: all.id, value: 'Alle typer' }] }),
        expect.objectContaining({ field: 'Antall', oldValue: null, newValue: 7 }),
        expect.objectContaining({ field: 'Nivå', oldValue: null, newValue: 'Sølv' }),
        expect.objectContaining({ field: 'Verdi', oldValue: null, newValue: '99 EUR' }),
      ]),
    );

    const removed = await patchCompany(admin, company.id, { categoryIds: [] });
    expect(removed.body).toMatchObject({ categoryIds: [], customFields: {} });
    rows = await history(admin, company.id);
    expect(rows.slice(0, 4)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'categories', newValue: [] }),
        expect.objectContaining({ field: 'Antall', oldValue: 7, newValue: null }),
      ]),
    );
  });

  it('hides an archived category and its values until it is restored', async () => {
    const cat = await makeCategory(admin, 'Midlertidig', [{ label: 'Poeng', type: 'number' }]);
    const poeng = fieldOf(cat, 'Poeng').id;
    const company = (
      await admin.post('/api/v1/companies', {
        name: 'Arkivert Verdi AS',
        categoryIds: [cat.id],
        customFields: { [poeng]: 5 },
      })
    ).body;
    expect(company.customFields).toEqual({ [poeng]: 5 });
    await admin.delete(`/api/v1/categories/${cat.id}`);
    expect((await admin.get(`/api/v1/companies/${company.id}`)).body).toMatchObject({
      categoryIds: [],
      customFields: {},
    });
    // Saving the company meanwhile does not lose the hidden category.
    expect((await patchCompany(admin, company.id, { industry: 'Fiske' })).status).toBe(200);
    await admin.post(`/api/v1/categories/${cat.id}/restore`);
    expect((await admin.get(`/api/v1/companies/${company.id}`)).body).toMatchObject({
      categoryIds: [cat.id],
      customFields: { [poeng]: 5 },
    });
  });
});

describe('statistics, lists, bulk and merge', () => {
  let cat: { id: string; fields: { id: string; label: string; options: { id: string; label: string }[] }[] };
  let colleague: Client;
  const f = (label: string) => fieldOf(cat, label).id as string;

  beforeAll(async () => {
    cat = await makeCategory(admin, 'Statistikk', [
      { label: 'Omsetning', type: 'number' },
      { label: 'Kontraktsverdi', type: 'money', currency: 'NOK' },
      { label: 'Nivå', type: 'select', options: [{ label: 'Gull' }, { label: 'Sølv' }] },
      { label: 'Aktiv', type: 'checkbox' },
    ]);
    colleague = await t.member(admin, 'user');
    const make = (name: string, extra: Record<string, unknown>, values: Record<string, unknown>) =>
      admin.post('/api/v1/companies', { name, categoryIds: [cat.id], customFields: values, ...extra });
    await make(
      'Stat Alfa AS',
      {},
      { [f('Omsetning')]: 100, [f('Kontraktsverdi')]: { amount: 1000 }, [f('Nivå')]: 'Gull', [f('Aktiv')]: true },
    );
    await make(
      'Stat Beta AS',
      {},
      { [f('Omsetning')]: 200.5, [f('Kontraktsverdi')]: { amount: 10, currency: 'EUR' }, [f('Nivå')]: 'Sølv' },
    );
    await make('Stat Gamma AS', {}, {});
    await make('Stat Hemmelig AS', { visibility: 'owner' }, { [f('Omsetning')]: 1000, [f('Nivå')]: 'Gull' });
    const trashed = (await make('Stat Slettet AS', {}, { [f('Omsetning')]: 5000 })).body;
    await admin.delete(`/api/v1/companies/${trashed.id}`);
  });

  it('counts and sums what the reader can see, per category and field', async () => {
    const mine = await admin.get(`/api/v1/categories/${cat.id}/stats`);
    expect(mine.status).toBe(200);
    expect(mine.body.companyCount).toBe(4);
    const omsetning = mine.body.fields.find((x: { label: string }) => x.label === 'Omsetning');
    expect(omsetning).toMatchObject({ filled: 3, sum: 1300.5, avg: 433.5, min: 100, max: 1000 });

    const theirs = await colleague.get(`/api/v1/categories/${cat.id}/stats`);
    expect(theirs.body.companyCount).toBe(3);
    const byLabel = Object.fromEntries(theirs.body.fields.map((x: { label: string }) => [x.label, x]));
    expect(byLabel.Omsetning).toMatchObject({ filled: 2, sum: 300.5, avg: 150.25, min: 100, max: 200.5 });
    // Money is summed per currency, never across currencies.
    expect(byLabel.Kontraktsverdi).toMatchObject({ filled: 2, sum: null });
    expect(byLabel.Kontraktsverdi.currencies).toEqual([
      { currency: 'EUR', filled: 1, sum: 10, avg: 10, min: 10, max: 10 },
      { currency: 'NOK', filled: 1, sum: 1000, avg: 1000, min: 1000, max: 1000 },
    ]);
    expect(byLabel.Nivå.options.map((o: { label: string; count: number }) => [o.label, o.count])).toEqual([
      ['Gull', 1],
      ['Sølv', 1],
    ]);
    expect(byLabel.Aktiv.filled).toBe(1);

    const everything = await colleague.get('/api/v1/categories/stats');
    expect(everything.body.items.find((s: { categoryId: string }) => s.categoryId === cat.id).companyCount).toBe(3);

    const csv = await colleague.get('/api/v1/categories/stats/export?format=csv&delimiter=;&lang=nb');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/category-statistics-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Kategori;Firmaer;Felt;Valuta;Med verdi;Sum;Gjennomsnitt;Min;Maks');
    expect(lines).toContain('Statistikk;3;;;;;;;');
    expect(lines).toContain('Statistikk;;Omsetning;;2;300.5;150.25;100;200.5');
    expect(lines).toContain('Statistikk;;Nivå: Gull;;1;;;;');
    const xlsx = await colleague.get('/api/v1/categories/stats/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('filters and sorts the company list on a category and on custom fields', async () => {
    const names = async (c: Client, query: string) => {
      const res = await c.get(`/api/v1/companies?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((x: { name: string }) => x.name);
    };
    const inCategory = `filter=${encodeURIComponent(`categoryId:eq:${cat.id}`)}`;
    expect(await names(admin, inCategory)).toEqual([
      'Stat Alfa AS',
      'Stat Beta AS',
      'Stat Gamma AS',
      'Stat Hemmelig AS',
    ]);
    expect(await names(colleague, inCategory)).toEqual(['Stat Alfa AS', 'Stat Beta AS', 'Stat Gamma AS']);
    const filter = (f: string) => `filter=${encodeURIComponent(f)}`;
    expect(await names(admin, `${filter(`cf.${f('Omsetning')}:gt:150`)}&sort=name`)).toEqual([
      'Stat Beta AS',
      'Stat Hemmelig AS',
    ]);
    const gull = fieldOf(cat, 'Nivå').options[0].id;
    expect(await names(admin, filter(`cf.${f('Nivå')}:eq:${gull}`))).toEqual(['Stat Alfa AS', 'Stat Hemmelig AS']);
    expect(await names(admin, `${inCategory}&${filter(`cf.${f('Nivå')}:ne:${gull}`)}`)).toEqual([
      'Stat Beta AS',
      'Stat Gamma AS',
    ]);
    expect(await names(admin, `${inCategory}&${filter(`cf.${f('Aktiv')}:eq:false`)}`)).toEqual([
      'Stat Beta AS',
      'Stat Gamma AS',
      'Stat Hemmelig AS',
    ]);
    expect(await names(admin, `${inCategory}&${filter(`cf.${f('Omsetning')}:empty:`)}`)).toEqual(['Stat Gamma AS']);

    // Sorted by the number both ways, empty values last, page by page.
    const pages = async (sort: string) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await admin.get(
          `/api/v1/companies?${inCategory}&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        out.push(...res.body.items.map((x) => x.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await pages(`cf.${f('Omsetning')}`)).toEqual([
      'Stat Alfa AS',
      'Stat Beta AS',
      'Stat Hemmelig AS',
      'Stat Gamma AS',
    ]);
    expect(await pages(`-cf.${f('Omsetning')}`)).toEqual([
      'Stat Hemmelig AS',
      'Stat Beta AS',
      'Stat Alfa AS',
      'Stat Gamma AS',
    ]);

    const bad = await admin.get(`/api/v1/companies?${filter(`cf.${f('Omsetning')}:contains:1`)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Operator "contains" does not apply to Omsetning. Use: eq, ne, gt, gte, lt, lte, empty, notEmpty',
    );
    const unknown = await admin.get(`/api/v1/companies?sort=cf.${cat.id}`);
    expect(unknown.status).toBe(400);
  });

  it('adds and removes a category on many companies at once', async () => {
    const ids: string[] = [];
    for (const name of ['Bulk En AS', 'Bulk To AS', 'Bulk Tre AS'])
      ids.push((await admin.post('/api/v1/companies', { name })).body.id);
    const first = ids[0] as string;
    await patchCompany(admin, first, { categoryIds: [cat.id], customFields: { [f('Omsetning')]: 12 } });

    const added = await admin.post('/api/v1/companies/bulk', { action: 'addCategory', ids, categoryId: cat.id });
    expect(added.body).toEqual({ changed: 2, unchanged: 1, failed: [] });
    for (const id of ids) expect((await admin.get(`/api/v1/companies/${id}`)).body.categoryIds).toEqual([cat.id]);
    // The value already there stays.
    expect((await admin.get(`/api/v1/companies/${first}`)).body.customFields).toEqual({ [f('Omsetning')]: 12 });
    expect(await history(admin, ids[1] as string)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'categories', newValue: [{ id: cat.id, value: 'Statistikk' }] }),
      ]),
    );

    const unknown = await admin.post('/api/v1/companies/bulk', {
      action: 'addCategory',
      ids: [first],
      categoryId: first,
    });
    expect(unknown.body.failed).toEqual([expect.objectContaining({ id: first, code: 'VALIDATION' })]);

    const removed = await admin.post('/api/v1/companies/bulk', { action: 'removeCategory', ids, categoryId: cat.id });
    expect(removed.body).toEqual({ changed: 3, unchanged: 0, failed: [] });
    expect((await admin.get(`/api/v1/companies/${first}`)).body).toMatchObject({ categoryIds: [], customFields: {} });
  });

  it('merges two companies with the categories of both and the survivor’s values first', async () => {
    const extra = await makeCategory(admin, 'Fusjon', [{ label: 'Kilde', type: 'text' }]);
    const kilde = fieldOf(extra, 'Kilde').id;
    const survivor = (
      await admin.post('/api/v1/companies', {
        name: 'Fusjon Mor AS',
        categoryIds: [cat.id],
        customFields: { [f('Omsetning')]: 1 },
      })
    ).body;
    const duplicate = (
      await admin.post('/api/v1/companies', {
        name: 'Fusjon Datter AS',
        categoryIds: [cat.id, extra.id],
        customFields: { [f('Omsetning')]: 2, [f('Nivå')]: 'Sølv', [kilde]: 'Import' },
      })
    ).body;
    const merged = await admin.post(`/api/v1/companies/${survivor.id}/merge`, {
      version: survivor.version,
      otherId: duplicate.id,
      otherVersion: duplicate.version,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.categoryIds).toEqual([cat.id, extra.id]);
    const solv = fieldOf(cat, 'Nivå').options[1].id;
    expect(merged.body.customFields).toEqual({ [f('Omsetning')]: 1, [f('Nivå')]: solv, [kilde]: 'Import' });
    expect(await history(admin, survivor.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'merge', field: 'Kilde', oldValue: null, newValue: 'Import' }),
        expect.objectContaining({ action: 'merge', field: 'categories' }),
      ]),
    );

    // With the field chosen, the duplicate's value wins.
    const a = (
      await admin.post('/api/v1/companies', {
        name: 'Velg A AS',
        categoryIds: [cat.id],
        customFields: { [f('Omsetning')]: 10 },
      })
    ).body;
    const b = (
      await admin.post('/api/v1/companies', {
        name: 'Velg B AS',
        categoryIds: [cat.id],
        customFields: { [f('Omsetning')]: 20 },
      })
    ).body;
    const chosen = await admin.post(`/api/v1/companies/${a.id}/merge`, {
      version: a.version,
      otherId: b.id,
      otherVersion: b.version,
      takeCustomFields: [f('Omsetning')],
    });
    expect(chosen.body.customFields).toEqual({ [f('Omsetning')]: 20 });
  });
});
