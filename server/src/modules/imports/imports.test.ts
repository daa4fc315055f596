import { makeOrgNumber } from '@rapport/contracts/org-number.ts';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Response, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { importTuning } from './import-job.ts';

let t: TestApp;
let admin: Client;
let workspaceId: string;

beforeAll(async () => {
  importTuning.batchSize = 100;
  importTuning.retryLimit = 2;
  t = await startTestApp();
  ({ admin, workspaceId } = await t.workspace());
});
afterAll(async () => {
  await t?.close();
});

/** Uploads a file as the browser does: multipart/form-data with a part named "file". */
async function upload(
  client: Client,
  fileName: string,
  bytes: Buffer,
  query: string,
): Promise<Omit<Response, 'headers'>> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const res = await fetch(`${t.url}/api/v1/imports?${query}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-requested-with': 'rapport' },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

async function waitFor(
  client: Client,
  id: string,
  until = (b: { status: string }) => ['done', 'failed'].includes(b.status),
) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await client.get(`/api/v1/imports/${id}`);
    expect(res.status).toBe(200);
    if (until(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`import still ${res.body.status}: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const csv = (rows: string[][], delimiter = ';') => rows.map((r) => r.join(delimiter)).join('\r\n');

/** 1,000 Norwegian companies; rows 100, 200, … 1000 are wrong in ten different ways. */
function thousandRows(seed: number) {
  const header = ['Firmanavn', 'Org.nr', 'E-post', 'Telefon', 'Adresse', 'Postnr', 'Poststed'];
  const bad = new Map<number, [string[], string]>();
  const rows: string[][] = [];
  for (let i = 1; i <= 1000; i++) {
    const org = makeOrgNumber('NO', seed + i * 7);
    rows.push([
      `Bedrift ${seed}-${i} AS`,
      org,
      `post${i}@bedrift${seed}.no`,
      '+47 22 00 00 00',
      `Gate ${i}`,
      '0150',
      'Oslo',
    ]);
  }
  const breakRow = (n: number, col: number, value: string, reason: string) => {
    const row = rows[n - 1] as string[];
    row[col] = value;
    bad.set(n, [row, reason]);
  };
  breakRow(100, 1, '123 456 789', 'orgNumber');
  breakRow(200, 2, 'not-an-email', 'email');
  breakRow(300, 0, '', 'name');
  breakRow(400, 1, '12345', 'orgNumber');
  breakRow(500, 3, 'call me', 'phone');
  breakRow(600, 2, 'a@b', 'email');
  breakRow(700, 0, '', 'name');
  breakRow(800, 1, '999 999 998', 'orgNumber');
  breakRow(900, 3, 'x', 'phone');
  breakRow(1000, 2, '@@', 'email');
  return { header, rows, bad };
}

const NO_MAPPING = {
  Firmanavn: 'name',
  'Org.nr': 'orgNumber',
  'E-post': 'email',
  Telefon: 'phone',
  Adresse: 'street',
  Postnr: 'postalCode',
  Poststed: 'city',
};

describe('a large file', () => {
  it('reads 200,000 rows (the column count is no longer spread into one call)', async () => {
    const lines = ['Fornavn;Etternavn;E-post'];
    for (let i = 1; i <= 200_000; i++) lines.push(`Kari${i};Nordmann;k${i}@example.no`);
    const up = await upload(admin, 'store.csv', Buffer.from(lines.join('\n'), 'utf8'), 'entity=contact');
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ rowCount: 200_000, delimiter: ';', status: 'uploaded' });
    expect(up.body.import.columns.map((c: { name: string }) => c.name)).toEqual(['Fornavn', 'Etternavn', 'E-post']);
  });
});

