import type { Page } from '@rapport/contracts/common.ts';
import type { Contact, ContactCreate, ContactPatch } from '@rapport/contracts/contacts.ts';
import type { SearchResult } from '@rapport/contracts/search.ts';
import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type ContactListParams = { q?: string; sort?: string; companyId?: string; deleted?: boolean };

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (p: ContactListParams) => [...contactKeys.lists(), p] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
};

export function fetchContacts(p: ContactListParams, cursor: string | null, signal?: AbortSignal) {
  return api.get<Page<Contact>>(
    '/api/v1/contacts',
    {
      limit: 100,
      cursor,
      sort: p.sort,
      q: p.q?.trim() || undefined,
      filter: p.companyId ? [`companyId:eq:${p.companyId}`] : undefined,
      deleted: p.deleted ? 'true' : undefined,
    },
    signal,
  );
}

export function useContactList(p: ContactListParams) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(p),
    queryFn: ({ pageParam, signal }) => fetchContacts(p, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export const contactQuery = (id: string) =>
  queryOptions({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => api.get<Contact>(`/api/v1/contacts/${id}`, undefined, signal),
  });

export function useContact(id: string) {
  return useQuery(contactQuery(id));
}

/** Contacts change company counts too, so company queries are refreshed with them. */
function invalidateLists(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: contactKeys.lists() });
  void qc.invalidateQueries({ queryKey: ['companies'] });
}

export function useCreateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactCreate) => api.post<Contact>('/api/v1/contacts', body),
    onSuccess: (contact) => {
      qc.setQueryData(contactKeys.detail(contact.id), contact);
      invalidateLists(qc);
    },
  });
}

export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactPatch) => api.patch<Contact>(`/api/v1/contacts/${id}`, body),
    onSuccess: (contact) => {
      qc.setQueryData(contactKeys.detail(id), contact);
      invalidateLists(qc);
      void qc.invalidateQueries({ queryKey: ['history', 'contact', id] });
    },
  });
}

export function useDeleteContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/contacts/${id}`),
    onSuccess: () => {
      invalidateLists(qc);
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}

export function useRestoreContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Contact>(`/api/v1/contacts/${id}/restore`),
    onSuccess: (contact) => {
      qc.setQueryData(contactKeys.detail(contact.id), contact);
      invalidateLists(qc);
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}

/** Companies matching a text, for the company picker of a contact. */
export function useCompanyOptions(q: string) {
  return useQuery({
    queryKey: ['company-options', q],
    queryFn: ({ signal }) => api.get<SearchResult>('/api/v1/search', { q, limit: 15 }, signal),
    enabled: q.trim().length > 0,
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}
