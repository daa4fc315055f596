import type { View, ViewCreate, ViewEntity, ViewPatch } from '@rapport/contracts/views.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const viewKeys = { list: (entity: ViewEntity) => ['views', entity] as const };

/** The saved views of a list: shared ones and the reader's personal ones. */
export function useViews(entity: ViewEntity) {
  return useQuery({
    queryKey: viewKeys.list(entity),
    queryFn: ({ signal }) => api.get<{ items: View[] }>('/api/v1/views', { entity }, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

function useViewMutation<A>(entity: ViewEntity, fn: (arg: A) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: viewKeys.list(entity) }),
  });
}

export const useCreateView = (entity: ViewEntity) =>
  useViewMutation(entity, (body: ViewCreate) => api.post<View>('/api/v1/views', body));

export const useUpdateView = (entity: ViewEntity) =>
  useViewMutation(entity, ({ id, ...body }: ViewPatch & { id: string }) =>
    api.patch<View>(`/api/v1/views/${id}`, body),
  );

export const useDeleteView = (entity: ViewEntity) =>
  useViewMutation(entity, (id: string) => api.delete(`/api/v1/views/${id}`));

/** Makes a view the reader's default for the list (on), or stops opening the list with it (off). */
export const useDefaultView = (entity: ViewEntity) =>
  useViewMutation(entity, ({ id, on }: { id: string; on: boolean }) =>
    on ? api.put<View>(`/api/v1/views/${id}/default`, {}) : api.delete(`/api/v1/views/${id}/default`),
  );
