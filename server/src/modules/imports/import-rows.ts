import type { Address } from '@rapport/contracts/address.ts';
import { AddressInputSchema } from '@rapport/contracts/address.ts';
import { CountrySchema, optionalEmail, optionalPhone, optionalText, optionalUrl } from '@rapport/contracts/common.ts';
import { type Company, CompanyCreateSchema } from '@rapport/contracts/companies.ts';
import { ContactCreateSchema } from '@rapport/contracts/contacts.ts';
import type { ImportField } from '@rapport/contracts/imports.ts';
import { validateOrgNumber } from '@rapport/contracts/org-number.ts';
import type { z } from 'zod';

/**
 * One row of a file → the values a record gets, checked with the same schemas and rules as the REST
 * API (required name, e-mail, phone, web address, country code, organisation number per country).
 * Cells that are empty are "not given": they never clear a value of a record being updated.
 */

export type RowError = { field: string; message: string };
type Cells = Partial<Record<ImportField, string>>;

function check<T extends z.ZodType>(schema: T, value: unknown, field: string, errors: RowError[]): z.output<T> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  errors.push({ field, message: r.error.issues[0]?.message ?? 'Invalid value' });
  return null;
}

const COUNTRY_NAMES: Record<string, string> = {
  norway: 'NO',
  norge: 'NO',
  noreg: 'NO',
  sweden: 'SE',
  sverige: 'SE',
  denmark: 'DK',
  danmark: 'DK',
  finland: 'FI',
  suomi: 'FI',
  iceland: 'IS',
  island: 'IS',
  germany: 'DE',
  tyskland: 'DE',
  'united kingdom': 'GB',
  storbritannia: 'GB',
  storbritannien: 'GB',
};

const TYPES: Record<string, Company['type']> = {
  customer: 'customer',
  kunde: 'customer',
  kund: 'customer',
  supplier: 'supplier',
  leverandør: 'supplier',
  leverantör: 'supplier',
  private: 'private',
  privat: 'private',
  privatkunde: 'private',
  privatkund: 'private',
};

/** What a company row gives, checked field by field. */
export type CompanyCells = {
  name?: string;
  firstName?: string;
  lastName?: string;
  industry?: string;
  orgNumber?: string;
  country?: string;
  type?: Company['type'];
  phone?: string;
  email?: string;
  website?: string;
  address?: { street?: string; postalCode?: string; city?: string };
};

export function readCompanyCells(cells: Cells, errors: RowError[]): CompanyCells {
  const shape = CompanyCreateSchema.shape;
  const out: CompanyCells = {};
  if (cells.name !== undefined) out.name = check(shape.name.unwrap(), cells.name, 'name', errors) ?? undefined;
  if (cells.firstName !== undefined)
    out.firstName = check(shape.firstName, cells.firstName, 'firstName', errors) ?? undefined;
  if (cells.lastName !== undefined)
    out.lastName = check(shape.lastName, cells.lastName, 'lastName', errors) ?? undefined;
  if (cells.industry !== undefined)
    out.industry = check(optionalText(120), cells.industry, 'industry', errors) ?? undefined;
  if (cells.orgNumber !== undefined)
    out.orgNumber = check(optionalText(40), cells.orgNumber, 'orgNumber', errors) ?? undefined;
  if (cells.country !== undefined) {
    const raw = cells.country.trim();
    const code = COUNTRY_NAMES[raw.toLowerCase()] ?? raw.toUpperCase();
    out.country = check(CountrySchema, code, 'country', errors) ?? undefined;
  }
  if (cells.type !== undefined) {
    const type = TYPES[cells.type.trim().toLowerCase()];
    if (type) out.type = type;
    else errors.push({ field: 'type', message: 'Type must be customer, supplier or private' });
  }
  if (cells.phone !== undefined) out.phone = check(optionalPhone, cells.phone, 'phone', errors) ?? undefined;
  if (cells.email !== undefined) out.email = check(optionalEmail, cells.email, 'email', errors) ?? undefined;
  if (cells.website !== undefined) out.website = check(optionalUrl, cells.website, 'website', errors) ?? undefined;
  if (cells.street !== undefined || cells.postalCode !== undefined || cells.city !== undefined) {
    const parsed = check(
      AddressInputSchema,
      { kind: 'postal', street: cells.street, postalCode: cells.postalCode, city: cells.city },
      'address',
      errors,
    );
    if (parsed) {
      out.address = {};
      if (parsed.street) out.address.street = parsed.street;
      if (parsed.postalCode) out.address.postalCode = parsed.postalCode;
      if (parsed.city) out.address.city = parsed.city;
    }
  }
  return out;
}

