import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, launchBrowser, type Rapport, removeDataDir, signedInWindow, startRapport } from '../lib/rapport.ts';

/**
 * Working with the company and contact lists over a realistic workspace (the demo data): the top-bar
 * search driven by the keyboard alone, importing a company from the national registry, "only the
 * owner" companies that stay hidden from colleagues, a filtered view saved for the workspace and
 * exported, and owner changes on many rows at once.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.join(root, 'server/test/fixtures/registries', name), 'utf8');
const WORKSPACE = 'Fjordlys AS';

let registry: Server;
let rapport: Rapport;
let browser: Browser;
let problems: string[];
const contexts: BrowserContext[] = [];

/** A signed-in API client (cookie session) for setting the scene. */
class Http {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  async req<T = Record<string, unknown>>(method: string, url: string, body?: unknown) {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-requested-with': 'rapport',
        origin: this.base,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json');
    return { status: res.status, body: (json && text ? JSON.parse(text) : null) as T, text };
  }
  get = <T = Record<string, unknown>>(url: string) => this.req<T>('GET', url);
  post = <T = Record<string, unknown>>(url: string, body?: unknown) => this.req<T>('POST', url, body ?? {});
}

type Person = { name: string; email: string; password: string; http: Http; id: string };
let admin: Person;
let ola: Person;
let kari: Person;

async function signUp(name: string, email: string, password: string): Promise<Person> {
  const http = new Http(rapport.url);
  const res = await http.post('/api/auth/sign-up/email', { name, email, password });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const inv = await admin.http.post<{ id: string }>('/api/v1/invitations', { email, role: 'user' });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  assert.equal((await http.post(`/api/v1/invitations/${inv.body.id}/accept`)).status, 200);
  const me = await http.get<{ user: { id: string } }>('/api/v1/me');
  return { name, email, password, http, id: me.body.user.id };
}

/** The demo dataset through the command line, against the running instance. */
function loadDemo(pgPort: number, companies: number) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', 'demo', '--workspace', WORKSPACE, '--companies', String(companies)],
      { cwd: root, env: { ...process.env, DATA_DIR: rapport.dataDir, PG_PORT: String(pgPort), LOG_LEVEL: 'warn' } },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo failed (${code}): ${out}`))));
  });
}

async function signedInPage(who: Person): Promise<Page> {
  const w = await signedInWindow(browser, rapport.url, who, problems, { acceptDownloads: true });
  contexts.push(w.context);
  return w.page;
}

let page: Page; // the administrator's
const ids: Record<string, string> = {};

before(async () => {
  // The national registry (Brønnøysund) and Finland's, answering from recorded payloads.
  registry = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body = '{"totalResults":0,"companies":[]}';
    if (url.pathname === '/brreg/enheter') {
      const wanted = (url.searchParams.get('navn') ?? '').toLowerCase().startsWith('equinor');
      body = fixture(wanted ? 'brreg-enheter-search.json' : 'brreg-enheter-empty.json');
    } else if (url.pathname.startsWith('/brreg/enheter/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"status":404}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;

  const pgPort = await freePort();
  rapport = await startRapport({
    env: { BRREG_URL: `${base}/brreg`, PRH_URL: `${base}/prh`, PG_PORT: String(pgPort) },
  });
  browser = await launchBrowser();
  problems = [];

  const adminHttp = new Http(rapport.url);
  const setup = await adminHttp.post('/api/v1/setup', {
    workspace: WORKSPACE,
    name: 'Ingrid Admin',
    email: 'ingrid@fjordlys.no',
    password: 'a long admin password',
  });
  assert.equal(setup.status, 201);
  await adminHttp.post('/api/auth/sign-in/email', { email: 'ingrid@fjordlys.no', password: 'a long admin password' });
  const me = await adminHttp.get<{ user: { id: string } }>('/api/v1/me');
  admin = {
    name: 'Ingrid Admin',
    email: 'ingrid@fjordlys.no',
    password: 'a long admin password',
    http: adminHttp,
    id: me.body.user.id,
  };
  ola = await signUp('Ola Selger', 'ola@fjordlys.no', 'ola has a long password');
  kari = await signUp('Kari Kollega', 'kari@fjordlys.no', 'kari has a long password');
  await loadDemo(pgPort, 1200);

  // A company with two people whose last name nobody else has, for the keyboard search.
  const tinde = await admin.http.post<{ id: string }>('/api/v1/companies', { name: 'Tindeholt Bygg AS' });
  ids.tindeholt = tinde.body.id;
  for (const firstName of ['Ane', 'Brage']) {
    const c = await admin.http.post<{ id: string }>('/api/v1/contacts', {
      firstName,
      lastName: 'Tindeholt',
      companyId: tinde.body.id,
    });
    ids[firstName] = c.body.id;
  }
  page = await signedInPage(admin);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
  registry?.closeAllConnections();
  await new Promise((r) => registry?.close(r));
});

test('search with the keyboard only: type, Tab to the contacts, ↓, Enter opens the contact card', async () => {
  await page.goto(`${rapport.url}/companies`);
  await page.getByTestId('company-row').first().waitFor();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('tindeholt');
  const input = page.getByRole('combobox');
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: /Brage Tindeholt/ }).waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const active = async () => {
    const id = await input.getAttribute('aria-activedescendant');
    return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  };
  // The companies come first, and the first hit is where Enter would go.
  assert.match(await active(), /Tindeholt Bygg AS/);
  assert.deepEqual(await listbox.getByRole('group').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-group'))), [
    'companies',
    'contacts',
    'create',
  ]);
  await page.keyboard.press('Tab');
  assert.match(await active(), /Ane Tindeholt/);
  await page.keyboard.press('ArrowDown');
  assert.match(await active(), /Brage Tindeholt/);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/contacts/${ids.Brage}`);
  await page.getByText('Brage Tindeholt').first().waitFor();
  assert.equal(await listbox.count(), 0);
  assert.deepEqual(problems, []);
});

