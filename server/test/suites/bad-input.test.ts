import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../helpers.ts';

/**
 * Bad input on every route: fast-check builds path parameters, query strings and bodies from each
 * route's OpenAPI description (the same Zod contracts), then bends them — wrong types, very long
 * strings, NUL, lone surrogates, `__proto__` keys, deep nesting, truncated JSON, wrong content types.
 * Every answer must be below 500, a 4xx must carry the error body without a stack trace, and the
 * server must stay healthy. A failure prints fast-check's seed and the shrunk request.
 * DEEP=1 (npm run test:deep) runs ten times as many cases per route.
 */
const RUNS = process.env.DEEP ? 200 : 20;

let t: TestApp;
let admin: Client;
let companyId: string;
type Op = {
  method: string;
  url: string;
  query: string[];
  body: Record<string, unknown> | null;
};
const ops: Op[] = [];

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000000' });
  ({ admin } = await t.workspace('Rusk AS'));
  companyId = (await admin.post('/api/v1/companies', { name: 'Målskive AS' })).body.id;
  const doc = (await admin.get('/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
  };
  for (const [p, methods] of Object.entries(doc.paths)) {
    if (!p.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const body = (
        op.requestBody as { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
      )?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        url: p,
        query: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
        body: body?.properties ?? null,
      });
    }
  }
});
afterAll(() => t.close());

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff x',
    '💥'.repeat(50),
    "' or '1'='1",
    '"; drop table companies; --',
    '%',
    '_',
    '\\',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '=cmd|/C calc!A0',
    'null',
    'undefined',
    '-1',
    '1e309',
    'NaN',
    '0196a0b0-0000-7000-8000-000000000000',
    'name:eq:x',
    'name:regex:.*',
    '__proto__',
  ),
  fc.integer({ min: 1, max: 3 }).map((n) => 'x'.repeat(n * 40_000)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constant('__proto__'), fc.constant('constructor')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Percent-encoding that also carries strings no URL may hold (lone surrogates) as raw bytes. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return (
      '%ED%A0%80' +
      [...Buffer.from(value.replace(/[\ud800-\udfff]/g, ''), 'utf8')]
        .map((b) => `%${b.toString(16).padStart(2, '0')}`)
        .join('')
    );
  }
}

const deepNest = fc.integer({ min: 50, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));

function bodyFor(op: Op) {
  const fromContract = op.body
    ? fc.record(Object.fromEntries(Object.keys(op.body).map((k) => [k, hostileValue])), { requiredKeys: [] })
    : fc.constant({});
  return fc.oneof(
    fromContract.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })),
    fromContract.map((b) => ({
      raw: JSON.stringify({ ...b, __proto__: { admin: true }, extra: 1 }),
      type: 'application/json',
    })),
    fc.constant({ raw: '{"name": "Avkuttet', type: 'application/json' }),
    deepNest.map((raw) => ({ raw, type: 'application/json' })),
    hostileString.map((s) => ({ raw: s, type: 'text/plain' })),
    fromContract.map((b) => ({ raw: JSON.stringify(b), type: 'application/x-www-form-urlencoded' })),
    fc.constant({ raw: '{"a":1}', type: 'multipart/form-data; boundary=nope' }),
  );
}

function queryFor(op: Op) {
  const keys = [...op.query, 'filter', 'sort', 'cursor', 'limit', '__proto__'];
  return fc
    .array(fc.tuple(fc.constantFrom(...keys), hostileString), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
}

const paramFor = fc.oneof(
  hostileString.filter((s) => s.length > 0 && s.length < 2000),
  fc.constant('0196a0b0-0000-7000-8000-000000000000'),
);

describe('bad input on every route', () => {
  it('never answers 500 or shows a stack trace, and the server stays healthy', { timeout: 1_800_000 }, async () => {
    expect(ops.length).toBeGreaterThan(60);
    let cases = 0;
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(paramFor, { minLength: 3, maxLength: 3 }),
          queryFor(op),
          bodyFor(op),
          async (params, query, body) => {
            let i = 0;
            const path = op.url.replace(/\{[^}]+\}/g, () => enc(params[i++ % 3] as string));
            const url = `${t.url}${path.replace(/%7BcompanyId%7D/, companyId)}${query ? `?${query}` : ''}`;
            const headers: Record<string, string> = { cookie: admin.cookie, 'x-requested-with': 'rapport' };
            const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
            if (hasBody) headers['content-type'] = body.type;
            const res = await fetch(url, { method: op.method, headers, body: hasBody ? body.raw : undefined });
            const text = await res.text();
            cases++;
            const where = `${op.method} ${path}?${query.slice(0, 200)} body ${body.raw.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
            expect(res.status, where).toBeLessThan(500);
            expect(text, where).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
            if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
              const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
              expect(parsed.error?.code, where).toBeTypeOf('string');
              expect(parsed.error?.message, where).toBeTypeOf('string');
            }
          },
        ),
        {
          numRuns: RUNS,
          // The shrunk case can hold 100 kB strings: report the seed and the first line of the failure.
          reporter: (out) => {
            if (!out.failed) return;
            const why = String((out.errorInstance as Error | undefined)?.message ?? '').slice(0, 600);
            throw new Error(`${op.method} ${op.url} failed (seed ${out.seed}, path ${out.counterexamplePath}): ${why}`);
          },
        },
      );
    }
    expect(cases).toBeGreaterThanOrEqual(ops.length * RUNS);
    const health = await fetch(`${t.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });
});
