import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

/** A local server that answers like the registries, from responses recorded in their real formats. */
const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/registries', name), 'utf8');
let registry: Server;
let base: string;
const seen: string[] = [];

function replay(url: URL): { status: number; body?: string } | 'hang' {
  if (url.pathname.startsWith('/slow/')) return 'hang';
  if (url.pathname === '/brreg/enheter') {
    return {
      status: 200,
      body: fixture(
        url.searchParams.get('navn') === 'equinor' ? 'brreg-enheter-search.json' : 'brreg-enheter-empty.json',
      ),
    };
  }
  if (url.pathname === '/brreg/enheter/923609016') {
    const all = JSON.parse(fixture('brreg-enheter-search.json'));
    return { status: 200, body: JSON.stringify(all._embedded.enheter[0]) };
  }
  if (url.pathname.startsWith('/brreg/enheter/')) return { status: 404, body: '{"status":404}' };
  if (url.pathname === '/prh/companies') {
    const wanted =
      url.searchParams.get('name')?.toLowerCase() === 'nokia' || url.searchParams.get('businessId') === '0112038-9';
    return { status: 200, body: wanted ? fixture('prh-companies-search.json') : '{"totalResults":0,"companies":[]}' };
  }
  return { status: 500, body: 'oops' };
}

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  registry = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    seen.push(url.pathname + url.search);
    const answer = replay(url);
    if (answer === 'hang') return; // never answers
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  t = await startTestApp({ BRREG_URL: `${base}/brreg`, PRH_URL: `${base}/prh`, REGISTRY_TIMEOUT_MS: '400' });
  ({ admin } = await t.workspace('Register AS'));
});
afterAll(async () => {
  await t.close();
  registry.closeAllConnections();
  await new Promise((r) => registry.close(r));
});

const search = async (qs: string) => (await admin.get(`/api/v1/registries/search?${qs}`)).body;

describe('national business registries', () => {
  it('finds Norwegian companies by name with addresses and industry', async () => {
    const res = await search('q=equinor&country=NO');
    expect(res.problems).toEqual([]);
    expect(res.hits).toHaveLength(2);
    expect(res.hits[0]).toEqual({
      registry: 'brreg',
      country: 'NO',
      orgNumber: '923 609 016',
      name: 'EQUINOR ASA',
      companyForm: 'ASA',
      industry: '06.100 Utvinning av råolje',
      website: 'www.equinor.com',
      addresses: [
        {
          kind: 'visiting',
          street: 'Forusbeen 50',
          postalCode: '4035',
          city: 'STAVANGER',
          region: null,
          country: 'NO',
        },
        {
          kind: 'postal',
          street: 'Postboks 8500 Forus',
          postalCode: '4035',
          city: 'STAVANGER',
          region: null,
          country: 'NO',
        },
      ],
      existingCompanyId: null,
    });
  });

  it('looks up an organisation number directly and marks a company that already exists', async () => {
    const { body: existing } = await admin.post('/api/v1/companies', {
      name: 'Equinor',
      country: 'NO',
      orgNumber: '923609016',
    });
    const res = await search('q=923%20609%20016&country=NO');
    expect(seen).toContain('/brreg/enheter/923609016');
    expect(res.hits).toEqual([expect.objectContaining({ name: 'EQUINOR ASA', existingCompanyId: existing.id })]);
    expect((await search('q=987654325&country=NO')).hits).toEqual([]);
  });

  it('reads the Finnish registry: current name, Finnish texts, street and PO box addresses', async () => {
    const res = await search('q=Nokia&country=FI');
    expect(res.hits).toEqual([
      expect.objectContaining({
        registry: 'prh',
        orgNumber: '0112038-9',
        name: 'Nokia Oyj',
        companyForm: 'Julkinen osakeyhtiö',
        industry: '70100 Pääkonttorien toiminta',
        addresses: [
          { kind: 'visiting', street: 'Karakaari 7', postalCode: '02610', city: 'ESPOO', region: null, country: 'FI' },
          { kind: 'postal', street: 'PL 226', postalCode: '02610', city: 'ESPOO', region: null, country: 'FI' },
        ],
      }),
    ]);
    expect((await search('q=0112038-9')).hits.map((h: { name: string }) => h.name)).toEqual(['Nokia Oyj']);
  });

  it('asks both registries when no country is given', async () => {
    const res = await search('q=equinor');
    expect(res.hits.map((h: { registry: string }) => h.registry)).toEqual(['brreg', 'brreg']);
    expect(res.problems).toEqual([]);
  });
});

describe('a registry that is slow or down', () => {
  it('answers in time with a clear message, and the other registry still gives hits', async () => {
    const slow = await startTestApp({
      BRREG_URL: `${base}/brreg`,
      PRH_URL: `${base}/slow/prh`,
      REGISTRY_TIMEOUT_MS: '300',
    });
    try {
      const { admin: a } = await slow.workspace();
      // The slow registry never answers: the search still returns, with the other registry's hits.
      const res = (await a.get('/api/v1/registries/search?q=equinor')).body;
      expect(res.hits).toHaveLength(2);
      expect(res.problems).toEqual([
        {
          registry: 'prh',
          message: 'The Finnish business registry (PRH) did not answer in time. You can still type the company in.',
        },
      ]);
    } finally {
      await slow.close();
    }
  });

  it('says so when a registry cannot be reached at all', async () => {
    const down = await startTestApp({
      BRREG_URL: 'http://127.0.0.1:9/enhetsregisteret/api',
      REGISTRY_TIMEOUT_MS: '2000',
    });
    try {
      const { admin: a } = await down.workspace();
      const res = (await a.get('/api/v1/registries/search?q=equinor&country=NO')).body;
      expect(res.hits).toEqual([]);
      expect(res.problems[0].message).toMatch(/^The Norwegian business registry \(Brønnøysund\) cannot be reached/);
    } finally {
      await down.close();
    }
  });
});
