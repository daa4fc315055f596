import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';
import { foldLine, formatVcard, NotVcardError, parseVcards } from './vcard.ts';

let t: TestApp;
let admin: Client;
let company: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Visittkort AS'));
  company = (await admin.post('/api/v1/companies', { name: 'Fjordkraft Ærø AS' })).body;
});
afterAll(() => t.close());

async function importText(client: Client, text: string, contentType = 'text/vcard') {
  return client.request('POST', '/api/v1/contacts/import/vcard', text, { 'content-type': contentType });
}

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('vCard format', () => {
  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `NOTE:${'æøå'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('escapes and unescapes commas, semicolons, backslashes and line breaks', () => {
    const text = formatVcard({
      id: '01900000-0000-7000-8000-000000000001',
      firstName: 'Per; Olav',
      lastName: 'Bæ\\kken',
      title: 'Salg, nord;\nsør',
      email: 'per@example.no',
      phone: '+47 22 33 44 55',
      companyName: 'A, B & C',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(text).toContain('N:Bæ\\\\kken;Per\\; Olav;;;\r\n');
    expect(text).toContain('TITLE:Salg\\, nord\\;\\nsør\r\n');
    const [card] = parseVcards(text);
    expect(card?.n).toMatchObject({ family: 'Bæ\\kken', given: 'Per; Olav' });
    expect(card?.title).toBe('Salg, nord;\nsør');
    expect(card?.org).toEqual(['A, B & C']);
  });

  it('reads TYPE and PREF parameters, groups, folded lines and vCard 2.1 quoted-printable', () => {
    const cards = parseVcards(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Kari Nordmann',
        'N:Nordmann;Kari;;;',
        'item1.EMAIL;TYPE=INTERNET,HOME:kari@hjemme.no',
        'EMAIL;TYPE=INTERNET,WORK,pref:kari@jobb.no',
        'TEL;TYPE="work,voice";PREF=2:+47 900 00 001',
        'TEL;VALUE=uri;PREF=1;TYPE=cell:tel:+47-900-00-002',
        'ADR;TYPE=work:;;Karl Johans gate 1;Oslo;;0154;Norge',
        'TITLE:Leder for en veldig lang avdeling som trenger mer enn en linje i filen',
        '  og fortsetter her',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98stby;Bj=C3=B8rn',
        'TEL;WORK;VOICE:22334455',
        'END:VCARD',
      ].join('\r\n'),
    );
    expect(cards).toHaveLength(2);
    const [kari, bjorn] = cards;
    expect(kari?.emails.map((e) => [e.value, e.types, e.pref])).toEqual([
      ['kari@hjemme.no', ['home'], 101],
      ['kari@jobb.no', ['work'], 1],
    ]);
    expect(kari?.tels.map((e) => [e.value, e.types, e.pref])).toEqual([
      ['+47 900 00 001', ['work', 'voice'], 2],
      ['+47-900-00-002', ['cell'], 1],
    ]);
    expect(kari?.addresses[0]).toMatchObject({
      types: ['work'],
      street: 'Karl Johans gate 1',
      locality: 'Oslo',
      postalCode: '0154',
      country: 'Norge',
    });
    expect(kari?.title).toBe(
      'Leder for en veldig lang avdeling som trenger mer enn en linje i filen og fortsetter her',
    );
    expect(bjorn?.n).toMatchObject({ family: 'Østby', given: 'Bjørn' });
    expect(bjorn?.tels[0]).toMatchObject({ value: '22334455', types: ['work', 'voice'] });
  });

  it('knows a file that is not a vCard', () => {
    expect(() => parseVcards('name,email\nKari,kari@example.no\n')).toThrow(NotVcardError);
    expect(() => parseVcards('BEGIN:VCARD\r\nFN:Halv\r\n')).toThrow(NotVcardError);
  });
});

describe('vCards of contacts', () => {
  it('round-trips a contact with Nordic characters through export and import', async () => {
    const original = (
      await admin.post('/api/v1/contacts', {
        firstName: 'Bjørn Åge',
        lastName: 'Ødegård-Äström',
        title: 'Daglig leder, salg; region nord — og en tittel lang nok til at linjen må brettes i vCard-filen',
        email: 'bjorn@fjordkraft.no',
        phone: '+47 915 00 000',
        companyId: company.id,
      })
    ).body;
    const res = await admin.get(`/api/v1/contacts/${original.id}/vcard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Bj%C3%B8rn%20%C3%85ge%20%C3%98deg%C3%A5rd-%C3%84str%C3%B6m.vcf",
    );
    const text: string = res.body;
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text).toContain('ORG:Fjordkraft Ærø AS');
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);

    const imported = await importText(admin, text);
    expect(imported.status).toBe(200);
    expect(imported.body.errors).toEqual([]);
    expect(imported.body.created).toHaveLength(1);
    expect(imported.body.created[0].companyId).toBe(company.id);
    const copy = (await admin.get(`/api/v1/contacts/${imported.body.created[0].id}`)).body;
    for (const field of ['firstName', 'lastName', 'title', 'email', 'phone', 'companyId', 'companyName'] as const) {
      expect(copy[field], field).toBe(original[field]);
    }
  });

  it('imports many cards, reporting each card that fails and what was left out', async () => {
    const file = [
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sigrid Ås\r\nN:Ås;Sigrid;;;\r\nORG:Fjordkraft Ærø AS;Salg\r\nEMAIL;TYPE=work:sigrid@fjordkraft.no\r\nEMAIL;TYPE=home:sigrid@hjemme.no\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Uten Firma\r\nORG:Finnes Ikke AS\r\nEMAIL:ikke-en-adresse\r\nADR;TYPE=home:;;Vei 1;By;;1234;Norge\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:anonym@example.no\r\nEND:VCARD',
    ].join('\r\n');
    const res = await importText(admin, file);
    expect(res.status).toBe(200);
    expect(res.body.created.map((c: { index: number; name: string }) => [c.index, c.name])).toEqual([
      [1, 'Sigrid Ås'],
      [2, 'Uten Firma'],
    ]);
    expect(res.body.created[0].companyId).toBe(company.id);
    expect(res.body.created[0].warnings).toEqual(['1 more e-mail address(es) left out']);
    expect(res.body.created[1].companyId).toBeNull();
    expect(res.body.created[1].warnings.join(' ')).toMatch(/not a valid address.*address was left out.*Finnes Ikke AS/);
    expect(res.body.errors).toEqual([{ index: 3, name: null, message: 'The card has no name' }]);
    const sigrid = (await admin.get(`/api/v1/contacts/${res.body.created[0].id}`)).body;
    expect(sigrid).toMatchObject({ firstName: 'Sigrid', lastName: 'Ås', email: 'sigrid@fjordkraft.no' });
  });

  it('accepts a .vcf uploaded as multipart/form-data', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob(['BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mona Multipart\r\nEND:VCARD\r\n'], { type: 'text/vcard' }),
      'kontakter.vcf',
    );
    const res = await fetch(`${t.url}/api/v1/contacts/import/vcard`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-requested-with': 'rapport' },
      body: form,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: { name: string }[] };
    expect(body.created[0]?.name).toBe('Mona Multipart');
  });

  it('refuses a file that is not a vCard with a clear 400', async () => {
    const csv = await importText(admin, 'name;email\nKari;kari@example.no\n', 'text/plain');
    expect(csv.status).toBe(400);
    expect(csv.body.error.message).toMatch(/no vCard.*\.vcf/);
    const json = await admin.post('/api/v1/contacts/import/vcard', { name: 'Kari' });
    expect(json.status).toBe(400);
    const reader = await t.member(admin, 'readonly');
    expect((await importText(reader, 'BEGIN:VCARD\r\nFN:X\r\nEND:VCARD\r\n')).status).toBe(403);
  });

  it('exports the contact list as one vCard file', async () => {
    const res = await fetch(`${t.url}/api/v1/contacts/export?format=vcf&q=fjordkraft`, {
      headers: { cookie: admin.cookie },
    });
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    const cards = parseVcards(await res.text());
    expect(cards.length).toBeGreaterThanOrEqual(3);
    expect(cards.every((c) => c.org[0] === 'Fjordkraft Ærø AS' || c.emails[0]?.value.includes('fjordkraft'))).toBe(
      true,
    );
  });

  it('hides the vCard of a contact only its owner may see', async () => {
    const owner = await t.member(admin, 'user');
    const other = await t.member(admin, 'user');
    const secret = (await owner.post('/api/v1/contacts', { firstName: 'Skjult', visibility: 'owner' })).body;
    expect((await owner.get(`/api/v1/contacts/${secret.id}/vcard`)).status).toBe(200);
    expect((await other.get(`/api/v1/contacts/${secret.id}/vcard`)).status).toBe(404);
  });
});
