import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type ApiClient, createTeam } from '../lib/api-client.ts';
import { launchBrowser, type Rapport, removeDataDir, signedInWindow, startRapport } from '../lib/rapport.ts';

/**
 * Tasks: from a company card an administrator gives a colleague a task that is already overdue; another one is
 * due later today. The colleague finds both in the task list — the overdue one in red and under "Overdue", the
 * other under "Today" — and marks them done together. The company card's panel then shows them as done, and the
 * company list's "next activity" / "last activity" columns follow.
 */
const ZONE = 'Europe/Oslo';
const admin = { name: 'Ingrid Admin', email: 'ingrid@fjordlys.no', password: 'a long admin password' };
const colleague = { name: 'Ola Kollega', email: 'ola@fjordlys.no', password: 'a long colleague password' };

let rapport: Rapport;
let browser: Browser;
let problems: string[];
const contexts: BrowserContext[] = [];
let page: Page; // the administrator's
let companyId: string;
let olaId: string;
let api: ApiClient; // the administrator's

/** With TASKS_SHOTS=<folder>, the journey leaves screenshots of each step there to look at. */
const shot = async (p: Page, name: string) => {
  if (process.env.TASKS_SHOTS) await p.screenshot({ path: path.join(process.env.TASKS_SHOTS, `${name}.png`) });
};

/** Today and yesterday as civil dates in the zone. */
function days() {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE });
  return { today: fmt.format(new Date()), yesterday: fmt.format(new Date(Date.now() - 86_400_000)) };
}

