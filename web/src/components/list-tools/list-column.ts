import type { FilterFieldKind } from '@rapport/contracts/common.ts';
import { type ReactNode, useRef } from 'react';
import type { FilterField } from './filter-builder.tsx';

/**
 * A column a list can show. Built-in columns use the export's column names as `id`, so a saved view,
 * the URL and the export speak of the same columns.
 */
export type ListColumn<T> = {
  id: string;
  label: string;
  /** A CSS grid track: `minmax(200px, 2fr)`, `120px`, … */
  width: string;
  /** The API's sort field, when the header can sort. */
  sortKey?: string;
  align?: 'right';
  render: (row: T) => ReactNode;
  /** The server's export knows this column (`columns=` of the export). */
  exportable?: boolean;
};

/**
 * A column added by the page at run time — custom fields, for instance. It joins the column chooser,
 * the filter builder (as `filterKey ?? id` with the operators of `kind`) and the table.
 */
export type ExtraColumn<T> = {
  id: string;
  label: string;
  kind: FilterFieldKind;
  get: (row: T) => unknown;
  /** Choices of an enum or uuid field: offered in the filter and used to show the value. */
  options?: { value: string; label: string }[];
  /** The field name `?filter=` expects, when it differs from the column id. */
  filterKey?: string;
  /** Filterable on the server (default true). */
  filterable?: boolean;
  /** The server's export also knows this column. */
  exportable?: boolean;
  width?: string;
  sortKey?: string;
};

type Formatters = { date: (iso: string) => string; number: (n: number) => string };

/** Shows a raw value as text: dates and numbers in the user's locale, lists joined, choices by label. */
export function formatValue(
  value: unknown,
  kind: FilterFieldKind,
  fmt: Formatters,
  options?: ExtraColumn<unknown>['options'],
): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value))
    return value
      .map((v) => formatValue(v, kind, fmt, options))
      .filter(Boolean)
      .join(', ');
  if (typeof value === 'boolean') return value ? '✓' : '';
  if (options) {
    const hit = options.find((o) => o.value === String(value));
    if (hit) return hit.label;
  }
  if (kind === 'timestamp' && typeof value === 'string') return fmt.date(value);
  if (kind === 'number' && (typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value))))
    return fmt.number(Number(value));
  return String(value);
}

/** The table column of an extra column. */
export function extraToListColumn<T>(c: ExtraColumn<T>, fmt: Formatters): ListColumn<T> {
  return {
    id: c.id,
    label: c.label,
    width: c.width ?? (c.kind === 'number' ? '120px' : 'minmax(130px, 1fr)'),
    sortKey: c.sortKey,
    align: c.kind === 'number' ? 'right' : undefined,
    exportable: c.exportable ?? false,
    render: (row) => formatValue(c.get(row), c.kind, fmt, c.options),
  };
}

/** The filter-builder field of an extra column, or null when the server cannot filter on it. */
export function extraToFilterField<T>(c: ExtraColumn<T>): FilterField | null {
  if (c.filterable === false) return null;
  return { key: c.filterKey ?? c.id, label: c.label, kind: c.kind, options: c.options };
}

/** The visible columns in the chosen order; unknown ids (a column since removed) are skipped. */
export function pickColumns<T>(all: ListColumn<T>[], ids: string[]): ListColumn<T>[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const out = ids.map((id) => byId.get(id)).filter((c): c is ListColumn<T> => c !== undefined);
  return out.length > 0 ? out : all.slice(0, 1);
}

/**
 * The same array as long as the columns are the same (ids, labels, choices), so a hook that builds
 * extra columns on every render does not redraw the table's rows each time.
 */
export function useStableColumns<T>(extra: ExtraColumn<T>[]): ExtraColumn<T>[] {
  const signature = extra
    .map((c) =>
      [c.id, c.label, c.kind, c.filterKey, c.sortKey, c.width, c.options?.map((o) => `${o.value}=${o.label}`)].join(
        '~',
      ),
    )
    .join('|');
  const kept = useRef({ signature, extra });
  if (kept.current.signature !== signature) kept.current = { signature, extra };
  return kept.current.extra;
}

/** Built-in filter fields, with those an extra column also offers (same key) taken from the extra column. */
export function mergeFilterFields(builtIn: FilterField[], extra: FilterField[]): FilterField[] {
  const extraKeys = new Set(extra.map((f) => f.key));
  return [...builtIn.filter((f) => !extraKeys.has(f.key)), ...extra];
}
