import {
  type Filter,
  type FilterFieldKind,
  type FilterOperator,
  filterOperatorsByKind,
} from '@rapport/contracts/common.ts';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { AppError, invalid } from '../http/errors.ts';

/**
 * Lists share one shape: `?sort=` and `?filter=` name fields of an allowlist that maps each to
 * a fixed SQL expression. User text only ever reaches SQL as a bound parameter.
 */
export type FieldKind = FilterFieldKind;
export type FieldDef = { sql: RawBuilder<unknown>; kind: FieldKind; values?: readonly string[] };
export type SortDef = { sql: RawBuilder<unknown>; kind: 'text' | 'timestamp' | 'number' };

const OPS = filterOperatorsByKind;

const NUMBER = /^-?\d{1,15}(\.\d{1,6})?$/;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function parseFilters(raw: string | string[] | undefined): Filter[] {
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((f) => {
    const first = f.indexOf(':');
    const second = first < 0 ? -1 : f.indexOf(':', first + 1);
    const field = first < 0 ? f : f.slice(0, first);
    const op = first < 0 ? '' : second < 0 ? f.slice(first + 1) : f.slice(first + 1, second);
    const value = second < 0 ? '' : f.slice(second + 1);
    return { field, op: op as FilterOperator, value };
  });
}

const uuid = z.uuid();
const timestamp = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export function filterConditions(filters: Filter[], fields: Record<string, FieldDef>): RawBuilder<SqlBool>[] {
  return filters.map(({ field, op, value }) => {
    const def = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (!def) throw invalid('filter', `Cannot filter on "${field}". Fields: ${Object.keys(fields).join(', ')}`);
    if (!OPS[def.kind].includes(op)) {
      throw invalid('filter', `Operator "${op}" does not apply to ${field}. Use: ${OPS[def.kind].join(', ')}`);
    }
    const col = def.sql;
    if (op === 'empty')
      return def.kind === 'text' ? sql<SqlBool>`coalesce(${col}, '') = ''` : sql<SqlBool>`${col} is null`;
    if (op === 'notEmpty')
      return def.kind === 'text' ? sql<SqlBool>`coalesce(${col}, '') <> ''` : sql<SqlBool>`${col} is not null`;
    if (def.kind === 'uuid' && !uuid.safeParse(value).success) throw invalid('filter', `${field} needs an id`);
    if (def.kind === 'enum' && !def.values?.includes(value)) {
      throw invalid('filter', `${field} is one of: ${def.values?.join(', ')}`);
    }
    if (def.kind === 'timestamp' && !timestamp.safeParse(value).success) {
      throw invalid('filter', `${field} needs a date such as 2026-01-31`);
    }
    if (def.kind === 'number' && !NUMBER.test(value)) throw invalid('filter', `${field} needs a number`);
    if (value.length > 200) throw invalid('filter', 'Filter value is too long');
    // Comparison operators apply to timestamps and numbers; the cast makes the parameter's type explicit.
    const typed = def.kind === 'number' ? sql`${value}::numeric` : sql`${value}::timestamptz`;
    switch (op) {
      case 'eq':
        if (def.kind === 'text') return sql<SqlBool>`lower(${col}) = lower(${value})`;
        return def.kind === 'number' ? sql<SqlBool>`${col} = ${typed}` : sql<SqlBool>`${col} = ${value}`;
      case 'ne':
        return def.kind === 'text'
          ? sql<SqlBool>`lower(coalesce(${col}, '')) <> lower(${value})`
          : sql<SqlBool>`${col} is distinct from ${def.kind === 'number' ? typed : value}`;
      case 'contains':
        return sql<SqlBool>`${col} ilike ${`%${escapeLike(value)}%`}`;
      case 'startsWith':
        return sql<SqlBool>`${col} ilike ${`${escapeLike(value)}%`}`;
      case 'gt':
        return sql<SqlBool>`${col} > ${typed}`;
      case 'gte':
        return sql<SqlBool>`${col} >= ${typed}`;
      case 'lt':
        return sql<SqlBool>`${col} < ${typed}`;
      default:
        return sql<SqlBool>`${col} <= ${typed}`;
    }
  });
}

export type Ordering = { field: string; desc: boolean; def: SortDef };

export function ordering(sort: string | undefined, sorts: Record<string, SortDef>, fallback: string): Ordering {
  const raw = sort ?? fallback;
  const desc = raw.startsWith('-');
  const field = desc ? raw.slice(1) : raw;
  const def = Object.hasOwn(sorts, field) ? sorts[field] : undefined;
  if (!def) throw invalid('sort', `Cannot sort on "${field}"`);
  return { field, desc, def };
}

/** Cursor = the sort key and id of the last row, tied to the sort it was made for. */
export function encodeCursor(o: Ordering, key: string, id: string): string {
  return Buffer.from(JSON.stringify([o.field, o.desc ? 1 : 0, key, id])).toString('base64url');
}

export function keysetCondition(o: Ordering, cursor: string | undefined, idCol: RawBuilder<unknown>) {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('VALIDATION', 'The cursor is not valid', [{ path: 'cursor', message: 'Invalid cursor' }]);
  }
  const shape = z.tuple([z.string(), z.number(), z.string().max(1000), z.uuid()]).safeParse(parsed);
  if (!shape.success || shape.data[0] !== o.field || shape.data[1] !== (o.desc ? 1 : 0)) {
    throw new AppError('VALIDATION', 'The cursor does not belong to this sort order', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
  const [, , key, id] = shape.data;
  if (o.def.kind === 'timestamp' && !timestamp.safeParse(key).success) {
    throw new AppError('VALIDATION', 'The cursor is not valid', [{ path: 'cursor', message: 'Invalid cursor' }]);
  }
  if (o.def.kind === 'number' && !NUMBER.test(key)) {
    throw new AppError('VALIDATION', 'The cursor is not valid', [{ path: 'cursor', message: 'Invalid cursor' }]);
  }
  const value =
    o.def.kind === 'timestamp'
      ? sql`${key}::timestamptz`
      : o.def.kind === 'number'
        ? sql`${key}::numeric`
        : sql`${key}`;
  return o.desc
    ? sql<SqlBool>`(${o.def.sql}, ${idCol}) < (${value}, ${id}::uuid)`
    : sql<SqlBool>`(${o.def.sql}, ${idCol}) > (${value}, ${id}::uuid)`;
}

/** The sort key as text; timestamps keep their microseconds so keyset pages neither skip nor repeat rows. */
export const sortKeySql = (o: Ordering) =>
  o.def.kind === 'timestamp'
    ? sql<string>`to_char(${o.def.sql} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : o.def.kind === 'number'
      ? sql<string>`(${o.def.sql})::text`
      : sql<string>`${o.def.sql}`;

export const orderBySql = (o: Ordering, idCol: RawBuilder<unknown>) =>
  o.desc ? sql`${o.def.sql} desc, ${idCol} desc` : sql`${o.def.sql} asc, ${idCol} asc`;

/** Fetches one row more than asked to know whether a next page exists. */
export function page<R extends { id: string; sort_key: string }, T>(
  rows: R[],
  limit: number,
  o: Ordering,
  map: (r: R) => T,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(map), nextCursor: more && last ? encodeCursor(o, last.sort_key, last.id) : null };
}

/** Substring match on a maintained `search_text` column (lower-cased, accents removed) — served by its trigram index. */
export const searchMatch = (column: RawBuilder<unknown>, q: string) =>
  sql<SqlBool>`${column} like '%' || replace(replace(replace(rapport_search_text(${q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