/** An instant from a civil date and time in the zone. */
function inZone(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const n = (k: string) => Number(p[k] ?? 0);
  const shown = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

/** Waits until an input shows the value (inputs fill in as their data arrives). */
async function waitForValue(input: Locator, value: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await input.inputValue();
    if (now === value) return;
    if (Date.now() > deadline) assert.equal(now, value);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signedInPage(who: { email: string; password: string }): Promise<Page> {
  const w = await signedInWindow(browser, rapport.url, who, problems, { timezoneId: ZONE, locale: 'en-GB' });
  contexts.push(w.context);
  return w.page;
}

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  problems = [];
  const team = await createTeam(rapport.url, 'Fjordlys AS', admin, colleague);
  api = team.admin;
  const ola = team.colleague;
  olaId = (await ola.ok('GET', '/api/v1/me')).user.id;
  companyId = (await api.ok('POST', '/api/v1/companies', { name: 'Fjordkraft AS', type: 'customer' })).id;
  // Another task for Ola at the same company, due late today (in the zone).
  const { today } = days();
  await api.ok('POST', '/api/v1/activities', {
    kind: 'task',
    title: 'Call about the renewal',
    start: inZone(today, '23:45').toISOString(),
    ownerId: olaId,
    companyId,
  });
  page = await signedInPage(admin);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

test('creates an overdue task for a colleague from the company card', async () => {
  await page.goto(`${rapport.url}/companies/${companyId}`);
  const panel = page.getByTestId('activity-panel');
  await panel.waitFor();
  await panel.getByTestId('activity-item').filter({ hasText: 'Call about the renewal' }).waitFor();
  await shot(page, 'card-panel-before');

  await page.getByTestId('panel-new-activity').click();
  const form = page.getByTestId('activity-form');
  await form.waitFor();
  // The company of the card is filled in.
  await waitForValue(page.getByTestId('activity-company'), 'Fjordkraft AS');
  await page.getByTestId('activity-title').fill('Send the offer');
  await page.getByTestId('activity-owner').click();
  await page.getByRole('option', { name: colleague.name }).click();
  await page.getByTestId('activity-priority').click();
  await page.getByRole('option', { name: 'High' }).click();

  // Due yesterday: picked in the calendar.
  const { yesterday } = days();
  await page.getByTestId('activity-start').click();
  const label = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${yesterday}T12:00:00Z`));
  const day = page.getByRole('button', { name: label, exact: true });
  // Count the days only once the calendar is open: counting before it renders went a month back by mistake.
  await page.getByRole('button', { name: 'Previous month' }).waitFor();
  if ((await day.count()) === 0) await page.getByRole('button', { name: 'Previous month' }).click();
  await day.first().click();
  await page.getByTestId('activity-start-ok').click();
  await shot(page, 'modal-task');
  await page.getByTestId('activity-save').click();
  await form.waitFor({ state: 'detached' });

  const created = panel.getByTestId('activity-item').filter({ hasText: 'Send the offer' });
  await created.waitFor();
  await created.getByTestId('activity-overdue').waitFor();
  assert.match((await created.textContent()) ?? '', /Ola Kollega/);
  await shot(page, 'card-panel-created');
  assert.deepEqual(problems, []);
});

test('the colleague finds the tasks in the task list as overdue and today, and completes both at once', async () => {
  const olaPage = await signedInPage(colleague);
  await olaPage.getByTestId('nav-tasks').click();
  const rows = olaPage.getByTestId('task-row');
  const offer = rows.filter({ hasText: /Send the (signed )?offer/ });
  const renewal = rows.filter({ hasText: 'Call about the renewal' });
  await offer.waitFor();
  await renewal.waitFor();
  // The overdue one is red.
  const title = offer.getByTestId('task-title');
  assert.equal(await title.getAttribute('data-overdue'), 'true');
  const color = await title.evaluate(
    (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color,
  );
  assert.match(color, /rgb\((2[0-5]\d|1[5-9]\d), \d{1,2}, \d{1,2}\)/, `red title, got ${color}`);
  await shot(olaPage, 'task-list');

  // The keyboard opens a row in the modal.
  await offer.focus();
  await olaPage.keyboard.press('Enter');
  const form = olaPage.getByTestId('activity-form');
  await form.waitFor();
  assert.equal(await olaPage.getByTestId('activity-title').inputValue(), 'Send the offer');
  await shot(olaPage, 'modal-edit');
  // Meanwhile the administrator renames it: saving meets the newer version and offers to reload it.
  const [task] = (await api.ok('GET', '/api/v1/activities?q=Send%20the%20offer')).items;
  await api.ok('PATCH', `/api/v1/activities/${task.id}`, { version: task.version, title: 'Send the signed offer' });
  await olaPage.getByTestId('activity-description').fill('With the new prices');
  await olaPage.getByTestId('activity-save').click();
  const conflict = olaPage.getByTestId('activity-version-conflict');
  await conflict.waitFor();
  await shot(olaPage, 'modal-conflict');
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await waitForValue(olaPage.getByTestId('activity-title'), 'Send the signed offer');
  await olaPage.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  await offer.waitFor();

  await olaPage.getByTestId('tasks-due').getByText('Overdue', { exact: true }).click();
  await renewal.waitFor({ state: 'detached' });
  assert.equal(await offer.count(), 1);
  await olaPage.getByTestId('tasks-due').getByText('Today', { exact: true }).click();
  await renewal.waitFor();
  assert.equal(await offer.count(), 0);
  await olaPage.getByTestId('tasks-due').getByText('Any time', { exact: true }).click();
  await offer.waitFor();

  await olaPage.getByTestId('select-all').check();
  await olaPage.getByTestId('bulk-bar').waitFor();
  await shot(olaPage, 'task-list-selected');
  await olaPage.getByTestId('bulk-complete').click();
  // Open tasks only: both leave the list.
  await offer.waitFor({ state: 'detached' });
  await renewal.waitFor({ state: 'detached' });
  await olaPage.getByTestId('tasks-status').getByText('Done', { exact: true }).click();
  await offer.waitFor();
  await renewal.waitFor();
  assert.deepEqual(problems, []);
});

test("the company card's panel shows them done, and the company list's activity columns follow", async () => {
  await page.reload();
  const panel = page.getByTestId('activity-panel');
  const recent = panel.getByTestId('panel-recent');
  await recent.getByTestId('activity-item').filter({ hasText: 'Send the signed offer' }).waitFor();
  await recent.getByTestId('activity-item').filter({ hasText: 'Call about the renewal' }).waitFor();
  assert.equal(await panel.getByTestId('panel-upcoming').count(), 0);
  await shot(page, 'card-panel-done');

  await page.goto(`${rapport.url}/companies?cols=name,nextActivityAt,lastActivityAt`);
  const row = page.getByTestId('company-row').filter({ hasText: 'Fjordkraft AS' });
  await row.waitFor();
  const cells = row.locator('td');
  // Nothing open any more; the last one took place just now (the renewal call, done before its due time).
  assert.equal(((await cells.nth(2).textContent()) ?? '').trim(), '');
  assert.notEqual(((await cells.nth(3).textContent()) ?? '').trim(), '');
  // Sorting by last activity gives the latest first.
  await page.getByRole('columnheader', { name: 'Last activity' }).getByRole('button').click();
  await page.waitForURL(/sort=-lastActivityAt/);
  await row.waitFor();
  await shot(page, 'company-list-columns');
  assert.deepEqual(problems, []);
});
