import type { Address, AddressKind } from '@rapport/contracts/address.ts';
import type { Visibility } from '@rapport/contracts/common.ts';
import type { Company, CompanyCreate, CompanyPatch, CompanyType } from '@rapport/contracts/companies.ts';
import type { z } from 'zod';

export type PhoneType = Company['phones'][number]['type'];
export type EmailType = Company['emails'][number]['type'];
export type TypedValue<T extends string> = { type: T; value: string };
export type AddressValues = { kind: AddressKind } & { [K in Exclude<keyof Address, 'kind'>]: string };

export const PHONE_TYPES: PhoneType[] = ['main', 'switchboard', 'mobile', 'direct', 'fax', 'other'];
export const EMAIL_TYPES: EmailType[] = ['main', 'invoice', 'support', 'sales', 'other'];
export const ADDRESS_KINDS: AddressKind[] = ['visiting', 'postal', 'invoice', 'delivery', 'attestation'];
export const CURRENCIES = ['NOK', 'SEK', 'DKK', 'EUR', 'ISK', 'GBP', 'USD', 'CHF'];

/** What the company form edits: strings where the user types, lists for the typed phones, e-mails and addresses. */
export type CompanyValues = {
  type: CompanyType;
  name: string;
  firstName: string;
  lastName: string;
  orgNumber: string;
  country: string | null;
  industry: string;
  phones: TypedValue<PhoneType>[];
  emails: TypedValue<EmailType>[];
  website: string;
  addresses: AddressValues[];
  ownerId: string | null;
  visibility: Visibility;
  paymentTermsDays: number | '';
  currency: string | null;
};

/** What a registry hit (or anything else) can fill into a new company. */
export type CompanyPrefill = {
  name: string;
  orgNumber: string;
  country: string;
  industry: string | null;
  website: string | null;
  addresses: Address[];
};

const addressValues = (a: Address): AddressValues => ({
  kind: a.kind,
  street: a.street ?? '',
  postalCode: a.postalCode ?? '',
  city: a.city ?? '',
  region: a.region ?? '',
  country: a.country ?? '',
});

export const toValues = (c: Company | null | undefined, ownerId: string | null): CompanyValues => ({
  type: c?.type ?? 'customer',
  name: c?.name ?? '',
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  orgNumber: c?.orgNumber ?? '',
  country: c ? c.country : 'NO',
  industry: c?.industry ?? '',
  phones: c?.phones.map((p) => ({ ...p })) ?? [],
  emails: c?.emails.map((e) => ({ ...e })) ?? [],
  website: c?.website ?? '',
  addresses: c?.addresses.map(addressValues) ?? [],
  ownerId: c?.ownerId ?? ownerId,
  visibility: c?.visibility ?? 'everyone',
  paymentTermsDays: c?.paymentTermsDays ?? '',
  currency: c?.currency ?? null,
});

export const withPrefill = (v: CompanyValues, p: CompanyPrefill): CompanyValues => ({
  ...v,
  type: v.type === 'private' ? 'customer' : v.type,
  name: p.name,
  orgNumber: p.orgNumber,
  country: p.country,
  industry: p.industry ?? v.industry,
  website: p.website ?? v.website,
  addresses: p.addresses.length > 0 ? p.addresses.map(addressValues) : v.addresses,
});

const blankToNull = (s: string) => (s.trim() === '' ? null : s);

/** The values as the API takes them: empty rows left out, empty text as null. */
function apiFields(v: CompanyValues) {
  const isPrivate = v.type === 'private';
  return {
    type: v.type,
    // A private customer's name is made from the person's names by the server.
    name: isPrivate ? null : v.name,
    firstName: isPrivate ? blankToNull(v.firstName) : null,
    lastName: isPrivate ? blankToNull(v.lastName) : null,
    orgNumber: blankToNull(v.orgNumber),
    country: v.country,
    industry: blankToNull(v.industry),
    phones: v.phones.filter((p) => p.value.trim() !== ''),
    emails: v.emails.filter((e) => e.value.trim() !== ''),
    website: blankToNull(v.website),
    addresses: v.addresses
      .map((a) => ({
        kind: a.kind,
        street: blankToNull(a.street),
        postalCode: blankToNull(a.postalCode),
        city: blankToNull(a.city),
        region: blankToNull(a.region),
        country: blankToNull(a.country),
      }))
      .filter((a) => a.street || a.postalCode || a.city || a.region),
    ownerId: v.ownerId,
    visibility: v.visibility,
    paymentTermsDays: v.paymentTermsDays === '' ? null : v.paymentTermsDays,
    currency: v.currency,
  };
}

export function toCreate(v: CompanyValues): CompanyCreate {
  const { name, ownerId, ...rest } = apiFields(v);
  return { ...rest, ...(name ? { name } : {}), ...(ownerId ? { ownerId } : {}) };
}

/** Only what changed goes into a PATCH, with the version it is based on. */
export function toPatch(before: CompanyValues, after: CompanyValues, version: number): CompanyPatch {
  const a = apiFields(before) as Record<string, unknown>;
  const b = apiFields(after) as Record<string, unknown>;
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) patch[key] = b[key];
  }
  if (after.type === 'private') delete patch.name;
  return patch as CompanyPatch;
}

/** Zod issues keyed by their whole path (`phones.1.value`), so list rows show their own errors. */
export function issuesByPath(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}
