import type { DiaryState } from './components/diary-view.tsx';
import { DIARY_VIEWS, type DiaryViewName } from './layout.ts';
import { parseDayKey } from './time.ts';

/**
 * What the address bar says about the diary, so a link shows a colleague the same calendars:
 * `view` (day, month, agenda; week when absent), `date` (YYYY-MM-DD; today when absent), `users` (colleagues'
 * ids, comma-separated; "none" for rooms only; me when absent), `resources` (rooms' ids, comma-separated).
 */
export type DiarySearch = { view?: Exclude<DiaryViewName, 'week'>; date?: string; users?: string; resources?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idList = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  if (v === 'none') return v;
  const ids = v.split(',').filter((id) => UUID.test(id));
  return ids.length ? [...new Set(ids)].slice(0, 30).join(',') : undefined;
};

export function validateDiarySearch(s: Record<string, unknown>): DiarySearch {
  const view = DIARY_VIEWS.find((v) => v === s.view && v !== 'week') as DiarySearch['view'];
  const date = typeof s.date === 'string' && parseDayKey(s.date) !== null ? s.date : undefined;
  return { view, date, users: idList(s.users), resources: idList(s.resources) };
}

export function stateOfSearch(s: DiarySearch): DiaryState {
  return {
    view: s.view ?? 'week',
    date: s.date,
    users: s.users === 'none' ? [] : s.users?.split(','),
    resources: s.resources && s.resources !== 'none' ? s.resources.split(',') : undefined,
  };
}

/** The search after a change of state; keys left out of `patch` stay. */
export function searchOfState(prev: DiarySearch, patch: Partial<DiaryState>): DiarySearch {
  const next: DiarySearch = { ...prev };
  if ('view' in patch) next.view = patch.view === 'week' ? undefined : patch.view;
  if ('date' in patch) next.date = patch.date;
  if ('users' in patch) next.users = patch.users ? (patch.users.length ? patch.users.join(',') : 'none') : undefined;
  if ('resources' in patch) next.resources = patch.resources?.length ? patch.resources.join(',') : undefined;
  return next;
}
