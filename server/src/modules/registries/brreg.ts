import type { Address, AddressKind } from '@rapport/contracts/address.ts';
import { getJson, type RegistryCompany, type RegistryProvider, text } from './registry.ts';

/** Norway: Enhetsregisteret's open API (data.brreg.no), JSON with Norwegian field names. */
type BrregAddress = { adresse?: string[]; postnummer?: string; poststed?: string; landkode?: string; kommune?: string };
type BrregUnit = {
  organisasjonsnummer: string;
  navn: string;
  organisasjonsform?: { kode?: string; beskrivelse?: string };
  naeringskode1?: { kode?: string; beskrivelse?: string };
  hjemmeside?: string;
  forretningsadresse?: BrregAddress;
  postadresse?: BrregAddress;
  beliggenhetsadresse?: BrregAddress;
};

function address(kind: AddressKind, a: BrregAddress | undefined): Address | null {
  if (!a) return null;
  const street = (a.adresse ?? []).filter((l) => l.trim() !== '').join('\n') || null;
  if (!street && !a.postnummer && !a.poststed) return null;
  return {
    kind,
    street,
    postalCode: text(a.postnummer),
    city: text(a.poststed),
    region: null,
    country: text(a.landkode) ?? 'NO',
  };
}

const formatNumber = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;

function toCompany(u: BrregUnit): RegistryCompany {
  const nace = u.naeringskode1;
  return {
    registry: 'brreg',
    country: 'NO',
    orgNumber: formatNumber(u.organisasjonsnummer),
    name: u.navn,
    companyForm: text(u.organisasjonsform?.kode),
    industry: nace?.kode ? [nace.kode, nace.beskrivelse].filter(Boolean).join(' ') : null,
    website: text(u.hjemmeside),
    addresses: [
      address('visiting', u.forretningsadresse ?? u.beliggenhetsadresse),
      address('postal', u.postadresse),
    ].filter((a): a is Address => a !== null),
  };
}

export function brreg(baseUrl: string): RegistryProvider {
  return {
    id: 'brreg',
    country: 'NO',
    isOrgNumber: (t) => /^\d{9}$/.test(t.replace(/[\s.-]/g, '')),
    async search(name, limit, signal) {
      const body = (await getJson(`${baseUrl}/enheter?navn=${encodeURIComponent(name)}&size=${limit}`, signal)) as {
        _embedded?: { enheter?: BrregUnit[] };
      } | null;
      return (body?._embedded?.enheter ?? []).map(toCompany);
    },
    async lookup(orgNumber, signal) {
      const digits = orgNumber.replace(/\D/g, '');
      const body = (await getJson(`${baseUrl}/enheter/${digits}`, signal)) as BrregUnit | null;
      return body?.organisasjonsnummer ? toCompany(body) : null;
    },
  };
}
