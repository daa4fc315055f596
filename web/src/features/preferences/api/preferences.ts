import type { Preferences, PreferencesPatch } from '@rapport/contracts/preferences.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const preferenceKeys = { mine: ['me', 'preferences'] as const };

export function usePreferences() {
  return useQuery({
    queryKey: preferenceKeys.mine,
    queryFn: ({ signal }) => api.get<Preferences>('/api/v1/me/preferences', undefined, signal),
  });
}

export const savePreferences = (patch: PreferencesPatch) => api.patch<Preferences>('/api/v1/me/preferences', patch);

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: savePreferences,
    onSuccess: (prefs) => {
      qc.setQueryData(preferenceKeys.mine, prefs);
      // /me carries the time zone and language every view reads; times shown in lists follow the new zone.
      void qc.invalidateQueries({ queryKey: ['me'], exact: true });
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}
