import type {
  TargetMetric,
  TargetProgress,
  Targets,
  TeamProgress,
  UserTargets,
} from '@rapport/contracts/activity-targets.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const METRICS: TargetMetric[] = ['calls', 'meetings', 'tasks', 'points'];

/**
 * Progress counts done activities, so its keys start with `['activities']`: completing, reopening or deleting an
 * activity anywhere in the app recounts the widgets.
 */
export const targetKeys = {
  targets: ['activity-targets'] as const,
  progress: (userId: string | null, weeks: number) => ['activities', 'targets', 'progress', userId, weeks] as const,
  team: ['activities', 'targets', 'team'] as const,
};

export function useProgress(userId: string | null, weeks = 8) {
  return useQuery({
    queryKey: targetKeys.progress(userId, weeks),
    queryFn: ({ signal }) =>
      api.get<TargetProgress>('/api/v1/activity-targets/progress', { userId: userId ?? undefined, weeks }, signal),
  });
}

export function useTeamProgress(enabled: boolean) {
  return useQuery({
    queryKey: targetKeys.team,
    queryFn: ({ signal }) => api.get<TeamProgress>('/api/v1/activity-targets/team', undefined, signal),
    enabled,
  });
}

export function useTargets() {
  return useQuery({
    queryKey: targetKeys.targets,
    queryFn: ({ signal }) => api.get<{ items: UserTargets[] }>('/api/v1/activity-targets', undefined, signal),
    select: (r) => r.items,
  });
}

export function usePutTargets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { userId: string; version: number; targets: Partial<Targets> }) =>
      api.put<UserTargets>('/api/v1/activity-targets', body),
    onSuccess: (saved) => {
      qc.setQueryData<{ items: UserTargets[] }>(targetKeys.targets, (data) =>
        data ? { items: data.items.map((x) => (x.userId === saved.userId ? saved : x)) } : data,
      );
      void qc.invalidateQueries({ queryKey: ['activities', 'targets'] });
    },
  });
}
