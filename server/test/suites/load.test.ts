import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../helpers.ts';

/**
 * Load: 50 connections on the list, the search and the company card, authenticated with an API key.
 * Every request must succeed (no errors, no timeouts, no non-2xx) and the server must answer
 * normally afterwards. 10 s per endpoint here; DEEP=1 (npm run test:deep) holds 60 s. The speed is
 * the benchmark's business (`npm run bench`), not asserted here.
 */
const SECONDS = process.env.DEEP ? 60 : 10;

let t: TestApp;
let admin: Client;
let key: string;
let companyId: string;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: '10' });
  ({ admin } = await t.workspace('Last AS'));
  key = (await admin.post('/api/v1/api-keys', { name: 'last', role: 'user' })).body.key;
  for (let i = 0; i < 60; i++) {
    const c = await admin.post('/api/v1/companies', { name: `Lastbedrift ${i} AS` });
    companyId = c.body.id;
    await admin.post('/api/v1/contacts', { firstName: 'Berg', lastName: `Person ${i}`, companyId });
  }
}, 120_000);
afterAll(() => t.close());

describe('under load', () => {
  for (const [name, path] of [
    ['contact list', '/api/v1/contacts?sort=lastName&limit=50'],
    ['search', '/api/v1/search?q=berg'],
    ['company card', '/api/v1/companies/:id'],
  ] as const) {
    it(`${name}: 50 connections for ${SECONDS} s, zero errors`, { timeout: (SECONDS + 30) * 1000 }, async () => {
      const result = await autocannon({
        url: `${t.url}${path.replace(':id', companyId)}`,
        connections: 50,
        duration: SECONDS,
        timeout: 10,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(result.errors, 'socket errors').toBe(0);
      expect(result.timeouts, 'timeouts').toBe(0);
      expect(result.non2xx, 'non-2xx answers').toBe(0);
      expect(result.requests.total).toBeGreaterThan(SECONDS * 20);
      expect((await admin.get('/api/v1/health')).status).toBe(200);
    });
  }
});
