import type { CalendarFeedCreated, CalendarFeedStatus } from '@rapport/contracts/calendar.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

const key = ['calendar-feed'] as const;

export function useCalendarFeed() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<CalendarFeedStatus>('/api/v1/calendar-feed', undefined, signal),
  });
}

/** Makes a new secret address (the old one stops working); the answer is the only time it is shown. */
export function useCreateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeedCreated>('/api/v1/calendar-feed'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/v1/calendar-feed'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}
