import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestDatabase, startTestApp, type TestApp } from './helpers.ts';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let db: Awaited<ReturnType<typeof createTestDatabase>>;

/** Runs `npm run rapport -- …` as a user does, against this file's database. */
async function rapport(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
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
afterAll(() => db.drop());

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

  it('explains bad arguments in one line', async () => {
    const res = await rapport('api-key', 'create', '--workspace', 'Finnes Ikke AS');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('No workspace named "Finnes Ikke AS"');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
