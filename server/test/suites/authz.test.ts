import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../helpers.ts';
import { type Permission, POLICY } from './policy.ts';

/**
 * The authorization matrix: every route of the route table × every kind of caller. The expected
 * outcome comes from one policy table (./policy.ts); a route that is not in it fails the suite, and so
 * does a route whose declared permission differs from the table. Denied writes must leave every
 * business table exactly as it was.
 */

type Caller = 'anonymous' | 'readonly' | 'user' | 'manager' | 'admin' | 'userKey' | 'adminKey' | 'stranger';
const RANK: Record<string, number> = { readonly: 1, user: 2, manager: 3, admin: 4 };
const NEED: Record<Permission, number> = { public: 0, 'signed-in': 0, read: 1, write: 2, manage: 3, admin: 4 };
const roleOf: Record<Exclude<Caller, 'anonymous' | 'stranger'>, string> = {
  readonly: 'readonly',
  user: 'user',
  manager: 'manager',
  admin: 'admin',
  userKey: 'user',
  adminKey: 'admin',
};

let t: TestApp;
const callers = {} as Record<Caller, Client>;

/**
 * Writes that need no body and act on the caller's own account only (a new secret calendar feed address,
 * ending it): an empty request is a real change there, so the sweeps below leave them out. Their rules are
 * tested in modules/calendar/calendar.test.ts.
 */
const OWN_ACCOUNT_WRITES = new Set(['POST /api/v1/calendar-feed', 'DELETE /api/v1/calendar-feed']);

const TABLES_UNCHANGED = [
  'workspaces',
  'members',
  'invitations',
  'api_keys',
  'companies',
  'contacts',
  'notes',
  'documents',
  'audit_log',
  'saved_views',
  'imports',
  'activities',
  'activity_participants',
  'activity_resources',
  'activity_types',
  'activity_targets',
  'resources',
  'calendar_feeds',
];

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const existing = new Set(
    (await t.pool.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'")).rows.map(
      (r) => r.tablename,
    ),
  );
  for (const table of TABLES_UNCHANGED.filter((x) => existing.has(x))) {
    // When an API key was last used is bookkeeping, not data a request may change.
    const row = table === 'api_keys' ? "(to_jsonb(t) - 'last_used_at')::text" : 't::text';
    const r = await t.pool.query<{ rows: string }>(
      `select coalesce(string_agg(${row}, '|' order by ${row}), '') as rows from ${table} t`,
    );
    out[table] = createHash('sha256')
      .update(r.rows[0]?.rows ?? '')
      .digest('hex');
  }
  return out;
}

/** Path parameters filled with ids that exist nowhere. */
const fill = (url: string) => url.replace(/:([a-zA-Z]+)/g, '0196a0b0-0000-7000-8000-000000000000');

const apiRoutes = () =>
  t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  const { admin } = await t.workspace('Matrise AS');
  callers.admin = admin;
  callers.anonymous = t.anonymous();
  for (const role of ['readonly', 'user', 'manager'] as const) callers[role] = await t.member(admin, role);
  const uk = await admin.post('/api/v1/api-keys', { name: 'user key', role: 'user' });
  const ak = await admin.post('/api/v1/api-keys', { name: 'admin key', role: 'admin' });
  callers.userKey = new Client(t.url, uk.body.key);
  callers.adminKey = new Client(t.url, ak.body.key);
  callers.stranger = (await t.workspace('Fremmed AS')).admin;
  // Some data for the denied writes to leave alone.
  const c = await admin.post('/api/v1/companies', { name: 'Uberørt AS' });
  await admin.post('/api/v1/contacts', { firstName: 'Uberørt', lastName: 'Person', companyId: c.body.id });
});
afterAll(() => t.close());

