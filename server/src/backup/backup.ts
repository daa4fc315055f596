import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { listMigrations } from '../db/migrate.ts';

/**
 * Backup and restore of a whole Rapport: the database (pg_dump custom format, taken in one snapshot
 * while Rapport keeps running) and the folders of files in DATA_DIR (documents, import uploads), in
 * one tar file with a manifest that lists every file with its SHA-256.
 *
 * Restore replaces the database in a single transaction (psql --single-transaction over the output of
 * pg_restore): it either completes or leaves the database as it was. The files are put in place only
 * after the database restore committed, by renaming folders.
 */

export const BACKUP_FORMAT = 1;
/** Folders of DATA_DIR that hold data the database points to. */
export const FILE_FOLDERS = ['files', 'imports'] as const;
/** Single files of DATA_DIR that go with the data: the secret that signs session cookies. */
export const DATA_FILES = ['auth-secret'] as const;
/** Extensions the migrations create; a restore creates them before the objects that use them. */
const EXTENSIONS = ['pg_trgm', 'unaccent', 'btree_gin'];

export type BackupManifest = {
  format: number;
  createdAt: string;
  postgres: string;
  migration: number;
  database: { bytes: number; sha256: string };
  files: { path: string; bytes: number; sha256: string }[];
};

export class BackupError extends Error {}

type Log = { info(msg: string): void };

function connection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  // The password goes through the environment, never on a command line that `ps` shows.
  return { uri: url.toString(), env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } };
}

/** pg_dump / pg_restore / psql of at least the server's major version (Debian keeps them per version). */
export function findPgTool(name: 'pg_dump' | 'pg_restore' | 'psql', serverMajor: number): string {
  const candidates: { bin: string; major: number }[] = [];
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base)) {
      const bin = path.join(base, v, 'bin', name);
      if (/^\d+$/.test(v) && existsSync(bin)) candidates.push({ bin, major: Number(v) });
    }
  }
  candidates.sort((a, b) => a.major - b.major);
  const fit = candidates.find((c) => c.major >= serverMajor);
  if (fit) return fit.bin;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const bin = path.join(dir, name);
    if (dir && existsSync(bin)) return bin;
  }
  throw new BackupError(
    `${name} ${serverMajor} or newer is needed: install it with "apt-get install postgresql-client-${serverMajor}" (or your system's PostgreSQL client package).`,
  );
}

function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: NodeJS.ReadableStream; prologue?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else
        reject(new BackupError(`${path.basename(cmd)} failed: ${(err || out).trim().split('\n').slice(-3).join(' ')}`));
    });
    if (opts.prologue) child.stdin.write(opts.prologue);
    if (opts.stdin) opts.stdin.pipe(child.stdin);
    else child.stdin.end();
  });
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function listFiles(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    // Unfinished uploads (files/.tmp) are no data yet.
    if (child === 'files/.tmp') continue;
    if (e.isDirectory()) out.push(...listFiles(root, child));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

async function serverFacts(databaseUrl: string): Promise<{ major: number; version: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ v: string; n: string }>(
      "select current_setting('server_version') as v, current_setting('server_version_num') as n",
    );
    const row = r.rows[0] as { v: string; n: string };
    return { major: Math.floor(Number(row.n) / 10000), version: row.v };
  } finally {
    await client.end();
  }
}

