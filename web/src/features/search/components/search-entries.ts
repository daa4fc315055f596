import type { CompanyCreate } from '@rapport/contracts/companies.ts';
import type { ContactCreate } from '@rapport/contracts/contacts.ts';
import type { ActivitySearchHit, SearchHit } from '@rapport/contracts/search.ts';
import type { RegistryHit } from '../api/search.ts';

export type GroupId = 'companies' | 'contacts' | 'activities' | 'registry' | 'create';
export type Entry =
  | { key: string; kind: 'company'; hit: SearchHit }
  | { key: string; kind: 'contact'; hit: SearchHit }
  | { key: string; kind: 'activity'; activity: ActivitySearchHit }
  | { key: string; kind: 'registry'; registry: RegistryHit }
  | { key: string; kind: 'newCompany'; text: string }
  | { key: string; kind: 'newContact'; text: string };
export type Group = { id: GroupId; entries: Entry[] };

/** The dropdown's groups in order, empty ones left out. */
export function buildGroups(opts: {
  text: string;
  companies: SearchHit[];
  contacts: SearchHit[];
  activities: ActivitySearchHit[];
  registry: RegistryHit[];
  canCreate: boolean;
}): Group[] {
  const text = opts.text.trim();
  const groups: Group[] = [
    {
      id: 'companies',
      entries: opts.companies.map((hit) => ({ key: `company:${hit.id}`, kind: 'company' as const, hit })),
    },
    {
      id: 'contacts',
      entries: opts.contacts.map((hit) => ({ key: `contact:${hit.id}`, kind: 'contact' as const, hit })),
    },
    {
      id: 'activities',
      entries: opts.activities.map((activity) => ({
        key: `activity:${activity.id}`,
        kind: 'activity' as const,
        activity,
      })),
    },
    {
      id: 'registry',
      entries: opts.registry.map((registry) => ({
        key: `registry:${registry.registry}:${registry.orgNumber}`,
        kind: 'registry',
        registry,
      })),
    },
    {
      id: 'create',
      entries:
        opts.canCreate && text
          ? [
              { key: 'new:company', kind: 'newCompany', text },
              { key: 'new:contact', kind: 'newContact', text },
            ]
          : [],
    },
  ];
  return groups.filter((g) => g.entries.length > 0);
}

const flat = (groups: Group[]) => groups.flatMap((g) => g.entries);

/** The entry Enter acts on before the user moves: the first hit; "create" entries only when chosen. */
export function defaultKey(groups: Group[]): string | null {
  return groups.find((g) => g.id !== 'create')?.entries[0]?.key ?? null;
}

/** ↑/↓: the previous or next entry across groups, wrapping around. */
export function moveKey(groups: Group[], current: string | null, by: 1 | -1): string | null {
  const all = flat(groups);
  if (all.length === 0) return null;
  const i = all.findIndex((e) => e.key === current);
  if (i < 0) return (by === 1 ? all[0] : all[all.length - 1])?.key ?? null;
  return all[(i + by + all.length) % all.length]?.key ?? null;
}

/** Tab / Shift+Tab: the first entry of the next or previous group, wrapping around. */
export function groupKey(groups: Group[], current: string | null, by: 1 | -1): string | null {
  if (groups.length === 0) return null;
  const g = groups.findIndex((gr) => gr.entries.some((e) => e.key === current));
  const next = g < 0 ? (by === 1 ? 0 : groups.length - 1) : (g + by + groups.length) % groups.length;
  return groups[next]?.entries[0]?.key ?? null;
}

const capital = (s: string) => (s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A new contact from typed text: "Kari Nordmann" → first and last name (the last word is the last
 * name); an e-mail address gives the address and a name from its local part ("kari.nordmann@…").
 */
export function contactFromText(text: string): ContactCreate {
  const t = text.trim().replace(/\s+/g, ' ');
  if (EMAIL.test(t)) {
    const parts = (t.split('@')[0] ?? '')
      .split(/[._-]+/)
      .filter(Boolean)
      .map(capital);
    const lastName = parts.length > 1 ? (parts.pop() as string) : '';
    return { firstName: parts.join(' ') || t.split('@')[0] || t, lastName, email: t.toLowerCase() };
  }
  // "kari nordmann" typed in a hurry becomes "Kari Nordmann"; mixed case is kept as typed.
  const words = (t === t.toLocaleLowerCase() ? t.split(' ').map(capital) : t.split(' ')).filter(Boolean);
  if (words.length === 1) return { firstName: words[0] as string, lastName: '' };
  const lastName = words.pop() as string;
  return { firstName: words.join(' '), lastName };
}

const URL_OK = /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i;

/** A company as the registry has it: name, number, industry, website and addresses. */
export function companyFromRegistry(hit: RegistryHit): CompanyCreate {
  return {
    name: hit.name,
    orgNumber: hit.orgNumber,
    country: hit.country,
    type: 'customer',
    industry: hit.industry ? hit.industry.slice(0, 120) : null,
    website: hit.website && URL_OK.test(hit.website) ? hit.website : null,
    addresses: hit.addresses.map((a) => ({ ...a })),
  };
}
