import type { Address, AddressKind } from '@rapport/contracts/address.ts';
import { getJson, type RegistryCompany, type RegistryProvider, text } from './registry.ts';

/**
 * Finland: PRH's open data API for the Business Information System (YTJ), version 3. Texts come in
 * several languages (languageCode 1 Finnish, 2 Swedish, 3 English); names and addresses carry
 * types (name type 1 = the company name; address type 1 = street address, 2 = postal address).
 */
type Described = { type?: string; descriptions?: { languageCode?: string; description?: string }[] };
type PrhAddress = {
  type?: number;
  street?: string;
  buildingNumber?: string;
  entrance?: string;
  apartmentNumber?: string;
  postOfficeBox?: string;
  postCode?: string;
  postOffices?: { city?: string; languageCode?: string }[];
  co?: string;
  country?: string;
};
type PrhCompany = {
  businessId?: { value?: string };
  names?: { name?: string; type?: string; endDate?: string | null }[];
  mainBusinessLine?: Described;
  companyForms?: (Described & { endDate?: string | null })[];
  website?: { url?: string };
  addresses?: PrhAddress[];
};

const finnish = (d: Described | undefined) =>
  d?.descriptions?.find((x) => x.languageCode === '1')?.description ?? d?.descriptions?.[0]?.description ?? null;

function address(a: PrhAddress): Address | null {
  const kind: AddressKind = a.type === 2 ? 'postal' : 'visiting';
  const streetLine = a.postOfficeBox
    ? `PL ${a.postOfficeBox}`
    : [a.street, [a.buildingNumber, a.entrance, a.apartmentNumber].filter(Boolean).join(' ')].filter(Boolean).join(' ');
  const lines = [a.co ? `c/o ${a.co}` : null, streetLine || null].filter(Boolean).join('\n') || null;
  const city = a.postOffices?.find((p) => p.languageCode === '1')?.city ?? a.postOffices?.[0]?.city ?? null;
  if (!lines && !a.postCode && !city) return null;
  return { kind, street: lines, postalCode: text(a.postCode), city: text(city), region: null, country: 'FI' };
}

function toCompany(c: PrhCompany): RegistryCompany | null {
  const id = c.businessId?.value;
  const name = c.names?.find((n) => n.type === '1' && !n.endDate)?.name ?? c.names?.[0]?.name;
  if (!id || !name) return null;
  const line = c.mainBusinessLine;
  const form = c.companyForms?.find((f) => !f.endDate) ?? c.companyForms?.[0];
  const addresses: Address[] = [];
  for (const a of c.addresses ?? []) {
    const parsed = address(a);
    if (parsed && !addresses.some((x) => x.kind === parsed.kind)) addresses.push(parsed);
  }
  return {
    registry: 'prh',
    country: 'FI',
    orgNumber: id,
    name,
    companyForm: finnish(form),
    industry: line?.type ? [line.type, finnish(line)].filter(Boolean).join(' ') : null,
    website: text(c.website?.url),
    addresses,
  };
}

export function prh(baseUrl: string): RegistryProvider {
  const list = async (query: string, signal: AbortSignal) => {
    const body = (await getJson(`${baseUrl}/companies?${query}`, signal)) as { companies?: PrhCompany[] } | null;
    return (body?.companies ?? []).map(toCompany).filter((c): c is RegistryCompany => c !== null);
  };
  return {
    id: 'prh',
    country: 'FI',
    isOrgNumber: (t) => /^\d{7}-?\d$/.test(t.trim()),
    async search(name, limit, signal) {
      return (await list(`name=${encodeURIComponent(name)}`, signal)).slice(0, limit);
    },
    async lookup(orgNumber, signal) {
      const digits = orgNumber.replace(/\D/g, '');
      const id = `${digits.slice(0, 7)}-${digits.slice(7)}`;
      return (await list(`businessId=${encodeURIComponent(id)}`, signal))[0] ?? null;
    },
  };
}
