import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { makeOrgNumber } from '@rapport/contracts/org-number.ts';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type Rapport, removeDataDir, startRapport, watchPage } from '../lib/rapport.ts';

/**
 * Importing a customer list: upload a 1,000-row CSV with ten bad rows through the wizard, check the
 * mapping it guessed and the preview, run it, watch it finish, download the error report, and undo.
 */
let rapport: Rapport;
let browser: Browser;
let page: Page;
let problems: string[];

const header = ['Firmanavn', 'Org.nr', 'E-post', 'Telefon', 'Poststed'];
const bad = new Map<number, string>(); // row number in the file (header = 1) → field that is wrong
const rows: string[][] = [];
for (let i = 1; i <= 1000; i++) {
  rows.push([
    `Journey ${i} AS`,
    makeOrgNumber('NO', 40_000 + i * 11),
    `post${i}@journey.no`,
    '+47 22 33 44 55',
    'Bergen',
  ]);
}
for (const [k, n] of [9, 109, 209, 309, 409, 509, 609, 709, 809, 909].entries()) {
  const row = rows[n] as string[];
  if (k % 2 === 0) {
    row[2] = `broken-email-${n}`;
    bad.set(n + 2, 'email');
  } else {
    row[1] = `12345${n}`;
    bad.set(n + 2, 'orgNumber');
  }
}
const file = Buffer.from(`${[header, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf8');

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  problems = watchPage(page);
  const setup = await fetch(`${rapport.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace: 'Bergen Sjø AS',
      name: 'Ida Import',
      email: 'ida@bergen.no',
      password: 'a long import password',
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

test('signs in and opens the import wizard from the company list', async () => {
  await page.goto(rapport.url);
  await byTest('signin-email').fill('ida@bergen.no');
  await byTest('signin-password').fill('a long import password');
  await byTest('signin-submit').click();
  await byTest('nav-companies').click();
  await byTest('import-open').click();
  await page.locator('input[type=file]').setInputFiles({ name: 'kunder.csv', mimeType: 'text/csv', buffer: file });
  await byTest('import-mapping').waitFor();
  // The Norwegian headers were recognised.
  assert.equal(await byTest('import-map-0').inputValue(), 'Name');
  assert.equal(await byTest('import-map-1').inputValue(), 'Org number');
  assert.equal(await byTest('import-map-2').inputValue(), 'E-mail');
});

test('previews the first rows with the bad one highlighted', async () => {
  await byTest('import-to-preview').click();
  await byTest('import-preview').waitFor();
  const errorRows = byTest('import-preview').locator('tr[data-error]');
  assert.equal(await errorRows.count(), 1);
  assert.match((await errorRows.first().textContent()) ?? '', /^11/);
});

test('runs the import and shows the summary', async () => {
  const started = Date.now();
  await byTest('import-run').click();
  await byTest('import-summary').waitFor({ timeout: 120_000 });
  console.log(`wizard: run → summary in ${Date.now() - started} ms`);
  assert.match((await byTest('import-created').textContent()) ?? '', /990/);
  assert.match((await byTest('import-failed').textContent()) ?? '', /10/);
});

test('downloads the error report with exactly the ten bad rows', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), byTest('import-error-report').click()]);
  const text = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  assert.equal(lines[0], [...header, 'Error'].join(';'));
  assert.equal(lines.length, 11);
  const expected = [...bad.entries()].map(([row, field]) => ({ cells: (rows[row - 2] as string[]).join(';'), field }));
  for (const { cells, field } of expected) {
    const line = lines.find((l) => l.startsWith(`${cells};`));
    assert.ok(line, `missing ${cells}`);
    assert.ok(line.slice(cells.length + 1).startsWith(`${field}: `), line);
  }
});

test('undo takes the companies away again, and the history shows the import', async () => {
  await byTest('import-undo').click();
  await byTest('import-undone').waitFor();
  await page.keyboard.press('Escape');
  await page.goto(`${rapport.url}/settings/imports`);
  await byTest('import-history-row').first().waitFor();
  assert.match((await byTest('import-history-row').first().textContent()) ?? '', /kunder\.csv/);
  const list = (await page.evaluate(async () => (await fetch('/api/v1/companies?limit=5')).json())) as {
    items: unknown[];
  };
  assert.equal(list.items.length, 0);
  assert.deepEqual(problems, []);
});
