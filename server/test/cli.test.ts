import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestDatabase, startTestApp, type TestApp } from './helpers.ts';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-cli-'));

/** Runs `npm run rapport -- …` as a user does, against this file's database. */
async function rapport(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
        LOG_LEVEL: 'silent',
      },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the command line', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('sets up workspaces headless and prints an API key as the last line', async () => {
    const setup = await rapport(
      'setup',
      '--workspace',
      'Kommandolinje AS',
      '--email',
      'cli@example.no',
      '--password',
      'cli password 123',
    );
    expect(setup.code, setup.stderr).toBe(0);
    const second = await rapport(
      'setup',
      '--workspace',
      'Andre Kontor AS',
      '--email',
      'cli2@example.no',
      '--password',
      'cli password 456',
    );
    expect(second.code, second.stderr).toBe(0);
    const dup = await rapport(
      'setup',
      '--workspace',
      'Kommandolinje AS',
      '--email',
      'x@example.no',
      '--password',
      'cli password 789',
    );
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('already exists');

    const key = await rapport('api-key', 'create', '--workspace', 'Kommandolinje AS');
    expect(key.code, key.stderr).toBe(0);
    const lastLine = key.stdout.trim().split('\n').at(-1) as string;
    expect(lastLine).toMatch(/^rk_\S+$/);

    // The key works against the running API, in its own workspace only.
    app = await startTestApp({ DATABASE_URL: db.url });
    const bot = new Client(app.url, lastLine);
    const created = await bot.post('/api/v1/companies', { name: 'Laget Fra Nøkkel AS' });
    expect(created.status).toBe(201);
    const admin2 = await new Client(app.url).signIn('cli2@example.no', 'cli password 456');
    expect((await admin2.get('/api/v1/me')).body.workspace.name).toBe('Andre Kontor AS');
    expect((await admin2.get('/api/v1/companies')).body.items).toHaveLength(0);
  });

  it('loads the demo dataset into a workspace', async () => {
    const res = await rapport('demo', '--workspace', 'Andre Kontor AS', '--companies', '40');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Loaded 40 companies and \d+ contacts/);
    const admin2 = await new Client(app.url).signIn('cli2@example.no', 'cli password 456');
    const list = await admin2.get('/api/v1/companies?limit=100');
    expect(list.body.items).toHaveLength(40);
  });

  it('backs up while Rapport runs, and restores only once it is stopped and the user confirms', {
    timeout: 180_000,
  }, async () => {
    const out = path.join(dataDir, 'kopi.tar');
    const backup = await rapport('backup', '--out', out);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout.trim().split('\n').at(-1)).toBe(out);
    expect(existsSync(out)).toBe(true);

    const admin2 = await new Client(app.url).signIn('cli2@example.no', 'cli password 456');
    const extra = await admin2.post('/api/v1/companies', { name: 'Etter Kopien AS' });
    expect(extra.status).toBe(201);

    const busy = await rapport('restore', out, '--yes');
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toMatch(/in use .*stop Rapport/);
    await app.close();

    const unconfirmed = await rapport('restore', out);
    expect(unconfirmed.code).not.toBe(0);
    expect(unconfirmed.stderr).toContain('--yes');
    const restored = await rapport('restore', out, '--yes');
    expect(restored.code, restored.stderr).toBe(0);

    // The company made after the backup is gone; everything before it is back.
    app = await startTestApp({ DATABASE_URL: db.url });
    const again = await new Client(app.url).signIn('cli2@example.no', 'cli password 456');
    const names = (await again.get('/api/v1/companies?limit=100')).body.items.map((c: { name: string }) => c.name);
    expect(names).toHaveLength(40);
    expect(names).not.toContain('Etter Kopien AS');
  });

  it('explains bad arguments in one line', async () => {
    const res = await rapport('api-key', 'create', '--workspace', 'Finnes Ikke AS');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('No workspace named "Finnes Ikke AS"');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
