import type {
  Activity,
  ActivityPatch,
  ActivityType,
  DiaryItem,
  RecurrenceScopeSchema,
  Resource,
} from '@rapport/contracts/activities.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import { api, isApiError } from '../../../lib/api.ts';
import { useMe } from '../../../lib/session.ts';
import { entryKey } from '../layout.ts';
import { browserTimeZone, isTimeZone } from '../time.ts';

export type RecurrenceScope = z.infer<typeof RecurrenceScopeSchema>;
export type Colleague = z.infer<typeof UserSummarySchema>;

/** Every activity query starts with 'activities', so any activity write refreshes the diary too. */
export const diaryKeys = {
  all: ['activities', 'diary'] as const,
  range: (q: { from: string; to: string; userIds: string[]; resourceIds: string[] }) =>
    ['activities', 'diary', q] as const,
};

export function useDiary(q: { from: string; to: string; userIds: string[]; resourceIds: string[] }) {
  return useQuery({
    queryKey: diaryKeys.range(q),
    queryFn: ({ signal }) =>
      api.get<{ items: DiaryItem[] }>(
        '/api/v1/diary',
        { from: q.from, to: q.to, userIds: q.userIds, resourceIds: q.resourceIds },
        signal,
      ),
    // Going to the next week keeps this week on screen until the next one has arrived.
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** Colleagues to show side by side (every member may see who works in the workspace). */
export function useColleagues() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: ({ signal }) => api.get<{ items: Colleague[] }>('/api/v1/users', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Bookable rooms and equipment; an empty list when this server has none. */
export function useResources() {
  return useQuery({
    queryKey: ['resources', 'options'],
    queryFn: async ({ signal }) => {
      try {
        const res = await api.get<{ items: Resource[] }>('/api/v1/resources', undefined, signal);
        return res.items.filter((r) => !r.archived);
      } catch (err) {
        if (isApiError(err) && err.status === 404) return [];
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** Activity types, for their colours. */
export function useActivityTypes() {
  return useQuery({
    queryKey: ['activities', 'types', 'options'],
    queryFn: async ({ signal }) => {
      try {
        return (await api.get<{ items: ActivityType[] }>('/api/v1/activity-types', undefined, signal)).items;
      } catch (err) {
        if (isApiError(err) && err.status === 404) return [];
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The user's time zone: their own setting (preferences) when they have one, else the browser's. */
export function useDiaryTimeZone(): string {
  const tz = useMe().data?.timeZone;
  return useMemo(() => (isTimeZone(tz) ? tz : browserTimeZone()), [tz]);
}

// ---------------------------------------------------------------------------------------------------------------
// Moving, resizing and completing, shown at once and rolled back when the server refuses

export type DiaryChange = {
  item: DiaryItem;
  /** New start and end (ISO); absent when only `done` changes. */
  start?: string;
  end?: string | null;
  done?: boolean;
  /** For an occurrence of a recurring series. */
  scope?: RecurrenceScope;
};

type Snapshot = [readonly unknown[], { items: DiaryItem[] } | undefined][];

function applyToCaches(qc: QueryClient, change: DiaryChange): Snapshot {
  const snapshot = qc.getQueriesData<{ items: DiaryItem[] }>({ queryKey: diaryKeys.all });
  const key = entryKey(change.item);
  for (const [queryKey, data] of snapshot) {
    if (!data) continue;
    qc.setQueryData(queryKey, {
      ...data,
      items: data.items.map((i) =>
        entryKey(i) === key
          ? {
              ...i,
              ...(change.start !== undefined ? { start: change.start } : {}),
              ...(change.end !== undefined ? { end: change.end } : {}),
              ...(change.done !== undefined ? { done: change.done } : {}),
            }
          : i,
      ),
    });
  }
  return snapshot;
}

async function send(change: DiaryChange): Promise<Activity> {
  const { item } = change;
  const body: ActivityPatch = { version: item.version };
  if (change.done !== undefined) body.done = change.done;
  if (change.start !== undefined) body.start = change.start;
  if (change.end !== undefined) body.end = change.end;
  if (item.recurring) {
    // With the occurrence named, new times are that occurrence's, for every scope: with "all" the series moves by
    // as much as this occurrence did.
    body.scope = change.scope ?? 'this';
    if (item.occurrenceStart) body.occurrenceStart = item.occurrenceStart;
  }
  return api.patch<Activity>(`/api/v1/activities/${item.activityId}`, body);
}

export function useDiaryChange(onError: (err: Error, change: DiaryChange) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onMutate: async (change) => {
      await qc.cancelQueries({ queryKey: diaryKeys.all });
      return { snapshot: applyToCaches(qc, change) };
    },
    onError: (err, change, context) => {
      for (const [queryKey, data] of context?.snapshot ?? []) qc.setQueryData(queryKey, data);
      onError(err, change);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['activities'] }),
  });
}
