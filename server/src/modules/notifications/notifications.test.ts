import type { LiveMessage } from '@rapport/contracts/notifications.ts';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { notify } from './notify.ts';

/** A WebSocket on /api/v1/live as the browser opens it: with the session cookie and the app's own Origin. */
class Live {
  messages: LiveMessage[] = [];
  closed: { code: number } | null = null;
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closed = { code };
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static open(t: TestApp, client: Client | null, origin: string | null = t.config.publicUrl): Promise<Live> {
    const headers: Record<string, string> = {};
    if (client?.cookie) headers.cookie = client.cookie;
    if (origin) headers.origin = origin;
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/live`, { headers });
    return new Promise((resolve, reject) => {
      const live = new Live(ws);
      ws.once('open', () => resolve(live));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }
  /** Waits for a message matching `test` (or for the socket to close) and returns it. */
  async next<T extends LiveMessage>(test: (m: LiveMessage) => m is T, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code})`);
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  async untilClosed(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.closed;
  }
  notifications() {
    return this.messages.filter((m) => m.type === 'notification');
  }
  close() {
    this.ws.close();
  }
}

const isNotification =
  (title: string) =>
  (m: LiveMessage): m is Extract<LiveMessage, { type: 'notification' }> =>
    m.type === 'notification' && m.notification.params.title === title;

let t: TestApp;
let db: Kysely<DB>;
let admin: Client;
let workspaceId: string;
let user: Client;
let userId: string;
let adminId: string;
const sockets: Live[] = [];

beforeAll(async () => {
  t = await startTestApp();
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.pool }) });
  ({ admin, workspaceId } = await t.workspace('Klokka AS'));
  user = await t.member(admin, 'user');
  userId = (await user.get('/api/v1/me')).body.user.id;
  adminId = (await admin.get('/api/v1/me')).body.user.id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

const open = async (client: Client) => {
  const s = await Live.open(t, client);
  sockets.push(s);
  return s;
};

const assign = (by: Client, ownerId: string, title: string) =>
  by.post('/api/v1/activities', {
    kind: 'task',
    title,
    ownerId,
    start: new Date(Date.now() + 86_400_000).toISOString(),
  });

