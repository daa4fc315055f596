import type {
  Activity,
  ActivityBulk,
  ActivityCreate,
  ActivityListQuery,
  ActivityPatch,
  ActivityType,
  Resource,
} from '@rapport/contracts/activities.ts';
import type { Page } from '@rapport/contracts/common.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export type UserSummary = z.infer<typeof UserSummarySchema>;

/**
 * Every query about activities starts with `['activities']` (the diary's too), so a write here refreshes
 * every view of them: the task list, the card panels, the diary.
 */
export const activityKeys = {
  all: ['activities'] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  lists: () => ['activities', 'list'] as const,
  list: (q: ActivityListQuery) => ['activities', 'list', q] as const,
};

export const ACTIVITY_PAGE_SIZE = 100;

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Activity>(`/api/v1/activities/${id}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** One page of activities (the card panel). */
export function useActivityPage(q: ActivityListQuery, enabled = true) {
  return useQuery({
    queryKey: activityKeys.list(q),
    queryFn: ({ signal }) =>
      api.get<Page<Activity>>('/api/v1/activities', q as Record<string, string | number | undefined>, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Activities in keyset pages, for the task list. */
export function useActivityList(q: Omit<ActivityListQuery, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: [...activityKeys.list(q), 'infinite'],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Activity>>(
        '/api/v1/activities',
        {
          ...(q as Record<string, string | number | string[] | undefined>),
          limit: Number(q.limit ?? ACTIVITY_PAGE_SIZE),
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useActivityTypes() {
  return useQuery({
    queryKey: ['activities', 'types'],
    queryFn: ({ signal }) => api.get<{ items: ActivityType[] }>('/api/v1/activity-types', undefined, signal),
    select: (r) => r.items,
    staleTime: 60_000,
  });
}

export function useResourceOptions() {
  return useQuery({
    queryKey: ['activities', 'resources'],
    queryFn: ({ signal }) => api.get<{ items: Resource[] }>('/api/v1/resources', undefined, signal),
    select: (r) => r.items,
    staleTime: 60_000,
    retry: false,
  });
}

/** Colleagues: the users of the workspace. */
export function useColleagues() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[] }>('/api/v1/users', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Invalidates every activity view, and the company and contact lists (their next/last activity columns). */
function useRefreshAll() {
  const qc = useQueryClient();
  return (saved?: Activity) => {
    if (saved) qc.setQueryData(activityKeys.detail(saved.id), saved);
    void qc.invalidateQueries({ queryKey: activityKeys.all });
    void qc.invalidateQueries({ queryKey: ['companies', 'list'] });
    void qc.invalidateQueries({ queryKey: ['contacts', 'list'] });
  };
}

export function useCreateActivity() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: ActivityCreate) => api.post<Activity>('/api/v1/activities', body),
    onSuccess: (a) => refresh(a),
  });
}

export function useUpdateActivity() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ActivityPatch }) =>
      api.patch<Activity>(`/api/v1/activities/${id}`, patch),
    onSuccess: (a) => refresh(a),
  });
}

export type DeleteScope = { scope?: 'this' | 'following' | 'all'; occurrenceStart?: string | null };

export function useDeleteActivity() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, scope, occurrenceStart }: { id: string } & DeleteScope) => {
      const qs = new URLSearchParams();
      if (scope) qs.set('scope', scope);
      if (occurrenceStart && scope && scope !== 'all') qs.set('occurrenceStart', occurrenceStart);
      const query = qs.toString();
      return api.delete(`/api/v1/activities/${id}${query ? `?${query}` : ''}`);
    },
    onSuccess: () => refresh(),
  });
}

export type BulkResult = {
  changed: number;
  unchanged: number;
  failed: { id: string; code?: string; message: string }[];
};

/** Runs one bulk action, a thousand ids at a time. */
export async function runActivityBulk(action: ActivityBulk): Promise<BulkResult> {
  const total: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  for (let i = 0; i < action.ids.length; i += 1000) {
    const res = await api.post<Partial<BulkResult>>('/api/v1/activities/bulk', {
      ...action,
      ids: action.ids.slice(i, i + 1000),
    });
    total.changed += res.changed ?? 0;
    total.unchanged += res.unchanged ?? 0;
    total.failed.push(...(res.failed ?? []));
  }
  return total;
}

export function useActivityBulk() {
  const refresh = useRefreshAll();
  return useMutation({ mutationFn: runActivityBulk, onSuccess: () => refresh() });
}

/** Marks one activity (or one occurrence of a series) done or open again. */
export function useToggleDone() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({
      activity,
      done,
      occurrenceStart,
    }: {
      activity: Pick<Activity, 'id' | 'version' | 'rrule'>;
      done: boolean;
      occurrenceStart?: string | null;
    }) =>
      api.patch<Activity>(`/api/v1/activities/${activity.id}`, {
        version: activity.version,
        done,
        ...(activity.rrule ? (occurrenceStart ? { scope: 'this', occurrenceStart } : { scope: 'all' }) : {}),
      } satisfies ActivityPatch),
    onSuccess: (a) => refresh(a),
  });
}

/** The name of a company known by id (the task list's company filter from the address bar). */
export function useCompanyRef(id: string | undefined) {
  return useQuery({
    queryKey: ['companies', 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<{ id: string; name: string }>(`/api/v1/companies/${id}`, undefined, signal),
    enabled: Boolean(id),
    select: (c) => ({ id: c.id, name: c.name }),
    staleTime: 60_000,
  });
}