test('Enter on a registry hit imports it as a new company and opens its card', async () => {
  await page.getByTestId('global-search').click();
  await page.keyboard.type('equinor');
  const hit = page.getByTestId('search-registry-hit').filter({ hasText: 'EQUINOR ASA' });
  await hit.waitFor();
  assert.match((await hit.textContent()) ?? '', /923 609 016/);
  // Nothing in the workspace matches, so the first registry hit is the one Enter takes.
  const input = page.getByRole('combobox');
  assert.equal(await input.getAttribute('aria-activedescendant'), await hit.getAttribute('id'));
  await page.keyboard.press('Enter');
  await page.getByTestId('company-card').waitFor();
  await page.getByTestId('company-title').filter({ hasText: 'EQUINOR ASA' }).waitFor();
  const id = /\/companies\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  const company = await admin.http.get<{
    name: string;
    orgNumber: string;
    country: string;
    website: string | null;
    addresses: { city: string | null }[];
  }>(`/api/v1/companies/${id}`);
  assert.equal(company.body.name, 'EQUINOR ASA');
  assert.equal(company.body.orgNumber?.replace(/\s/g, ''), '923609016');
  assert.equal(company.body.country, 'NO');
  assert.ok(company.body.addresses.some((a) => a.city === 'STAVANGER'));

  // Asked again, the registry says it is already here, and Enter opens it instead of a second copy.
  await page.getByTestId('global-search').click();
  await page.keyboard.type('equinor asa');
  await page.getByTestId('search-result').filter({ hasText: 'EQUINOR ASA' }).waitFor();
  await page
    .getByTestId('search-registry-hit')
    .filter({ hasText: /Already in Rapport/ })
    .first()
    .waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  const all = await admin.http.get<{ items: { name: string }[] }>('/api/v1/companies?q=equinor');
  assert.deepEqual(
    all.body.items.map((c) => c.name),
    ['EQUINOR ASA'],
  );
  assert.deepEqual(problems, []);
});

test('"New contact" from the typed text creates the contact and opens its card', async () => {
  await page.getByTestId('global-search').click();
  await page.keyboard.type('Signe Øvrebø');
  await page.getByTestId('search-new-contact').waitFor();
  // Down to the "New contact" entry of the Create group.
  const input = page.getByRole('combobox');
  for (let i = 0; i < 20; i++) {
    const id = await input.getAttribute('aria-activedescendant');
    if (id && (await page.locator(`[id="${id}"]`).getAttribute('data-testid')) === 'search-new-contact') break;
    await page.keyboard.press('ArrowDown');
  }
  assert.match(
    (await page.locator(`[id="${await input.getAttribute('aria-activedescendant')}"]`).textContent()) ?? '',
    /New contact “Signe Øvrebø”/,
  );
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  const id = /\/contacts\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  const contact = await admin.http.get<{ firstName: string; lastName: string }>(`/api/v1/contacts/${id}`);
  assert.deepEqual([contact.body.firstName, contact.body.lastName], ['Signe', 'Øvrebø']);
  // Accent- and case-insensitive: "ovrebo" finds her.
  await page.getByTestId('global-search').click();
  await page.keyboard.type('ovrebo');
  await page.getByTestId('search-result').filter({ hasText: 'Signe Øvrebø' }).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
});