/** The organisation number in its registry form and its digits, for the country that applies. */
export function orgNumberFor(
  orgNumber: string | undefined | null,
  country: string | null,
  errors: RowError[],
): { normalized: string; digits: string } | null {
  if (!orgNumber) return null;
  const r = validateOrgNumber(country, orgNumber);
  if (!r.valid) {
    errors.push({ field: 'orgNumber', message: `Organisation number: ${r.reason}` });
    return null;
  }
  return { normalized: r.normalized, digits: r.normalized.replace(/\D/g, '') };
}

/** The stored fields of a company an import sets (a subset of the card). */
export type CompanyState = {
  name: string;
  firstName: string | null;
  lastName: string | null;
  industry: string | null;
  orgNumber: string | null;
  country: string | null;
  type: Company['type'];
  phone: string | null;
  phones: Company['phones'];
  email: string | null;
  emails: Company['emails'];
  website: string | null;
  addresses: Address[];
};

export const companyStateOf = (c: Company): CompanyState => ({
  name: c.name,
  firstName: c.firstName,
  lastName: c.lastName,
  industry: c.industry,
  orgNumber: c.orgNumber,
  country: c.country,
  type: c.type,
  phone: c.phone,
  phones: c.phones,
  email: c.email,
  emails: c.emails,
  website: c.website,
  addresses: c.addresses,
});

export const EMPTY_COMPANY: CompanyState = {
  name: '',
  firstName: null,
  lastName: null,
  industry: null,
  orgNumber: null,
  country: null,
  type: 'customer',
  phone: null,
  phones: [],
  email: null,
  emails: [],
  website: null,
  addresses: [],
};

/**
 * The company after a row is applied to it (an empty state for a new one): the first phone and
 * e-mail mirror the typed lists, address cells fill the postal address, a private customer's name
 * comes from the person's names, and the organisation number is checked for the country.
 */
export function applyCompanyCells(
  before: CompanyState,
  cells: CompanyCells,
  defaultCountry: string | null,
  errors: RowError[],
): CompanyState {
  const next: CompanyState = { ...before };
  for (const key of ['name', 'firstName', 'lastName', 'industry', 'country', 'type', 'website'] as const) {
    if (cells[key] !== undefined) (next as Record<string, unknown>)[key] = cells[key];
  }
  if (next.country === null && defaultCountry && before === EMPTY_COMPANY) next.country = defaultCountry;
  if (cells.phone) {
    next.phone = cells.phone;
    next.phones = [{ type: before.phones[0]?.type ?? 'main', value: cells.phone }, ...before.phones.slice(1)];
  }
  if (cells.email) {
    next.email = cells.email;
    next.emails = [{ type: before.emails[0]?.type ?? 'main', value: cells.email }, ...before.emails.slice(1)];
  }
  if (cells.address) {
    const current = before.addresses.find((a) => a.kind === 'postal');
    const merged: Address = {
      kind: 'postal',
      street: cells.address.street ?? current?.street ?? null,
      postalCode: cells.address.postalCode ?? current?.postalCode ?? null,
      city: cells.address.city ?? current?.city ?? null,
      region: current?.region ?? null,
      country: current?.country ?? next.country,
    };
    next.addresses = current
      ? before.addresses.map((a) => (a.kind === 'postal' ? merged : a))
      : [...before.addresses, merged];
    if (next.addresses.length > 5) errors.push({ field: 'address', message: 'A company has at most five addresses' });
  }
  if (next.type === 'private' && !next.name && (next.firstName || next.lastName)) {
    next.name = [next.firstName, next.lastName].filter(Boolean).join(' ');
  }
  if (!next.name) errors.push({ field: 'name', message: 'A company needs a name' });
  if (cells.orgNumber !== undefined) {
    next.orgNumber = orgNumberFor(cells.orgNumber, next.country, errors)?.normalized ?? null;
  } else if (cells.country !== undefined && next.orgNumber) {
    // The number already on the card must still be valid for the new country.
    next.orgNumber = orgNumberFor(next.orgNumber, next.country, errors)?.normalized ?? next.orgNumber;
  }
  return next;
}

