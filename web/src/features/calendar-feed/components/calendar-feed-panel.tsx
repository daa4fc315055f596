import {
  Accordion,
  Alert,
  Button,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBrandApple,
  IconBrandGoogle,
  IconBrandWindows,
  IconCalendarOff,
  IconCalendarShare,
  IconCheck,
  IconCopy,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/calendar-feed.ts';

/** Settings: the caller's secret iCalendar feed address — make, copy, replace or turn off, and how to subscribe. */
export function CalendarFeedPanel() {
  const { t } = useTranslation();
  const status = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);

  const makeNew = () =>
    create.mutate(undefined, {
      onSuccess: (res) => {
        setUrl(res.url);
        setConfirm(null);
      },
      onError: (err) => {
        setConfirm(null);
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });
  const turnOff = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl(null);
        setConfirm(null);
        notifications.show({ color: 'green', message: t('calendarFeed.revoked') });
      },
      onError: (err) => {
        setConfirm(null);
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });

  const feed = status.data;
  return (
    <Stack gap="lg" maw={760} data-testid="calendar-feed-panel">
      <Stack gap={6}>
        <Title order={4}>{t('calendarFeed.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('calendarFeed.intro')}
        </Text>
      </Stack>

      {status.isPending ? (
        <Skeleton height={90} />
      ) : status.error ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            {url && (
              <Stack gap={6} data-testid="calendar-feed-new">
                <TextInput
                  label={t('calendarFeed.newUrl')}
                  value={url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid="calendar-feed-url"
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                />
                <Text size="xs" c="orange.8">
                  {t('calendarFeed.copyNow')}
                </Text>
                <Group gap="xs">
                  <CopyButton value={url}>
                    {({ copied, copy }) => (
                      <Button
                        size="xs"
                        color={copied ? 'teal' : undefined}
                        leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                        onClick={copy}
                        data-testid="calendar-feed-copy"
                      >
                        {copied ? t('calendarFeed.copied') : t('calendarFeed.copy')}
                      </Button>
                    )}
                  </CopyButton>
                  <Button
                    size="xs"
                    variant="default"
                    component="a"
                    href={url.replace(/^https?:/, 'webcal:')}
                    leftSection={<IconCalendarShare size={14} />}
                  >
                    {t('calendarFeed.openInApp')}
                  </Button>
                </Group>
              </Stack>
            )}
            {feed?.active ? (
              <Stack gap={2} data-testid="calendar-feed-active">
                <Text size="sm">{t('calendarFeed.active', { date: formatDateTime(feed.createdAt) })}</Text>
                <Text size="sm" c="dimmed">
                  {feed.lastUsedAt
                    ? t('calendarFeed.lastUsed', { date: formatDateTime(feed.lastUsedAt) })
                    : t('calendarFeed.neverUsed')}
                </Text>
                {!url && (
                  <Text size="xs" c="dimmed">
                    {t('calendarFeed.lostUrl')}
                  </Text>
                )}
              </Stack>
            ) : (
              <Text size="sm" data-testid="calendar-feed-inactive">
                {t('calendarFeed.inactive')}
              </Text>
            )}
            <Group gap="xs">
              {feed?.active ? (
                <>
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} />}
                    onClick={() => setConfirm('rotate')}
                    data-testid="calendar-feed-rotate"
                  >
                    {t('calendarFeed.rotate')}
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconCalendarOff size={16} />}
                    onClick={() => setConfirm('revoke')}
                    data-testid="calendar-feed-revoke"
                  >
                    {t('calendarFeed.revoke')}
                  </Button>
                </>
              ) : (
                <Button
                  leftSection={<IconCalendarShare size={16} />}
                  loading={create.isPending}
                  onClick={makeNew}
                  data-testid="calendar-feed-create"
                >
                  {t('calendarFeed.create')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}

      <Stack gap={6}>
        <Title order={5}>{t('calendarFeed.howTo')}</Title>
        <Accordion variant="contained" multiple data-testid="calendar-feed-howto">
          <Accordion.Item value="outlook">
            <Accordion.Control icon={<IconBrandWindows size={16} />}>{t('calendarFeed.outlook')}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm">{t('calendarFeed.outlookSteps')}</Text>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="google">
            <Accordion.Control icon={<IconBrandGoogle size={16} />}>{t('calendarFeed.google')}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm">{t('calendarFeed.googleSteps')}</Text>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="apple">
            <Accordion.Control icon={<IconBrandApple size={16} />}>{t('calendarFeed.apple')}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm">{t('calendarFeed.appleSteps')}</Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Alert color="gray" variant="light">
          <Text size="sm">{t('calendarFeed.readOnlyNote')}</Text>
        </Alert>
      </Stack>

      <ConfirmModal
        opened={confirm === 'rotate'}
        title={t('calendarFeed.rotateTitle')}
        confirmLabel={t('calendarFeed.rotate')}
        loading={create.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={makeNew}
      >
        {t('calendarFeed.rotateText')}
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'revoke'}
        title={t('calendarFeed.revokeTitle')}
        confirmLabel={t('calendarFeed.revoke')}
        loading={revoke.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={turnOff}
      >
        {t('calendarFeed.revokeText')}
      </ConfirmModal>
    </Stack>
  );
}