describe('authorization matrix', () => {
  it('has every route in the policy table, with the permission the route declares', () => {
    const declared = Object.fromEntries(apiRoutes().map((r) => [`${r.method} ${r.url}`, r.permission]));
    const missing = Object.keys(declared).filter((k) => !(k in POLICY));
    const gone = Object.keys(POLICY).filter((k) => !(k in declared));
    const differ = Object.keys(declared).filter((k) => k in POLICY && POLICY[k] !== declared[k]);
    expect(missing, 'routes missing from server/test/suites/policy.ts').toEqual([]);
    expect(gone, 'routes in the policy table that no longer exist').toEqual([]);
    expect(
      differ.map((k) => `${k}: declared ${declared[k]}, policy ${POLICY[k]}`),
      'routes whose permission changed',
    ).toEqual([]);
  });

  it('gives every caller exactly the access its role allows on every route, and denied writes change nothing', async () => {
    const before = await fingerprint();
    let cases = 0;
    for (const route of apiRoutes()) {
      const permission = POLICY[`${route.method} ${route.url}`];
      if (!permission || permission === 'public') continue;
      if (OWN_ACCOUNT_WRITES.has(`${route.method} ${route.url}`)) continue;
      const isWrite = route.method !== 'GET';
      for (const who of Object.keys(callers) as Caller[]) {
        const res = await callers[who].request(route.method, fill(route.url), isWrite ? {} : undefined);
        cases++;
        const label = `${who} ${route.method} ${route.url} → ${res.status}`;
        expect.soft(res.status, label).toBeLessThan(500);
        if (res.status >= 400) {
          expect.soft(res.body?.error?.code, label).toBeTypeOf('string');
          expect.soft(JSON.stringify(res.body), label).not.toMatch(/\n\s+at |node_modules/);
        }
        if (who === 'anonymous') {
          expect.soft(res.status, label).toBe(401);
          continue;
        }
        if (who === 'stranger') {
          // A member of another workspace is a full member there: the route answers for that workspace,
          // and the made-up ids are not found.
          expect.soft(res.status, label).not.toBe(401);
          continue;
        }
        if (permission === 'signed-in') {
          // Routes about the signed-in account itself; an API key is no account and may be refused.
          if (who.endsWith('Key')) expect.soft([401], label).not.toContain(res.status);
          else expect.soft([401, 403], label).not.toContain(res.status);
          continue;
        }
        const allowed = (RANK[roleOf[who]] ?? 0) >= NEED[permission];
        if (allowed) expect.soft([401, 403], label).not.toContain(res.status);
        else {
          expect.soft(res.status, label).toBe(403);
          expect.soft(res.body?.error?.code, label).toBe('FORBIDDEN');
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
    // Requests with made-up ids and empty bodies change nothing, allowed or not.
    const after = await fingerprint();
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
  });

  it('never takes workspace, id, version, author or (without the right) owner from a request body', async () => {
    const admin = callers.admin;
    const user = callers.user;
    const strangerWs = (await callers.stranger.get('/api/v1/me')).body.workspace.id;
    const planted = {
      name: 'Plantet AS',
      workspaceId: strangerWs,
      id: '0196a0b0-0000-7000-8000-00000000beef',
      createdBy: '0196a0b0-0000-7000-8000-00000000beef',
      customerNumber: 1,
    };
    const res = await user.post('/api/v1/companies', planted);
    // Unknown or server-owned fields are refused outright, so nothing is silently taken.
    expect(res.status).toBe(400);
    const ok = await user.post('/api/v1/companies', { name: 'Ærlig AS' });
    expect(ok.status).toBe(201);
    expect(ok.body.id).not.toBe(planted.id);
    const patched = await user.patch(`/api/v1/companies/${ok.body.id}`, { version: ok.body.version, id: planted.id });
    expect(patched.status).toBe(400);
    const stale = await user.patch(`/api/v1/companies/${ok.body.id}`, { version: 999, name: 'Ny' });
    expect(stale.status).toBe(409);
    // The strangers' workspace got nothing.
    const theirs = await callers.stranger.get('/api/v1/companies?limit=200');
    expect(theirs.body.items.map((c: { name: string }) => c.name)).not.toContain('Plantet AS');
    // A read-only member cannot hand a record to someone else.
    const me = (await admin.get('/api/v1/me')).body.user.id;
    const ro = await callers.readonly.patch(`/api/v1/companies/${ok.body.id}`, { version: 1, ownerId: me });
    expect(ro.status).toBe(403);
  });

  it('shows a colleague nothing of an owner-only card through any route: lists, search, counts, exports, files', async () => {
    const owner = callers.user;
    const colleague = await t.member(callers.admin, 'user');
    const hidden = (await owner.post('/api/v1/companies', { name: 'Skjult Hemmelighet AS', visibility: 'owner' })).body;
    const person = (
      await owner.post('/api/v1/contacts', {
        firstName: 'Skjult',
        lastName: 'Hemmelighetsen',
        companyId: hidden.id,
        visibility: 'owner',
      })
    ).body;
    const note = (
      await owner.post('/api/v1/notes', { entity: 'company', entityId: hidden.id, html: '<p>Skjult notat</p>' })
    ).body;
    const form = new FormData();
    form.append('file', new Blob(['Skjult innhold']), 'skjult.txt');
    const upload = await fetch(`${t.url}/api/v1/documents?entity=company&entityId=${hidden.id}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-requested-with': 'rapport' },
      body: form,
    });
    const doc = (await upload.json()) as { id: string };
    expect(upload.status).toBe(201);
    // The owner does see them: the sweep below would prove nothing otherwise.
    expect(JSON.stringify((await owner.get('/api/v1/search?q=skjult')).body)).toContain('Skjult');

    const ids = [hidden.id, person.id, note.id, doc.id];
    const queries = (id: string) => [
      '',
      `?entity=company&entityId=${id}`,
      `?entity=contact&entityId=${id}`,
      '?q=skjult',
      '?q=Hemmelighet&limit=200',
      `?filter=companyId:eq:${id}`,
      '?limit=200',
      '?format=csv',
      '?deleted=true&limit=200',
    ];
    const before = await fingerprint();
    let probes = 0;
    for (const route of apiRoutes()) {
      const permission = POLICY[`${route.method} ${route.url}`];
      if (!permission || permission === 'public') continue;
      if (OWN_ACCOUNT_WRITES.has(`${route.method} ${route.url}`)) continue;
      const withParams = route.url.includes(':');
      for (const id of withParams ? ids : [ids[0] as string]) {
        const url = route.url.replace(/:([a-zA-Z]+)/g, id);
        for (const q of route.method === 'GET' ? queries(id) : ['']) {
          const res = await colleague.request(route.method, `${url}${q}`, route.method === 'GET' ? undefined : {});
          probes++;
          const label = `${route.method} ${url}${q} → ${res.status}`;
          expect.soft(res.status, label).toBeLessThan(500);
          expect.soft(typeof res.body === 'string' ? res.body : JSON.stringify(res.body), label).not.toMatch(/Skjult/);
          if (route.method !== 'GET' && withParams) expect.soft(res.status, label).toBeGreaterThanOrEqual(400);
        }
      }
    }
    expect(probes).toBeGreaterThan(150);
    const after = await fingerprint();
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
  });
});
