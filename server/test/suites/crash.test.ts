import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/auth/auth.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/pool.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { createApiKey, createWorkspaceWithAdmin } from '../../src/modules/workspaces/workspaces.service.ts';
import { Client, createTestDatabase } from '../helpers.ts';

/**
 * Crashes: the server process is killed with SIGKILL in the middle of a CSV import and while
 * acknowledged writes stream in. After a restart the import finishes on its own, with every row
 * exactly once, and every write that was acknowledged before the kill is there.
 * DEEP=1 (npm run test:deep) imports 100,000 rows.
 */
const ROWS = process.env.DEEP ? 100_000 : 4_000;
const SECRET = 'crash-secret-crash-secret-crash-secret-01';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let apiKey: string;
let pool: pg.Pool;
let colleagueId: string;

/** Runs `code` (an ES module) in its own Node process and waits for it to print `READY <port>`. */
async function spawnReady(code: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, AUTH_SECRET: SECRET, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const m = /READY (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (c) => reject(new Error(`Rapport exited (${c}): ${output}`)));
  });
  child.once('exit', (c, sig) => {
    if (sig !== 'SIGKILL' && sig !== 'SIGTERM')
      console.error(`Rapport exited by itself (${c}): ${output.slice(-2000)}`);
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

const moduleUrl = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);

/** The real application in its own process on the test database: buildApp + listen, as `npm start` does. */
const startServer = () =>
  spawnReady(
    `
    import { buildApp } from ${moduleUrl('../../src/app.ts')};
    import { loadConfig } from ${moduleUrl('../../src/config.ts')};
    import { openDatabase } from ${moduleUrl('../../src/db/pool.ts')};
    const config = loadConfig();
    const database = openDatabase(config.databaseUrl, 5);
    const { app } = await buildApp({ config, database, logger: false, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    console.log('READY ' + app.server.address().port);
  `,
    { DATABASE_URL: db.url, DATA_DIR: dataDir },
  );

async function kill9(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const api = (url: string) => async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-crash-'));
  const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, AUTH_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const database = openDatabase(db.url, 2);
  const silent = { info() {}, warn() {}, error() {}, debug() {} } as never;
  const auth = createAuth(database.pool, config, createMailer(database.db, silent, undefined, config.mailFrom));
  const ws = await createWorkspaceWithAdmin(database.db, auth, {
    workspace: 'Krasj AS',
    name: 'Admin',
    email: 'krasj@example.no',
    password: 'krasj password 123',
  });
  const admin = await database.db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', ws.workspaceId)
    .executeTakeFirstOrThrow();
  apiKey = (await createApiKey(database.db, ws.workspaceId, admin.user_id, 'krasj', 'admin')).key;
  // A colleague in the same workspace, to hand records to.
  const ws2 = await createWorkspaceWithAdmin(database.db, auth, {
    workspace: 'Kollega AS',
    name: 'Kollega',
    email: 'kollega@example.no',
    password: 'kollega password 123',
  });
  const colleague = await database.db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', ws2.workspaceId)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('members')
    .values({ workspace_id: ws.workspaceId, id: crypto.randomUUID(), user_id: colleague.user_id, role: 'user' })
    .execute();
  colleagueId = colleague.user_id;
  await database.close();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9', () => {
  it(`during an import of ${ROWS.toLocaleString('en')} rows: after a restart it completes, each row once`, {
    timeout: 600_000,
  }, async () => {
    const first = await startServer();
    const lines = ['Fornavn;Etternavn;E-post'];
    for (let i = 0; i < ROWS; i++) lines.push(`Rad;Nummer ${i};rad.${i}@krasj.no`);
    const form = new FormData();
    form.append('file', new Blob([`${lines.join('\n')}\n`]), 'stor.csv');
    const up = await fetch(`${first.url}/api/v1/imports?entity=contact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const id = ((await up.json()) as { import: { id: string } }).import.id;
    const run = await api(first.url)('POST', `/api/v1/imports/${id}/run`, {
      mapping: { Fornavn: 'firstName', Etternavn: 'lastName', 'E-post': 'email' },
      duplicateRule: 'skip',
    });
    expect(run.status).toBe(202);
    // Kill it once some rows are in, well before the end.
    for (;;) {
      const p = (await api(first.url)('GET', `/api/v1/imports/${id}`)).body.progress.processed as number;
      if (p > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await kill9(first.child);
    const atKill = await pool.query<{ n: number }>('select count(*)::int as n from contacts where import_id = $1', [
      id,
    ]);
    expect(atKill.rows[0]?.n).toBeLessThan(ROWS);

    const second = await startServer();
    try {
      let status = '';
      for (let i = 0; i < 6000 && status !== 'done'; i++) {
        const res = (await api(second.url)('GET', `/api/v1/imports/${id}`)).body;
        status = res.status;
        expect(['queued', 'running', 'done']).toContain(status);
        if (status !== 'done') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('done');
      const counts = await pool.query<{ n: number; emails: number }>(
        'select count(*)::int as n, count(distinct email)::int as emails from contacts where import_id = $1',
        [id],
      );
      expect(counts.rows[0]).toEqual({ n: ROWS, emails: ROWS });
      const progress = (await api(second.url)('GET', `/api/v1/imports/${id}`)).body.progress;
      expect(progress).toMatchObject({ processed: ROWS, created: ROWS, failed: 0 });
    } finally {
      await kill9(second.child);
    }
  });

  it('during a bulk change of owner: each record is whole, and running it again finishes the job', {
    timeout: 180_000,
  }, async () => {
    const first = await startServer();
    const call = api(first.url);
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      ids.push((await call('POST', '/api/v1/contacts', { firstName: 'Bulk', lastName: `${i}` })).body.id);
    }
    const target = colleagueId;
    const bulk = call('POST', '/api/v1/contacts/bulk', { action: 'setOwner', ids, ownerId: target }).catch(() => null);
    // Kill it while the bulk change is under way.
    for (let i = 0; i < 200; i++) {
      const moved = await pool.query<{ n: number }>(
        'select count(*)::int as n from contacts where id = any($1) and owner_id = $2',
        [ids, target],
      );
      if ((moved.rows[0]?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await kill9(first.child);
    await bulk;
    // Every record is whole: owner changed exactly when its history says so.
    const check = async () =>
      (
        await pool.query<{ changed: number; logged: number }>(
          `select count(*) filter (where c.owner_id = $2)::int as changed,
                  count(*) filter (where exists (select 1 from audit_log a where a.entity = 'contact'
                    and a.entity_id = c.id and a.field = 'ownerId' and a.action = 'update'))::int as logged
             from contacts c where c.id = any($1)`,
          [ids, target],
        )
      ).rows[0];
    const partial = await check();
    expect(partial?.changed).toBe(partial?.logged);
    const second = await startServer();
    try {
      const again = await api(second.url)('POST', '/api/v1/contacts/bulk', {
        action: 'setOwner',
        ids,
        ownerId: target,
      });
      expect(again.status).toBe(200);
      expect(again.body.changed + again.body.unchanged).toBe(ids.length);
      const done = await check();
      expect(done).toEqual({ changed: ids.length, logged: ids.length });
    } finally {
      await kill9(second.child);
    }
  });

  it('while writes stream in: every acknowledged write is there after the restart', { timeout: 120_000 }, async () => {
    const first = await startServer();
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await api(first.url)('POST', '/api/v1/companies', { name: `Skriver ${w}-${i} AS` });
          if (res.status === 201) acknowledged.push(res.body.id);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    await kill9(first.child);
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await startServer();
    try {
      for (const id of acknowledged) {
        const res = await api(second.url)('GET', `/api/v1/companies/${id}`);
        expect.soft(res.status, id).toBe(200);
      }
      const history = await pool.query<{ n: number }>(
        "select count(distinct entity_id)::int as n from audit_log where entity = 'company' and action = 'create' and entity_id = any($1)",
        [acknowledged],
      );
      expect(history.rows[0]?.n).toBe(acknowledged.length);
    } finally {
      await kill9(second.child);
    }
  });

  it('of PostgreSQL while writes stream in: every acknowledged write is there after the restart', {
    timeout: 180_000,
  }, async () => {
    // A Rapport on its own embedded PostgreSQL, started the way `npm start` starts it.
    const home = mkdtempSync(path.join(tmpdir(), 'rapport-pgkill-'));
    const start = () =>
      spawnReady(
        `
      import { openRuntime } from ${moduleUrl('../../src/runtime.ts')};
      import { buildApp } from ${moduleUrl('../../src/app.ts')};
      import { loadConfig } from ${moduleUrl('../../src/config.ts')};
      const config = loadConfig();
      const runtime = await openRuntime(config, { info() {}, warn() {} });
      const { app } = await buildApp({ config, database: runtime.database, logger: false, serveWeb: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      console.log('READY ' + app.server.address().port);
    `,
        { DATABASE_URL: '', DATA_DIR: home, PG_PORT: '26311' },
      );
    let first: Awaited<ReturnType<typeof start>> | null = null;
    let second: Awaited<ReturnType<typeof start>> | null = null;
    try {
      first = await start();
      const setup = await new Client(first.url).post('/api/v1/setup', {
        workspace: 'Strømbrudd AS',
        name: 'Admin',
        email: 'strom@example.no',
        password: 'strom password 123',
      });
      expect(setup.status).toBe(201);
      const admin = await new Client(first.url).signIn('strom@example.no', 'strom password 123');
      const key = (await admin.post('/api/v1/api-keys', { name: 'writer', role: 'admin' })).body.key as string;
      const url = first.url;
      const acknowledged: string[] = [];
      let stop = false;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${url}/api/v1/companies`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Skriv ${w}-${i} AS` }),
              signal: AbortSignal.timeout(10_000),
            });
            const body = (await res.json()) as { id: string };
            if (res.status === 201) acknowledged.push(body.id);
          } catch {
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      const postmaster = Number(readFileSync(path.join(home, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmaster, 'SIGKILL');
      // Rapport keeps answering — with an error body — while its database is gone.
      await new Promise((r) => setTimeout(r, 500));
      const down = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
      expect(down.status).toBe(503);
      stop = true;
      await Promise.all(writers);
      await kill9(first.child);
      first = null;
      expect(acknowledged.length).toBeGreaterThan(10);

      second = await start();
      const again = new Client(second.url, key);
      for (const id of acknowledged) expect.soft((await again.get(`/api/v1/companies/${id}`)).status, id).toBe(200);
    } finally {
      if (first) await kill9(first.child);
      if (second) {
        const exited = new Promise((r) => second?.child.once('exit', r));
        second.child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    }
  });
});
