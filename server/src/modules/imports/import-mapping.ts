import {
  companyImportFields,
  contactImportFields,
  type ImportEntity,
  type ImportField,
  type ImportMapping,
} from '@rapport/contracts/imports.ts';
import { invalid } from '../../http/errors.ts';

/** Column names people use, in English, Norwegian and Swedish, compared without case, spaces or punctuation. */
const COMPANY_HEADERS: Record<(typeof companyImportFields)[number], string[]> = {
  name: [
    'name',
    'company',
    'companyname',
    'organisationname',
    'organizationname',
    'firmanavn',
    'firma',
    'bedrift',
    'bedriftsnavn',
    'foretaksnavn',
    'selskap',
    'selskapsnavn',
    'navn',
    'kunde',
    'kundenavn',
    'foretagsnamn',
    'foretag',
    'namn',
    'kundnamn',
    'kund',
  ],
  orgNumber: [
    'orgnr',
    'orgno',
    'orgnumber',
    'organisationnumber',
    'organizationnumber',
    'organisasjonsnummer',
    'organisasjonsnr',
    'organisationsnummer',
    'organisationsnr',
    'orgnummer',
    'foretaksnummer',
    'businessid',
    'ytunnus',
    'cvr',
    'cvrnr',
    'vatnumber',
  ],
  country: ['country', 'countrycode', 'land', 'landkode', 'landskod'],
  type: ['type', 'companytype', 'customertype', 'kundetype', 'kundtyp', 'typ'],
  industry: ['industry', 'sector', 'bransje', 'naering', 'bransch', 'sektor'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'tlf',
    'telefon',
    'telefonnummer',
    'telefonnr',
    'sentralbord',
    'vaxel',
  ],
  email: ['email', 'emailaddress', 'mail', 'epost', 'epostadresse', 'epostadress', 'mejl'],
  website: ['website', 'web', 'url', 'homepage', 'www', 'hjemmeside', 'nettside', 'nettsted', 'hemsida', 'webbplats'],
  street: [
    'address',
    'street',
    'streetaddress',
    'adresse',
    'gateadresse',
    'postadresse',
    'besoksadresse',
    'adress',
    'gatuadress',
    'postadress',
    'utdelningsadress',
    'besoksadress',
  ],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'postnr', 'postnummer'],
  city: ['city', 'town', 'poststed', 'sted', 'by', 'ort', 'postort', 'stad'],
  firstName: ['firstname', 'givenname', 'fornavn', 'fornamn'],
  lastName: ['lastname', 'surname', 'familyname', 'etternavn', 'efternamn'],
};

const CONTACT_HEADERS: Record<(typeof contactImportFields)[number], string[]> = {
  firstName: ['firstname', 'givenname', 'fornavn', 'fornamn'],
  lastName: ['lastname', 'surname', 'familyname', 'etternavn', 'efternamn'],
  fullName: ['name', 'fullname', 'contact', 'contactperson', 'navn', 'kontaktperson', 'kontakt', 'namn'],
  title: ['title', 'jobtitle', 'position', 'role', 'tittel', 'stilling', 'titel', 'befattning', 'roll'],
  email: ['email', 'emailaddress', 'mail', 'epost', 'epostadresse', 'epostadress', 'mejl'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'mobile',
    'mobilephone',
    'tel',
    'tlf',
    'telefon',
    'telefonnummer',
    'mobil',
    'mobilnummer',
    'direkte',
  ],
  company: [
    'company',
    'companyname',
    'organisation',
    'organization',
    'firma',
    'firmanavn',
    'bedrift',
    'selskap',
    'foretag',
    'foretagsnamn',
    'orgnr',
    'orgnumber',
    'organisasjonsnummer',
    'organisationsnummer',
    'organisationnumber',
    'organizationnumber',
  ],
};

/** "E-post" → "epost", "Org.nr" → "orgnr", "Företagsnamn" → "foretagsnamn", "Næring" → "naering". */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/[åä]/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export const fieldsOf = (entity: ImportEntity): readonly ImportField[] =>
  entity === 'company' ? companyImportFields : contactImportFields;

/** The field each column probably fills; a field goes to the first column that names it. */
export function suggestMapping(entity: ImportEntity, columns: string[]): ImportMapping {
  const table: Record<string, string[]> = entity === 'company' ? COMPANY_HEADERS : CONTACT_HEADERS;
  const byKey = new Map<string, ImportField>();
  for (const [field, keys] of Object.entries(table)) for (const k of keys) byKey.set(k, field as ImportField);
  const taken = new Set<ImportField>();
  const mapping: ImportMapping = {};
  for (const column of columns) {
    const field = byKey.get(headerKey(column.replace(/\s*\(\d+\)$/, '')));
    mapping[column] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** Keeps the remembered choices for the columns this file has. */
export function rememberedFor(columns: string[], remembered: unknown): ImportMapping {
  const out: ImportMapping = {};
  if (!remembered || typeof remembered !== 'object') return out;
  for (const column of columns) {
    if (column in remembered) out[column] = (remembered as ImportMapping)[column] ?? null;
  }
  return out;
}

/** A mapping must name columns of the file and fields of the entity, each field once, and something to import. */
export function checkMapping(
  entity: ImportEntity,
  columns: string[],
  mapping: ImportMapping,
): Map<ImportField, number> {
  const allowed = new Set<string>(fieldsOf(entity));
  const byField = new Map<ImportField, number>();
  for (const [column, field] of Object.entries(mapping)) {
    if (field === null) continue;
    const index = columns.indexOf(column);
    if (index < 0) throw invalid(`mapping.${column}`, `The file has no column “${column}”`);
    if (!allowed.has(field)) throw invalid(`mapping.${column}`, `A ${entity} has no field “${field}”`);
    if (byField.has(field)) throw invalid(`mapping.${column}`, `The field “${field}” is chosen for two columns`);
    byField.set(field, index);
  }
  if (entity === 'company' && !byField.has('name') && !byField.has('firstName') && !byField.has('lastName')) {
    throw invalid('mapping', 'Choose the column with the company name');
  }
  if (entity === 'contact' && !byField.has('firstName') && !byField.has('lastName') && !byField.has('fullName')) {
    throw invalid('mapping', 'Choose the column with the person’s name');
  }
  return byField;
}

/** The cells of a row by field; empty cells are left out. */
export function pick(byField: Map<ImportField, number>, cells: string[]): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  for (const [field, index] of byField) {
    const value = (cells[index] ?? '').trim();
    if (value !== '') out[field] = value;
  }
  return out;
}
