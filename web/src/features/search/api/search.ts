import type { SearchResult } from '@rapport/contracts/search.ts';
import { useQuery } from '@tanstack/react-query';
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
