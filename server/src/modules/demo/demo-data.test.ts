import { validateOrgNumber } from '@rapport/contracts/org-number.ts';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo-data.ts';

const owners = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b'];

describe('demo data', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generateDemo({ seed: 7, companies: 50, contactsPerCompany: [0, 3], ownerIds: owners });
    const b = generateDemo({ seed: 7, companies: 50, contactsPerCompany: [0, 3], ownerIds: owners });
    const c = generateDemo({ seed: 8, companies: 50, contactsPerCompany: [0, 3], ownerIds: owners });
    expect(a).toEqual(b);
    expect(a.companies.map((x) => x.name)).not.toEqual(c.companies.map((x) => x.name));
  });

  it('gives every company a valid organisation number, unique e-mails per contact and spreads owners', () => {
    const { companies, contacts } = generateDemo({
      seed: 1,
      companies: 2000,
      contactsPerCompany: [1, 4],
      ownerIds: owners,
    });
    for (const c of companies) expect(validateOrgNumber(c.country, c.orgNumber).valid).toBe(true);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
    expect(new Set(companies.map((c) => c.ownerId))).toEqual(new Set(owners));
    expect(contacts.length).toBeGreaterThanOrEqual(2000);
  });
});
