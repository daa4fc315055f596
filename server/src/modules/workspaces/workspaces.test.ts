import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, SIGN_IN_MAX_FAILURES: '3', MAIL_FROM: 'Rapport <rapport@example.com>' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('first run and accounts', () => {
  it('offers setup once, then refuses a second setup', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/v1/setup')).body).toEqual({ needed: true });
    const bad = await anon.post('/api/v1/setup', {
      workspace: 'X',
      name: 'A',
      email: 'a@example.com',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect((await anon.get('/api/v1/setup')).body).toEqual({ needed: true });
    const { admin } = await t.workspace('Første AS');
    expect((await anon.get('/api/v1/setup')).body).toEqual({ needed: false });
    const again = await anon.post('/api/v1/setup', {
      workspace: 'Andre AS',
      name: 'B',
      email: 'b@example.com',
      password: 'long enough password',
    });
    expect(again.status).toBe(409);
    const me = await admin.get('/api/v1/me');
    expect(me.body.workspace).toMatchObject({ name: 'Første AS', role: 'admin' });
  });

  it('signs in, signs out, and the session no longer works after sign-out', async () => {
    const { email, password } = await t.workspace();
    const c = await new Client(t.url).signIn(email, password);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    const out = await c.request('POST', '/api/auth/sign-out', {});
    expect(out.status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const { email, password } = await t.workspace();
    const c = new Client(t.url);
    for (let i = 0; i < 3; i++) {
      const res = await c.request('POST', '/api/auth/sign-in/email', { email, password: 'wrong password!' });
      expect(res.status).toBe(401);
    }
    const locked = await c.request('POST', '/api/auth/sign-in/email', { email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('resets a forgotten password through a link sent by e-mail', async () => {
    const { email } = await t.workspace();
    const anon = t.anonymous();
    const req = await anon.post('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' });
    expect(req.status).toBe(200);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toMatch(/reset/i);
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const reset = await anon.post('/api/auth/reset-password', { token, newPassword: 'a brand new password' });
    expect(reset.status).toBe(200);
    await expect(new Client(t.url).signIn(email, 'a brand new password')).resolves.toBeInstanceOf(Client);
    const old = await new Client(t.url).request('POST', '/api/auth/sign-in/email', {
      email,
      password: 'correct horse battery',
    });
    expect(old.status).toBe(401);
  });
});

describe('members, roles and invitations', () => {
  it('invites by e-mail; the invitee joins with the given role', async () => {
    const { admin } = await t.workspace('Inviting AS');
    const inviteeEmail = 'new.colleague@example.com';
    const inv = await admin.post('/api/v1/invitations', { email: inviteeEmail, role: 'manager' });
    expect(inv.status).toBe(201);
    const mail = await smtp.waitFor(inviteeEmail);
    expect(mail.text).toContain(`/invite/${inv.body.id}`);
    expect(mail.subject).toContain('Inviting AS');

    const invitee = new Client(t.url);
    await invitee.request('POST', '/api/auth/sign-up/email', {
      name: 'New Colleague',
      email: inviteeEmail,
      password: 'colleague password',
    });
    const accepted = await invitee.post(`/api/v1/invitations/${inv.body.id}/accept`);
    expect(accepted.status).toBe(200);
    const me = await invitee.get('/api/v1/me');
    expect(me.body.workspace).toMatchObject({ name: 'Inviting AS', role: 'manager' });
    const members = await admin.get('/api/v1/members');
    expect(members.body.items.map((m: { email: string }) => m.email)).toContain(inviteeEmail);
    expect((await invitee.post(`/api/v1/invitations/${inv.body.id}/accept`)).status).toBe(409);
  });

  it('does not let someone else accept an invitation sent to another address', async () => {
    const { admin } = await t.workspace();
    const inv = await admin.post('/api/v1/invitations', { email: 'intended@example.com', role: 'admin' });
    const stranger = new Client(t.url);
    await stranger.request('POST', '/api/auth/sign-up/email', {
      name: 'S',
      email: 'stranger@example.com',
      password: 'stranger password',
    });
    const res = await stranger.post(`/api/v1/invitations/${inv.body.id}/accept`);
    expect(res.status).toBe(404);
    expect((await stranger.get('/api/v1/companies')).status).toBe(403);
  });

  it('enforces roles: read-only reads, user writes, only admins manage members', async () => {
    const { admin } = await t.workspace();
    const readonly = await t.member(admin, 'readonly');
    const user = await t.member(admin, 'user');
    const { body: company } = await admin.post('/api/v1/companies', { name: 'Roles AS' });

    expect((await readonly.get(`/api/v1/companies/${company.id}`)).status).toBe(200);
    const roWrite = await readonly.post('/api/v1/companies', { name: 'Nope AS' });
    expect(roWrite.status).toBe(403);
    expect(roWrite.body.error.code).toBe('FORBIDDEN');
    expect((await readonly.patch(`/api/v1/companies/${company.id}`, { version: 1, name: 'X' })).status).toBe(403);

    expect((await user.patch(`/api/v1/companies/${company.id}`, { version: 1, name: 'Roles ASA' })).status).toBe(200);
    expect((await user.post('/api/v1/invitations', { email: 'x@example.com', role: 'user' })).status).toBe(403);
    expect((await user.get('/api/v1/api-keys')).status).toBe(403);

    const members = await admin.get('/api/v1/members');
    const ro = members.body.items.find((m: { role: string }) => m.role === 'readonly');
    expect((await admin.patch(`/api/v1/members/${ro.id}`, { role: 'user' })).status).toBe(200);
    expect((await readonly.post('/api/v1/companies', { name: 'Now Allowed AS' })).status).toBe(201);
  });

  it('deactivating a member ends their session at once and keeps their records; reactivating lets them back', async () => {
    const { admin } = await t.workspace();
    const leaver = await t.member(admin, 'user');
    const mine = await leaver.post('/api/v1/companies', { name: 'Sluttet AS' });
    expect(mine.status).toBe(201);
    const me = (await leaver.get('/api/v1/me')).body.user;
    const member = (await admin.get('/api/v1/members')).body.items.find((m: { userId: string }) => m.userId === me.id);

    const off = await admin.patch(`/api/v1/members/${member.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    // The very next request of the open session is refused, reading as well as writing.
    expect([401, 403]).toContain((await leaver.get('/api/v1/companies')).status);
    expect([401, 403]).toContain((await leaver.post('/api/v1/companies', { name: 'Etterpå AS' })).status);
    // Signing in again gives an account without the workspace.
    const again = await new Client(t.url).signIn(me.email, 'another good password');
    expect((await again.get('/api/v1/me')).body.workspace).toBeNull();
    expect((await again.get('/api/v1/companies')).status).toBe(403);
    // What they made stays, with its owner.
    const kept = await admin.get(`/api/v1/companies/${mine.body.id}`);
    expect(kept.body.ownerName).toBe(me.name);

    const on = await admin.patch(`/api/v1/members/${member.id}`, { active: true });
    expect(on.body.active).toBe(true);
    const back = await new Client(t.url).signIn(me.email, 'another good password');
    expect((await back.get('/api/v1/companies')).status).toBe(200);

    // An administrator cannot lock themselves or the last administrator out.
    const self = (await admin.get('/api/v1/members')).body.items.find((m: { role: string }) => m.role === 'admin');
    expect((await admin.patch(`/api/v1/members/${self.id}`, { active: false })).status).toBe(409);
    expect((await admin.patch(`/api/v1/members/${self.id}`, {})).status).toBe(400);
  });

  it('keeps at least one administrator', async () => {
    const { admin } = await t.workspace();
    const members = await admin.get('/api/v1/members');
    const self = members.body.items[0];
    const res = await admin.patch(`/api/v1/members/${self.id}`, { role: 'user' });
    expect(res.status).toBe(409);
    expect((await admin.get('/api/v1/me')).body.workspace.role).toBe('admin');
  });
});

describe('API keys', () => {
  it('creates a key shown once, which works as a bearer token until revoked', async () => {
    const { admin } = await t.workspace('Keys AS');
    const created = await admin.post('/api/v1/api-keys', { name: 'Integration', role: 'user' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^rk_/);
    const list = await admin.get('/api/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    const bot = new Client(t.url, created.body.key);
    const made = await bot.post('/api/v1/companies', { name: 'Made By Key AS' });
    expect(made.status).toBe(201);
    expect((await bot.get(`/api/v1/companies/${made.body.id}`)).body.name).toBe('Made By Key AS');

    expect((await admin.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await bot.get('/api/v1/companies')).status).toBe(401);
  });

  it('limits a read-only key to reading', async () => {
    const { admin } = await t.workspace();
    const { body } = await admin.post('/api/v1/api-keys', { name: 'Reporting', role: 'readonly' });
    const bot = new Client(t.url, body.key);
    expect((await bot.get('/api/v1/companies')).status).toBe(200);
    expect((await bot.post('/api/v1/companies', { name: 'No AS' })).status).toBe(403);
  });
});

describe('outbox without SMTP', () => {
  it('keeps mails for the administrator to read when no SMTP server is configured', async () => {
    const local = await startTestApp();
    try {
      const { admin } = await local.workspace('Outbox AS');
      await admin.post('/api/v1/invitations', { email: 'kept@example.com', role: 'user' });
      const outbox = await admin.get('/api/v1/outbox');
      expect(outbox.status).toBe(200);
      const mail = outbox.body.items.find((m: { to: string }) => m.to === 'kept@example.com');
      expect(mail).toMatchObject({ sentAt: null });
      expect(mail.text).toContain('/invite/');
      const user = await local.member(admin, 'user');
      expect((await user.get('/api/v1/outbox')).status).toBe(403);
    } finally {
      await local.close();
    }
  });
});
