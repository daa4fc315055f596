import type { Resource } from '@rapport/contracts/activities.ts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type ResourceInput = {
  name: string;
  kind: 'room' | 'equipment';
  capacity: number | null;
  location: string | null;
  description: string;
};

export const resourceKeys = { list: (archived: boolean) => ['resources', 'settings', { archived }] as const };

export function useResources(archived: boolean) {
  return useQuery({
    queryKey: resourceKeys.list(archived),
    queryFn: ({ signal }) =>
      api.get<{ items: Resource[] }>('/api/v1/resources', archived ? { archived: 'true' } : undefined, signal),
  });
}

/** Every list of resources (pickers in the activity form and the diary) and the activities showing their names. */
function refresh(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: ['resources'] });
  void qc.invalidateQueries({ queryKey: ['activities'] });
}

export function useCreateResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ResourceInput) => api.post<Resource>('/api/v1/resources', body),
    onSuccess: () => refresh(qc),
  });
}

export function useUpdateResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ResourceInput> & { id: string; version: number; archived?: boolean }) =>
      api.patch<Resource>(`/api/v1/resources/${id}`, body),
    onSuccess: () => refresh(qc),
  });
}