describe('CSV import of 1,000 companies', () => {
  it('creates 990, reports the 10 bad rows with reasons, and remembers the mapping', async () => {
    const { header, rows, bad } = thousandRows(1000);
    const file = Buffer.from(`\uFEFF${csv([header, ...rows])}\r\n`, 'utf8');
    const started = performance.now();
    const up = await upload(admin, 'kunder.csv', file, 'entity=company');
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ rowCount: 1000, delimiter: ';', encoding: 'utf-8', status: 'uploaded' });
    expect(up.body.suggestedMapping).toEqual(NO_MAPPING);
    const id = up.body.import.id;

    const preview = await admin.post(`/api/v1/imports/${id}/preview`, { mapping: NO_MAPPING, defaultCountry: 'NO' });
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toHaveLength(20);
    expect(preview.body.rows[0]).toMatchObject({ row: 2, action: 'create', errors: [] });
    expect(preview.body.rows[0].values).toMatchObject({ name: 'Bedrift 1000-1 AS', city: 'Oslo', country: 'NO' });

    const run = await admin.post(`/api/v1/imports/${id}/run`, { mapping: NO_MAPPING, defaultCountry: 'NO' });
    expect(run.status).toBe(202);
    const done = await waitFor(admin, id);
    const ms = Math.round(performance.now() - started);
    console.log(`1,000-row CSV: upload → done in ${ms} ms`);
    expect(done.status).toBe('done');
    expect(done.progress).toEqual({ processed: 1000, created: 990, updated: 0, skipped: 0, failed: 10 });

    const count = await t.pool.query(
      'select count(*)::int as n from companies where workspace_id = $1 and import_id = $2 and deleted_at is null',
      [workspaceId, id],
    );
    expect(count.rows[0].n).toBe(990);
    const audit = await t.pool.query(
      "select count(distinct entity_id)::int as n from audit_log where workspace_id = $1 and import_id = $2 and action = 'create'",
      [workspaceId, id],
    );
    expect(audit.rows[0].n).toBe(990);
    const one = await admin.get('/api/v1/companies?q=Bedrift%201000-5%20AS');
    expect(one.body.items[0]).toMatchObject({
      orgNumber: expect.stringMatching(/^\d{3} \d{3} \d{3}$/),
      email: 'post5@bedrift1000.no',
      addresses: [{ kind: 'postal', street: 'Gate 5', postalCode: '0150', city: 'Oslo', country: 'NO' }],
    });

    const report = await admin.get(`/api/v1/imports/${id}/errors.csv`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    const parsed = Papa.parse<string[]>(String(report.body).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    const [head, ...lines] = parsed.data;
    expect(head).toEqual([...header, 'Error']);
    expect(lines).toHaveLength(10);
    for (const [n, [row, field]] of bad) {
      const line = lines.find((l) => l.slice(0, header.length).join('|') === row.join('|'));
      expect(line, `row ${n}`).toBeDefined();
      expect(line?.[header.length]).toContain(field);
    }

    const list = await admin.get('/api/v1/imports');
    expect(list.body.items[0]).toMatchObject({ id, createdByName: 'Admin', progress: { created: 990 } });

    // The next upload with the same columns gets this mapping back.
    const again = await upload(admin, 'more.csv', Buffer.from(csv([header, rows[0] as string[]])), 'entity=company');
    expect(again.body.rememberedMapping).toEqual(NO_MAPPING);
  });
});

describe('file formats', () => {
  it('reads a chosen sheet of an XLSX workbook with Swedish headers and numeric cells', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Info').addRow(['This sheet is not the data']);
    const sheet = wb.addWorksheet('Kunder');
    sheet.addRow(['Företagsnamn', 'Organisationsnummer', 'Ort', 'Land', 'Hemsida']);
    const orgs = [1, 2, 3].map((i) => makeOrgNumber('SE', 500 + i));
    sheet.addRow(['Svensk Fisk AB', orgs[0], 'Göteborg', 'Sverige', 'fisk.se']);
    sheet.addRow(['Norrland Trä AB', Number(orgs[1]?.replace('-', '')), 'Umeå', 'SE', null]);
    sheet.addRow(['Fel Nummer AB', '556000-0000', 'Malmö', 'SE', null]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const up = await upload(admin, 'kunder.xlsx', bytes, 'entity=company&sheet=Kunder');
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ format: 'xlsx', sheet: 'Kunder', sheets: ['Info', 'Kunder'], rowCount: 3 });
    const mapping = up.body.suggestedMapping;
    expect(mapping).toEqual({
      Företagsnamn: 'name',
      Organisationsnummer: 'orgNumber',
      Ort: 'city',
      Land: 'country',
      Hemsida: 'website',
    });
    // Switching sheets reads the other one's header.
    const other = await admin.post(`/api/v1/imports/${up.body.import.id}/sheet`, { sheet: 'Info' });
    expect(other.body.import.columns.map((c: { name: string }) => c.name)).toEqual(['This sheet is not the data']);
    await admin.post(`/api/v1/imports/${up.body.import.id}/sheet`, { sheet: 'Kunder' });

    await admin.post(`/api/v1/imports/${up.body.import.id}/run`, { mapping });
    const done = await waitFor(admin, up.body.import.id);
    expect(done.progress).toMatchObject({ created: 2, failed: 1 });
    const found = await admin.get('/api/v1/companies?q=Norrland');
    expect(found.body.items[0]).toMatchObject({ orgNumber: orgs[1], country: 'SE' });
  });

  it('reads a Windows-1252 file with æøå (tab separated) and says so', async () => {
    const text = csv(
      [
        ['Navn', 'Etternavn', 'Fornavn', 'E-post', 'Tittel'],
        ['', 'Ødegård', 'Åse', 'ase@fjord.no', 'Daglig leder'],
        ['', 'Bærum', 'Æsa', 'aesa@fjord.no', 'Innkjøper'],
      ],
      '\t',
    );
    const bytes = Buffer.from(text, 'latin1'); // æ ø å are the same bytes in Latin-1 and Windows-1252
    const up = await upload(admin, 'kontakter.txt', bytes, 'entity=contact');
    expect(up.body.import).toMatchObject({ encoding: 'windows-1252', delimiter: '\t' });
    const mapping = { ...up.body.suggestedMapping, Navn: null };
    expect(mapping).toMatchObject({ Etternavn: 'lastName', Fornavn: 'firstName', 'E-post': 'email', Tittel: 'title' });
    await admin.post(`/api/v1/imports/${up.body.import.id}/run`, { mapping });
    expect((await waitFor(admin, up.body.import.id)).progress.created).toBe(2);
    const found = await admin.get('/api/v1/contacts?q=ase@fjord.no');
    expect(found.body.items[0]).toMatchObject({ firstName: 'Åse', lastName: 'Ødegård', title: 'Daglig leder' });
  });
});

