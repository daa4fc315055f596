import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type Rapport, removeDataDir, startRapport, watchPage } from '../lib/rapport.ts';

/**
 * Company categories: an administrator makes the category "Kunde – Gull" with a number field, opens a
 * company card, gives it the category, fills in the field, and finds the company counted and summed
 * in the category statistics. JOURNEY_SHOTS=<folder> keeps screenshots of each step.
 */
let rapport: Rapport;
let browser: Browser;
let page: Page;
let problems: string[];
let companyId: string;

const shots = process.env.JOURNEY_SHOTS;
async function shot(name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `categories-${name}.png`), fullPage: true });
}

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', acceptDownloads: true });
  problems = watchPage(page);
  const setup = await fetch(`${rapport.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace: 'Gullkysten AS',
      name: 'Gro Gull',
      email: 'gro@gullkysten.no',
      password: 'a long category password',
    }),
  });
  assert.equal(setup.status, 201);
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

const byTest = (id: string) => page.getByTestId(id);

test('signs in and creates the category "Kunde – Gull" with a number field in Settings', async () => {
  await page.goto(rapport.url);
  await byTest('signin-email').fill('gro@gullkysten.no');
  await byTest('signin-password').fill('a long category password');
  await byTest('signin-submit').click();
  await byTest('nav-companies').waitFor();
  await page.goto(`${rapport.url}/settings/categories`);
  await byTest('categories-settings').waitFor();
  await byTest('category-new').click();
  await byTest('category-editor').waitFor();
  await byTest('category-name').fill('Kunde – Gull');
  await page.getByRole('button', { name: 'yellow' }).click();
  await byTest('category-add-field').click();
  await byTest('category-field-label').fill('Omsetning');
  await byTest('category-field-type').click();
  await page.getByRole('option', { name: 'Number', exact: true }).click();
  await shot('1-editor');
  await byTest('category-save').click();
  await byTest('category-editor').waitFor({ state: 'detached' });
  const row = byTest('category-row').filter({ hasText: 'Kunde – Gull' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /1 field/);
  assert.match((await row.textContent()) ?? '', /Omsetning \(number\)/);
});

test('opens a company, adds the category and fills in the field', async () => {
  companyId = (await page.evaluate(async () => {
    const res = await fetch('/api/v1/companies', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'rapport' },
      body: JSON.stringify({ name: 'Gullfisk Eiendom AS' }),
    });
    return ((await res.json()) as { id: string }).id;
  })) as string;
  await page.goto(`${rapport.url}/companies/${companyId}`);
  const panel = byTest('company-categories');
  await panel.waitFor();
  assert.match((await panel.textContent()) ?? '', /No categories/);
  await byTest('category-add').click();
  await byTest('category-add-option').filter({ hasText: 'Kunde – Gull' }).click();
  await panel.getByTestId('category-chip').filter({ hasText: 'Kunde – Gull' }).waitFor();
  // A new category with fields opens for filling in.
  await byTest('cf-input-omsetning').fill('1500000');
  await shot('2-filling');
  await byTest('category-values-save').click();
  await byTest('cf-value-omsetning').waitFor();
  assert.match((await byTest('cf-value-omsetning').textContent()) ?? '', /1,500,000/);
  await shot('3-card');
  // The card was saved: it is there after a reload too.
  await page.reload();
  await byTest('cf-value-omsetning').waitFor();
  assert.match((await byTest('cf-value-omsetning').textContent()) ?? '', /1,500,000/);
});

test('sees the company counted and summed in the category statistics', async () => {
  await page.goto(`${rapport.url}/settings/categories`);
  const card = byTest('category-stats-card').filter({ hasText: 'Kunde – Gull' });
  await card.waitFor();
  assert.equal((await card.getByTestId('category-stats-count').textContent())?.trim(), '1');
  const omsetning = card.getByTestId('stats-field-row').filter({ hasText: 'Omsetning' });
  // With a value, sum, average, min and max.
  assert.deepEqual(
    (await omsetning.locator('td').allTextContents()).map((s) => s.trim()),
    ['Omsetning', '1', '1,500,000', '1,500,000', '1,500,000', '1,500,000'],
  );
  await shot('4-stats');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await byTest('category-stats-export').click();
      await byTest('category-stats-export-csv').click();
    })(),
  ]);
  assert.match(download.suggestedFilename(), /^category-statistics-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual(problems, []);
});
