import type { ActivityKind, ActivityType } from '@rapport/contracts/activities.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** `['activity-types']` is also the key of the type pickers elsewhere: every write here refreshes them. */
export const activityTypeKeys = { all: ['activity-types'] as const, withArchived: ['activity-types', 'all'] as const };

export function useActivityTypesWithArchived() {
  return useQuery({
    queryKey: activityTypeKeys.withArchived,
    queryFn: ({ signal }) =>
      api.get<{ items: ActivityType[] }>('/api/v1/activity-types', { includeArchived: 'true' }, signal),
    select: (r) => r.items,
  });
}

export type TypeInput = {
  kind: ActivityKind;
  name: string;
  color: string | null;
  points: number;
  defaultMinutes: number | null;
};

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: activityTypeKeys.all });
    // Points count towards targets: the widgets recount.
    void qc.invalidateQueries({ queryKey: ['activities', 'targets'] });
  };
}

export function useCreateActivityType() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: TypeInput) => api.post<ActivityType>('/api/v1/activity-types', body),
    onSuccess: refresh,
  });
}

export function useUpdateActivityType() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Omit<TypeInput, 'kind'>> & { version: number } }) =>
      api.patch<ActivityType>(`/api/v1/activity-types/${id}`, patch),
    onSuccess: refresh,
  });
}

export function useArchiveActivityType() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/v1/activity-types/${id}`), onSuccess: refresh });
}

export function useRestoreActivityType() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<ActivityType>(`/api/v1/activity-types/${id}/restore`),
    onSuccess: refresh,
  });
}

export function useOrderActivityTypes() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<{ items: ActivityType[] }>('/api/v1/activity-types/order', { ids }),
    onSuccess: refresh,
  });
}
