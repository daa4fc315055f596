import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import type { Notification } from '@rapport/contracts/notifications.ts';
import {
  IconAlarm,
  IconAt,
  IconBell,
  IconBellOff,
  IconCalendarEvent,
  IconChecklist,
  IconMail,
} from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.ts';
import { useMe } from '../../../lib/session.ts';
import { useLiveNotifications, useMarkRead, useNotifications } from '../api/notifications.ts';
import { notificationText, timeAgo } from './notification-text.ts';

function KindIcon({ kind }: { kind: string }) {
  const icon =
    kind === 'activity.reminder' ? (
      <IconAlarm size={16} />
    ) : kind === 'activity.assigned' ? (
      <IconChecklist size={16} />
    ) : kind === 'activity.invitation' ? (
      <IconCalendarEvent size={16} />
    ) : kind === 'mention' ? (
      <IconAt size={16} />
    ) : (
      <IconMail size={16} />
    );
  const color = kind === 'activity.reminder' ? 'orange' : kind === 'activity.invitation' ? 'teal' : 'blue';
  return (
    <ThemeIcon variant="light" color={color} radius="xl" size={30}>
      {icon}
    </ThemeIcon>
  );
}

/**
 * The bell in the top bar: the unread count, kept live over a WebSocket, and a list of my notifications. A click
 * marks one read and goes where it points.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe();
  const router = useRouter();
  const [opened, setOpened] = useState(false);
  const signedIn = Boolean(me.data?.workspace);
  const list = useNotifications(signedIn);
  const markRead = useMarkRead();
  const locale = currentLocale();
  const timeZone = me.data?.timeZone ?? undefined;

  const live = useLiveNotifications({
    enabled: signedIn,
    onNotification: (n) => {
      // A reminder or a new assignment also pops up briefly, wherever one is in the app.
      if (n.kind !== 'activity.reminder' && n.kind !== 'activity.assigned') return;
      toasts.show({
        title: t('bell.title'),
        message: notificationText(n, t, locale, timeZone),
        color: n.kind === 'activity.reminder' ? 'orange' : 'blue',
        icon: <IconBell size={16} />,
        autoClose: 8000,
      });
    },
  });

  const unread = list.data?.pages[0]?.unread ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: Notification) => {
    if (!n.read) markRead.mutate({ ids: [n.id] });
    setOpened(false);
    if (n.path?.startsWith('/')) void router.navigate({ to: n.path });
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={18}
          offset={5}
          color="red"
          disabled={unread === 0}
          data-testid="bell-count"
          data-count={unread}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="md"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? t('bell.bellUnread', { count: unread }) : t('bell.bell')}
            data-testid="bell"
          >
            {live === 'offline' ? <IconBellOff size={20} opacity={0.6} /> : <IconBell size={20} />}
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="bell-dropdown">
        <Group justify="space-between" px="md" py="sm">
          <Text fw={650} size="sm">
            {t('bell.title')}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={unread === 0}
            onClick={() => markRead.mutate({ all: true })}
            data-testid="bell-mark-all"
          >
            {t('bell.markAllRead')}
          </Button>
        </Group>
        <Divider />
        {live === 'offline' && (
          <Text size="xs" c="dimmed" px="md" py={6} bg="var(--mantine-color-default-hover)">
            {t('bell.offline')}
          </Text>
        )}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {list.isPending ? t('common.loading') : t('bell.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={440} type="auto">
            <Stack gap={0} py={4}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  px="md"
                  py={8}
                  data-testid="bell-item"
                  data-unread={!n.read}
                  style={{
                    background: n.read ? undefined : 'var(--mantine-color-blue-light)',
                    borderRadius: 0,
                  }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <KindIcon kind={n.kind} />
                    <Box style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" fw={n.read ? 400 : 600} lh={1.35} style={{ overflowWrap: 'anywhere' }}>
                        {notificationText(n, t, locale, timeZone)}
                      </Text>
                      <Tooltip label={new Date(n.createdAt).toLocaleString(locale, { timeZone })} openDelay={500}>
                        <Text size="xs" c="dimmed" mt={2} component="span">
                          {timeAgo(n.createdAt, locale, t)}
                        </Text>
                      </Tooltip>
                    </Box>
                    {!n.read && (
                      <Box
                        w={8}
                        h={8}
                        mt={6}
                        style={{ borderRadius: 4, background: 'var(--mantine-color-blue-filled)', flexShrink: 0 }}
                      />
                    )}
                  </Group>
                </UnstyledButton>
              ))}
              {list.hasNextPage && (
                <Button
                  variant="subtle"
                  size="xs"
                  m="xs"
                  loading={list.isFetchingNextPage}
                  onClick={() => void list.fetchNextPage()}
                >
                  {t('bell.loadMore')}
                </Button>
              )}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