describe('the bell', () => {
  it('a colleague assigned a task sees it at once on the live socket, and in the list with the unread count', async () => {
    const live = await open(user);
    const res = await assign(admin, userId, 'Ring Fjordkraft');
    expect(res.status).toBe(201);
    const msg = await live.next(isNotification('Ring Fjordkraft'));
    expect(msg.notification.kind).toBe('activity.assigned');
    expect(msg.notification.actorName).toBe('Admin');
    expect(msg.notification.path).toBe(`/activities/${res.body.id}`);
    expect(msg.unread).toBe(1);

    const list = await user.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ kind: 'activity.assigned', read: false, actorName: 'Admin' });
    expect(list.body.items[0].params.title).toBe('Ring Fjordkraft');
  });

  it('I never receive another user’s notifications, live or in the list', async () => {
    const mine = await open(admin);
    const theirs = await open(user);
    await assign(admin, userId, 'Only for the user');
    await assign(user, adminId, 'Only for the admin');
    // Notifications reach the listeners in commit order: once the admin's own arrived, the user's would have.
    await mine.next(isNotification('Only for the admin'));
    await theirs.next(isNotification('Only for the user'));
    expect(mine.notifications().map((m) => m.type === 'notification' && m.notification.params.title)).toEqual([
      'Only for the admin',
    ]);
    expect(
      theirs
        .notifications()
        .some((m) => m.type === 'notification' && m.notification.params.title === 'Only for the admin'),
    ).toBe(false);
    const adminList = await admin.get('/api/v1/notifications');
    expect(adminList.body.items.map((n: { params: { title: string } }) => n.params.title)).toEqual([
      'Only for the admin',
    ]);
  });

  it('marks read by id or all, only my own, and tells my other windows the new count', async () => {
    const other = await open(user);
    const list = await user.get('/api/v1/notifications');
    const unread = list.body.unread;
    expect(unread).toBeGreaterThanOrEqual(2);
    const first = list.body.items[0].id;

    // Someone else cannot mark my notification read.
    const foreign = await admin.post('/api/v1/notifications/read', { ids: [first] });
    expect(foreign.status).toBe(200);
    expect(foreign.body.changed).toBe(0);
    expect((await user.get('/api/v1/notifications')).body.unread).toBe(unread);

    const one = await user.post('/api/v1/notifications/read', { ids: [first] });
    expect(one.body).toEqual({ changed: 1, unread: unread - 1 });
    await other.next(
      (m): m is Extract<LiveMessage, { type: 'unread' }> => m.type === 'unread' && m.unread === unread - 1,
    );
    const after = await user.get('/api/v1/notifications');
    expect(after.body.items.find((n: { id: string }) => n.id === first).read).toBe(true);

    const all = await user.post('/api/v1/notifications/read', { all: true });
    expect(all.body).toEqual({ changed: unread - 1, unread: 0 });
    expect((await user.post('/api/v1/notifications/read', { ids: [] })).status).toBe(400);
    expect((await user.post('/api/v1/notifications/read', { all: false })).status).toBe(400);
  });

  it('pages back in time with `before`', async () => {
    for (let i = 1; i <= 5; i++) {
      await notify(db, {
        workspaceId,
        userIds: [adminId],
        kind: 'mention',
        params: { n: i },
        path: null,
        actorId: userId,
      });
    }
    const first = await admin.get('/api/v1/notifications?limit=2');
    expect(first.body.items.map((n: { params: { n: number } }) => n.params.n)).toEqual([5, 4]);
    const second = await admin.get(`/api/v1/notifications?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((n: { params: { n: number } }) => n.params.n)).toEqual([3, 2]);
    // Another user's notification as the cursor tells nothing.
    const userList = await user.get('/api/v1/notifications?limit=1');
    const foreign = await admin.get(`/api/v1/notifications?before=${userList.body.items[0].id}`);
    expect(foreign.body.items).toEqual([]);
    expect((await admin.get('/api/v1/notifications?limit=0')).status).toBe(400);
  });

  it('keeps workspaces apart: a notification of another workspace does not reach the socket or the list', async () => {
    const second = await t.workspace('Annet AS');
    // The user joins the second workspace; accepting makes it the session's active one.
    const me = (await user.get('/api/v1/me')).body.user;
    const inv = await second.admin.post('/api/v1/invitations', { email: me.email, role: 'user' });
    expect((await user.post(`/api/v1/invitations/${inv.body.id}/accept`)).status).toBe(200);
    const live = await open(user);
    await assign(admin, userId, 'In the first workspace');
    await notify(db, {
      workspaceId: second.workspaceId,
      userIds: [userId],
      kind: 'mention',
      params: { title: 'In the second workspace' },
      path: null,
      actorId: null,
    });
    await live.next(isNotification('In the second workspace'));
    expect(live.notifications()).toHaveLength(1);
    const list = await user.get('/api/v1/notifications');
    expect(list.body.items.map((n: { params: { title: string } }) => n.params.title)).toEqual([
      'In the second workspace',
    ]);
    await user.post('/api/v1/me/workspace', { workspaceId });
  });

  it('refuses a socket opened from another site or without a session', async () => {
    await expect(Live.open(t, user, 'https://evil.example')).rejects.toThrow('refused: 403');
    await expect(Live.open(t, null)).rejects.toThrow('refused: 401');
    const plain = await user.get('/api/v1/live');
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('VALIDATION');
  });

  it('closes the socket when its session ended (signed out) instead of delivering', async () => {
    const other = t.anonymous();
    const me = (await user.get('/api/v1/me')).body.user;
    // A second session of the same user that signs out.
    const res = await other.request('POST', '/api/auth/sign-in/email', {
      email: me.email,
      password: 'another good password',
    });
    expect(res.status).toBe(200);
    const live = await open(other);
    expect((await other.post('/api/auth/sign-out')).status).toBe(200);
    await assign(admin, userId, 'After signing out');
    expect((await live.untilClosed()).code).toBe(4401);
    expect(live.notifications()).toHaveLength(0);
  });

  it('goes on delivering after the database ended its listening connection, telling windows to fetch again', async () => {
    const live = await open(user);
    await live.next((m): m is Extract<LiveMessage, { type: 'resync' }> => m.type === 'resync');
    const before = live.messages.length;
    const killed = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'rapport-live' and datname = current_database()`.execute(db);
    expect(killed.rows[0]?.n).toBe(1);
    // Reconnected: every window hears `resync`, then new notifications flow again.
    await live.next(
      (m): m is Extract<LiveMessage, { type: 'resync' }> => m.type === 'resync' && live.messages.indexOf(m) >= before,
    );
    await assign(admin, userId, 'After the reconnect');
    await live.next(isNotification('After the reconnect'));
  });
});

describe('shutting down', () => {
  it('closes open sockets so the app closes at once', async () => {
    const t2 = await startTestApp();
    const w = await t2.workspace('Stopp AS');
    const live = await Live.open(t2, w.admin);
    await t2.close();
    expect((await live.untilClosed()).code).toBe(1001);
  });
});
