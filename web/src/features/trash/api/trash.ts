import type { Page } from '@rapport/contracts/common.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type TrashKind = 'companies' | 'contacts';
type Item<K extends TrashKind> = K extends 'companies' ? Company : Contact;

export function useTrash<K extends TrashKind>(kind: K, q: string) {
  return useInfiniteQuery({
    queryKey: ['trash', kind, q],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Item<K>>>(
        `/api/v1/${kind}`,
        { deleted: 'true', limit: 100, cursor: pageParam, q: q.trim() || undefined, sort: '-updatedAt' },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useRestore(kind: TrashKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/v1/${kind}/${id}/restore`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['trash'] });
      void qc.invalidateQueries({ queryKey: ['companies'] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}
