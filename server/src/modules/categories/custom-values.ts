import type { CustomFieldType, FieldOption } from '@rapport/contracts/categories.ts';
import { EmailValueSchema } from '@rapport/contracts/common.ts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import * as q from './categories.sql.ts';

/** A field definition as the company side needs it. `removed`: taken out of its category (values kept). */
export type FieldDef = {
  id: string;
  categoryId: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: FieldOption[];
  currency: string | null;
  required: boolean;
  removed: boolean;
};
export type CategoryDef = { id: string; name: string; sortOrder: number; fields: FieldDef[] };
/** The active categories of a workspace and all their fields. */
export type Definitions = { categories: Map<string, CategoryDef>; fields: Map<string, FieldDef> };

export const toFieldDef = (r: q.FieldRow): FieldDef => ({
  id: r.id,
  categoryId: r.category_id,
  key: r.key,
  label: r.label,
  type: r.type as CustomFieldType,
  options: (r.options as FieldOption[]) ?? [],
  currency: r.currency,
  required: r.required,
  removed: r.deleted_at !== null,
});

/**
 * Definitions for filtering and sorting a list, for a few seconds: a list filtered on a custom field read
 * the categories and fields on every request (two more round trips, a third of the list's database
 * time). A category change clears the entry of its workspace when it commits (`forgetDefinitions`), so
 * this process sees it at once; another app process of the same database sees it after at most
 * DEFINITIONS_CACHE_MS. Writes (`company-categories.ts`) always read the definitions inside their own
 * transaction, as does a list run inside one.
 */
const DEFINITIONS_CACHE_MS = 5_000;
const definitionsCache = new Map<string, { until: number; defs: Promise<Definitions> }>();

export function forgetDefinitions(workspaceId: string) {
  definitionsCache.delete(workspaceId);
}

export function definitionsForLists(db: Kysely<DB>, workspaceId: string): Promise<Definitions> {
  if (db.isTransaction) return loadDefinitions(db, workspaceId);
  const now = Date.now();
  const hit = definitionsCache.get(workspaceId);
  if (hit && hit.until > now) return hit.defs;
  // The promise is kept, so requests arriving together share one read; a failed read is not kept.
  const defs = loadDefinitions(db, workspaceId);
  if (definitionsCache.size >= 1_000) definitionsCache.clear();
  const entry = { until: now + DEFINITIONS_CACHE_MS, defs };
  definitionsCache.set(workspaceId, entry);
  defs.catch(() => {
    if (definitionsCache.get(workspaceId) === entry) definitionsCache.delete(workspaceId);
  });
  return defs;
}

export async function loadDefinitions(db: Kysely<DB>, workspaceId: string): Promise<Definitions> {
  const { categories, fields } = await q.selectDefinitions(db, workspaceId);
  const defs: Definitions = { categories: new Map(), fields: new Map() };
  for (const c of categories)
    defs.categories.set(c.id, { id: c.id, name: c.name, sortOrder: c.sort_order, fields: [] });
  for (const row of fields) {
    const f = toFieldDef(row);
    defs.fields.set(f.id, f);
    defs.categories.get(f.categoryId)?.fields.push(f);
  }
  return defs;
}

/** Largest number (in absolute value) a number or money field takes: it keeps sums exact and sort keys short. */
export const MAX_NUMBER = 1e14;
const NUMERIC_TEXT = /^-?\d{1,14}(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const URL = /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i;
const PHONE = /^\+?[\d\s().-]{3,}$/;
const uuid = z.uuid();

const decimals = (n: number) => {
  const text = String(n);
  if (/e/i.test(text)) return Number.POSITIVE_INFINITY;
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
};

function toNumber(raw: unknown, maxDecimals: number): number | string {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && NUMERIC_TEXT.test(raw.trim())) n = Number(raw.trim());
  else return 'needs a number';
  if (!Number.isFinite(n)) return 'needs a number';
  if (Math.abs(n) >= MAX_NUMBER) return 'is too large (at most 99,999,999,999,999)';
  if (decimals(n) > maxDecimals) return `takes at most ${maxDecimals} decimals`;
  return n;
}

function optionOf(field: FieldDef, raw: unknown): FieldOption | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  return (
    field.options.find((o) => o.id === text) ??
    field.options.find((o) => o.label.toLowerCase() === text.toLowerCase()) ??
    null
  );
}

const choices = (field: FieldDef) => field.options.map((o) => o.label).join(', ');

export type Checked = { value: unknown } | { error: string };

/**
 * Checks a value against its field's type and brings it into stored form. `value: null` means "no value":
 * empty text, an unticked checkbox and an empty selection are not stored. Links (user, company, contact)
 * are only checked for shape here; whether they exist and are visible is checked in one query per type.
 */