test('an "only the owner" company is invisible to a colleague in the list, the search and by its address', async () => {
  const secret = await ola.http.post<{ id: string }>('/api/v1/companies', {
    name: 'Hemmelighet Rådgivning AS',
    visibility: 'owner',
  });
  assert.equal(secret.status, 201);
  const olaPage = await signedInPage(ola);
  await olaPage.goto(`${rapport.url}/companies?q=Hemmelighet`);
  await olaPage.getByTestId('company-row').filter({ hasText: 'Hemmelighet Rådgivning AS' }).waitFor();

  const kariPage = await signedInPage(kari);
  await kariPage.goto(`${rapport.url}/companies?q=Hemmelighet`);
  await kariPage.getByText('Nothing matches').waitFor();
  assert.equal(await kariPage.getByTestId('company-row').count(), 0);

  await kariPage.getByTestId('global-search').click();
  await kariPage.keyboard.type('hemmelighet');
  await kariPage.getByTestId('search-new-company').waitFor();
  await kariPage.getByText(/No companies or contacts match/).waitFor();
  assert.equal(await kariPage.getByTestId('search-result').count(), 0);
  await kariPage.keyboard.press('Escape');

  await kariPage.goto(`${rapport.url}/companies/${secret.body.id}`);
  await kariPage.getByText('Not found').first().waitFor();
  assert.equal(await kariPage.getByTestId('company-card').count(), 0);

  // Nor in her export.
  const csv = await kari.http.get('/api/v1/companies/export?format=csv&q=Hemmelighet');
  assert.equal(csv.status, 200);
  assert.doesNotMatch(csv.text, /Hemmelighet/);
  assert.match((await ola.http.get('/api/v1/companies/export?format=csv&q=Hemmelighet')).text, /Hemmelighet/);
  assert.deepEqual(problems, []);
});

