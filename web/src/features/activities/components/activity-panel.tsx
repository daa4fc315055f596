import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { Activity, ActivityCreate, ActivityListQuery } from '@rapport/contracts/activities.ts';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { usePermissions } from '../../../lib/session.ts';
import { useActivityPage } from '../api/activities.ts';
import { ActivityItem } from './activity-item.tsx';
import { ActivityModal } from './activity-modal.tsx';

const LIMIT = 5;

/**
 * "Activities and tasks" on a company or contact card: what is open or coming (overdue first), and what was
 * done lately; a new activity starts with the card filled in. With nothing to show, only the title and the
 * "new activity" button are there.
 */
export function ActivityPanel({
  companyId,
  contactId,
  initial,
  title,
}: {
  companyId?: string;
  contactId?: string;
  /** What a new activity from this card starts with (the card's company and contact). */
  initial: Partial<ActivityCreate>;
  /** The card's section title. */
  title: ReactNode;
}) {
  const { t } = useTranslation();
  const { canWrite } = usePermissions();
  const [open, setOpen] = useState<{ id?: string } | null>(null);
  const base: ActivityListQuery = companyId ? { companyId } : { contactId };
  const upcoming = useActivityPage({ ...base, status: 'open', sort: 'start', limit: LIMIT + 1 });
  const recent = useActivityPage({ ...base, status: 'done', sort: '-doneAt', limit: LIMIT });

  const openItems = upcoming.data?.items ?? [];
  const doneItems = recent.data?.items ?? [];
  const loading = upcoming.isPending || recent.isPending;
  const error = upcoming.error ?? recent.error;
  const empty = !loading && !error && openItems.length === 0 && doneItems.length === 0;
  if (empty && !canWrite) return null;

  const onOpen = (a: Activity) => setOpen({ id: a.id });

  return (
    <Stack gap="sm" data-testid="activity-panel">
      <Group justify="space-between" align="center" gap="xs">
        {title}
        {canWrite && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setOpen({})}
            data-testid="panel-new-activity"
          >
            {t('activities.panel.new')}
          </Button>
        )}
      </Group>
      {loading ? (
        <Stack gap={6}>
          <Skeleton height={48} radius="md" />
          <Skeleton height={48} radius="md" />
        </Stack>
      ) : error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            void upcoming.refetch();
            void recent.refetch();
          }}
        />
      ) : empty ? (
        <Text size="sm" c="dimmed">
          {t('activities.panel.none')}
        </Text>
      ) : (
        <Stack gap="md">
          {openItems.length > 0 && (
            <Stack gap={6} data-testid="panel-upcoming">
              <Text size="xs" fw={600} c="dimmed">
                {t('activities.panel.upcoming')}
              </Text>
              {openItems.slice(0, LIMIT).map((a) => (
                <ActivityItem key={a.id} activity={a} onOpen={onOpen} canWrite={canWrite} showCompany={!companyId} />
              ))}
            </Stack>
          )}
          {doneItems.length > 0 && (
            <Stack gap={6} data-testid="panel-recent">
              <Text size="xs" fw={600} c="dimmed">
                {t('activities.panel.recent')}
              </Text>
              {doneItems.map((a) => (
                <ActivityItem key={a.id} activity={a} onOpen={onOpen} canWrite={canWrite} showCompany={!companyId} />
              ))}
            </Stack>
          )}
          {companyId && (openItems.length > LIMIT || doneItems.length >= LIMIT) && (
            <Anchor
              size="sm"
              renderRoot={(props) => (
                <Link {...props} to="/tasks" search={{ company: companyId, who: 'team', status: 'any' }} />
              )}
            >
              {t('activities.panel.showAll')}
            </Anchor>
          )}
        </Stack>
      )}
      <ActivityModal opened={open !== null} onClose={() => setOpen(null)} activityId={open?.id} initial={initial} />
    </Stack>
  );
}
