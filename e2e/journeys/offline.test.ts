import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type Rapport, removeDataDir, startRapport } from '../lib/rapport.ts';

/**
 * A save that cannot reach the server: a Norwegian user writes a note on a company card, the server goes away,
 * and "Post note" says in Norwegian that the server cannot be reached — not the client's English — while the
 * note stays in the editor to be posted again.
 */
let rapport: Rapport;
let browser: Browser;
let page: Page;
let companyId: string;

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'nb-NO' });
  const setup = await fetch(`${rapport.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace: 'Nett AS',
      name: 'Nora Nett',
      email: 'nora@nett.no',
      password: 'a long offline password',
    }),
  });
  assert.equal(setup.status, 201);
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

test('signs in with Norwegian as her language and opens a company card', async () => {
  await page.goto(rapport.url);
  await page.getByTestId('signin-email').fill('nora@nett.no');
  await page.getByTestId('signin-password').fill('a long offline password');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-companies').waitFor();
  const writes = { 'x-requested-with': 'rapport' };
  const pref = await page.request.fetch(`${rapport.url}/api/v1/me/preferences`, {
    method: 'PATCH',
    headers: writes,
    data: { language: 'nb' },
  });
  assert.equal(pref.status(), 200);
  const company = await page.request.post(`${rapport.url}/api/v1/companies`, {
    headers: writes,
    data: { name: 'Nettfisk AS' },
  });
  assert.equal(company.status(), 201);
  companyId = (await company.json()).id;
  await page.goto(`${rapport.url}/companies/${companyId}`);
  await page.getByText('Notater', { exact: true }).waitFor();
});

test('a note posted while the server is gone: the reason in Norwegian, the text kept', async () => {
  const editor = page.getByTestId('note-editor-content');
  await editor.click();
  await page.keyboard.type('Ringte om ny avtale.');
  await rapport.stop();
  await page.getByTestId('note-editor-save').click();
  await page.getByText('Får ikke kontakt med serveren. Sjekk tilkoblingen og prøv igjen.').waitFor();
  assert.equal(await page.getByText('The server cannot be reached').count(), 0);
  assert.match((await editor.textContent()) ?? '', /Ringte om ny avtale\./);
});
