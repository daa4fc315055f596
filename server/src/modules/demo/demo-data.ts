import { makeOrgNumber } from '@rapport/contracts/org-number.ts';

/**
 * A deterministic Nordic demo dataset: the same seed gives the same companies and contacts,
 * so demos, tests and benchmarks can be compared run to run.
 */

export type DemoCompany = {
  key: number;
  name: string;
  orgNumber: string;
  country: 'NO' | 'SE' | 'DK' | 'FI';
  type: 'customer' | 'supplier' | 'private';
  phone: string;
  email: string;
  website: string;
  ownerId: string;
};

export type DemoContact = {
  firstName: string;
  lastName: string;
  title: string | null;
  email: string;
  phone: string;
  companyKey: number | null;
  ownerId: string;
};

export type DemoOptions = {
  seed: number;
  companies: number;
  contactsPerCompany: [number, number];
  ownerIds: string[];
};

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = [
  'Nord',
  'Fjord',
  'Vest',
  'Øst',
  'Sør',
  'Berg',
  'Skog',
  'Havn',
  'Lys',
  'Stein',
  'Elv',
  'Fjell',
  'Vik',
  'Sjø',
  'Ask',
  'Bjørk',
  'Furu',
  'Ek',
  'Lind',
  'Strand',
  'Holm',
  'Dal',
  'Ås',
  'Nes',
  'Sund',
  'Björn',
  'Älv',
  'Kval',
  'Polar',
  'Aurora',
];
const CORES = [
  'data',
  'bygg',
  'transport',
  'rådgivning',
  'teknikk',
  'handel',
  'invest',
  'energi',
  'mat',
  'design',
  'media',
  'logistikk',
  'helse',
  'eiendom',
  'marin',
  'trä',
  'system',
  'solutions',
  'consult',
  'tech',
  'kraft',
  'service',
  'partner',
  'vekst',
];
const SUFFIXES: Record<DemoCompany['country'], string[]> = {
  NO: ['AS', 'ASA', 'AS', 'Holding AS'],
  SE: ['AB', 'AB', 'Handelsbolag', 'Holding AB'],
  DK: ['ApS', 'A/S', 'ApS'],
  FI: ['Oy', 'Oyj', 'Oy'],
};
const FIRST = [
  'Ole',
  'Kari',
  'Nils',
  'Ingrid',
  'Lars',
  'Anne',
  'Per',
  'Marit',
  'Erik',
  'Sigrid',
  'Johan',
  'Astrid',
  'Magnus',
  'Liv',
  'Anders',
  'Karin',
  'Mikael',
  'Elin',
  'Jonas',
  'Sofia',
  'Mette',
  'Rasmus',
  'Freja',
  'Mikko',
  'Aino',
  'Juha',
  'Emma',
  'Henrik',
  'Maja',
  'Øyvind',
  'Åse',
  'Björn',
  'Linnea',
  'Kristian',
  'Hanne',
  'Tuomas',
  'Ida',
  'Sindre',
  'Tove',
  'Gustav',
];
const LAST = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Berg',
  'Haugen',
  'Lindqvist',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Svensson',
  'Lund',
  'Jensen',
  'Møller',
  'Sørensen',
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Dahl',
  'Strand',
  'Solberg',
  'Bakken',
  'Åberg',
  'Holm',
  'Ekström',
  'Halvorsen',
];
const TITLES = [
  'Daglig leder',
  'Økonomisjef',
  'Innkjøpssjef',
  'Salgssjef',
  'IT-ansvarlig',
  'VD',
  'Inköpschef',
  'CFO',
  'CEO',
  'Markedssjef',
  'Prosjektleder',
  'Controller',
  'Key account manager',
  null,
  null,
];
const COUNTRIES: DemoCompany['country'][] = ['NO', 'NO', 'NO', 'SE', 'SE', 'DK', 'FI'];
const CALLING: Record<DemoCompany['country'], string> = { NO: '+47', SE: '+46', DK: '+45', FI: '+358' };
const TLD: Record<DemoCompany['country'], string> = { NO: 'no', SE: 'se', DK: 'dk', FI: 'fi' };

export const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '');

/** The dataset company by company, each with its contacts, so large datasets stream without piling up in memory. */
export function* demoStream(opts: DemoOptions): Generator<{ company: DemoCompany; contacts: DemoContact[] }> {
  if (opts.ownerIds.length === 0) throw new Error('generateDemo needs at least one owner');
  const rnd = prng(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const phone = (country: DemoCompany['country']) =>
    `${CALLING[country]} ${int(20, 99)} ${int(10, 99)} ${int(10, 99)} ${int(10, 99)}`;

  for (let key = 0; key < opts.companies; key++) {
    const country = pick(COUNTRIES);
    const brand = `${pick(PREFIXES)}${pick(CORES)}`;
    const name = `${brand} ${pick(SUFFIXES[country])}${key >= 500 ? ` ${key}` : ''}`;
    const domain = `${ascii(brand)}${key >= 500 ? key : ''}.${TLD[country]}`;
    const ownerId = opts.ownerIds[key % opts.ownerIds.length] as string;
    const typeRoll = rnd();
    const company: DemoCompany = {
      key,
      name,
      orgNumber: makeOrgNumber(country, opts.seed * 1_000_003 + key * 7919),
      country,
      type: typeRoll < 0.75 ? 'customer' : typeRoll < 0.92 ? 'supplier' : 'private',
      phone: phone(country),
      email: `post@${domain}`,
      website: `https://www.${domain}`,
      ownerId,
    };
    const contacts: DemoContact[] = [];
    const [min, max] = opts.contactsPerCompany;
    const count = int(min, max);
    for (let c = 0; c < count; c++) {
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      contacts.push({
        firstName,
        lastName,
        title: pick(TITLES),
        email: `${ascii(firstName)}.${ascii(lastName)}${c > 0 ? c : ''}@${domain}`,
        phone: phone(country),
        companyKey: key,
        ownerId,
      });
    }
    yield { company, contacts };
  }
}

export function generateDemo(opts: DemoOptions): { companies: DemoCompany[]; contacts: DemoContact[] } {
  const companies: DemoCompany[] = [];
  const contacts: DemoContact[] = [];
  for (const item of demoStream(opts)) {
    companies.push(item.company);
    contacts.push(...item.contacts);
  }
  return { companies, contacts };
}