/** Reads a CSV export (UTF-8 with BOM, quoted fields) into rows of cells. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

test('filters the list, saves it as a shared view, and exports exactly that view to CSV', async () => {
  await page.goto(`${rapport.url}/companies`);
  await page.getByTestId('company-row').first().waitFor();
  await page.getByTestId('filter-open').click();
  await page.getByTestId('filter-add').click();
  const row = page.getByTestId('filter-row').last();
  await row.getByTestId('filter-field').click();
  await page.getByRole('option', { name: 'Type', exact: true }).click();
  await row.getByTestId('filter-value').click();
  await page.getByRole('option', { name: 'Supplier', exact: true }).click();
  await page.getByTestId('filter-add').click();
  const second = page.getByTestId('filter-row').last();
  await second.getByTestId('filter-field').click();
  await page.getByRole('option', { name: 'Name', exact: true }).click();
  await second.getByTestId('filter-op').click();
  await page.getByRole('option', { name: 'contains', exact: true }).click();
  await second.getByTestId('filter-value').fill('a');
  await page.keyboard.press('Escape');
  await page.waitForURL(/filter=.*name%3Acontains%3Aa/);
  await page.getByTestId('filter-chip').filter({ hasText: 'Supplier' }).waitFor();

  // One more column, then sorted by a click on its header: latest changes first.
  await page.getByTestId('columns-open').click();
  await page.getByTestId('column-updatedAt').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Updated' }).click();
  await page.getByRole('button', { name: 'Updated' }).click();
  await page.waitForURL(/sort=-updatedAt/);

  await page.getByTestId('views-open').click();
  await page.getByTestId('view-save-as').click();
  await page.getByTestId('view-name').fill('Suppliers with an A');
  await page.getByTestId('view-shared').click();
  await page.getByTestId('view-save').click();
  await page.getByTestId('views-open').filter({ hasText: 'Suppliers with an A' }).waitFor();
  await page.waitForURL(/view=/);
  const link = page.url();

  const expected: { name: string; type: string }[] = [];
  for (let cursor: string | null = null; ; ) {
    const qs = new URLSearchParams({ limit: '500', sort: '-updatedAt' });
    qs.append('filter', 'type:eq:supplier');
    qs.append('filter', 'name:contains:a');
    if (cursor) qs.set('cursor', cursor);
    const res = await admin.http.get<{ items: { name: string; type: string }[]; nextCursor: string | null }>(
      `/api/v1/companies?${qs}`,
    );
    expected.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  assert.ok(expected.length > 20, `the demo data has suppliers (${expected.length})`);

  await page.getByTestId('export-open').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const rows = parseCsv((await readFile(await download.path())).toString('utf8'));
  const [header = [], ...data] = rows;
  assert.deepEqual(header.slice(0, 4), ['Customer number', 'Name', 'Organisation number', 'Type']);
  assert.equal(header.at(-1), 'Updated');
  assert.deepEqual(
    data.map((r) => r[1]),
    expected.map((c) => c.name),
  );
  assert.ok(data.every((r) => r[3] === 'supplier' && /a/i.test(r[1] ?? '')));

  // A colleague opens the link and sees the same list under the shared view's name.
  const kariPage = await signedInPage(kari);
  await kariPage.goto(link);
  await kariPage.getByTestId('views-open').filter({ hasText: 'Suppliers with an A' }).waitFor();
  await kariPage.getByTestId('filter-chip').filter({ hasText: 'Supplier' }).waitFor();
  await kariPage.getByTestId('company-row').first().waitFor();
  await kariPage.getByRole('button', { name: 'Updated' }).waitFor();
  const firstRow = (await kariPage.getByTestId('company-row').first().textContent()) ?? '';
  assert.ok(firstRow.includes(expected[0]?.name ?? '—'), firstRow);
  assert.deepEqual(problems, []);
});

test('selects a range of rows with shift-click and gives them a new owner in one go', async () => {
  const names = ['Nordavind Alfa AS', 'Nordavind Beta AS', 'Nordavind Gamma AS', 'Nordavind Delta AS'];
  for (const name of names) await admin.http.post('/api/v1/companies', { name });
  await page.goto(`${rapport.url}/companies?q=Nordavind`);
  const rows = page.getByTestId('company-row');
  await rows.nth(3).waitFor();
  assert.equal(await rows.count(), 4);
  await rows.nth(0).getByTestId('select-row').click();
  await rows
    .nth(3)
    .getByTestId('select-row')
    .click({ modifiers: ['Shift'] });
  await page.getByTestId('bulk-count').filter({ hasText: '4 selected' }).waitFor();

  await page.getByTestId('bulk-owner').click();
  await page.getByTestId('bulk-owner-select').click();
  await page.getByRole('option', { name: 'Ola Selger' }).click();
  await page.getByTestId('bulk-owner-apply').click();
  await page.getByText(/4 companies now owned by Ola Selger/).waitFor();
  assert.equal(await page.getByTestId('bulk-bar').count(), 0);
  // The rows say so at once, and so does the server.
  for (let i = 0; i < 4; i++) assert.match((await rows.nth(i).textContent()) ?? '', /Ola Selger/);
  const list = await admin.http.get<{ items: { name: string; ownerId: string }[] }>(
    '/api/v1/companies?q=Nordavind&limit=10',
  );
  assert.deepEqual(
    list.body.items.map((c) => c.ownerId),
    names.map(() => ola.id),
  );
  assert.deepEqual(problems, []);
});

test('deletes selected rows, and Undo brings them back where they were', async () => {
  const rows = page.getByTestId('company-row');
  await rows.nth(1).getByTestId('select-row').click();
  await rows.nth(2).getByTestId('select-row').click();
  await page.getByTestId('bulk-delete').click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await page.getByText('2 companies moved to the trash.').waitFor();
  assert.equal(await rows.count(), 2);
  await page.getByTestId('bulk-undo').click();
  await page.getByText('2 companies restored.').waitFor();
  await rows.nth(3).waitFor();
  assert.equal(await rows.count(), 4);
  const list = await admin.http.get<{ items: unknown[] }>('/api/v1/companies?q=Nordavind&limit=10');
  assert.equal(list.body.items.length, 4);
  assert.deepEqual(problems, []);
});

test('scrolls to the end of more than a thousand companies, page by page, without gaps or repeats', async () => {
  let total = 0;
  for (let cursor: string | null = null; ; ) {
    const res: { body: { items: unknown[]; nextCursor: string | null } } = await admin.http.get(
      `/api/v1/companies?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    total += res.body.items.length;
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  assert.ok(total > 1000);
  await page.goto(`${rapport.url}/companies`);
  await page.getByTestId('company-row').first().waitFor();
  const scroller = page.locator('table[aria-label="Companies"]').locator('xpath=..');
  const footer = page.getByText(/\d[\d,\u00a0 ]* shown/);
  for (let i = 0; i < 200; i++) {
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const text = (await footer.textContent()) ?? '';
    if (!text.includes('more')) break;
    await page.waitForTimeout(50);
  }
  const shown = Number(((await footer.textContent()) ?? '').replace(/[^\d]/g, ''));
  assert.equal(shown, total);
  assert.equal(await page.getByTestId('company-row').last().getAttribute('data-index'), String(total - 1));
  assert.deepEqual(problems, []);
});
