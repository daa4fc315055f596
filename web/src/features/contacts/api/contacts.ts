import type { Page } from '@rapport/contracts/common.ts';
import type { Contact, ContactCreate, ContactDuplicateListSchema, ContactPatch } from '@rapport/contracts/contacts.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import {
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
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
export type ContactDuplicates = z.infer<typeof ContactDuplicateListSchema>;
export type ContactDuplicateProbe = {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  companyId?: string;
  excludeId?: string;
};

/** People who look like the one being typed in: the same e-mail or phone, or the same name at the company. */
export function fetchContactDuplicates(p: ContactDuplicateProbe, signal?: AbortSignal) {
  return api.get<ContactDuplicates>(
    '/api/v1/contacts/duplicates',
    {
      firstName: p.firstName?.trim() || undefined,
      lastName: p.lastName?.trim() || undefined,
      email: p.email?.trim() || undefined,
      phone: p.phone?.trim() || undefined,
      companyId: p.companyId,
      excludeId: p.excludeId,
    },
    signal,
  );
}

export function useContactDuplicates(p: ContactDuplicateProbe, enabled: boolean) {
  return useQuery({
    queryKey: [...contactKeys.all, 'duplicates', p],
    queryFn: ({ signal }) => fetchContactDuplicates(p, signal),
    enabled,
    staleTime: 5_000,
    placeholderData: (prev) => prev,
  });
}

/** Links a contact to a company, moves it to another, or (null) unlinks it; the contact keeps its history. */
export function useSetContactCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, companyId }: { contact: Contact; companyId: string | null }) =>
      api.patch<Contact>(`/api/v1/contacts/${contact.id}`, { version: contact.version, companyId }),
    onSuccess: (contact) => {
      qc.setQueryData(contactKeys.detail(contact.id), contact);
      invalidateLists(qc);
      void qc.invalidateQueries({ queryKey: ['history', 'contact', contact.id] });
    },
  });
}

/** Contacts matching a text, to link an existing person to a company. */
export function useContactOptions(q: string) {
  return useQuery({
    queryKey: ['contact-options', q],
    queryFn: ({ signal }) => api.get<Page<Contact>>('/api/v1/contacts', { q, limit: 15, sort: 'lastName' }, signal),
    enabled: q.trim().length > 0,
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}

export type UserSummary = z.infer<typeof UserSummarySchema>;

/** Members of the workspace, for the owner picker. */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[] }>('/api/v1/users', undefined, signal),
    staleTime: 60_000,
  });
}

/**
 * Names of companies by id, for a contact's history (the companies it worked at). A company that is
 * gone (trash, merged) or hidden maps to null.
 */
export function useCompanyNames(ids: string[]): Record<string, string | null | undefined> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['companies', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ id: string; name: string }>(`/api/v1/companies/${id}`, undefined, signal),
      retry: false,
      staleTime: 60_000,
    })),
  });
  return Object.fromEntries(ids.map((id, i) => [id, results[i]?.isError ? null : results[i]?.data?.name]));
}
