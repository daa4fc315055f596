import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Routes AS'));
});
afterAll(() => t.close());

const SAMPLE_ID = '01900000-0000-7000-8000-000000000001';
const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, SAMPLE_ID).replace('/api/auth/*', '/api/auth/get-session');

describe('the route table', () => {
  it('gives every API route a permission', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(25);
    const missing = api.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller with 401 and the error body', async () => {
    const guarded = t.routes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.permission !== 'public' && r.method !== 'HEAD',
    );
    for (const r of guarded) {
      const res = await t.anonymous().request(r.method, fill(r.url), r.method === 'GET' ? undefined : {});
      expect.soft(res.status, `${r.method} ${r.url}`).toBe(401);
      expect.soft(res.body?.error?.code, `${r.method} ${r.url}`).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a made-up API key', async () => {
    const res = await new Client(t.url, 'rk_not-a-real-key').get('/api/v1/companies');
    expect(res.status).toBe(401);
  });
});

describe('HTTP basics', () => {
  it('reports health with the database reachable', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document listing the business routes', async () => {
    const res = await t.anonymous().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/companies', '/api/v1/contacts/{id}']));
    const docs = await t.anonymous().get('/api/docs');
    expect([200, 302]).toContain(docs.status);
  });

  it('sends security headers, a Content-Security-Policy and a request id', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects cookie-authenticated writes without the CSRF header, and accepts them with it', async () => {
    const withoutHeader = await admin.request(
      'POST',
      '/api/v1/companies',
      { name: 'Forged AS' },
      { 'x-requested-with': 'x' },
    );
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.error.code).toBe('FORBIDDEN');
    const list = await admin.get('/api/v1/companies?q=Forged');
    expect(list.body.items).toHaveLength(0);
    const ok = await admin.post('/api/v1/companies', { name: 'Real AS' });
    expect(ok.status).toBe(201);
  });

  it('refuses a body over the size limit with 413 and the error body', async () => {
    const res = await admin.post('/api/v1/companies', {
      name: 'Big',
      website: `https://x.no/${'a'.repeat(2_000_000)}`,
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('answers unknown API paths with 404 and the error body', async () => {
    const res = await admin.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the committed OpenAPI document', () => {
  it('matches the routes (run `npm run openapi` after changing a contract)', async () => {
    const { readFileSync } = await import('node:fs');
    const { OPENAPI_FILE } = await import('../openapi-write.ts');
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    const served = (await t.anonymous().get('/api/v1/openapi.json')).body;
    expect(served).toEqual(committed);
  });
});
