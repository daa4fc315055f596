import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type Rapport, removeDataDir, startRapport, watchPage } from '../lib/rapport.ts';

/**
 * A new user's first session: set Rapport up in the browser, create a company, add a contact to it,
 * find it with the search box, edit it, and see the change after a reload and after a restart.
 */
let rapport: Rapport;
let browser: Browser;
let page: Page;
let problems: string[];

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  problems = watchPage(page);
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

const byTest = (id: string) => page.getByTestId(id);

test('first visit shows the setup page and creates the workspace and administrator', async () => {
  await page.goto(rapport.url);
  await byTest('setup-form').waitFor();
  await page.getByLabel('Workspace name').fill('Fjordlys AS');
  await page.getByLabel('Your name').fill('Ingrid Admin');
  await page.getByLabel('E-mail').fill('ingrid@fjordlys.no');
  await page.getByLabel('Password', { exact: true }).fill('a long admin password');
  await byTest('setup-form').getByRole('button').last().click();
  await byTest('nav-companies').waitFor({ timeout: 20_000 });
  assert.deepEqual(problems, []);
});

test('signs out and in again', async () => {
  await byTest('user-menu').click();
  await page.getByRole('menuitem', { name: /sign out/i }).click();
  await byTest('signin-email').waitFor();
  await byTest('signin-email').fill('ingrid@fjordlys.no');
  await byTest('signin-password').fill('a long admin password');
  await byTest('signin-submit').click();
  await byTest('nav-companies').waitFor();
});

test('creates a company and opens its card', async () => {
  await byTest('nav-companies').click();
  await byTest('new-company').click();
  await byTest('company-form').waitFor();
  await byTest('company-name').fill('Havbris Sjømat AS');
  await byTest('company-org-number').fill('923 609 016');
  await byTest('company-save').click();
  await byTest('company-card').waitFor();
  assert.match((await byTest('company-title').textContent()) ?? '', /Havbris Sjømat AS/);
});

test('adds a contact to the company', async () => {
  await byTest('add-contact').click();
  await byTest('contact-form').waitFor();
  await byTest('contact-first-name').fill('Sigrid');
  await byTest('contact-last-name').fill('Havnes');
  await byTest('contact-email').fill('sigrid@havbris.no');
  await byTest('contact-save').click();
  await byTest('company-card').getByText('Sigrid Havnes').waitFor();
});

test('finds the company with the search box and edits it; the change survives a reload', async () => {
  await byTest('nav-contacts').click();
  await byTest('global-search').click();
  await byTest('global-search').fill('havbris');
  await byTest('search-result').filter({ hasText: 'Havbris Sjømat AS' }).first().click();
  await byTest('company-card').waitFor();
  await byTest('edit-company').click();
  await byTest('company-name').fill('Havbris Sjømat ASA');
  await byTest('company-save').click();
  await byTest('company-title').filter({ hasText: 'Havbris Sjømat ASA' }).waitFor();
  await page.reload();
  await byTest('company-title').filter({ hasText: 'Havbris Sjømat ASA' }).waitFor();
  assert.deepEqual(problems, []);
});

test('keeps the data and the session after a restart, and recovers after kill -9', async () => {
  const dataDir = rapport.dataDir;
  // Leave the card first: requests it still has running would rightly get 503 while Rapport stops.
  await page.goto('about:blank');
  assert.equal(await rapport.stop('SIGTERM'), 0);
  rapport = await startRapport({ dataDir });
  // Sessions live in PostgreSQL: the browser is still signed in after the restart.
  await page.goto(`${rapport.url}/companies`);
  await byTest('company-row').filter({ hasText: 'Havbris Sjømat ASA' }).waitFor();

  await rapport.stop('SIGKILL');
  rapport = await startRapport({ dataDir });
  await page.context().clearCookies();
  await page.goto(`${rapport.url}/companies`);
  await byTest('signin-email').waitFor();
  await byTest('signin-email').fill('ingrid@fjordlys.no');
  await byTest('signin-password').fill('a long admin password');
  await byTest('signin-submit').click();
  await byTest('company-row').filter({ hasText: 'Havbris Sjømat ASA' }).waitFor();
  await page.goto(`${rapport.url}/contacts`);
  await byTest('contact-row').filter({ hasText: 'Havnes' }).waitFor();
  assert.deepEqual(problems, []);
});
