import type { RegistrySearchResultSchema } from '@rapport/contracts/registries.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export type RegistrySearchResult = z.infer<typeof RegistrySearchResultSchema>;

/** The registries Rapport can ask: Norway (Brønnøysund) and Finland (PRH). */
const COVERED = new Set(['NO', 'FI']);

/**
 * Which registry to ask for a company in `country`: that country's, both when no country is
 * chosen, none for countries without an open registry.
 */
export const registryCountry = (country: string | null): 'NO' | 'FI' | undefined | null =>
  country === null ? undefined : COVERED.has(country) ? (country as 'NO' | 'FI') : null;

export function useRegistrySearch(q: string, country: string | null) {
  const which = registryCountry(country);
  return useQuery({
    queryKey: ['registries', q, which ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<RegistrySearchResult>('/api/v1/registries/search', { q, country: which ?? undefined, limit: 6 }, signal),
    enabled: q.length >= 2 && which !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