/** What a contact row gives, checked field by field; `company` is the org number or name to look up. */
export type ContactCells = {
  firstName?: string;
  lastName?: string;
  title?: string;
  email?: string;
  phone?: string;
  company?: string;
};

/** "Kari Nordmann" → Kari / Nordmann; "Nordmann, Kari" → Kari / Nordmann. */
export function splitName(full: string): { firstName: string; lastName: string } {
  const s = full.replace(/\s+/g, ' ').trim();
  const comma = s.indexOf(',');
  if (comma > 0) return { firstName: s.slice(comma + 1).trim(), lastName: s.slice(0, comma).trim() };
  const space = s.lastIndexOf(' ');
  return space < 0 ? { firstName: s, lastName: '' } : { firstName: s.slice(0, space), lastName: s.slice(space + 1) };
}

export function readContactCells(cells: Cells, errors: RowError[]): ContactCells {
  const shape = ContactCreateSchema.shape;
  const out: ContactCells = {};
  const names = cells.fullName !== undefined ? splitName(cells.fullName) : null;
  const first = cells.firstName ?? names?.firstName;
  const last = cells.lastName ?? names?.lastName;
  if (first) out.firstName = check(shape.firstName.unwrap(), first, 'firstName', errors) ?? undefined;
  if (last) out.lastName = check(shape.lastName.unwrap(), last, 'lastName', errors) ?? undefined;
  if (cells.title !== undefined) out.title = check(shape.title, cells.title, 'title', errors) ?? undefined;
  if (cells.email !== undefined) out.email = check(optionalEmail, cells.email, 'email', errors) ?? undefined;
  if (cells.phone !== undefined) out.phone = check(optionalPhone, cells.phone, 'phone', errors) ?? undefined;
  if (cells.company !== undefined) out.company = cells.company.trim();
  return out;
}

/** Digits of a value that looks like an organisation number (6–12 digits, separators and a country prefix allowed). */
export function orgDigitsOf(value: string): string | null {
  const compact = value
    .replace(/[\s.-]/g, '')
    .replace(/^[A-Z]{2}/i, '')
    .replace(/MVA$/i, '');
  return /^\d{6,12}$/.test(compact) ? compact : null;
}

export type ContactState = {
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  companyId: string | null;
};

export const EMPTY_CONTACT: ContactState = {
  firstName: '',
  lastName: '',
  title: null,
  email: null,
  phone: null,
  companyId: null,
};

export function applyContactCells(
  before: ContactState,
  cells: ContactCells,
  companyId: string | undefined,
  errors: RowError[],
): ContactState {
  const next: ContactState = { ...before };
  for (const key of ['firstName', 'lastName', 'title', 'email', 'phone'] as const) {
    if (cells[key] !== undefined) next[key] = cells[key] as string;
  }
  if (companyId !== undefined) next.companyId = companyId;
  if (next.firstName === '' && next.lastName === '') {
    errors.push({ field: 'lastName', message: 'A contact needs a first or last name' });
  }
  return next;
}
