import type { AuditEntry } from '@rapport/contracts/system.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type HistoryEntity = 'company' | 'contact';

export function useHistory(entity: HistoryEntity, entityId: string) {
  return useQuery({
    queryKey: ['history', entity, entityId],
    queryFn: ({ signal }) =>
      api.get<{ items: AuditEntry[] }>('/api/v1/audit', { entity, entityId, limit: 200 }, signal),
    staleTime: 0,
  });
}
