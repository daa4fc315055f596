import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { startSmtp } from '../../../test/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: Client;
let company: { id: string };

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url });
  ({ admin } = await t.workspace('Notat AS'));
  company = (await admin.post('/api/v1/companies', { name: 'Veggen AS' })).body;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('the wall of notes', () => {
  it('keeps safe rich text and strips scripts, handlers and javascript: links', async () => {
    const res = await admin.post('/api/v1/notes', {
      entity: 'company',
      entityId: company.id,
      html: '<p>Møte <strong>avtalt</strong> <a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)"><script>alert(2)</script> <a href="https://veggen.no">web</a></p>',
    });
    expect(res.status).toBe(201);
    expect(res.body.html).toContain('<strong>avtalt</strong>');
    expect(res.body.html).not.toMatch(/script|onerror|javascript:|<img/i);
    expect(res.body.html).toContain('href="https://veggen.no"');
    expect(res.body.text).toContain('Møte avtalt');
  });

  it('lists notes newest first and pages back in time', async () => {
    for (let i = 1; i <= 4; i++) {
      await admin.post('/api/v1/notes', { entity: 'company', entityId: company.id, html: `<p>Notat ${i}</p>` });
    }
    const first = await admin.get(`/api/v1/notes?entity=company&entityId=${company.id}&limit=2`);
    expect(first.body.items.map((n: { text: string }) => n.text)).toEqual(['Notat 4', 'Notat 3']);
    const next = await admin.get(
      `/api/v1/notes?entity=company&entityId=${company.id}&limit=2&before=${encodeURIComponent(first.body.nextBefore)}`,
    );
    expect(next.body.items.map((n: { text: string }) => n.text)).toEqual(['Notat 2', 'Notat 1']);
  });

  it('e-mails a mentioned colleague once, with a link to the card', async () => {
    const colleague = await t.member(admin, 'user');
    const me = (await colleague.get('/api/v1/me')).body.user;
    const note = await admin.post('/api/v1/notes', {
      entity: 'company',
      entityId: company.id,
      html: `<p>Kan du ringe dem, <span data-mention="${me.id}">@${me.name}</span>?</p>`,
    });
    expect(note.body.mentions).toEqual([me.id]);
    const mail = await smtp.waitFor(me.email, /mentioned/);
    expect(mail.subject).toBe('Admin mentioned you on Veggen AS');
    expect(mail.text).toContain(`/companies/${company.id}`);
    const count = smtp.messages.filter((m) => JSON.stringify(m.to).includes(me.email)).length;
    await admin.patch(`/api/v1/notes/${note.body.id}`, { version: 1, html: `${note.body.html}<p>PS</p>` });
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(me.email)).length).toBe(count);
  });

  it('lets only the author or a manager change or delete a note', async () => {
    const writer = await t.member(admin, 'user');
    const other = await t.member(admin, 'user');
    const note = await writer.post('/api/v1/notes', { entity: 'company', entityId: company.id, html: '<p>Mitt</p>' });
    expect((await other.patch(`/api/v1/notes/${note.body.id}`, { version: 1, html: '<p>Ditt</p>' })).status).toBe(403);
    expect((await other.delete(`/api/v1/notes/${note.body.id}`)).status).toBe(403);
    const stale = await writer.patch(`/api/v1/notes/${note.body.id}`, { version: 1, html: '<p>Mitt 2</p>' });
    expect(stale.status).toBe(200);
    expect((await writer.patch(`/api/v1/notes/${note.body.id}`, { version: 1, html: '<p>Mitt 3</p>' })).status).toBe(
      409,
    );
    expect((await admin.delete(`/api/v1/notes/${note.body.id}`)).status).toBe(204);
    const wall = await admin.get(`/api/v1/notes?entity=company&entityId=${company.id}&limit=200`);
    expect(wall.body.items.map((n: { id: string }) => n.id)).not.toContain(note.body.id);
  });

  it('refuses empty notes and notes on cards that do not exist or are hidden', async () => {
    expect(
      (await admin.post('/api/v1/notes', { entity: 'company', entityId: company.id, html: '<p> </p>' })).status,
    ).toBe(400);
    const missing = await admin.post('/api/v1/notes', {
      entity: 'contact',
      entityId: '01900000-0000-7000-8000-000000000000',
      html: '<p>Hei</p>',
    });
    expect(missing.status).toBe(404);
    const owner = await t.member(admin, 'user');
    const colleague = await t.member(admin, 'user');
    const hidden = (await owner.post('/api/v1/companies', { name: 'Hemmelig AS', visibility: 'owner' })).body;
    await owner.post('/api/v1/notes', { entity: 'company', entityId: hidden.id, html: '<p>Hemmelig notat</p>' });
    expect((await colleague.get(`/api/v1/notes?entity=company&entityId=${hidden.id}`)).status).toBe(404);
  });
});
