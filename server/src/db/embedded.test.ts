import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, StartupError, startEmbeddedPostgres, tunedSettings } from './embedded.ts';

const quiet = { info: () => {}, warn: () => {} };
const tempDirs: string[] = [];

function tempHome(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-embedded-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function startError(opts: Parameters<typeof startEmbeddedPostgres>[0]): Promise<StartupError> {
  try {
    const server = await startEmbeddedPostgres(opts);
    await server.stop();
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message.length).toBeGreaterThan(20);
    return err as StartupError;
  }
  throw new Error('expected a StartupError');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

const postmasterPid = (dataDir: string) =>
  Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);

/** Another Rapport: a node process that starts the embedded server and keeps running until killed. */
async function startInChild(dataDir: string, port: number): Promise<ChildProcess> {
  const moduleUrl = new URL('./embedded.ts', import.meta.url).href;
  const code = `
    import { startEmbeddedPostgres } from ${JSON.stringify(moduleUrl)};
    await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, log: { info() {}, warn() {} } });
    console.log('READY');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('READY')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${output}`)));
  });
  return child;
}

async function kill9(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('embedded PostgreSQL', () => {
  it('initialises a cluster once, then restarts quickly with the same data', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'postgres');
    const port = 26201;

    const first = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    const secretFile = path.join(home, 'postgres-superuser.json');
    const { password } = JSON.parse(readFileSync(secretFile, 'utf8')) as { password: string };
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(first.superuserUrl).toBe(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`);
    expect(first.port).toBe(port);
    expect(readFileSync(path.join(home, 'rapport.lock'), 'utf8')).toBe(String(process.pid));

    const [settings] = await query<{ encoding: string; collate: string; listen: string; auth: string }>(
      first.superuserUrl,
      `select pg_encoding_to_char(encoding) as encoding, datcollate as collate,
              current_setting('listen_addresses') as listen, current_setting('password_encryption') as auth
         from pg_database where datname = 'postgres'`,
    );
    expect(settings).toEqual({ encoding: 'UTF8', collate: 'C', listen: '127.0.0.1', auth: 'scram-sha-256' });

    await query(first.superuserUrl, 'create table kept (name text)');
    await query(first.superuserUrl, "insert into kept values ('Hélène')");
    await query(first.superuserUrl, 'create extension pg_trgm; create extension unaccent; create extension btree_gin');
    const [ext] = await query<{ plain: string; sim: number }>(
      first.superuserUrl,
      "select unaccent(name) as plain, similarity(name, 'Helene') as sim from kept",
    );
    expect(ext?.plain).toBe('Helene');
    expect(ext?.sim).toBeGreaterThan(0);

    await first.stop();
    await first.stop(); // a second stop is a no-op
    expect(existsSync(path.join(home, 'rapport.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

    // How fast this restart is, is measured by the benchmark (`npm run bench`), not asserted here.
    const second = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    expect(second.superuserUrl).toBe(first.superuserUrl);
    expect(await query(second.superuserUrl, 'select name from kept')).toEqual([{ name: 'Hélène' }]);
    await second.stop();
  });

  it('sizes PostgreSQL to the machine, and lets ALTER SYSTEM override that', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'postgres');
    const port = 26209;
    const wanted = tunedSettings(os.totalmem());
    const setting = async (url: string, name: string) =>
      Number(
        (await query<{ bytes: string }>(url, `select pg_size_bytes(current_setting('${name}'))::text as bytes`))[0]
          ?.bytes,
      );

    const first = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    // A quarter of the memory instead of PostgreSQL's 128 MB, and fewer checkpoints.
    expect(await setting(first.superuserUrl, 'shared_buffers')).toBe(
      Number.parseInt(wanted.shared_buffers ?? '', 10) * 2 ** 20,
    );
    if (os.totalmem() > 2 ** 31)
      expect(await setting(first.superuserUrl, 'shared_buffers')).toBeGreaterThan(128 * 2 ** 20);
    expect(await setting(first.superuserUrl, 'max_wal_size')).toBe(4 * 2 ** 30);
    await query(first.superuserUrl, "alter system set work_mem = '7MB'");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    expect(await setting(second.superuserUrl, 'work_mem')).toBe(7 * 2 ** 20);
    await second.stop();
  });

  it('stops the server left running by a killed Rapport and starts cleanly', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'postgres');
    const port = 26202;
    const child = await startInChild(dataDir, port);

    // While that Rapport lives, the data directory is its own.
    const busy = await startError({ dataDir, port: 26203, log: quiet });
    expect(busy.message).toContain(`in use by another Rapport process (pid ${child.pid})`);
    expect(busy.message).toContain(home);

    await kill9(child);
    const orphan = postmasterPid(dataDir);
    expect(alive(orphan)).toBe(true);
    const orphanUrl = `postgres://postgres:${encodeURIComponent(
      (JSON.parse(readFileSync(path.join(home, 'postgres-superuser.json'), 'utf8')) as { password: string }).password,
    )}@127.0.0.1:${port}/postgres`;
    await query(orphanUrl, "create table kept as select 'still here' as note");

    const warnings: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir,
      port,
      log: { info: () => {}, warn: (m) => warnings.push(m) },
    });
    expect(alive(orphan)).toBe(false);
    expect(warnings.join('\n')).toContain(`pid ${orphan}`);
    expect(await query(server.superuserUrl, 'select note from kept')).toEqual([{ note: 'still here' }]);
    await server.stop();
  });

  it('starts after both Rapport and PostgreSQL were killed (stale postmaster.pid)', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'postgres');
    const port = 26204;
    const child = await startInChild(dataDir, port);
    const postmaster = postmasterPid(dataDir);
    await kill9(child);
    process.kill(postmaster, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true);

    const server = await startEmbeddedPostgres({ dataDir, port, log: quiet });
    expect(await query(server.superuserUrl, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    await server.stop();
  });

  it('refuses a second start on a data directory that is in use', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'postgres');
    const first: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, port: 26205, log: quiet });
    try {
      const err = await startError({ dataDir, port: 26206, log: quiet });
      expect(err.message).toContain('in use');
      expect(err.message).toContain(home);
      // The refused start must leave the running server and its lock alone.
      expect(await query(first.superuserUrl, 'select 1 as ok')).toEqual([{ ok: 1 }]);
      expect(existsSync(path.join(home, 'rapport.lock'))).toBe(true);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir, port: 26206, log: quiet });
    await again.stop();
  });

  it('names the port when it is already in use', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const port = 26207;
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const err = await startError({ dataDir: path.join(home, 'postgres'), port, log: quiet });
      expect(err.message).toContain(`Port ${port}`);
      expect(err.message).toContain('PG_PORT');
      expect(existsSync(path.join(home, 'rapport.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names the directory when the data directory cannot be created', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const file = path.join(home, 'not-a-folder');
    writeFileSync(file, 'x');

    const underFile = await startError({ dataDir: path.join(file, 'postgres'), port: 26208, log: quiet });
    expect(underFile.message).toContain(file);
    expect(underFile.message).toContain('DATA_DIR');

    const deeper = await startError({ dataDir: path.join(file, 'data', 'postgres'), port: 26208, log: quiet });
    expect(deeper.message).toContain(path.join(file, 'data'));

    const inProc = await startError({ dataDir: '/proc/rapport-test/postgres', port: 26208, log: quiet });
    expect(inProc.message).toContain('/proc/rapport-test');
  });
});
