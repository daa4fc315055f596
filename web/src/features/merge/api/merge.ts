import type { SearchResult } from '@rapport/contracts/search.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type MergeEntity = 'company' | 'contact';
const base = (entity: MergeEntity) => (entity === 'company' ? '/api/v1/companies' : '/api/v1/contacts');
/** The same cache entries the cards use, so a merge refreshes what is on screen. */
const detailKey = (entity: MergeEntity, id: string) =>
  [entity === 'company' ? 'companies' : 'contacts', 'detail', id] as const;

/** Records of the same kind matching a text, to pick the one to merge with. */
export function useMergeCandidates(entity: MergeEntity, q: string, excludeId: string) {
  return useQuery({
    queryKey: ['merge-candidates', entity, q],
    queryFn: ({ signal }) => api.get<SearchResult>('/api/v1/search', { q, limit: 15 }, signal),
    enabled: q.trim().length > 0,
    select: (r) => (entity === 'company' ? r.companies : r.contacts).filter((h) => h.id !== excludeId),
    placeholderData: (prev) => prev,
    staleTime: 10_000,
  });
}

export function useMergeRecord<T>(entity: MergeEntity, id: string | null) {
  return useQuery({
    queryKey: detailKey(entity, id ?? ''),
    queryFn: ({ signal }) => api.get<T>(`${base(entity)}/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export type MergeRequest = {
  survivorId: string;
  version: number;
  otherId: string;
  otherVersion: number;
  take: string[];
};

/** Merges `otherId` into `survivorId`: chosen fields, links, notes and documents move; the other goes to the trash. */
export function useMerge<T extends { id: string }>(entity: MergeEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ survivorId, ...body }: MergeRequest) => api.post<T>(`${base(entity)}/${survivorId}/merge`, body),
    onSuccess: (survivor, { otherId }) => {
      qc.setQueryData(detailKey(entity, survivor.id), survivor);
      // The other record is in the trash now: asking for it again would only answer "not found".
      const gone = detailKey(entity, otherId);
      for (const key of ['companies', 'contacts', 'notes', 'documents', 'history', 'trash']) {
        void qc.invalidateQueries({
          queryKey: [key],
          predicate: (q) => !(q.queryKey[0] === gone[0] && q.queryKey[1] === 'detail' && q.queryKey[2] === otherId),
        });
      }
    },
  });
}
