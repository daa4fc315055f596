import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Søk AS'));
  const { body: company } = await admin.post('/api/v1/companies', {
    name: 'Tromsø Fiskeeksport AS',
    orgNumber: '923 609 016',
    country: 'NO',
    phone: '+47 77 66 55 44',
    email: 'post@tromsofisk.no',
  });
  await admin.post('/api/v1/contacts', {
    firstName: 'Øystein',
    lastName: 'Sæther',
    email: 'oystein@tromsofisk.no',
    companyId: company.id,
  });
  await admin.post('/api/v1/companies', { name: 'Göteborg Logistik AB', country: 'SE', orgNumber: '556036-0793' });
});
afterAll(() => t.close());

const search = async (q: string) => (await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body;

describe('search', () => {
  it('finds a company by a substring of its name, regardless of case and accents', async () => {
    expect((await search('fiskeeks')).companies.map((h: { title: string }) => h.title)).toEqual([
      'Tromsø Fiskeeksport AS',
    ]);
    expect((await search('GOTEBORG')).companies.map((h: { title: string }) => h.title)).toEqual([
      'Göteborg Logistik AB',
    ]);
  });

  it('finds by organisation number and phone with or without spaces', async () => {
    expect((await search('923609016')).companies).toHaveLength(1);
    expect((await search('609 016')).companies).toHaveLength(1);
    expect((await search('77665544')).companies).toHaveLength(1);
  });

  it('finds contacts by name and e-mail and says which company they work for', async () => {
    const byName = await search('sæther');
    expect(byName.contacts).toEqual([expect.objectContaining({ kind: 'contact', title: 'Øystein Sæther' })]);
    expect(byName.contacts[0].subtitle).toContain('Tromsø Fiskeeksport AS');
    expect((await search('oystein@')).contacts).toHaveLength(1);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    const res = await search('%');
    expect(res.companies).toHaveLength(0);
    expect((await search('_')).contacts).toHaveLength(0);
  });

  it('leaves deleted records out', async () => {
    const { body: gone } = await admin.post('/api/v1/companies', { name: 'Forsvunnet Kafé AS' });
    expect((await search('forsvunnet')).companies).toHaveLength(1);
    await admin.delete(`/api/v1/companies/${gone.id}`);
    expect((await search('forsvunnet')).companies).toHaveLength(0);
  });

  it('lists names that start with the text first, alphabetically, then names containing it', async () => {
    for (const name of ['Solberg Bygg AS', 'Bergen Bil AS', 'Berg & Sønn AS', 'Åberg Consulting AB']) {
      await admin.post('/api/v1/companies', { name });
    }
    await admin.post('/api/v1/contacts', { firstName: 'Bernt', lastName: 'Ås' });
    await admin.post('/api/v1/contacts', { firstName: 'Liv', lastName: 'Bergersen' });
    const res = await search('berg');
    expect(res.companies.map((h: { title: string }) => h.title)).toEqual([
      'Berg & Sønn AS',
      'Bergen Bil AS',
      expect.stringMatching(/Solberg Bygg AS|Åberg Consulting AB/),
      expect.stringMatching(/Solberg Bygg AS|Åberg Consulting AB/),
    ]);
    expect(res.contacts.map((h: { title: string }) => h.title)).toEqual(['Liv Bergersen']);
    // Two letters match the start of a first or last name.
    expect((await search('be')).contacts.map((h: { title: string }) => h.title)).toEqual(['Liv Bergersen', 'Bernt Ås']);
    expect((await search('ås')).contacts.map((h: { title: string }) => h.title)).toEqual(['Bernt Ås']);
  });

  it('refuses an empty query', async () => {
    const res = await admin.get('/api/v1/search?q=');
    expect(res.status).toBe(400);
  });
});
