import { Badge, Checkbox, Group, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Activity } from '@rapport/contracts/activities.ts';
import { IconLock, IconRepeat } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useToggleDone } from '../api/activities.ts';
import { formatWhen, useTimeZone } from '../time.ts';
import { KindIcon } from './kind.tsx';

/** "12 Mar 2026, 09:00–10:00" in the user's time zone; a task's due date alone. */
export function useWhen() {
  const { locale } = useFormat();
  const tz = useTimeZone();
  return useCallback(
    (a: Pick<Activity, 'start' | 'end' | 'allDay'>) => {
      if (!a.start) return '';
      const start = formatWhen(a.start, a.allDay, locale, tz);
      if (!a.end || a.allDay) return start;
      const sameDay =
        new Date(a.start).toLocaleDateString('en-CA', { timeZone: tz }) ===
        new Date(a.end).toLocaleDateString('en-CA', { timeZone: tz });
      const end = sameDay
        ? new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz }).format(new Date(a.end))
        : formatWhen(a.end, false, locale, tz);
      return `${start}–${end}`;
    },
    [locale, tz],
  );
}

/** The done box of an activity: marks it done or open again at once. A series is done one occurrence at a time. */
export function DoneBox({ activity, disabled }: { activity: Activity; disabled?: boolean }) {
  const { t } = useTranslation();
  const toggle = useToggleDone();
  const label = activity.done ? t('activities.reopen') : t('activities.markDone');
  if (activity.rrule) return <span style={{ width: 20, display: 'inline-block' }} />;
  return (
    <Tooltip label={label} openDelay={400}>
      <Checkbox
        aria-label={`${label}: ${activity.title}`}
        checked={activity.done}
        disabled={disabled || toggle.isPending}
        radius="xl"
        color="green"
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => {
          const done = e.currentTarget.checked;
          toggle.mutate(
            { activity, done },
            {
              onSuccess: (a) =>
                notifications.show({
                  color: 'green',
                  message: done
                    ? t('activities.completed', { title: a.title })
                    : t('activities.reopened', { title: a.title }),
                }),
              onError: (err) =>
                notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) }),
            },
          );
        }}
        data-testid="activity-done-box"
      />
    </Tooltip>
  );
}

/** One activity as a row of the card panel: done box, kind, title, when and who; opens in the modal. */
export function ActivityItem({
  activity: a,
  onOpen,
  canWrite,
  showCompany,
}: {
  activity: Activity;
  onOpen: (a: Activity) => void;
  canWrite: boolean;
  showCompany?: boolean;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const details = [when(a) || t('activities.noDate'), a.ownerName, showCompany ? a.companyName : a.contactName].filter(
    Boolean,
  );
  return (
    <Paper withBorder radius="md" p={0} data-testid="activity-item" data-done={a.done || undefined}>
      <Group gap="xs" wrap="nowrap" pl="sm">
        <DoneBox activity={a} disabled={!canWrite} />
        <UnstyledButton
          onClick={() => onOpen(a)}
          py={8}
          pr="sm"
          style={{ flex: 1, minWidth: 0, borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group gap="sm" wrap="nowrap">
            <Text c={a.overdue ? 'red' : 'dimmed'} style={{ display: 'flex' }}>
              <KindIcon kind={a.kind} size={18} />
            </Text>
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Group gap={6} wrap="nowrap">
                <Text
                  size="sm"
                  fw={600}
                  truncate
                  td={a.done ? 'line-through' : undefined}
                  c={a.done ? 'dimmed' : undefined}
                  data-testid="activity-item-title"
                >
                  {a.title}
                </Text>
                {a.private && <IconLock size={13} opacity={0.6} aria-label={t('activities.fields.private')} />}
                {a.rrule && <IconRepeat size={13} opacity={0.6} aria-label={t('activities.recurring')} />}
              </Group>
              <Text size="xs" c={a.overdue ? 'red' : 'dimmed'} truncate>
                {details.join(' · ')}
              </Text>
            </Stack>
            {a.overdue && (
              <Badge color="red" variant="light" size="sm" data-testid="activity-overdue">
                {t('activities.overdue')}
              </Badge>
            )}
            {a.priority === 'high' && !a.done && (
              <Badge color="orange" variant="dot" size="sm">
                {t('activities.priorities.high')}
              </Badge>
            )}
          </Group>
        </UnstyledButton>
      </Group>
    </Paper>
  );
}
