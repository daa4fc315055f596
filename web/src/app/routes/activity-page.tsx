import { Anchor, Breadcrumbs, Skeleton, Stack, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state.tsx';
import { useActivity } from '../../features/activities/api/activities.ts';
import { ActivityDetails } from '../../features/activities/components/activity-details.tsx';
import { ActivityModal } from '../../features/activities/components/activity-modal.tsx';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/activities/$id');

/** One activity: where notification and mail links lead. Shows it, with edit and mark done. */
export function ActivityPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const activity = useActivity(id);
  const navigate = useNavigate();
  const { canWrite } = usePermissions();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(activity.data?.title ?? t('activities.tasks.title'));

  return (
    <Stack gap="md" maw={980}>
      <Breadcrumbs fz="sm">
        <Anchor component={Link} to="/tasks" size="sm">
          {t('activities.tasks.title')}
        </Anchor>
        <Text size="sm" c="dimmed" truncate maw={400}>
          {activity.data?.title ?? '…'}
        </Text>
      </Breadcrumbs>
      {activity.isPending ? (
        <Skeleton height={220} radius="md" />
      ) : activity.error ? (
        <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <ActivityDetails activity={activity.data} canWrite={canWrite} onEdit={() => setEditing(true)} />
      )}
      <ActivityModal
        opened={editing}
        onClose={() => setEditing(false)}
        activityId={id}
        onDeleted={() => void navigate({ to: '/tasks' })}
      />
    </Stack>
  );
}
