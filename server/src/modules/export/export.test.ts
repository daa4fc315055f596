import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let workspaceId: string;
const BULK = 2300;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin, workspaceId } = await t.workspace('Eksport AS'));
  const me = (await admin.get('/api/v1/me')).body.user;
  // Enough rows for several pages of the streamed export.
  await t.pool.query(
    `insert into companies (workspace_id, id, name, owner_id, customer_number, country)
     select $1, gen_random_uuid(), 'Masse ' || lpad(i::text, 5, '0'), $2, 100000 + i, 'SE'
     from generate_series(1, $3::int) i`,
    [workspaceId, me.id, BULK],
  );
  for (const name of [
    '=HYPERLINK("http://evil")',
    '+47 Kraft AS',
    '-Minus AS',
    '@Alfa AS',
    'Semi;kolon, og "sitat" AS',
  ]) {
    expect((await admin.post('/api/v1/companies', { name, country: 'NO' })).status).toBe(201);
  }
  await admin.post('/api/v1/companies', {
    name: 'Ærlig Østlandet Åsen AS',
    country: 'NO',
    addresses: [{ kind: 'postal', street: 'Storgata 1', postalCode: '0155', city: 'Oslo', country: 'NO' }],
  });
});
afterAll(() => t.close());

async function download(client: Client, path: string) {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Minimal CSV reader for the checks (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('exporting the company list', () => {
  it('streams every row as CSV with a BOM, chosen columns in order, and formulas neutralised', async () => {
    const res = await download(admin, '/api/v1/companies/export?format=csv&columns=name,country,customerNumber');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="companies-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.bytes.toString('utf8').slice(1), ',');
    expect(rows[0]).toEqual(['Name', 'Country', 'Customer number']);
    expect(rows.length).toBe(1 + BULK + 6);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
    expect(names).toContain("'+47 Kraft AS");
    expect(names).toContain("'-Minus AS");
    expect(names).toContain("'@Alfa AS");
    expect(names).toContain('Semi;kolon, og "sitat" AS');
    expect(names).toContain('Ærlig Østlandet Åsen AS');
    // Sorted by name like the list, and no row twice across pages.
    expect(new Set(names).size).toBe(names.length);
    expect(res.bytes.toString('utf8')).toContain('"Semi;kolon, og ""sitat"" AS"');
  });

  it('uses ; when asked, with Norwegian headings', async () => {
    const res = await download(
      admin,
      `/api/v1/companies/export?delimiter=${encodeURIComponent(';')}&lang=nb&columns=name,city&filter=country:eq:NO`,
    );
    const text = res.bytes.toString('utf8').slice(1);
    const rows = parseCsv(text, ';');
    expect(rows[0]).toEqual(['Navn', 'Poststed']);
    expect(rows).toContainEqual(['Ærlig Østlandet Åsen AS', 'Oslo']);
    expect(rows.length).toBe(1 + 6);
    expect(text).toContain('"Semi;kolon, og ""sitat"" AS";');
  });

  it('applies the filters, search and sort of the list', async () => {
    const res = await download(
      admin,
      '/api/v1/companies/export?columns=name&q=masse%2000012&sort=-name&filter=country:eq:SE',
    );
    const rows = parseCsv(res.bytes.toString('utf8').slice(1), ',');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Masse 00012']);
    const desc = await download(admin, '/api/v1/companies/export?columns=name&sort=-name&filter=name:startsWith:Masse');
    const names = parseCsv(desc.bytes.toString('utf8').slice(1), ',')
      .slice(1)
      .map((r) => r[0]);
    expect(names.length).toBe(BULK);
    expect(names[0]).toBe(`Masse ${String(BULK).padStart(5, '0')}`);
    expect(names[BULK - 1]).toBe('Masse 00001');
  });

  it('writes XLSX that opens again, with formula-like values as text cells', async () => {
    const res = await download(
      admin,
      '/api/v1/companies/export?format=xlsx&columns=customerNumber,name,createdAt&filter=country:eq:NO',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Companies');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Customer number', 'Name', 'Created']);
    expect(sheet?.rowCount).toBe(1 + 6);
    const byName = new Map<string, ExcelJS.Cell>();
    sheet?.eachRow((row, n) => {
      if (n > 1) byName.set(String(row.getCell(2).value), row.getCell(2));
    });
    const formula = byName.get('=HYPERLINK("http://evil")');
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
    expect(formula?.numFmt).toBe('@');
    expect(byName.has('Ærlig Østlandet Åsen AS')).toBe(true);
    expect(typeof sheet?.getRow(2).getCell(1).value).toBe('number');
    expect(sheet?.getRow(2).getCell(3).value).toBeInstanceOf(Date);
  });

  it('leaves out cards only their owner may see', async () => {
    const owner = await t.member(admin, 'user');
    const colleague = await t.member(admin, 'user');
    await owner.post('/api/v1/companies', { name: 'Skjult Eier AS', visibility: 'owner' });
    const seen = async (c: Client) =>
      (await download(c, '/api/v1/companies/export?columns=name&q=skjult')).bytes.toString('utf8');
    expect(await seen(owner)).toContain('Skjult Eier AS');
    expect(await seen(admin)).toContain('Skjult Eier AS');
    expect(await seen(colleague)).not.toContain('Skjult Eier AS');
  });

  it('refuses unknown columns and filters with a clear 400', async () => {
    const col = await admin.get('/api/v1/companies/export?columns=name,password');
    expect(col.status).toBe(400);
    expect(col.body.error.message).toMatch(/Unknown column "password"/);
    const filter = await admin.get('/api/v1/companies/export?filter=secret:eq:1');
    expect(filter.status).toBe(400);
    expect((await admin.get('/api/v1/companies/export?format=pdf')).status).toBe(400);
  });
});

describe('exporting the contact list', () => {
  it('exports contacts with their company as CSV', async () => {
    const company = (await admin.post('/api/v1/companies', { name: 'Kontaktfirma AS' })).body;
    await admin.post('/api/v1/contacts', {
      firstName: 'Åse',
      lastName: 'Øvrebø',
      email: 'ase@kontakt.no',
      companyId: company.id,
    });
    await admin.post('/api/v1/contacts', { firstName: '=cmd', lastName: 'Angriper' });
    const res = await download(admin, '/api/v1/contacts/export?columns=lastName,firstName,companyName,email');
    const rows = parseCsv(res.bytes.toString('utf8').slice(1), ',');
    expect(rows[0]).toEqual(['Last name', 'First name', 'Company', 'E-mail']);
    expect(rows.slice(1)).toEqual([
      ['Angriper', "'=cmd", '', ''],
      ['Øvrebø', 'Åse', 'Kontaktfirma AS', 'ase@kontakt.no'],
    ]);
  });
});
