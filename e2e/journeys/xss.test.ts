import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type Rapport, removeDataDir, signInThroughPage, startRapport } from '../lib/rapport.ts';

/**
 * Stored XSS: script payloads go into every text field of a company and a contact, a custom field, a
 * note, a relation note, a category name, a file name, a room, a meeting (title, description, place) and a
 * task — through the API, as an attacker with a normal account would. Then an administrator and a user
 * open the lists, the cards, every tab, the diary, the task list, the activity page, the home page, the
 * search, the bell and the settings in Chromium. No payload may run: the page counts calls of `window.__xss`
 * and any dialog, and every page carries the Content-Security-Policy header.
 */
let rapport: Rapport;
let browser: Browser;
const PAYLOADS = [
  '<img src=x onerror="window.__xss(1)">',
  '<script>window.__xss(2)</script>',
  '"><svg onload="window.__xss(3)">',
  'javascript:window.__xss(4)',
  '<a href="javascript:window.__xss(5)">klikk</a>',
  '<iframe srcdoc="<script>parent.__xss(6)</script>"></iframe>',
  '{{constructor.constructor("window.__xss(7)")()}}',
];
const P = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;

let adminCookie = '';
let userEmail = '';
const ids: Record<string, string> = {};

async function call(method: string, path: string, body?: unknown, cookie = adminCookie) {
  const res = await fetch(`${rapport.url}${path}`, {
    method,
    headers: { cookie, 'x-requested-with': 'rapport', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function signIn(email: string, password: string) {
  const res = await fetch(`${rapport.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: rapport.url },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  const setup = await fetch(`${rapport.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace: 'Trygg AS',
      name: 'Admin',
      email: 'admin@trygg.no',
      password: 'a long xss password',
    }),
  });
  assert.equal(setup.status, 201);
  adminCookie = await signIn('admin@trygg.no', 'a long xss password');

  // A colleague with the user role, who plants the payloads.
  userEmail = 'bruker@trygg.no';
  const inv = await call('POST', '/api/v1/invitations', { email: userEmail, role: 'user' });
  const signUp = await fetch(`${rapport.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: rapport.url },
    body: JSON.stringify({ email: userEmail, password: 'a long user password', name: P(0) }),
  });
  assert.equal(signUp.status, 200);
  const userCookie = await signIn(userEmail, 'a long user password');
  const accepted = await call('POST', `/api/v1/invitations/${inv.body.id}/accept`, {}, userCookie);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));

  const category = await call('POST', '/api/v1/categories', {
    name: `Kat ${P(1)}`.slice(0, 100),
    fields: [
      { label: `Felt ${P(2)}`.slice(0, 100), type: 'text' },
      { label: 'Valg', type: 'select', options: [{ label: P(3).slice(0, 100) }] },
    ],
  });
  assert.equal(category.status, 201, JSON.stringify(category.body));
  const company = await call(
    'POST',
    '/api/v1/companies',
    {
      name: `Firma ${P(0)}`,
      industry: P(1),
      website: 'https://trygg.no/"onmouseover="window.__xss(8)',
      email: 'post@trygg.no',
      phones: [{ type: 'main', value: '+47 22 33 44 55' }],
      addresses: [{ kind: 'visiting', street: P(2), postalCode: '0150', city: P(4), country: 'NO' }],
    },
    userCookie,
  );
  assert.equal(company.status, 201, JSON.stringify(company.body));
  ids.company = company.body.id;
  const withCategory = await call(
    'PATCH',
    `/api/v1/companies/${ids.company}`,
    {
      version: company.body.version,
      categoryIds: [category.body.id],
      customFields: { [category.body.fields[0].id]: P(5) },
    },
    userCookie,
  );
  assert.equal(withCategory.status, 200, JSON.stringify(withCategory.body));
  const contact = await call(
    'POST',
    '/api/v1/contacts',
    { firstName: P(2), lastName: `Person ${P(6)}`, title: P(4), companyId: ids.company },
    userCookie,
  );
  assert.equal(contact.status, 201, JSON.stringify(contact.body));
  ids.contact = contact.body.id;
  for (const [entity, id] of [
    ['company', ids.company],
    ['contact', ids.contact],
  ] as const) {
    const note = await call(
      'POST',
      '/api/v1/notes',
      {
        entity,
        entityId: id,
        html: `<p>Notat ${P(0)} ${P(1)} ${P(4)}</p><a href="javascript:window.__xss(9)">lenke</a>`,
      },
      userCookie,
    );
    assert.equal(note.status, 201, JSON.stringify(note.body));
    const form = new FormData();
    form.append('file', new Blob(['hei']), `fil ${P(2)}.txt`.replace(/[/\\]/g, ''));
    const up = await fetch(`${rapport.url}/api/v1/documents?entity=${entity}&entityId=${id}`, {
      method: 'POST',
      headers: { cookie: userCookie, 'x-requested-with': 'rapport' },
      body: form,
    });
    assert.equal(up.status, 201);
  }
  // Activities: a room and a meeting booked in it this week, and a task due today, all carrying payloads.
  const room = await call('POST', '/api/v1/resources', { name: `Rom ${P(5)}`.slice(0, 120), description: P(1) });
  assert.equal(room.status, 201, JSON.stringify(room.body));
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  const meeting = await call(
    'POST',
    '/api/v1/activities',
    {
      kind: 'meeting',
      title: `Møte ${P(3)}`,
      description: `${P(0)} ${P(4)}`,
      location: P(2).slice(0, 300),
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      companyId: ids.company,
      participantContactIds: [ids.contact],
      resourceIds: [room.body.id],
    },
    userCookie,
  );
  assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
  ids.meeting = meeting.body.id;
  const task = await call(
    'POST',
    '/api/v1/activities',
    { kind: 'task', title: `Oppgave ${P(5)}`, start: now.toISOString(), companyId: ids.company },
    userCookie,
  );
  assert.equal(task.status, 201, JSON.stringify(task.body));

  const other = await call('POST', '/api/v1/companies', { name: `Partner ${P(6)}` }, userCookie);
  const types = await call('GET', '/api/v1/relation-types', undefined, userCookie);
  const partner =
    types.body.items.find((x: { key?: string; kind?: string }) => x.key === 'partner') ?? types.body.items[0];
  await call(
    'POST',
    '/api/v1/company-relations',
    { fromCompanyId: ids.company, toCompanyId: other.body.id, typeId: partner.id, note: P(1) },
    userCookie,
  );
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

async function visitAll(email: string, password: string) {
  const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const ran: string[] = [];
  await page.exposeFunction('__xss', (n: number) => ran.push(`payload ${n} ran`));
  page.on('dialog', (d) => {
    ran.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const missingCsp: string[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document' && !res.headers()['content-security-policy']) {
      missingCsp.push(res.url());
    }
  });
  await signInThroughPage(page, rapport.url, { email, password });
  const visits = [
    '/companies',
    '/contacts',
    `/companies/${ids.company}`,
    `/contacts/${ids.contact}`,
    '/settings',
    '/settings/categories',
    '/trash',
    '/diary',
    '/diary?view=month',
    '/diary?view=agenda',
    '/tasks',
    `/activities/${ids.meeting}`,
    '/home',
  ];
  let tabs = 0;
  for (const path of visits) {
    await page.goto(`${rapport.url}${path}`);
    await page.waitForLoadState('networkidle');
    for (const tab of await page.locator('[role="tab"]').all()) {
      await tab.click().catch(() => {});
      await page.waitForLoadState('networkidle');
      tabs++;
    }
  }
  // The search box shows the names too.
  await page.goto(`${rapport.url}/companies`);
  const search = page.getByRole('combobox').first();
  await search.fill('Firma');
  await page.waitForTimeout(800);
  await search.fill('Person');
  await page.waitForTimeout(800);
  await search.fill('Møte');
  await page.waitForTimeout(800);
  // The bell's list shows the names of activities too.
  await page
    .getByTestId('bell')
    .click()
    .catch(() => {});
  await page.waitForTimeout(500);
  await page.close();
  return { ran, missingCsp, tabs };
}

test('an administrator opens every page with the payloads and nothing runs', async () => {
  const r = await visitAll('admin@trygg.no', 'a long xss password');
  assert.deepEqual(r.ran, []);
  assert.deepEqual(r.missingCsp, []);
  assert.ok(r.tabs >= 6, `tabs visited: ${r.tabs}`);
});

test('the user who planted them opens every page and nothing runs', async () => {
  const r = await visitAll(userEmail, 'a long user password');
  assert.deepEqual(r.ran, []);
  assert.deepEqual(r.missingCsp, []);
});

test('the API hands back the stored text as text, and notes without their scripts', async () => {
  const notes = await call('GET', `/api/v1/notes?entity=company&entityId=${ids.company}`);
  const html = notes.body.items[0].html as string;
  assert.doesNotMatch(html, /<script|onerror|javascript:|<iframe/i);
  const company = await call('GET', `/api/v1/companies/${ids.company}`);
  assert.equal(company.body.industry, P(1));
});
