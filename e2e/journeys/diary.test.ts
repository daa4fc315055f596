import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ApiClient, createTeam } from '../lib/api-client.ts';
import { launchBrowser, type Rapport, removeDataDir, signedInWindow, startRapport } from '../lib/rapport.ts';

/**
 * The diary: an administrator books a meeting with a colleague and a room by selecting its time in the week
 * view; a second booking of the room at the same time is refused with a message naming the first; the colleague,
 * signed in elsewhere, finds the meeting among the notifications of the bell; the administrator drags the meeting
 * to another day and finds it there after a reload.
 */
const ZONE = 'Europe/Oslo';
const admin = { name: 'Ingrid Admin', email: 'ingrid@fjordlys.no', password: 'a long admin password' };
const colleague = { name: 'Ola Kollega', email: 'ola@fjordlys.no', password: 'a long colleague password' };

let rapport: Rapport;
let browser: Browser;
let problems: string[];
const contexts: BrowserContext[] = [];
let page: Page; // the administrator's

/** Civil dates in the diary's zone: the Tuesday and Thursday of next week. */
function nextWeek(): { tuesday: string; thursday: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date()); // YYYY-MM-DD
  const t = new Date(`${today}T00:00:00Z`);
  const monday = new Date(t.getTime() - ((t.getUTCDay() + 6) % 7) * 86_400_000 + 7 * 86_400_000);
  const day = (n: number) => new Date(monday.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return { tuesday: day(1), thursday: day(3) };
}

async function signedInPage(who: { email: string; password: string }): Promise<Page> {
  const w = await signedInWindow(browser, rapport.url, who, problems, { timezoneId: ZONE, locale: 'en-GB' });
  contexts.push(w.context);
  return w.page;
}

/** The point of a day column at a time of day ("10:30"), in page coordinates. */
async function pointAt(column: Locator, time: string): Promise<{ x: number; y: number }> {
  const box = await column.boundingBox();
  assert.ok(box, 'the day column is on screen');
  const [h, m] = time.split(':').map(Number);
  return { x: box.x + box.width / 2, y: box.y + (((h ?? 0) * 60 + (m ?? 0)) / 1440) * box.height };
}

async function drag(p: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await p.mouse.move(from.x, from.y);
  await p.mouse.down();
  await p.mouse.move(from.x + 3, from.y + 6, { steps: 2 });
  await p.mouse.move(to.x, to.y, { steps: 10 });
  await p.mouse.up();
}

/** Picks an option of a Mantine multi-select by typing part of its label. */
async function pick(p: Page, testId: string, text: string, option: string) {
  await p.getByTestId(testId).click();
  await p.getByTestId(testId).fill(text);
  await p.getByRole('option', { name: option }).click();
  await p.keyboard.press('Escape');
}

const column = (day: string) => page.locator(`[data-testid="diary-column"][data-day="${day}"]`);
const item = (title: string) => page.getByTestId('diary-item').filter({ hasText: title });

before(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  problems = [];
  const { admin: api } = await createTeam(rapport.url, 'Fjordlys AS', admin, colleague);
  await api.ok('POST', '/api/v1/resources', { name: 'Fjord', kind: 'room', capacity: 8 });
  page = await signedInPage(admin);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await rapport?.stop();
  if (rapport) removeDataDir(rapport.dataDir);
});

const { tuesday, thursday } = nextWeek();

test('books a meeting with a colleague and a room by selecting its time in the week', async () => {
  await page.getByTestId('nav-diary').click();
  await page.getByTestId('diary-grid').waitFor();
  // The address bar takes the diary to next week.
  await page.goto(`${rapport.url}/diary?date=${tuesday}`);
  await column(tuesday).waitFor();
  assert.match((await page.getByTestId('diary-week-number').textContent()) ?? '', /Week \d+/);

  await drag(page, await pointAt(column(tuesday), '10:05'), await pointAt(column(tuesday), '10:55'));
  const modal = page.getByTestId('activity-form');
  await modal.waitFor();
  await page.getByTestId('activity-title').fill('Board meeting');
  await pick(page, 'activity-participants', 'Ola', colleague.name);
  await pick(page, 'activity-resources', 'Fjord', 'Fjord');
  await page.getByTestId('activity-save').click();
  await modal.waitFor({ state: 'detached' });

  const booked = item('Board meeting');
  await booked.waitFor();
  assert.equal(await booked.getAttribute('data-day'), tuesday);
  const start = new Date((await booked.getAttribute('data-start')) ?? '');
  assert.equal(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(start),
    '10:00',
  );
  assert.deepEqual(problems, []);
});

