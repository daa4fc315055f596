import type { Me, Role } from '@rapport/contracts/workspaces.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './api.ts';

/** The signed-in user, or null when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get<Me>('/api/v1/me');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 60_000,
});

export const setupQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => api.get<{ needed: boolean }>('/api/v1/setup'),
  staleTime: Number.POSITIVE_INFINITY,
});

const RANK: Record<Role, number> = { readonly: 1, user: 2, manager: 3, admin: 4 };

/** What the role of the active workspace allows, mirroring the server's permissions. */
export function permissionsOf(role: Role | null | undefined) {
  const rank = role ? RANK[role] : 0;
  return { canRead: rank >= 1, canWrite: rank >= 2, canManage: rank >= 3, isAdmin: rank >= 4, role: role ?? null };
}

export function useMe() {
  return useQuery(meQuery);
}

export function usePermissions() {
  const { data } = useMe();
  return permissionsOf(data?.workspace?.role);
}