export function checkValue(field: FieldDef, raw: unknown): Checked {
  if (raw === null || raw === undefined) return { value: null };
  const blank = typeof raw === 'string' && raw.trim() === '';
  switch (field.type) {
    case 'text':
    case 'longText': {
      if (typeof raw !== 'string') return { error: 'needs text' };
      const text = raw.trim();
      const max = field.type === 'text' ? 500 : 10_000;
      if (text.length > max) return { error: `takes at most ${max.toLocaleString('en')} characters` };
      return { value: text || null };
    }
    case 'number': {
      if (blank) return { value: null };
      const n = toNumber(raw, 6);
      return typeof n === 'number' ? { value: n } : { error: n };
    }
    case 'money': {
      if (blank) return { value: null };
      const obj =
        typeof raw === 'object' && !Array.isArray(raw) ? (raw as { amount?: unknown; currency?: unknown }) : null;
      const amountRaw = obj ? obj.amount : raw;
      if (amountRaw === null || amountRaw === undefined || amountRaw === '') return { value: null };
      const amount = toNumber(amountRaw, 2);
      if (typeof amount !== 'number') return { error: amount === 'needs a number' ? 'needs an amount' : amount };
      const currency = obj?.currency ?? field.currency;
      if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
        return { error: 'needs a currency code such as NOK, SEK or EUR' };
      }
      return { value: { amount, currency } };
    }
    case 'date': {
      if (blank) return { value: null };
      const m = typeof raw === 'string' ? DATE.exec(raw.trim()) : null;
      if (!m) return { error: 'needs a date as YYYY-MM-DD' };
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
        return { error: 'is not a date in the calendar' };
      }
      return { value: raw.toString().trim() };
    }
    case 'select': {
      if (blank) return { value: null };
      const option = optionOf(field, raw);
      return option ? { value: option.id } : { error: `is one of: ${choices(field)}` };
    }
    case 'multiSelect': {
      if (!Array.isArray(raw)) return { error: `needs a list of options (${choices(field)})` };
      const ids: string[] = [];
      for (const item of raw) {
        const option = optionOf(field, item);
        if (!option) return { error: `takes only: ${choices(field)}` };
        if (!ids.includes(option.id)) ids.push(option.id);
      }
      // Stored in the order of the options, so equal selections compare equal.
      ids.sort((a, b) => field.options.findIndex((o) => o.id === a) - field.options.findIndex((o) => o.id === b));
      return { value: ids.length > 0 ? ids : null };
    }
    case 'checkbox':
      if (typeof raw !== 'boolean') return { error: 'needs true or false' };
      return { value: raw ? true : null };
    case 'url': {
      if (typeof raw !== 'string') return { error: 'needs a web address' };
      const text = raw.trim();
      if (!text) return { value: null };
      return text.length <= 500 && URL.test(text) ? { value: text } : { error: 'is not a web address' };
    }
    case 'email': {
      if (typeof raw !== 'string') return { error: 'needs an e-mail address' };
      const text = raw.trim();
      if (!text) return { value: null };
      return EmailValueSchema.safeParse(text).success
        ? { value: text.toLowerCase() }
        : { error: 'is not an e-mail address' };
    }
    case 'phone': {
      if (typeof raw !== 'string') return { error: 'needs a phone number' };
      const text = raw.trim();
      if (!text) return { value: null };
      return text.length <= 40 && PHONE.test(text) ? { value: text } : { error: 'is not a phone number' };
    }
    case 'user':
    case 'company':
    case 'contact': {
      if (blank) return { value: null };
      if (typeof raw !== 'string' || !uuid.safeParse(raw.trim()).success)
        return { error: `needs the id of a ${field.type}` };
      return { value: raw.trim().toLowerCase() };
    }
  }
}

/** A value as the history shows it: option labels instead of ids, names of linked records, "1234.5 NOK". */
export function displayValue(field: FieldDef | undefined, value: unknown, names: Map<string, string>): unknown {
  if (value === null || value === undefined) return field?.type === 'checkbox' ? false : null;
  if (!field) return value;
  switch (field.type) {
    case 'select':
      return field.options.find((o) => o.id === value)?.label ?? value;
    case 'multiSelect':
      return (value as string[]).map((id) => ({ id, value: field.options.find((o) => o.id === id)?.label ?? id }));
    case 'money': {
      const m = value as { amount: number; currency: string };
      return `${m.amount} ${m.currency}`;
    }
    case 'user':
    case 'company':
    case 'contact':
      return names.get(value as string) ?? value;
    default:
      return value;
  }
}
