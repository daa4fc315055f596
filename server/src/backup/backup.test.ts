import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestDatabase, startTestApp, type TestApp } from '../../test/helpers.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/pool.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';

let t: TestApp;
let admin: Client;
let dataDir: string;
const work = mkdtempSync(path.join(tmpdir(), 'rapport-backup-'));

const TABLES = ['companies', 'contacts', 'notes', 'documents', 'audit_log', 'members', 'schema_migrations'];

/** A checksum per table over every row, in primary-key order. */
async function checksums(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const r = await client.query<{ sum: string; n: number }>(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum, count(*)::int as n from ${table} t`,
      );
      out[table] = `${r.rows[0]?.n}:${r.rows[0]?.sum}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

async function upload(name: string, content: Buffer, companyId: string) {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const res = await fetch(`${t.url}/api/v1/documents?entity=company&entityId=${companyId}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-requested-with': 'rapport' },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dataDir = path.join(work, 'data');
  t = await startTestApp({ DATA_DIR: dataDir });
  ({ admin } = await t.workspace('Sikkerhetskopi AS'));
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips the database and the files while writes go on, and the app starts on the restored data', {
    timeout: 180_000,
  }, async () => {
    const company = (await admin.post('/api/v1/companies', { name: 'Arkiv Nord AS', orgNumber: '923609016' })).body;
    await admin.post('/api/v1/notes', { entity: 'company', entityId: company.id, html: '<p>Viktig <b>notat</b></p>' });
    const bytes = Buffer.from(`kontrakt ${'x'.repeat(5000)}`);
    const doc = await upload('kontrakt.pdf', bytes, company.id);

    // Writes keep coming while the backup is taken.
    let writing = true;
    const acknowledged: string[] = [];
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const res = await admin.post('/api/v1/contacts', { firstName: 'Under', lastName: `Kopiering ${i}` });
        if (res.status === 201) acknowledged.push(res.body.id);
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const ackedBefore = [...acknowledged];
    const during = path.join(work, 'during.tar');
    await createBackup({ databaseUrl: t.config.databaseUrl as string, dataDir, out: during });
    writing = false;
    await writer;
    expect(acknowledged.length).toBeGreaterThan(ackedBefore.length);

    // A quiet backup restores to exactly the same tables.
    const quiet = path.join(work, 'quiet.tar');
    const manifest = await createBackup({ databaseUrl: t.config.databaseUrl as string, dataDir, out: quiet });
    expect(manifest.files.some((f) => f.path.startsWith('files/') && f.path.endsWith(doc.id))).toBe(true);
    const before = await checksums(t.config.databaseUrl as string);

    const target = await createTestDatabase();
    const emptyTarget = new pg.Client({ connectionString: target.url });
    await emptyTarget.connect();
    // The target starts with other data in it: the restore replaces, it does not merge.
    await emptyTarget.query(
      "delete from companies; insert into schema_migrations (version, name) values (9999, 'stray') on conflict do nothing",
    );
    await emptyTarget.end();
    const restoredDir = path.join(work, 'restored');
    await restoreBackup({ databaseUrl: target.url, dataDir: restoredDir, file: quiet });
    expect(await checksums(target.url)).toEqual(before);
    for (const f of manifest.files) {
      expect(sha(readFileSync(path.join(restoredDir, f.path))), f.path).toBe(f.sha256);
    }

    // The application starts on the restored database and files and serves the document.
    const config = loadConfig({
      DATABASE_URL: target.url,
      DATA_DIR: restoredDir,
      LOG_LEVEL: 'error',
      AUTH_SECRET: t.config.authSecret,
    });
    const database = openDatabase(target.url, 2);
    const { app } = await buildApp({ config, database, logger: false, serveWeb: false, jobs: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const addr = app.server.address() as { port: number };
      const base = `http://127.0.0.1:${addr.port}`;
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      const res = await fetch(`${base}${doc.url}`, { headers: { cookie: admin.cookie } });
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(bytes));
      const card = await fetch(`${base}/api/v1/companies/${company.id}`, { headers: { cookie: admin.cookie } });
      expect(((await card.json()) as { name: string }).name).toBe('Arkiv Nord AS');
    } finally {
      await app.close();
      await database.close();
    }

    // The backup taken during the writes holds every contact acknowledged before it started, each
    // with its history: one consistent snapshot.
    await restoreBackup({ databaseUrl: target.url, dataDir: restoredDir, file: during });
    const check = new pg.Client({ connectionString: target.url });
    await check.connect();
    try {
      const ids = (await check.query<{ id: string }>('select id from contacts')).rows.map((r) => r.id);
      for (const id of ackedBefore) expect(ids).toContain(id);
      const orphans = await check.query(
        `select c.id from contacts c where not exists (
           select 1 from audit_log a where a.entity = 'contact' and a.entity_id = c.id and a.action = 'create')`,
      );
      expect(orphans.rows).toEqual([]);
    } finally {
      await check.end();
      await target.drop();
    }
  });

  it('refuses a file that is not a backup and one that is damaged, leaving the data as it was', async () => {
    const target = await createTestDatabase();
    try {
      const before = await checksums(target.url);
      const junk = path.join(work, 'junk.tar');
      writeFileSync(junk, 'not a tar file');
      await expect(
        restoreBackup({ databaseUrl: target.url, dataDir: path.join(work, 'd2'), file: junk }),
      ).rejects.toThrow(/not a Rapport backup/);
      await expect(
        restoreBackup({ databaseUrl: target.url, dataDir: path.join(work, 'd2'), file: path.join(work, 'nope.tar') }),
      ).rejects.toBeInstanceOf(BackupError);

      // A backup whose dump was altered after it was written.
      const good = path.join(work, 'good.tar');
      await createBackup({ databaseUrl: t.config.databaseUrl as string, dataDir, out: good });
      const unpacked = path.join(work, 'unpacked');
      execFileSync('mkdir', ['-p', unpacked]);
      execFileSync('tar', ['-xf', good, '-C', unpacked]);
      writeFileSync(path.join(unpacked, 'database.dump'), 'damaged');
      const bad = path.join(work, 'bad.tar');
      execFileSync('tar', ['-cf', bad, '-C', unpacked, '.']);
      await expect(
        restoreBackup({ databaseUrl: target.url, dataDir: path.join(work, 'd2'), file: bad }),
      ).rejects.toThrow(/damaged/);
      expect(await checksums(target.url)).toEqual(before);
      expect(existsSync(path.join(work, 'd2', 'files'))).toBe(false);
    } finally {
      await target.drop();
    }
  });
});