/** Writes a backup of the database and DATA_DIR's files to `out` (a .tar file). */
export async function createBackup(opts: {
  databaseUrl: string;
  dataDir: string;
  out: string;
  log?: Log;
}): Promise<BackupManifest> {
  const { major, version } = await serverFacts(opts.databaseUrl);
  const pgDump = findPgTool('pg_dump', major);
  const outDir = path.dirname(path.resolve(opts.out));
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(path.join(outDir, '.backup-'));
  try {
    const dump = path.join(work, 'database.dump');
    const { uri, env } = connection(opts.databaseUrl);
    opts.log?.info('dumping the database...');
    await run(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${uri}`], {
      env,
    });
    // Files are read after the snapshot: every file a row of the dump points to exists already
    // (files are written before their row commits and kept when a document goes to the trash).
    opts.log?.info('hashing the files...');
    const files: BackupManifest['files'] = [];
    for (const folder of [...FILE_FOLDERS, ...DATA_FILES]) {
      const single = (DATA_FILES as readonly string[]).includes(folder);
      const entries = single
        ? existsSync(path.join(opts.dataDir, folder))
          ? [folder]
          : []
        : listFiles(opts.dataDir, folder);
      for (const rel of entries) {
        const abs = path.join(opts.dataDir, rel);
        files.push({ path: rel, bytes: statSync(abs).size, sha256: await sha256Of(abs) });
      }
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgres: version,
      migration: Math.max(0, ...listMigrations().map((m) => m.version)),
      database: { bytes: statSync(dump).size, sha256: await sha256Of(dump) },
      files,
    };
    await writeFile(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(path.join(work, 'files.list'), files.map((f) => f.path).join('\n'));
    const tmpOut = path.join(work, 'backup.tar');
    opts.log?.info('writing the archive...');
    await run('tar', [
      '-cf',
      tmpOut,
      '-C',
      work,
      'manifest.json',
      'database.dump',
      ...(files.length > 0
        ? ['-C', path.resolve(opts.dataDir), '--verbatim-files-from', `--files-from=${path.join(work, 'files.list')}`]
        : []),
    ]);
    await rename(tmpOut, path.resolve(opts.out));
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Other sessions on the database: a restore under a running Rapport would pull the data from under it. */
export async function otherSessions(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ app: string }>(
      `select coalesce(nullif(application_name, ''), 'a client') as app from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return r.rows.map((x) => x.app);
  } finally {
    await client.end();
  }
}

/**
 * Replaces the database and DATA_DIR's files with the backup's. Rapport must not be running on them.
 * The database part is one transaction; the files are verified against the manifest before anything
 * is replaced.
 */
export async function restoreBackup(opts: {
  databaseUrl: string;
  dataDir: string;
  file: string;
  log?: Log;
}): Promise<BackupManifest> {
  if (!existsSync(opts.file)) throw new BackupError(`There is no backup file ${opts.file}`);
  const { major } = await serverFacts(opts.databaseUrl);
  const pgRestore = findPgTool('pg_restore', major);
  const psql = findPgTool('psql', major);
  await mkdir(opts.dataDir, { recursive: true });
  const work = await mkdtemp(path.join(opts.dataDir, '.restore-'));
  try {
    await run('tar', ['-xf', path.resolve(opts.file), '-C', work]).catch(() => {
      throw new BackupError(`${opts.file} is not a Rapport backup (it cannot be read as a tar archive)`);
    });
    const manifestFile = path.join(work, 'manifest.json');
    if (!existsSync(manifestFile) || !existsSync(path.join(work, 'database.dump'))) {
      throw new BackupError(`${opts.file} is not a Rapport backup (no manifest.json and database.dump in it)`);
    }
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`Backup format ${manifest.format} is not known here`);
    const known = Math.max(0, ...listMigrations().map((m) => m.version));
    if (manifest.migration > known) {
      throw new BackupError(
        `The backup comes from a newer Rapport (database migration ${manifest.migration}, this one knows ${known}); update Rapport first`,
      );
    }
    opts.log?.info('checking the backup...');
    const dump = path.join(work, 'database.dump');
    if ((await sha256Of(dump)) !== manifest.database.sha256)
      throw new BackupError('The database dump in the backup is damaged');
    for (const f of manifest.files) {
      const abs = path.join(work, f.path);
      if (!existsSync(abs) || (await sha256Of(abs)) !== f.sha256) {
        throw new BackupError(`The file ${f.path} in the backup is missing or damaged`);
      }
    }

    // The restore list without the extensions: they are created first by the database owner.
    const list = (await run(pgRestore, ['--list', dump]))
      .split('\n')
      .filter((line) => !/ EXTENSION /.test(line) && !/ SCHEMA - public /.test(line))
      .join('\n');
    const listFile = path.join(work, 'restore.list');
    await writeFile(listFile, list);
    const prologue = [
      '\\set ON_ERROR_STOP on',
      'drop schema if exists pgboss cascade;',
      'drop schema public cascade;',
      'create schema public;',
      ...EXTENSIONS.map((e) => `create extension if not exists ${e} with schema public;`),
      '',
    ].join('\n');
    opts.log?.info('restoring the database (one transaction)...');
    const sqlStream = spawn(pgRestore, ['--no-owner', '--no-privileges', `--use-list=${listFile}`, '--file=-', dump], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let restoreErr = '';
    sqlStream.stderr.on('data', (d) => {
      restoreErr += d;
    });
    const { uri, env } = connection(opts.databaseUrl);
    try {
      await run(psql, ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${uri}`], {
        env,
        prologue,
        stdin: sqlStream.stdout,
      });
    } catch (err) {
      throw new BackupError(
        `The database was not restored and is unchanged: ${(err as Error).message}${restoreErr ? ` (${restoreErr.trim()})` : ''}`,
      );
    }

    opts.log?.info('putting the files in place...');
    for (const folder of [...FILE_FOLDERS, ...DATA_FILES]) {
      const live = path.join(opts.dataDir, folder);
      const restored = path.join(work, folder);
      const old = path.join(work, `${folder}.replaced`);
      if (existsSync(live)) await rename(live, old);
      if (existsSync(restored)) await rename(restored, live);
    }
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
