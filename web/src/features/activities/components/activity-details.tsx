import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Activity } from '@rapport/contracts/activities.ts';
import { IconCheck, IconLock, IconPencil, IconRepeat } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { useToggleDone } from '../api/activities.ts';
import { useTimeZone, weekdayNames } from '../time.ts';
import { useWhen } from './activity-item.tsx';
import { KindIcon } from './kind.tsx';
import { describeRepeat, parseRepeat } from './repeat-rule.ts';

const REMINDER_KEYS: Record<number, string> = { 0: 'm0', 5: 'm5', 15: 'm15', 30: 'm30', 60: 'h1', 1440: 'd1' };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One activity as a page shows it (the target of notification and mail links), with edit and mark done. */
export function ActivityDetails({
  activity: a,
  onEdit,
  canWrite,
}: {
  activity: Activity;
  onEdit: () => void;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const tz = useTimeZone();
  const { locale } = useFormat();
  const toggle = useToggleDone();
  const repeat = parseRepeat(a.rrule, tz);
  const colleagues = a.participants.filter((p) => p.userId);
  const contacts = a.participants.filter((p) => p.contactId);

  return (
    <Paper withBorder radius="md" p="lg" data-testid="activity-details">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Text c={a.overdue ? 'red' : 'dimmed'} style={{ display: 'flex' }}>
              <KindIcon kind={a.kind} size={26} />
            </Text>
            <Stack gap={2} miw={0}>
              <Title order={2} fz={22} td={a.done ? 'line-through' : undefined} data-testid="activity-details-title">
                {a.title}
              </Title>
              <Group gap={6}>
                <Badge variant="light">{t(`activities.kinds.${a.kind}`)}</Badge>
                {a.done && (
                  <Badge color="green" variant="light" leftSection={<IconCheck size={12} />}>
                    {t('activities.fields.done')}
                  </Badge>
                )}
                {a.overdue && (
                  <Badge color="red" variant="light">
                    {t('activities.overdue')}
                  </Badge>
                )}
                {a.private && (
                  <Badge color="gray" variant="light" leftSection={<IconLock size={12} />}>
                    {t('activities.fields.private')}
                  </Badge>
                )}
                {a.rrule && (
                  <Badge color="grape" variant="light" leftSection={<IconRepeat size={12} />}>
                    {repeat.freq === 'custom' || repeat.freq === 'none'
                      ? t('activities.recurring')
                      : t(`activities.repeat.${repeat.freq}`)}
                  </Badge>
                )}
              </Group>
            </Stack>
          </Group>
          {canWrite && (
            <Group gap="xs" wrap="nowrap">
              {!a.rrule && (
                <Button
                  variant="light"
                  color={a.done ? 'gray' : 'green'}
                  leftSection={<IconCheck size={16} />}
                  loading={toggle.isPending}
                  onClick={() => toggle.mutate({ activity: a, done: !a.done })}
                  data-testid="details-mark-done"
                >
                  {a.done ? t('activities.reopen') : t('activities.markDone')}
                </Button>
              )}
              <Button leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="details-edit">
                {t('common.edit')}
              </Button>
            </Group>
          )}
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
          <Fact label={a.kind === 'task' ? t('activities.fields.due') : t('activities.fields.start')}>
            <Text size="sm" c={a.overdue ? 'red' : undefined}>
              {when(a) || t('activities.noDate')}
            </Text>
          </Fact>
          <Fact label={t('activities.fields.owner')}>{a.ownerName ?? '—'}</Fact>
          <Fact label={t('activities.fields.priority')}>{t(`activities.priorities.${a.priority}`)}</Fact>
          {a.companyId && (
            <Fact label={t('activities.fields.company')}>
              <Anchor
                size="sm"
                renderRoot={(props) => <Link {...props} to="/companies/$id" params={{ id: a.companyId ?? '' }} />}
              >
                {a.companyName}
              </Anchor>
            </Fact>
          )}
          {a.contactId && (
            <Fact label={t('activities.fields.contact')}>
              <Anchor
                size="sm"
                renderRoot={(props) => <Link {...props} to="/contacts/$id" params={{ id: a.contactId ?? '' }} />}
              >
                {a.contactName}
              </Anchor>
            </Fact>
          )}
          {a.location && <Fact label={t('activities.fields.location')}>{a.location}</Fact>}
          {colleagues.length > 0 && (
            <Fact label={t('activities.fields.participants')}>{colleagues.map((p) => p.name).join(', ')}</Fact>
          )}
          {contacts.length > 0 && (
            <Fact label={t('activities.fields.contacts')}>
              <Group gap={6}>
                {contacts.map((p) => (
                  <Anchor
                    key={p.id}
                    size="sm"
                    renderRoot={(props) => <Link {...props} to="/contacts/$id" params={{ id: p.contactId ?? '' }} />}
                  >
                    {p.name}
                  </Anchor>
                ))}
              </Group>
            </Fact>
          )}
          {a.rrule && (
            <Fact label={t('activities.fields.repeat')}>
              {describeRepeat(repeat, t as never, locale, weekdayNames(locale))}
            </Fact>
          )}
          {a.reminderMinutes !== null && (
            <Fact label={t('activities.fields.reminder')}>
              {REMINDER_KEYS[a.reminderMinutes]
                ? t(`activities.reminders.${REMINDER_KEYS[a.reminderMinutes] as 'm5'}`)
                : t('activities.reminders.custom', { minutes: a.reminderMinutes })}
            </Fact>
          )}
          {a.resources.length > 0 && (
            <Fact label={t('activities.fields.resources')}>{a.resources.map((r) => r.name).join(', ')}</Fact>
          )}
        </SimpleGrid>
        {a.description && (
          <Fact label={t('activities.fields.description')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.description}
            </Text>
          </Fact>
        )}
      </Stack>
    </Paper>
  );
}
