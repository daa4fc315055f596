import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let user: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Tidssone AS'));
  user = await t.member(admin, 'readonly');
});
afterAll(() => t.close());

describe('my preferences', () => {
  it('start at the defaults and are shown by /me', async () => {
    const res = await user.get('/api/v1/me/preferences');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'Europe/Oslo', language: 'en', reminderEmail: true });
    const me = await user.get('/api/v1/me');
    expect(me.body).toMatchObject({ timeZone: 'Europe/Oslo', language: 'en' });
  });

  it('change time zone, language and reminder mails (a read-only member too), each person their own', async () => {
    const res = await user.patch('/api/v1/me/preferences', {
      timeZone: 'america/new_york',
      language: 'sv',
      reminderEmail: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'America/New_York', language: 'sv', reminderEmail: false });
    expect((await user.get('/api/v1/me')).body).toMatchObject({ timeZone: 'America/New_York', language: 'sv' });
    expect((await admin.get('/api/v1/me/preferences')).body).toEqual({
      timeZone: 'Europe/Oslo',
      language: 'en',
      reminderEmail: true,
    });
  });

  it('refuse a time zone that does not exist, an unknown language, and an empty change — keeping what was there', async () => {
    for (const body of [
      { timeZone: 'Europe/Atlantis' },
      { timeZone: '+01:00' },
      { timeZone: '' },
      { language: 'de' },
      { reminderEmail: 'yes' },
      {},
      { theme: 'dark' },
    ]) {
      const res = await user.patch('/api/v1/me/preferences', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const bad = await user.patch('/api/v1/me/preferences', { timeZone: 'Europe/Atlantis' });
    expect(bad.body.error.details[0].path).toContain('timeZone');
    expect((await user.get('/api/v1/me/preferences')).body.timeZone).toBe('America/New_York');
  });

  it('need a signed-in member', async () => {
    expect((await t.anonymous().get('/api/v1/me/preferences')).status).toBe(401);
    expect((await t.anonymous().request('PATCH', '/api/v1/me/preferences', { language: 'nb' })).status).toBe(401);
  });
});
