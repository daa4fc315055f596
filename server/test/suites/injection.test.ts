import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../helpers.ts';

/**
 * SQL injection through the parameters people can shape: sort, filter, search, cursor. Every probe
 * must give 400 or the correct (usually empty) result — never more rows than the filter allows, never
 * a 500, never a database error text. The application's database role must not be a superuser.
 */
let t: TestApp;
let admin: Client;

const PAYLOADS = [
  "' or '1'='1",
  "x' or 1=1 --",
  "'; drop table companies; --",
  '") or ("1"="1',
  '1; select pg_sleep(5)',
  "' union select id, name from users --",
  '%',
  '_',
  '\\',
  "\\'",
  '$$',
  '$1',
  "x'::text",
  '/*',
  "E'\\x27'",
];

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  ({ admin } = await t.workspace('Injeksjon AS'));
  for (const name of ['Alfa AS', 'Beta 100% AS', 'Gamma_Delta AS', "O'Brien Ltd"]) {
    await admin.post('/api/v1/companies', { name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.no` });
  }
  await admin.post('/api/v1/contacts', { firstName: 'Ola', lastName: "O'Neill" });
});
afterAll(() => t.close());

const names = (res: { body: { items?: { name?: string; lastName?: string }[] } }) =>
  (res.body.items ?? []).map((c) => c.name ?? c.lastName);

describe('SQL injection', () => {
  it('runs as a database role without superuser rights', async () => {
    const r = await t.pool.query<{ rolsuper: boolean; rolcreaterole: boolean }>(
      'select rolsuper, rolcreaterole from pg_roles where rolname = current_user',
    );
    expect(r.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false });
  });

  it('treats metacharacters in filters, sorts, cursors and search as plain values', async () => {
    let probes = 0;
    for (const entity of ['companies', 'contacts']) {
      for (const p of PAYLOADS) {
        const v = encodeURIComponent(p);
        const field = entity === 'companies' ? 'name' : 'lastName';
        for (const url of [
          `/api/v1/${entity}?filter=${field}:eq:${v}`,
          `/api/v1/${entity}?filter=${field}:contains:${v}`,
          `/api/v1/${entity}?filter=${v}:eq:x`,
          `/api/v1/${entity}?filter=${field}:${v}:x`,
          `/api/v1/${entity}?sort=${v}`,
          `/api/v1/${entity}?sort=-${v}`,
          `/api/v1/${entity}?cursor=${v}`,
          `/api/v1/${entity}?limit=${v}`,
          `/api/v1/${entity}/export?format=csv&filter=${field}:eq:${v}`,
        ]) {
          const res = await admin.get(url);
          probes++;
          expect.soft([200, 400], `${url} → ${res.status}`).toContain(res.status);
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          expect
            .soft(text, url)
            .not.toMatch(
              /syntax error at or near|relation "[^"]+" does not exist|column "[^"]+" does not exist|unterminated quoted/i,
            );
          if (res.status === 200 && url.includes(':eq:') && !url.includes('/export')) {
            // An exact match on the payload finds nothing: no company is called that.
            expect.soft(names(res), url).toEqual([]);
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(250);
    // The tables are all still there.
    expect((await admin.get('/api/v1/companies?limit=100')).body.items).toHaveLength(4);
  });

  it('finds % _ and quotes literally in search and contains filters', async () => {
    const search = async (q: string) => (await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body;
    expect((await search('100%')).companies.map((h: { title: string }) => h.title)).toEqual(['Beta 100% AS']);
    expect((await search('a_d')).companies.map((h: { title: string }) => h.title)).toEqual(['Gamma_Delta AS']);
    expect((await search("o'b")).companies.map((h: { title: string }) => h.title)).toEqual(["O'Brien Ltd"]);
    expect((await search("o'n")).contacts.map((h: { title: string }) => h.title)).toEqual(["Ola O'Neill"]);
    const pct = await admin.get(`/api/v1/companies?filter=name:contains:${encodeURIComponent('%')}`);
    expect(names(pct)).toEqual(['Beta 100% AS']);
    const under = await admin.get(`/api/v1/companies?filter=name:contains:${encodeURIComponent('_')}`);
    expect(names(under)).toEqual(['Gamma_Delta AS']);
  });
});
