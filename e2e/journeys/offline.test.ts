import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../lib/api-client.ts';
import { launchBrowser, type Rapport, removeDataDir, signInThroughPage, startRapport } from '../lib/rapport.ts';

/**
 * A save that cannot reach the server: a Norwegian user writes a note on a company card, the server goes away,
 * and "Post note" says in Norwegian that the server cannot be reached — not the client's English — while the
 * note stays in the editor to be posted again.
 */
let rapport: Rapport;
let browser: Browser;
let page: Page;
let companyId: string;
const nora = { name: 'Nora Nett', email: 'nora@nett.no', password: 'a long offline password' };

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'nb-NO' });
  // The scene through the API: the workspace, Norwegian as her language, a company.
  const api = new ApiClient(rapport.url);
  await api.ok('POST', '/api/v1/setup', { workspace: 'Nett AS', ...nora });
  await api.ok('POST', '/api/auth/sign-in/email', { email: nora.email, password: nora.password });
  await api.ok('PATCH', '/api/v1/me/preferences', { language: 'nb' });
  companyId = (await api.ok('POST', '/api/v1/companies', { name: 'Nettfisk AS' })).id;
});

after(async () => {
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

test('signs in and opens the company card, in Norwegian', async () => {
  await signInThroughPage(page, rapport.url, nora);
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
