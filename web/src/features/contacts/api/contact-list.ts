import type { Page } from '@rapport/contracts/common.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { contactKeys } from './contacts.ts';

/** The contact list as the list page shows it: search text, sort and `field:op:value` filters. */
export type ContactViewParams = { q: string; sort: string; filters: string[] };

export const CONTACT_PAGE_SIZE = 200;

/** Computed columns the list asks the server for when they are shown (next / last activity). */
export type ActivityColumnId = 'nextActivityAt' | 'lastActivityAt';

export const contactViewKey = (p: ContactViewParams, include: readonly ActivityColumnId[] = []) =>
  include.length > 0
    ? ([...contactKeys.lists(), 'view', p, { include }] as const)
    : ([...contactKeys.lists(), 'view', p] as const);

export function useContactView(p: ContactViewParams, enabled = true, include: readonly ActivityColumnId[] = []) {
  return useInfiniteQuery({
    queryKey: contactViewKey(p, include),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Contact>>(
        '/api/v1/contacts',
        {
          limit: CONTACT_PAGE_SIZE,
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
