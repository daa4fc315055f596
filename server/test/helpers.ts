import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/pool.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely; the assertions check them.
export type Response = { status: number; body: any; headers: Headers };

/** An HTTP client against the running test app; keeps the session cookie like a browser does. */
export class Client {
  cookie = '';
  constructor(
    readonly baseUrl: string,
    readonly bearer?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.cookie && method !== 'GET' && !('x-requested-with' in h)) h['x-requested-with'] = 'rapport';
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body: payload });
    const setCookies = res.headers.getSetCookie();
    if (setCookies.length > 0) this.absorbCookies(setCookies);
    const text = await res.text();
    let parsed: unknown = text;
    if (text && res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  private absorbCookies(setCookies: string[]) {
    const jar = new Map(
      this.cookie
        .split('; ')
        .filter(Boolean)
        .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const),
    );
    for (const sc of setCookies) {
      const pair = sc.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /max-age=0/i.test(sc)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  async signIn(email: string, password: string) {
    const res = await this.request('POST', '/api/auth/sign-in/email', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }
}

export type TestApp = {
  url: string;
  config: Config;
  pool: pg.Pool;
  routes: { method: string; url: string; permission: string | undefined }[];
  anonymous(): Client;
  /** Creates a workspace with an administrator and returns a signed-in client for it. */
  workspace(name?: string): Promise<{ admin: Client; workspaceId: string; email: string; password: string }>;
  /** Signs up a new user, invites them to the workspace with a role and returns their signed-in client. */
  member(admin: Client, role: 'admin' | 'manager' | 'user' | 'readonly'): Promise<Client>;
  close(): Promise<void>;
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(3).toString('hex')}`;

/** A fresh database cloned from the migrated template (milliseconds); `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const templateUrl = new URL(inject('pgBaseUrl'));
  const prefix = inject('testDbPrefix');
  const dbName = `${prefix}_${unique()}`;
  const adminUrl = new URL(templateUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${dbName} template ${prefix}_template`);
  await admin.end();
  const dbUrl = new URL(templateUrl);
  dbUrl.pathname = `/${dbName}`;
  return {
    url: dbUrl.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            // FORCE ends our own leftover connections, but may not end an autovacuum worker of the
            // superuser; a plain DROP makes autovacuum step aside, so that is the fallback.
            await c.query(`drop database if exists ${dbName}${attempt % 2 === 0 ? ' with (force)' : ''}`);
            return;
          } catch (err) {
            if (attempt >= 20) throw err;
            await c.query(
              'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = current_user',
              [dbName],
            );
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** Starts the real application on a random port over a fresh database cloned from the migrated template. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // With DATABASE_URL given, the app runs over that (caller-owned) database instead of a fresh one.
  const testDb = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => {} } : await createTestDatabase();
  const dbUrl = new URL(testDb.url);

  const config = loadConfig({
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: '.data-test/app',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    CHECK_RESPONSES: '1',
    ...env,
  });
  const database = openDatabase(dbUrl.toString(), 5);
  const logger = process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }) : false; // TEST_LOG=error shows server errors
  const { app, routes } = await buildApp({ config, database, logger, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const testApp: TestApp = {
    url,
    config,
    pool: database.pool,
    routes,
    anonymous: () => new Client(url),
    async workspace(name = `Workspace ${unique()}`) {
      const email = `admin-${unique()}@example.com`;
      const password = 'correct horse battery';
      const first = await new Client(url).get('/api/v1/setup');
      let workspaceId: string;
      if (first.body.needed) {
        const res = await new Client(url).post('/api/v1/setup', { workspace: name, name: 'Admin', email, password });
        if (res.status !== 201) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
        workspaceId = res.body.workspaceId;
      } else {
        const { createWorkspaceWithAdmin } = await import('../src/modules/workspaces/workspaces.service.ts');
        const { createAuth } = await import('../src/auth/auth.ts');
        const { createMailer } = await import('../src/mail/mailer.ts');
        const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;
        const auth = createAuth(database.pool, config, createMailer(database.db, silent, undefined, config.mailFrom));
        const res = await createWorkspaceWithAdmin(database.db, auth, {
          workspace: name,
          name: 'Admin',
          email,
          password,
        });
        workspaceId = res.workspaceId;
      }
      const admin = await new Client(url).signIn(email, password);
      return { admin, workspaceId, email, password };
    },
    async member(admin, role) {
      const email = `${role}-${unique()}@example.com`;
      const password = 'another good password';
      const client = new Client(url);
      const signUp = await client.request('POST', '/api/auth/sign-up/email', { name: `A ${role}`, email, password });
      if (signUp.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
      const inv = await admin.post('/api/v1/invitations', { email, role });
      if (inv.status !== 201) throw new Error(`invite failed: ${JSON.stringify(inv.body)}`);
      const acc = await client.post(`/api/v1/invitations/${inv.body.id}/accept`);
      if (acc.status !== 200) throw new Error(`accept failed: ${JSON.stringify(acc.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
  return testApp;
}
