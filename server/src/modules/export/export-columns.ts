import type { Company } from '@rapport/contracts/companies.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import type { CompanyColumn, ContactColumn } from '@rapport/contracts/export.ts';
import type { Cell } from '../../lib/export.ts';

export type Lang = 'en' | 'nb' | 'sv';
type Column<T> = { label: Record<Lang, string>; value: (record: T) => Cell };

const date = (iso: string) => new Date(iso);

/** The address a list shows for a company: postal, else visiting, else the first one. */
const mainAddress = (c: Company) =>
  c.addresses.find((a) => a.kind === 'postal') ?? c.addresses.find((a) => a.kind === 'visiting') ?? c.addresses[0];

export const COMPANY_COLUMNS: Record<CompanyColumn, Column<Company>> = {
  customerNumber: {
    label: { en: 'Customer number', nb: 'Kundenummer', sv: 'Kundnummer' },
    value: (c) => c.customerNumber,
  },
  name: { label: { en: 'Name', nb: 'Navn', sv: 'Namn' }, value: (c) => c.name },
  orgNumber: {
    label: { en: 'Organisation number', nb: 'Organisasjonsnummer', sv: 'Organisationsnummer' },
    value: (c) => c.orgNumber,
  },
  type: { label: { en: 'Type', nb: 'Type', sv: 'Typ' }, value: (c) => c.type },
  industry: { label: { en: 'Industry', nb: 'Bransje', sv: 'Bransch' }, value: (c) => c.industry },
  country: { label: { en: 'Country', nb: 'Land', sv: 'Land' }, value: (c) => c.country },
  phone: { label: { en: 'Phone', nb: 'Telefon', sv: 'Telefon' }, value: (c) => c.phone },
  email: { label: { en: 'E-mail', nb: 'E-post', sv: 'E-post' }, value: (c) => c.email },
  website: { label: { en: 'Website', nb: 'Nettsted', sv: 'Webbplats' }, value: (c) => c.website },
  street: {
    label: { en: 'Street', nb: 'Gateadresse', sv: 'Gatuadress' },
    value: (c) => mainAddress(c)?.street ?? null,
  },
  postalCode: {
    label: { en: 'Postal code', nb: 'Postnummer', sv: 'Postnummer' },
    value: (c) => mainAddress(c)?.postalCode ?? null,
  },
  city: { label: { en: 'City', nb: 'Poststed', sv: 'Ort' }, value: (c) => mainAddress(c)?.city ?? null },
  ownerName: { label: { en: 'Owner', nb: 'Eier', sv: 'Ägare' }, value: (c) => c.ownerName },
  visibility: { label: { en: 'Visible to', nb: 'Synlig for', sv: 'Synlig för' }, value: (c) => c.visibility },
  contactCount: { label: { en: 'Contacts', nb: 'Kontakter', sv: 'Kontakter' }, value: (c) => c.contactCount },
  paymentTermsDays: {
    label: { en: 'Payment terms (days)', nb: 'Betalingsfrist (dager)', sv: 'Betalningsvillkor (dagar)' },
    value: (c) => c.paymentTermsDays,
  },
  currency: { label: { en: 'Currency', nb: 'Valuta', sv: 'Valuta' }, value: (c) => c.currency },
  createdAt: { label: { en: 'Created', nb: 'Opprettet', sv: 'Skapad' }, value: (c) => date(c.createdAt) },
  updatedAt: { label: { en: 'Updated', nb: 'Endret', sv: 'Ändrad' }, value: (c) => date(c.updatedAt) },
  id: { label: { en: 'Id', nb: 'Id', sv: 'Id' }, value: (c) => c.id },
};

export const CONTACT_COLUMNS: Record<ContactColumn, Column<Contact>> = {
  firstName: { label: { en: 'First name', nb: 'Fornavn', sv: 'Förnamn' }, value: (c) => c.firstName },
  lastName: { label: { en: 'Last name', nb: 'Etternavn', sv: 'Efternamn' }, value: (c) => c.lastName },
  title: { label: { en: 'Title', nb: 'Tittel', sv: 'Titel' }, value: (c) => c.title },
  email: { label: { en: 'E-mail', nb: 'E-post', sv: 'E-post' }, value: (c) => c.email },
  phone: { label: { en: 'Phone', nb: 'Telefon', sv: 'Telefon' }, value: (c) => c.phone },
  companyName: { label: { en: 'Company', nb: 'Firma', sv: 'Företag' }, value: (c) => c.companyName },
  ownerName: { label: { en: 'Owner', nb: 'Eier', sv: 'Ägare' }, value: (c) => c.ownerName },
  visibility: { label: { en: 'Visible to', nb: 'Synlig for', sv: 'Synlig för' }, value: (c) => c.visibility },
  createdAt: { label: { en: 'Created', nb: 'Opprettet', sv: 'Skapad' }, value: (c) => date(c.createdAt) },
  updatedAt: { label: { en: 'Updated', nb: 'Endret', sv: 'Ändrad' }, value: (c) => date(c.updatedAt) },
  companyId: { label: { en: 'Company id', nb: 'Firma-id', sv: 'Företags-id' }, value: (c) => c.companyId },
  id: { label: { en: 'Id', nb: 'Id', sv: 'Id' }, value: (c) => c.id },
};
