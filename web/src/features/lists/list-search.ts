/**
 * What the address bar says about a list, so a link shows a colleague the same view:
 * `view` (a saved view's id), `q`, `sort`, `filter` (field:operator:value, all must hold), `cols`.
 */
export type ListSearch = { view?: string; q?: string; sort?: string; filter?: string[]; cols?: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function validateListSearch(s: Record<string, unknown>): ListSearch {
  const raw = s.filter;
  // A hand-written `?filter=type:eq:customer` arrives as one string.
  const filter = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])
    .filter((f): f is string => typeof f === 'string' && f !== '')
    .slice(0, 20);
  return {
    view: str(s.view),
    q: str(s.q),
    sort: str(s.sort),
    filter: filter.length > 0 ? filter : undefined,
    cols: str(s.cols),
  };
}

export const isEmptySearch = (s: ListSearch) => Object.values(s).every((v) => v === undefined);
