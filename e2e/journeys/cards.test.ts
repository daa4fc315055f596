import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeOrgNumber } from '@rapport/contracts/org-number.ts';
import type { Browser, Page } from 'playwright-core';
import { type ApiClient, createTeam } from '../lib/api-client.ts';
import { launchBrowser, type Rapport, removeDataDir, startRapport, watchPage } from '../lib/rapport.ts';

/**
 * The company and contact cards: create a company from a business-registry hit, meet the duplicate
 * warning and open the existing company instead, merge two companies that both have contacts and
 * notes, mention a colleague in a note (who gets a mail), and move a contact to another company.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.join(root, 'server/test/fixtures/registries', name), 'utf8');

let registry: Server;
let rapport: Rapport;
let browser: Browser;
let page: Page;
let problems: string[];
let admin: ApiClient;
const colleague = { name: 'Ola Kollega', email: 'ola@nordlys.no', password: 'a long colleague password' };

/** Answers like Brønnøysund from a recorded response; the Finnish registry never answers. */
function startRegistry(): Promise<string> {
  registry = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/prh/')) return; // hangs: the slow registry
    let body = '';
    if (url.pathname === '/brreg/enheter') {
      const wanted = (url.searchParams.get('navn') ?? '').toLowerCase().startsWith('equinor');
      body = fixture(wanted ? 'brreg-enheter-search.json' : 'brreg-enheter-empty.json');
    } else if (url.pathname === '/brreg/enheter/923609016') {
      body = JSON.stringify(JSON.parse(fixture('brreg-enheter-search.json'))._embedded.enheter[0]);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"status":404}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) =>
    registry.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(registry.address() as AddressInfo).port}`)),
  );
}

before(async () => {
  const base = await startRegistry();
  rapport = await startRapport({
    env: { BRREG_URL: `${base}/brreg`, PRH_URL: `${base}/prh`, REGISTRY_TIMEOUT_MS: '1500' },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  problems = watchPage(page);
  // With a colleague to mention: signs up, is invited, accepts.
  ({ admin } = await createTeam(
    rapport.url,
    'Nordlys Handel AS',
    { name: 'Nina Nordlys', email: 'nina@nordlys.no', password: 'a long admin password' },
    colleague,
  ));
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
  registry?.closeAllConnections();
  await new Promise((r) => registry?.close(r));
});

const byTest = (id: string) => page.getByTestId(id);
/** With CARDS_SHOTS=<folder>, the journey leaves screenshots of each step there to look at. */
const shot = async (name: string) => {
  if (process.env.CARDS_SHOTS) await page.screenshot({ path: path.join(process.env.CARDS_SHOTS, `${name}.png`) });
};

async function pickOption(testId: string, text: string, option: RegExp) {
  await byTest(testId).click();
  await byTest(testId).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

test('signs in and creates a company from a business-registry hit', async () => {
  await page.goto(rapport.url);
  await byTest('signin-email').fill('nina@nordlys.no');
  await byTest('signin-password').fill('a long admin password');
  await byTest('signin-submit').click();
  await byTest('nav-companies').click();
  await byTest('new-company').click();
  await byTest('company-form').waitFor();
  await byTest('company-name').fill('equinor');
  const hit = byTest('registry-hit').filter({ hasText: 'EQUINOR ASA' });
  await hit.waitFor();
  await shot('registry-hits');
  await hit.getByTestId('registry-use').click();
  // The hit filled the form: name, org number, industry and the addresses from the registry.
  assert.equal(await byTest('company-name').inputValue(), 'EQUINOR ASA');
  assert.equal(await byTest('company-org-number').inputValue(), '923 609 016');
  assert.equal(await byTest('company-industry').inputValue(), '06.100 Utvinning av råolje');
  await byTest('address-visiting').waitFor();
  await byTest('address-postal').waitFor();
  await shot('registry-prefilled');
  await byTest('company-save').click();
  await byTest('company-card').waitFor();
  assert.equal(await byTest('company-title').textContent(), 'EQUINOR ASA');
  assert.match((await byTest('fact-org-number').textContent()) ?? '', /923 609 016/);
  const addresses = (await byTest('company-addresses').textContent()) ?? '';
  assert.match(addresses, /Forusbeen 50/);
  assert.match(addresses, /4035 STAVANGER/);
  assert.match(addresses, /Postboks 8500 Forus/);
  assert.deepEqual(problems, []);
});

test('a registry that does not answer says so, and the form keeps working', async () => {
  await byTest('nav-companies').click();
  await byTest('new-company').click();
  await byTest('company-form').waitFor();
  // A Finnish company: the Finnish registry is asked, and it never answers.
  await pickOption('company-country', 'Finland', /Finland/);
  await byTest('company-name').fill('Tunturituuli Oy');
  const problem = byTest('registry-problem');
  await problem.waitFor({ timeout: 15_000 });
  assert.match((await problem.textContent()) ?? '', /Finnish business registry \(PRH\) did not answer in time/);
  await shot('registry-problem');
  await byTest('company-save').click();
  await byTest('company-card').waitFor();
  assert.equal(await byTest('company-title').textContent(), 'Tunturituuli Oy');
  assert.deepEqual(problems, []);
});

test('warns about an existing organisation number before saving and opens the existing company', async () => {
  await byTest('nav-companies').click();
  await byTest('new-company').click();
  await byTest('company-form').waitFor();
  await byTest('company-name').fill('Statoil');
  await byTest('company-org-number').fill('923609016');
  // Saving at once still meets the check: nothing is created while the warning is new.
  await byTest('company-save').click();
  const warning = byTest('company-duplicates');
  await warning.waitFor();
  assert.match((await warning.textContent()) ?? '', /EQUINOR ASA/);
  assert.match((await warning.textContent()) ?? '', /same org\. number/);
  // The save button takes its new label in the render after the warning's: wait for it (it fails if it never comes).
  await byTest('company-save').filter({ hasText: 'Save anyway' }).waitFor({ timeout: 5000 });
  await shot('duplicate-warning');
  const list = await admin.ok('GET', '/api/v1/companies?q=statoil');
  assert.equal(list.items.length, 0);
  await warning.getByTestId('open-duplicate').first().click();
  await byTest('company-title').filter({ hasText: 'EQUINOR ASA' }).waitFor();
  await byTest('company-form').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
});

let survivorId = '';

test('merges two companies that both have contacts and notes; the survivor has them all', async () => {
  const a = await admin.ok('POST', '/api/v1/companies', {
    name: 'Havlys Sjømat AS',
    country: 'NO',
    phones: [{ type: 'main', value: '+47 22 33 44 55' }],
  });
  const b = await admin.ok('POST', '/api/v1/companies', {
    name: 'Havlys Sjømat Nord',
    country: 'NO',
    industry: 'Fiskeoppdrett',
    emails: [{ type: 'invoice', value: 'faktura@havlys.no' }],
  });
  survivorId = a.id;
  await admin.ok('POST', '/api/v1/contacts', { firstName: 'Per', lastName: 'Havlys', companyId: a.id });
  await admin.ok('POST', '/api/v1/contacts', { firstName: 'Kari', lastName: 'Nordstrand', companyId: b.id });
  await admin.ok('POST', '/api/v1/notes', { entity: 'company', entityId: a.id, html: '<p>Met them at the fair</p>' });
  await admin.ok('POST', '/api/v1/notes', { entity: 'company', entityId: b.id, html: '<p>Invoices go north</p>' });

  await page.goto(`${rapport.url}/companies/${a.id}`);
  await byTest('company-card').waitFor();
  await byTest('merge-company').click();
  await pickOption('merge-pick', 'Havlys', /Havlys Sjømat Nord/);
  await byTest('merge-table').waitFor();
  // The survivor keeps its own name unless told otherwise; its empty industry is filled from the other.
  assert.equal(await byTest('merge-take-name-card').isChecked(), true);
  assert.equal(await byTest('merge-take-industry-other').isChecked(), true);
  await byTest('merge-take-emails-other').check();
  await shot('merge');
  await byTest('merge-confirm').click();
  await byTest('merge-modal').waitFor({ state: 'detached' });

  await byTest('company-title').filter({ hasText: 'Havlys Sjømat AS' }).waitFor();
  const contacts = byTest('overview-contacts');
  await contacts.getByText('Per Havlys').waitFor();
  await contacts.getByText('Kari Nordstrand').waitFor();
  const wall = byTest('notes-wall');
  await wall.getByText('Met them at the fair').waitFor();
  await wall.getByText('Invoices go north').waitFor();
  assert.match((await byTest('fact-industry').textContent()) ?? '', /Fiskeoppdrett/);
  assert.match((await byTest('company-facts').textContent()) ?? '', /faktura@havlys\.no/);
  // The duplicate went to the trash.
  assert.equal((await admin.call('GET', `/api/v1/companies/${b.id}`)).status, 404);
  await byTest('tab-history').click();
  await byTest('history-table').getByText('Havlys Sjømat Nord').first().waitFor();
  assert.deepEqual(problems, []);
});

test('a note mentioning a colleague shows on the wall and mails the colleague', async () => {
  await byTest('tab-overview').click();
  const editor = byTest('note-editor').locator('.ProseMirror');
  await editor.click();
  await page.keyboard.type('Please call them back, ');
  await page.keyboard.type('@Ola');
  await byTest('mention-option').first().waitFor();
  await shot('mention');
  await byTest('mention-option').filter({ hasText: colleague.name }).click();
  await page.keyboard.type('thanks!');
  await byTest('note-editor-save').click();
  const note = byTest('note').filter({ hasText: 'Please call them back' });
  await note.waitFor();
  assert.match((await note.getByTestId('note-body').textContent()) ?? '', /@Ola Kollega thanks!/);
  assert.equal(await note.locator('span[data-mention]').count(), 1);
  const outbox = await admin.ok('GET', '/api/v1/outbox');
  const mail = outbox.items.find(
    (m: { to: string; subject: string }) => m.to === colleague.email && /mentioned you/.test(m.subject),
  );
  assert.ok(mail, 'the mention mail is in the outbox');
  assert.match(mail.subject, /Nina Nordlys mentioned you on Havlys Sjømat AS/);
  assert.match(mail.text, /Please call them back, @Ola Kollega thanks!/);

  // Editing keeps the mention, and does not mail the colleague a second time.
  await note.getByTestId('note-menu').click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const edit = byTest('note-edit').locator('.ProseMirror');
  await edit.locator('span[data-mention]').waitFor();
  await edit.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Today.');
  await byTest('note-edit-save').click();
  await note.getByText('thanks! Today.').waitFor();
  assert.equal(await note.locator('span[data-mention]').count(), 1);
  const after = await admin.ok('GET', '/api/v1/outbox');
  const mentionMails = after.items.filter(
    (m: { to: string; subject: string }) => m.to === colleague.email && /mentioned you/.test(m.subject),
  );
  assert.equal(mentionMails.length, 1);
  assert.deepEqual(problems, []);
});

test('the company card as a user sees it', async () => {
  await admin.ok('PATCH', `/api/v1/companies/${survivorId}`, {
    version: (await admin.ok('GET', `/api/v1/companies/${survivorId}`)).version,
    orgNumber: makeOrgNumber('NO', 4711),
    website: 'havlys.no',
    paymentTermsDays: 30,
    currency: 'NOK',
    phones: [
      { type: 'main', value: '+47 22 33 44 55' },
      { type: 'mobile', value: '+47 912 34 567' },
    ],
    addresses: [
      { kind: 'visiting', street: 'Bryggen 12', postalCode: '5003', city: 'Bergen', country: 'NO' },
      { kind: 'invoice', street: 'Postboks 44', postalCode: '5804', city: 'Bergen', country: 'NO' },
    ],
  });
  await page.reload();
  await byTest('company-card').waitFor();
  await byTest('note').first().waitFor();
  // docs/company-card.png is a copy of this one, taken at 1400×900.
  const folder = process.env.CARDS_SHOTS ?? path.join(root, 'test-results');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, 'company-card.png') });
  assert.deepEqual(problems, []);
});

test('links an existing contact from the contacts tab, and removing it from the company only unlinks it', async () => {
  const equinor = (await admin.ok('GET', '/api/v1/companies?q=equinor')).items[0];
  await page.goto(`${rapport.url}/companies/${equinor.id}`);
  await byTest('tab-contacts').click();
  await byTest('link-contact').click();
  await pickOption('link-contact-pick', 'Nordstrand', /Kari Nordstrand/);
  await byTest('link-contact-modal')
    .getByText(/moves from Havlys Sjømat AS/)
    .waitFor();
  await byTest('link-contact-save').click();
  await byTest('link-contact-modal').waitFor({ state: 'detached' });
  const kari = byTest('company-contact').filter({ hasText: 'Kari Nordstrand' });
  await kari.waitFor();
  await byTest('company-contact-menu').click();
  await byTest('unlink-contact').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove from company' }).click();
  await kari.waitFor({ state: 'detached' });
  const contact = (await admin.ok('GET', '/api/v1/contacts?q=Nordstrand')).items[0];
  assert.equal(contact.companyId, null);
  assert.equal(contact.firstName, 'Kari');
  // The documents tab is on the card too.
  await byTest('tab-documents').click();
  await page
    .getByRole('button', { name: /upload/i })
    .first()
    .waitFor();
  assert.deepEqual(problems, []);
});

test('moves a contact to another company and keeps its history', async () => {
  const kari = (await admin.ok('GET', '/api/v1/contacts?q=Nordstrand')).items[0];
  await page.goto(`${rapport.url}/contacts/${kari.id}`);
  await byTest('contact-card').waitFor();
  await byTest('move-contact').click();
  await pickOption('contact-company', 'Havlys', /Havlys Sjømat AS/);
  await byTest('move-contact-save').click();
  await byTest('contact-company-link').filter({ hasText: 'Havlys Sjømat AS' }).waitFor();
  await shot('contact-card');
  await byTest('tab-history').click();
  const rows = byTest('history-row').filter({ hasText: 'Company' });
  await rows.filter({ hasText: 'Havlys Sjømat AS' }).first().waitFor();
  // Created at a company that was later merged away (moved by the merge), linked to EQUINOR, unlinked,
  // moved: one contact, every step kept.
  await rows.filter({ hasText: 'EQUINOR ASA' }).first().waitFor();
  assert.equal(await rows.count(), 5);
  await shot('contact-history');
  assert.deepEqual(problems, []);
});

test('merges two contacts (chosen values survive, notes move over); adding her again shows the duplicate', async () => {
  const a = await admin.ok('POST', '/api/v1/contacts', { firstName: 'Siri', lastName: 'Strand', title: 'CFO' });
  const b = await admin.ok('POST', '/api/v1/contacts', {
    firstName: 'Siri',
    lastName: 'Strand-Olsen',
    email: 'siri@strand.no',
  });
  await admin.ok('POST', '/api/v1/notes', { entity: 'contact', entityId: b.id, html: '<p>Prefers e-mail</p>' });
  await page.goto(`${rapport.url}/contacts/${a.id}`);
  await byTest('contact-card').waitFor();
  await byTest('merge-contact').click();
  await pickOption('merge-pick', 'Strand-Olsen', /Strand-Olsen/);
  await byTest('merge-table').waitFor();
  await byTest('merge-take-lastName-other').check();
  assert.equal(await byTest('merge-take-email-other').isChecked(), true);
  await byTest('merge-confirm').click();
  await byTest('merge-modal').waitFor({ state: 'detached' });
  await byTest('contact-title').filter({ hasText: 'Siri Strand-Olsen' }).waitFor();
  await byTest('notes-wall').getByText('Prefers e-mail').waitFor();
  assert.match((await byTest('contact-facts').textContent()) ?? '', /siri@strand\.no/);
  assert.match((await byTest('contact-facts').textContent()) ?? '', /CFO/);
  assert.equal((await admin.call('GET', `/api/v1/contacts/${b.id}`)).status, 404);

  // Adding her again from a company card meets the duplicate warning.
  await page.goto(`${rapport.url}/companies/${survivorId}`);
  await byTest('add-contact').click();
  await byTest('contact-first-name').fill('Siri');
  await byTest('contact-last-name').fill('Strand');
  await byTest('contact-email').fill('SIRI@strand.no');
  const warning = byTest('contact-duplicates');
  await warning.getByText('Siri Strand-Olsen').waitFor();
  assert.match((await warning.textContent()) ?? '', /same e-mail/);
  await warning.getByTestId('open-duplicate').click();
  await byTest('contact-title').filter({ hasText: 'Siri Strand-Olsen' }).waitFor();
  assert.deepEqual(problems, []);
});