test('a second booking of the room at the same time is refused, naming the first booking', async () => {
  // From the free half hour above the meeting down to its end: the room is taken for the whole meeting.
  await drag(page, await pointAt(column(tuesday), '09:35'), await pointAt(column(tuesday), '10:50'));
  const modal = page.getByTestId('activity-form');
  await modal.waitFor();
  await page.getByTestId('activity-title').fill('Sales review');
  await pick(page, 'activity-resources', 'Fjord', 'Fjord');
  await page.getByTestId('activity-save').click();
  const refusal = page.getByTestId('activity-booking-conflict');
  await refusal.waitFor();
  const text = (await refusal.textContent()) ?? '';
  assert.match(text, /Fjord/);
  assert.match(text, /Board meeting/);
  // Nothing was booked: the form stays open with what was typed.
  assert.equal(await page.getByTestId('activity-title').inputValue(), 'Sales review');
  await page.keyboard.press('Escape');
  await modal.waitFor({ state: 'detached' });
  assert.equal(await item('Sales review').count(), 0);
  assert.equal(await item('Board meeting').count(), 1);
});

test('the colleague sees the meeting among the notifications of the bell', async () => {
  const olaPage = await signedInPage(colleague);
  const bell = olaPage.getByTestId('bell');
  await bell.waitFor();
  // One unread notification: being added to the meeting.
  await olaPage.locator('[data-testid="bell-count"][data-count="1"]').waitFor();
  await bell.click();
  await olaPage.getByTestId('bell-item').filter({ hasText: 'Board meeting' }).waitFor();
  // The meeting is in the colleague's own diary too.
  await olaPage.goto(`${rapport.url}/diary?date=${tuesday}`);
  await olaPage.getByTestId('diary-item').filter({ hasText: 'Board meeting' }).waitFor();
  assert.deepEqual(problems, []);
});

test('drags the meeting to Thursday; after a reload it is there', async () => {
  const booked = item('Board meeting');
  const box = await booked.boundingBox();
  assert.ok(box);
  const from = { x: box.x + box.width / 2, y: box.y + 12 };
  const target = await column(thursday).boundingBox();
  assert.ok(target);
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/activities/'),
  );
  await drag(page, from, { x: target.x + target.width / 2, y: from.y });
  assert.equal((await saved).status(), 200);
  await page
    .locator(`[data-testid="diary-item"][data-day="${thursday}"]`)
    .filter({ hasText: 'Board meeting' })
    .waitFor();

  await page.reload();
  const moved = item('Board meeting');
  await moved.waitFor();
  assert.equal(await moved.getAttribute('data-day'), thursday);
  const start = new Date((await moved.getAttribute('data-start')) ?? '');
  assert.equal(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(start),
    '10:00',
  );
  assert.deepEqual(problems, []);
});

/** An instant (ISO) of a wall-clock time in the diary's zone. */
function inZone(day: string, time: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') || '+00:00';
  return new Date(`${day}T${time}:00${offset}`).toISOString();
}

test('moving a booking onto a taken room is refused: it snaps back and the message names the booking', async () => {
  const api = new ApiClient(rapport.url);
  await api.ok('POST', '/api/auth/sign-in/email', { email: admin.email, password: admin.password });
  const rooms = await api.ok('GET', '/api/v1/resources');
  const fjord = rooms.items.find((r: { name: string }) => r.name === 'Fjord');
  await api.ok('POST', '/api/v1/activities', {
    kind: 'meeting',
    title: 'Sales review',
    start: inZone(thursday, '13:00'),
    end: inZone(thursday, '14:00'),
    resourceIds: [fjord.id],
  });
  await page.reload();
  const review = item('Sales review');
  await review.waitFor();
  const before = await review.getAttribute('data-start');
  const box = await review.boundingBox();
  assert.ok(box);
  const from = { x: box.x + box.width / 2, y: box.y + 10 };
  const to = await pointAt(column(thursday), '10:10');
  const refused = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/activities/'),
  );
  await drag(page, from, { x: from.x, y: to.y });
  assert.equal((await refused).status(), 409);
  const message = page.locator('.mantine-Notification-root').filter({ hasText: 'Board meeting' });
  await message.waitFor();
  assert.match((await message.textContent()) ?? '', /Fjord/);
  // Back where it was, on screen and after a reload.
  await page
    .locator(`[data-testid="diary-item"][data-start="${before}"]`)
    .filter({ hasText: 'Sales review' })
    .waitFor();
  await page.reload();
  assert.equal(await item('Sales review').getAttribute('data-start'), before);
});

test('the keyboard switches views and periods; month and agenda show the meeting', async () => {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('m');
  await page.getByTestId('diary-month').waitFor();
  await page
    .locator(`[data-testid="diary-cell"][data-day="${thursday}"]`)
    .getByTestId('diary-item')
    .filter({ hasText: 'Board meeting' })
    .waitFor();
  await page.keyboard.press('a');
  await page.getByTestId('diary-agenda').waitFor();
  await page
    .locator(`[data-testid="diary-agenda-day"][data-day="${thursday}"]`)
    .getByTestId('diary-item')
    .filter({ hasText: 'Board meeting' })
    .waitFor();
  assert.match(page.url(), /view=agenda/);
  await page.keyboard.press('w');
  await page.getByTestId('diary-grid').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL((u) => !u.search.includes(`date=${tuesday}`));
  await page.keyboard.press('t');
  await page.waitForURL((u) => !u.search.includes('date='));
  assert.deepEqual(problems, []);
});
