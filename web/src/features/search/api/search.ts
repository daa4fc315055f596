import type { Company, CompanyCreate } from '@rapport/contracts/companies.ts';
import type { Contact, ContactCreate } from '@rapport/contracts/contacts.ts';
import type { RegistryHit, RegistrySearchResultSchema } from '@rapport/contracts/registries.ts';
import type { SearchResult } from '@rapport/contracts/search.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export function useSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', text],
    queryFn: ({ signal }) => api.get<SearchResult>('/api/v1/search', { q: text, limit: 8 }, signal),
    enabled: text.length > 0,
    staleTime: 5_000,
    placeholderData: (prev) => prev,
  });
}

export type RegistryResult = z.infer<typeof RegistrySearchResultSchema>;
export type { RegistryHit };

/** Hits in the national business registries; they answer slower, so the text must have settled first. */
export function useRegistryHits(q: string, enabled: boolean) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', 'registries', text],
    queryFn: ({ signal }) => api.get<RegistryResult>('/api/v1/registries/search', { q: text, limit: 5 }, signal),
    enabled: enabled && text.length >= 3,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Creates a record from the search box; the lists learn about it. */
export function useCreateFromSearch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      req: { kind: 'company'; body: CompanyCreate } | { kind: 'contact'; body: ContactCreate },
    ): Promise<{ kind: 'company' | 'contact'; record: Company | Contact }> =>
      req.kind === 'company'
        ? api.post<Company>('/api/v1/companies', req.body).then((record) => ({ kind: 'company' as const, record }))
        : api.post<Contact>('/api/v1/contacts', req.body).then((record) => ({ kind: 'contact' as const, record })),
    onSuccess: ({ kind }) => {
      void qc.invalidateQueries({ queryKey: [kind === 'company' ? 'companies' : 'contacts'] });
      void qc.invalidateQueries({ queryKey: ['search'] });
    },
  });
}