describe('duplicates and undo', () => {
  const org = makeOrgNumber('NO', 777_001);
  let existingId: string;

  beforeAll(async () => {
    const res = await admin.post('/api/v1/companies', {
      name: 'Gamle Navn AS',
      orgNumber: org,
      country: 'NO',
      phone: '+47 11 11 11 11',
      industry: 'Fisk',
    });
    existingId = res.body.id;
  });

  const file = () =>
    Buffer.from(
      csv(
        [
          ['Name', 'Org number', 'Country', 'Phone'],
          ['Nytt Navn AS', org.replace(/\s/g, ''), 'NO', '+47 22 22 22 22'],
          ['Helt Ny AS', makeOrgNumber('NO', 778_500), 'NO', ''],
        ],
        ',',
      ),
    );

  async function importWith(rule: string) {
    const up = await upload(admin, 'dup.csv', file(), 'entity=company');
    const mapping = up.body.suggestedMapping;
    const preview = await admin.post(`/api/v1/imports/${up.body.import.id}/preview`, { mapping, duplicateRule: rule });
    await admin.post(`/api/v1/imports/${up.body.import.id}/run`, { mapping, duplicateRule: rule });
    return { done: await waitFor(admin, up.body.import.id), preview: preview.body };
  }

  it('skip leaves the match alone', async () => {
    const { done, preview } = await importWith('skip');
    expect(preview.rows.map((r: { action: string }) => r.action)).toEqual(['skip', 'create']);
    expect(done.progress).toMatchObject({ created: 1, skipped: 1, updated: 0 });
    expect((await admin.get(`/api/v1/companies/${existingId}`)).body).toMatchObject({
      name: 'Gamle Navn AS',
      version: 1,
    });
  });

  it('update changes the match (non-empty cells only) and undo puts everything back', async () => {
    const { done } = await importWith('update');
    // The second row matches the company the skip import created.
    expect(done.progress).toMatchObject({ created: 0, updated: 2 });
    const after = (await admin.get(`/api/v1/companies/${existingId}`)).body;
    expect(after).toMatchObject({ name: 'Nytt Navn AS', phone: '+47 22 22 22 22', industry: 'Fisk', version: 2 });

    const undo = await admin.post(`/api/v1/imports/${done.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ status: 'undone', undo: { removed: 0, restored: 1, kept: 0 } });
    const back = (await admin.get(`/api/v1/companies/${existingId}`)).body;
    expect(back).toMatchObject({ name: 'Gamle Navn AS', phone: '+47 11 11 11 11', industry: 'Fisk' });
    expect(back.phones).toEqual([{ type: 'main', value: '+47 11 11 11 11' }]);
    const history = await admin.get(`/api/v1/audit?entity=company&entityId=${existingId}`);
    expect(history.body.items.filter((a: { field: string }) => a.field === 'name')).toHaveLength(3); // create, import, undo
    expect((await admin.post(`/api/v1/imports/${done.id}/undo`)).status).toBe(409);
  });

  it('create makes another record; undo trashes it and keeps fields changed since', async () => {
    const { done } = await importWith('create');
    expect(done.progress).toMatchObject({ created: 2, updated: 0 });
    const same = await t.pool.query(
      'select count(*)::int as n from companies where workspace_id = $1 and rapport_digits(org_number) = $2 and deleted_at is null',
      [workspaceId, org.replace(/\s/g, '')],
    );
    expect(same.rows[0].n).toBe(2);
    const undo = await admin.delete(`/api/v1/imports/${done.id}/records`);
    expect(undo.body.undo).toMatchObject({ removed: 2 });
    const left = await t.pool.query(
      'select count(*)::int as n from companies where workspace_id = $1 and import_id = $2 and deleted_at is null',
      [workspaceId, done.id],
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('undo leaves a field someone changed after the import', async () => {
    const { done } = await importWith('update');
    const now = (await admin.get(`/api/v1/companies/${existingId}`)).body;
    await admin.patch(`/api/v1/companies/${existingId}`, { version: now.version, name: 'Endret Etterpå AS' });
    const undo = await admin.post(`/api/v1/imports/${done.id}/undo`);
    expect(undo.body.undo).toMatchObject({ kept: 1 });
    const back = (await admin.get(`/api/v1/companies/${existingId}`)).body;
    expect(back).toMatchObject({ name: 'Endret Etterpå AS', phone: '+47 11 11 11 11' });
  });

  it('contacts match on e-mail and link their company by org number or exact name', async () => {
    await admin.post('/api/v1/contacts', { firstName: 'Kari', lastName: 'Gammel', email: 'kari@firma.no' });
    const text = csv(
      [
        ['Navn', 'E-post', 'Firma', 'Stilling'],
        ['Kari Nordmann', 'KARI@firma.no', 'endret etterpå as', 'Sjef'],
        ['Ola Hansen', 'ola@firma.no', org, ''],
        ['Per Ukjent', 'per@firma.no', 'Finnes Ikke AS', ''],
      ],
      ';',
    );
    const up = await upload(admin, 'kontakter.csv', Buffer.from(text), 'entity=contact');
    const mapping = up.body.suggestedMapping;
    expect(mapping).toEqual({ Navn: 'fullName', 'E-post': 'email', Firma: 'company', Stilling: 'title' });
    await admin.post(`/api/v1/imports/${up.body.import.id}/run`, { mapping, duplicateRule: 'update' });
    const done = await waitFor(admin, up.body.import.id);
    const report = await admin.get(`/api/v1/imports/${up.body.import.id}/errors.csv`);
    expect(done.progress, String(report.body)).toMatchObject({ created: 1, updated: 1, failed: 1 });
    const kari = (await admin.get('/api/v1/contacts?q=kari@firma.no')).body.items[0];
    expect(kari).toMatchObject({ firstName: 'Kari', lastName: 'Nordmann', title: 'Sjef', companyId: existingId });
    const ola = (await admin.get('/api/v1/contacts?q=ola@firma.no')).body.items[0];
    expect(ola.companyId).toBe(existingId);
    expect(String(report.body)).toContain('company: No company with this organisation number or name');
  });
});

describe('resuming', () => {
  it('a batch that fails after two committed batches is retried from the first row not committed', async () => {
    // The third batch's transaction fails once, as if the process had died there.
    await t.pool.query('create table crash_once (done boolean not null)');
    await t.pool.query(`create function crash_once() returns trigger language plpgsql as $$
      begin
        if new.name = 'Resume 250 AS' and not exists (select 1 from crash_once) then
          raise exception 'simulated crash';
        end if;
        return new;
      end $$`);
    await t.pool.query(
      'create trigger crash_once before insert on companies for each row execute function crash_once()',
    );
    const rows = Array.from({ length: 500 }, (_, i) => [`Resume ${i + 1} AS`, makeOrgNumber('NO', 900_000 + i * 3)]);
    const up = await upload(admin, 'resume.csv', Buffer.from(csv([['Name', 'Orgnr'], ...rows])), 'entity=company');
    const mapping = up.body.suggestedMapping;
    await admin.post(`/api/v1/imports/${up.body.import.id}/run`, { mapping, defaultCountry: 'NO' });
    const stopped = await waitFor(admin, up.body.import.id, (b: Response['body']) => b.error !== null);
    // From now on the batch goes through.
    await t.pool.query('insert into crash_once values (true)');
    expect(stopped.progress.processed).toBe(200);
    expect(stopped.status).toBe('running');
    const done = await waitFor(admin, up.body.import.id);
    expect(done.progress).toEqual({ processed: 500, created: 500, updated: 0, skipped: 0, failed: 0 });
    const n = await t.pool.query(
      'select count(*)::int as n, count(distinct name)::int as names from companies where workspace_id = $1 and import_id = $2',
      [workspaceId, up.body.import.id],
    );
    expect(n.rows[0]).toEqual({ n: 500, names: 500 });
    await t.pool.query('drop trigger crash_once on companies');
  });
});

describe('a failure for good', () => {
  it('leaves nothing behind: the rows of committed batches are taken back and the import says why', {
    timeout: 120_000,
  }, async () => {
    await t.pool.query(`create function always_fails() returns trigger language plpgsql as $$
      begin
        if new.name = 'Never 250 AS' then raise exception 'the disk is on fire'; end if;
        return new;
      end $$`);
    await t.pool.query(
      'create trigger always_fails before insert on companies for each row execute function always_fails()',
    );
    try {
      const rows = Array.from({ length: 400 }, (_, i) => [`Never ${i + 1} AS`, makeOrgNumber('NO', 700_000 + i * 3)]);
      const up = await upload(admin, 'never.csv', Buffer.from(csv([['Name', 'Orgnr'], ...rows])), 'entity=company');
      const id = up.body.import.id;
      await admin.post(`/api/v1/imports/${id}/run`, { mapping: up.body.suggestedMapping, defaultCountry: 'NO' });
      const failed = await waitFor(admin, id, (b) => b.status === 'failed');
      expect(failed.error).toContain('the disk is on fire');
      const live = await t.pool.query(
        'select count(*)::int as n from companies where workspace_id = $1 and import_id = $2 and deleted_at is null',
        [workspaceId, id],
      );
      expect(live.rows[0].n).toBe(0);
      const list = await admin.get('/api/v1/companies?q=Never 1 AS');
      expect(list.body.items).toHaveLength(0);
    } finally {
      await t.pool.query('drop trigger always_fails on companies');
    }
  });
});

describe('visibility and tenancy', () => {
  it('matches only records the importer can see; others cannot see the import', async () => {
    const org = makeOrgNumber('NO', 555_123);
    await admin.post('/api/v1/companies', { name: 'Hemmelig AS', orgNumber: org, country: 'NO', visibility: 'owner' });
    const user = await t.member(admin, 'user');
    const up = await upload(
      user,
      'u.csv',
      Buffer.from(
        csv([
          ['Name', 'Orgnr'],
          ['Synlig AS', org],
        ]),
      ),
      'entity=company',
    );
    expect(up.status).toBe(201);
    const mapping = up.body.suggestedMapping;
    await user.post(`/api/v1/imports/${up.body.import.id}/run`, {
      mapping,
      duplicateRule: 'update',
      defaultCountry: 'NO',
    });
    const done = await waitFor(user, up.body.import.id);
    // The hidden company was not matched (nor changed): a new one was made.
    expect(done.progress).toMatchObject({ created: 1, updated: 0 });
    const hidden = await t.pool.query(
      'select name from companies where workspace_id = $1 and rapport_digits(org_number) = $2 order by id',
      [workspaceId, org.replace(/\D/g, '')],
    );
    expect(hidden.rows.map((r) => r.name)).toEqual(['Hemmelig AS', 'Synlig AS']);

    // Another user of the workspace does not see it; a manager does; the administrator may undo it.
    const other = await t.member(admin, 'user');
    expect((await other.get(`/api/v1/imports/${up.body.import.id}`)).status).toBe(404);
    expect((await other.get('/api/v1/imports')).body.items).toEqual([]);
    const manager = await t.member(admin, 'manager');
    expect((await manager.get(`/api/v1/imports/${up.body.import.id}`)).status).toBe(200);
    expect((await manager.post(`/api/v1/imports/${up.body.import.id}/undo`)).status).toBe(403);
    const readonly = await t.member(admin, 'readonly');
    expect((await upload(readonly, 'r.csv', Buffer.from('Name\nX'), 'entity=company')).status).toBe(403);

    // Another workspace sees nothing of it.
    const second = await t.workspace();
    expect((await second.admin.get(`/api/v1/imports/${up.body.import.id}`)).status).toBe(404);
    expect((await second.admin.get(`/api/v1/imports/${up.body.import.id}/errors.csv`)).status).toBe(404);
    expect((await second.admin.post(`/api/v1/imports/${up.body.import.id}/undo`)).status).toBe(404);
    expect((await second.admin.get('/api/v1/imports')).body.items).toEqual([]);
  });

  it('refuses a mapping that names a missing column or a field twice', async () => {
    const up = await upload(admin, 'm.csv', Buffer.from('Name,Other\nA,B\n'), 'entity=company');
    const id = up.body.import.id;
    expect((await admin.post(`/api/v1/imports/${id}/preview`, { mapping: { Nope: 'name' } })).status).toBe(400);
    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping: { Name: 'name', Other: 'name' } })).status).toBe(
      400,
    );
    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping: { Other: 'email' } })).status).toBe(400);
  });
});
