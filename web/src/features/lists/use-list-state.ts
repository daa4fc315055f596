import { useDebouncedCallback } from '@mantine/hooks';
import type { View, ViewEntity } from '@rapport/contracts/views.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { activeFilters } from '../../components/list-tools/filter-builder.tsx';
import { useViews } from './api/views.ts';
import { isEmptySearch, type ListSearch } from './list-search.ts';

/** Changes the address bar's list state; `push` adds a history entry (switching views), else it replaces. */
export type SetListSearch = (update: (s: ListSearch) => ListSearch, push?: boolean) => void;

/** The parts of a list a saved view remembers. */
export type ListSnapshot = { columns: string[]; filters: string[]; sort: string; q: string };

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The address bar's values for a saved view: complete, so the link works for anyone who can see the records. */
export function searchOfView(v: View): ListSearch {
  return {
    view: v.id,
    q: v.q || undefined,
    sort: v.sort || undefined,
    filter: v.filters.length > 0 ? v.filters : undefined,
    cols: v.columns.join(','),
  };
}

/**
 * The state of a list page kept in the address bar: search text, sort, filters, columns and the saved
 * view they came from. With nothing in the address bar, the reader's default view opens.
 */
export function useListState({
  entity,
  search,
  setSearch,
  defaultSort,
  defaultColumns,
}: {
  entity: ViewEntity;
  search: ListSearch;
  setSearch: SetListSearch;
  defaultSort: string;
  defaultColumns: readonly string[];
}) {
  const views = useViews(entity);
  const empty = isEmptySearch(search);
  const defaultView = views.data?.find((v) => v.isDefault);

  // The bare list address opens the reader's default view.
  useEffect(() => {
    if (empty && defaultView) setSearch(() => searchOfView(defaultView));
  }, [empty, defaultView, setSearch]);
  const ready = !empty || (!views.isPending && !defaultView);

  const sort = search.sort ?? defaultSort;
  const q = search.q ?? '';
  // Keyed by content: the router parses the address bar into new arrays on every change.
  const filterKey = (search.filter ?? []).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by content
  const filters = useMemo(() => search.filter ?? [], [filterKey]);
  const columns = useMemo(
    () => (search.cols ? search.cols.split(',').filter(Boolean) : [...defaultColumns]),
    [search.cols, defaultColumns],
  );

  // Filters being edited (incomplete rows included) live here; complete ones reach the address bar.
  const [draft, setDraftState] = useState<string[]>(filters);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the address bar, keyed by its filters
  useEffect(() => {
    if (activeFilters(draftRef.current).join('\n') !== filterKey) setDraftState(filters);
  }, [filterKey]);
  const pushFilters = useDebouncedCallback((next: string[]) => {
    const done = activeFilters(next);
    setSearch((s) => (same(done, s.filter ?? []) ? s : { ...s, filter: done.length > 0 ? done : undefined }));
  }, 300);

  const view = search.view ? views.data?.find((v) => v.id === search.view) : undefined;
  const snapshot: ListSnapshot = { columns, filters, sort, q: q.trim() };
  // Changed from the saved view, or from the standard list when no view is chosen.
  const base = view ?? (search.view ? undefined : { columns: defaultColumns, filters: [], sort: defaultSort, q: '' });
  const modified =
    base !== undefined &&
    !(
      same(base.columns, columns) &&
      same(base.filters, filters) &&
      (base.sort ?? defaultSort) === sort &&
      (base.q ?? '') === snapshot.q
    );

  return {
    ready,
    views,
    /** The saved view the list came from (undefined for the standard list or a view the reader cannot see). */
    view,
    viewId: search.view,
    modified,
    snapshot,
    sort,
    q,
    filters,
    columns,
    draftFilters: draft,
    setDraftFilters: (next: string[]) => {
      setDraftState(next);
      pushFilters(next);
    },
    /** Sets the filters at once (a chip removed, a quick filter). */
    setFilters: (next: string[]) => {
      setDraftState(next);
      const done = activeFilters(next);
      setSearch((s) => ({ ...s, filter: done.length > 0 ? done : undefined }));
    },
    setSort: (next: string) => setSearch((s) => ({ ...s, sort: next })),
    setQ: (next: string) => setSearch((s) => ({ ...s, q: next.trim() ? next : undefined })),
    setColumns: (next: string[]) =>
      setSearch((s) => ({ ...s, cols: same(next, defaultColumns) && !s.view ? undefined : next.join(',') })),
    applyView: (v: View | null) => setSearch(() => (v ? searchOfView(v) : { sort: defaultSort }), true),
  };
}

export type ListState = ReturnType<typeof useListState>;
