import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../helpers.ts';

/**
 * A full disk: DATA_DIR on a small tmpfs that is filled up. An upload then fails with a clear message
 * (507), leaves no partial file, the server keeps working, and once space is freed uploads work again.
 * Mounting needs root (CI runs as root); elsewhere the test says why it is skipped.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'rapport-full-'));
let mounted = false;
try {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  }
} catch {
  mounted = false;
}

let t: TestApp;
let admin: Client;
let companyId: string;

async function upload(name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${t.url}/api/v1/documents?entity=company&entityId=${companyId}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-requested-with': 'rapport' },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { error?: { message: string }; id?: string } };
}

beforeAll(async () => {
  if (!mounted) return;
  t = await startTestApp({ DATA_DIR: dir });
  ({ admin } = await t.workspace('Full Disk AS'));
  companyId = (await admin.post('/api/v1/companies', { name: 'Lagring AS' })).body.id;
});
afterAll(async () => {
  await t?.close();
  if (mounted) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  it.skipIf(!mounted)(
    'refuses an upload clearly, keeps nothing half-written, and recovers once space is freed',
    async () => {
      const filler = path.join(dir, 'filler');
      // Fill the 8 MB file system, leaving less than the upload needs.
      writeFileSync(filler, Buffer.alloc(7 * 1024 * 1024));
      const full = await upload('rapport.pdf', randomBytes(2 * 1024 * 1024));
      expect(full.status).toBe(507);
      expect(full.body.error?.message).toMatch(/out of disk space; nothing was saved/);
      const tmp = path.join(dir, 'files', '.tmp');
      expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
      const list = await admin.get(`/api/v1/documents?entity=company&entityId=${companyId}`);
      expect(list.body.items).toEqual([]);

      // The rest of Rapport keeps working.
      expect((await admin.get('/api/v1/health')).status).toBe(200);
      expect((await admin.post('/api/v1/companies', { name: 'Fortsatt I Drift AS' })).status).toBe(201);

      rmSync(filler);
      const again = await upload('rapport.pdf', randomBytes(2 * 1024 * 1024));
      expect(again.status).toBe(201);
    },
  );
});
