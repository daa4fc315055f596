import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, isApiError } from '../../../lib/api.ts';

type UserSummary = z.infer<typeof UserSummarySchema>;

/** Users of the workspace, for owner pickers and the owner filter. */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[] }>('/api/v1/users', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export type Category = { id: string; name: string; color?: string | null };

/**
 * Company categories for the bulk actions. `null` when this server has no categories yet (404), so
 * the actions that need them stay hidden instead of failing.
 */
export function useCategories() {
  return useQuery({
    queryKey: ['categories', 'options'],
    queryFn: async ({ signal }): Promise<Category[] | null> => {
      try {
        const res = await api.get<{ items: Category[] } | Category[]>('/api/v1/categories', undefined, signal);
        return Array.isArray(res) ? res : (res.items ?? []);
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}
