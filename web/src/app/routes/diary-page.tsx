import type { ActivityCreate, DiaryItem } from '@rapport/contracts/activities.ts';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityModal } from '../../features/activities/components/activity-modal.tsx';
import { type DiaryNewActivity, type DiaryState, DiaryView } from '../../features/diary/components/diary-view.tsx';
import { searchOfState, stateOfSearch } from '../../features/diary/diary-search.ts';
import { useMe, usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/diary');

type Editing = { key: number; activityId?: string; occurrenceStart?: string | null; initial?: Partial<ActivityCreate> };

/** The diary, with the activity form for what is selected or clicked in it. */
export function DiaryPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const meId = useMe().data?.user.id;
  const [editing, setEditing] = useState<Editing | null>(null);
  useDocumentTitle(t('diary.title'));

  const state = useMemo(() => stateOfSearch(search), [search]);
  const onStateChange = useCallback(
    (patch: Partial<DiaryState>) => void navigate({ search: (s) => searchOfState(s, patch), replace: true }),
    [navigate],
  );
  const onCreate = useCallback(
    (d: DiaryNewActivity) =>
      setEditing({
        key: Date.now(),
        initial: {
          ...(d.allDay ? {} : { kind: 'meeting' as const }),
          start: d.start,
          end: d.end,
          allDay: d.allDay,
          // Selected in a colleague's or a room's calendar: with them, in it.
          ...(d.userId && d.userId !== meId ? { participantUserIds: [d.userId] } : {}),
          ...(d.resourceId ? { resourceIds: [d.resourceId] } : {}),
        },
      }),
    [meId],
  );
  const onOpen = useCallback(
    (item: DiaryItem) =>
      setEditing({ key: Date.now(), activityId: item.activityId, occurrenceStart: item.occurrenceStart }),
    [],
  );

  return (
    <div className={classes.page}>
      <DiaryView
        state={state}
        onStateChange={onStateChange}
        onCreate={canWrite ? onCreate : undefined}
        onOpen={onOpen}
      />
      {editing && (
        <ActivityModal
          key={editing.key}
          opened
          onClose={() => setEditing(null)}
          activityId={editing.activityId}
          occurrenceStart={editing.occurrenceStart}
          initial={editing.initial}
        />
      )}
    </div>
  );
}
