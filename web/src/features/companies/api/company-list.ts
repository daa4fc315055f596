import type { Page } from '@rapport/contracts/common.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { companyKeys } from './companies.ts';

/** The company list as the list page shows it: search text, sort and `field:op:value` filters. */
export type CompanyViewParams = { q: string; sort: string; filters: string[] };

/** Rows per keyset page; the table asks for the next page well before the last row scrolls into view. */
export const COMPANY_PAGE_SIZE = 200;

/** Computed columns the list asks the server for when they are shown (next / last activity). */
export type ActivityColumnId = 'nextActivityAt' | 'lastActivityAt';

export const companyViewKey = (p: CompanyViewParams, include: readonly ActivityColumnId[] = []) =>
  include.length > 0
    ? ([...companyKeys.lists(), 'view', p, { include }] as const)
    : ([...companyKeys.lists(), 'view', p] as const);

export function useCompanyView(p: CompanyViewParams, enabled = true, include: readonly ActivityColumnId[] = []) {
  return useInfiniteQuery({
    queryKey: companyViewKey(p, include),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Company>>(
        '/api/v1/companies',
        {
          limit: COMPANY_PAGE_SIZE,
          cursor: pageParam,
          sort: p.sort,
          q: p.q.trim() || undefined,
          filter: p.filters,
          include: [...include],
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
    enabled,
  });
}
