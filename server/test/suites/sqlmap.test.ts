import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../helpers.ts';

/**
 * sqlmap (Debian package `sqlmap`) against the list, search and export endpoints, authenticated with an
 * API key: it must find no injection point. Part of `npm run test:deep` only — a run takes minutes.
 */
const SQLMAP = ['/usr/bin/sqlmap', '/usr/local/bin/sqlmap'].find((p) => existsSync(p));
const deep = Boolean(process.env.DEEP);

let t: TestApp;
let admin: Client;
let key: string;
const out = mkdtempSync(path.join(tmpdir(), 'rapport-sqlmap-'));

beforeAll(async () => {
  if (!deep || !SQLMAP) return;
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000000' });
  ({ admin } = await t.workspace('Sqlmap AS'));
  key = (await admin.post('/api/v1/api-keys', { name: 'sqlmap', role: 'user' })).body.key;
  for (const name of ['Alfa AS', 'Beta AS', 'Gamma AS']) {
    const c = await admin.post('/api/v1/companies', { name });
    await admin.post('/api/v1/contacts', { firstName: 'Test', lastName: name, companyId: c.body.id });
  }
});
afterAll(async () => {
  await t?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('sqlmap', () => {
  it.skipIf(!deep || !SQLMAP)('finds no injection point in lists, search and export', { timeout: 3_600_000 }, () => {
    const targets = [
      ['/api/v1/companies?sort=name&filter=name:contains:a&q=alfa&limit=10', 'sort,filter,q,limit'],
      ['/api/v1/contacts?sort=lastName&filter=lastName:eq:x&q=test&limit=10', 'sort,filter,q,limit'],
      ['/api/v1/search?q=alfa', 'q'],
      ['/api/v1/companies/export?format=csv&sort=name&filter=name:eq:x', 'sort,filter'],
    ] as const;
    for (const [url, params] of targets) {
      const run = spawnSync(
        SQLMAP as string,
        [
          '-u',
          `${t.url}${url}`,
          '-p',
          params,
          `--headers=Authorization: Bearer ${key}`,
          '--batch',
          '--dbms=PostgreSQL',
          '--level=3',
          '--risk=2',
          '--flush-session',
          `--output-dir=${out}`,
          '--disable-coloring',
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      const text = `${run.stdout}\n${run.stderr}`;
      expect(text, url).not.toMatch(/identified the following injection point|is vulnerable/i);
      expect(text, url).toMatch(/do not appear to be injectable|not injectable/i);
    }
  });
});
