import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let workspaceId: string;
let company: { id: string };
let dataDir: string;
const LIMIT = 200_000;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-docs-'));
  t = await startTestApp({ DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(LIMIT) });
  ({ admin, workspaceId } = await t.workspace('Dokument AS'));
  company = (await admin.post('/api/v1/companies', { name: 'Arkivet AS' })).body;
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A multipart body built by hand, so file names reach the server exactly as written here. */
function multipart(filename: string, content: Buffer, opts: { type?: string; description?: string } = {}) {
  const boundary = `----rapport${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  if (opts.description !== undefined) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${opts.description}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${opts.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  client: Client,
  target: { entity: string; entityId: string },
  filename: string,
  content: Buffer,
  opts: { type?: string; description?: string } = {},
) {
  const { body, contentType } = multipart(filename, content, opts);
  const res = await fetch(`${t.url}/api/v1/documents?entity=${target.entity}&entityId=${target.entityId}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-requested-with': 'rapport', 'content-type': contentType },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function download(client: Client, url: string) {
  const res = await fetch(`${t.url}${url}`, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const onCompany = () => ({ entity: 'company', entityId: company.id });
const storedFiles = () => {
  const root = path.join(dataDir, 'files', workspaceId);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
};
const tmpFiles = () => {
  const dir = path.join(dataDir, 'files', '.tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('documents on cards', () => {
  it('stores an upload and gives back exactly the same bytes, with its name, type and checksum', async () => {
    const content = randomBytes(150_000);
    const res = await upload(admin, onCompany(), 'Tilbud Ærø «2026».pdf', content, {
      type: 'application/pdf',
      description: 'Signert tilbud',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Tilbud Ærø «2026».pdf',
      description: 'Signert tilbud',
      contentType: 'application/pdf',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      uploadedByName: 'Admin',
      version: 1,
    });
    const got = await download(admin, res.body.url);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(content)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = got.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="Tilbud _r_ _2026_.pdf"; /);
    expect(disposition).toContain("filename*=UTF-8''Tilbud%20%C3%86r%C3%B8%20%C2%AB2026%C2%BB.pdf");
    expect((await download(admin, `${res.body.url}?inline=true`)).headers.get('content-disposition')).toMatch(
      /^inline;/,
    );

    // On disk: files/<workspace>/<yy>/<id>, never the name someone typed.
    const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
    const file = path.join(dataDir, 'files', workspaceId, yy, res.body.id);
    expect(readFileSync(file).equals(content)).toBe(true);
    expect(storedFiles().some((f) => f.includes('Tilbud'))).toBe(false);

    const list = await admin.get(`/api/v1/documents?entity=company&entityId=${company.id}`);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
    const history = await admin.get(`/api/v1/audit?entity=company&entityId=${company.id}`);
    expect(history.body.items.some((a: { field: string }) => a.field === 'document')).toBe(true);
  });

  it('cleans names: no path parts, no control or direction characters, at most 200 characters', async () => {
    const cases: [string, string][] = [
      ['..\\..\\Windows\\system32\\rapport.txt', 'rapport.txt'],
      ['../../etc/passwd', 'passwd'],
      ['kontrakt\u0007\u202egnp.txt', 'kontraktgnp.txt'],
      ['   mange    mellomrom  .txt  ', 'mange mellomrom .txt'],
      [`${'å'.repeat(300)}.docx`, `${'å'.repeat(195)}.docx`],
    ];
    for (const [given, shown] of cases) {
      const res = await upload(admin, onCompany(), given, Buffer.from('innhold'));
      expect(res.status, given).toBe(201);
      expect(res.body.name, given).toBe(shown);
    }
  });

  it('refuses programs and scripts by name and by content, with a clear message', async () => {
    for (const name of ['setup.exe', 'run.bat', 'deploy.sh', 'installer.msi', 'faktura.pdf.exe', 'trick.exe. . ']) {
      const res = await upload(admin, onCompany(), name, Buffer.from('data'));
      expect(res.status, name).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(/programs or scripts/);
    }
    const disguised = await upload(
      admin,
      onCompany(),
      'faktura.pdf',
      Buffer.concat([Buffer.from('MZ'), randomBytes(64)]),
    );
    expect(disguised.status).toBe(400);
    const script = await upload(admin, onCompany(), 'notat.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'));
    expect(script.status).toBe(400);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a file over DOCUMENT_MAX_BYTES with 413 and leaves nothing behind', async () => {
    const before = storedFiles().length;
    const res = await upload(admin, onCompany(), 'stor.zip', randomBytes(LIMIT + 1));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than the limit of 195\.3 KiB/);
    expect(storedFiles().length).toBe(before);
    expect(tmpFiles()).toEqual([]);
    const exact = await upload(admin, onCompany(), 'akkurat.zip', randomBytes(LIMIT));
    expect(exact.status).toBe(201);
  });

  it('leaves no partial file when an upload is cut off', async () => {
    const before = storedFiles().length;
    const { body, contentType } = multipart('avbrutt.bin', randomBytes(100_000));
    const url = new URL(`${t.url}/api/v1/documents?entity=company&entityId=${company.id}`);
    await new Promise<void>((resolve) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          cookie: admin.cookie,
          'x-requested-with': 'rapport',
          'content-type': contentType,
          'content-length': String(body.length),
        },
      });
      req.on('error', () => resolve());
      req.write(body.subarray(0, 60_000), () => setTimeout(() => req.destroy(), 100));
      req.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(tmpFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before);
    const list = await admin.get(`/api/v1/documents?entity=company&entityId=${company.id}&limit=500`);
    expect(list.body.items.map((d: { name: string }) => d.name)).not.toContain('avbrutt.bin');
  });

  it('serves HTML, SVG and scripts only as downloads of plain bytes', async () => {
    for (const [name, content] of [
      ['side.html', '<script>alert(1)</script>'],
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['kode.js', 'alert(1)'],
    ] as const) {
      const res = await upload(admin, onCompany(), name, Buffer.from(content), { type: 'text/html' });
      expect(res.status, name).toBe(201);
      const got = await download(admin, `${res.body.url}?inline=true`);
      expect(got.headers.get('content-type'), name).toBe('application/octet-stream');
      expect(got.headers.get('content-disposition'), name).toMatch(/^attachment;/);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.bytes.toString()).toBe(content);
    }
  });

  it('renames with versions, and deletes to a trash that can be restored', async () => {
    const doc = (await upload(admin, onCompany(), 'utkast.txt', Buffer.from('hei'))).body;
    const renamed = await admin.patch(`/api/v1/documents/${doc.id}`, {
      version: 1,
      name: 'mapper/endelig.txt',
      description: 'Endelig versjon',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'endelig.txt', description: 'Endelig versjon', version: 2 });
    const stale = await admin.patch(`/api/v1/documents/${doc.id}`, { version: 1, name: 'annet.txt' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.name).toBe('endelig.txt');
    expect((await admin.patch(`/api/v1/documents/${doc.id}`, { version: 2, name: 'virus.exe' })).status).toBe(400);

    expect((await admin.delete(`/api/v1/documents/${doc.id}`)).status).toBe(204);
    const live = await admin.get(`/api/v1/documents?entity=company&entityId=${company.id}&limit=500`);
    expect(live.body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await download(admin, doc.url)).status).toBe(404);
    const trash = await admin.get(`/api/v1/documents?entity=company&entityId=${company.id}&deleted=true`);
    expect(trash.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    const restored = await admin.post(`/api/v1/documents/${doc.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await download(admin, doc.url)).bytes.toString()).toBe('hei');
  });

  it('hides documents of an only-the-owner card from everyone else (404), and of other workspaces', async () => {
    const owner = await t.member(admin, 'user');
    const colleague = await t.member(admin, 'user');
    const secret = (await owner.post('/api/v1/contacts', { firstName: 'Hemmelig', visibility: 'owner' })).body;
    const doc = (await upload(owner, { entity: 'contact', entityId: secret.id }, 'lønn.xlsx', Buffer.from('x'))).body;
    expect(doc.entity).toBe('contact');
    expect((await download(owner, doc.url)).status).toBe(200);
    for (const res of [
      await colleague.get(`/api/v1/documents?entity=contact&entityId=${secret.id}`),
      await colleague.get(`/api/v1/documents/${doc.id}`),
      await download(colleague, doc.url),
      await colleague.patch(`/api/v1/documents/${doc.id}`, { version: 1, name: 'x.txt' }),
      await colleague.delete(`/api/v1/documents/${doc.id}`),
      await upload(colleague, { entity: 'contact', entityId: secret.id }, 'inn.txt', Buffer.from('x')),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await download(admin, doc.url)).status).toBe(200);

    const { admin: stranger } = await t.workspace('Fremmed AS');
    expect((await stranger.get(`/api/v1/documents/${doc.id}`)).status).toBe(404);
    expect((await download(stranger, doc.url)).status).toBe(404);
    expect((await upload(stranger, onCompany(), 'inn.txt', Buffer.from('x'))).status).toBe(404);
  });

  it('lets read-only members download but not upload', async () => {
    const reader = await t.member(admin, 'readonly');
    const doc = (await upload(admin, onCompany(), 'les.txt', Buffer.from('les meg'))).body;
    expect((await download(reader, doc.url)).bytes.toString()).toBe('les meg');
    expect((await upload(reader, onCompany(), 'skriv.txt', Buffer.from('x'))).status).toBe(403);
  });

  it('explains what is wrong with a request without a file', async () => {
    const res = await admin.post(`/api/v1/documents?entity=company&entityId=${company.id}`, { name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/multipart\/form-data/);
  });
});

describe('documents follow a merge', () => {
  it('moves the files of the merged company and contact to the card that is kept', async () => {
    const keep = (await admin.post('/api/v1/companies', { name: 'Fjordlys AS' })).body;
    const dup = (await admin.post('/api/v1/companies', { name: 'Fjordlys A/S' })).body;
    const doc = await upload(admin, { entity: 'company', entityId: dup.id }, 'avtale.txt', Buffer.from('avtale'));
    expect(doc.status).toBe(201);
    const merged = await admin.post(`/api/v1/companies/${keep.id}/merge`, {
      version: keep.version,
      otherId: dup.id,
      otherVersion: dup.version,
      take: [],
    });
    expect(merged.status).toBe(200);
    const onKept = await admin.get(`/api/v1/documents?entity=company&entityId=${keep.id}`);
    expect(onKept.body.items.map((d: { id: string }) => d.id)).toEqual([doc.body.id]);

    const p1 = (await admin.post('/api/v1/contacts', { firstName: 'Siri', lastName: 'Lys' })).body;
    const p2 = (await admin.post('/api/v1/contacts', { firstName: 'Siri', lastName: 'Lys' })).body;
    const cv = await upload(admin, { entity: 'contact', entityId: p2.id }, 'cv.txt', Buffer.from('cv'));
    const mergedContact = await admin.post(`/api/v1/contacts/${p1.id}/merge`, {
      version: p1.version,
      otherId: p2.id,
      otherVersion: p2.version,
      take: [],
    });
    expect(mergedContact.status).toBe(200);
    const onPerson = await admin.get(`/api/v1/documents?entity=contact&entityId=${p1.id}`);
    expect(onPerson.body.items.map((d: { id: string }) => d.id)).toEqual([cv.body.id]);
    expect((await download(admin, onPerson.body.items[0].url)).bytes.toString()).toBe('cv');
  });
});
