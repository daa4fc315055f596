import { AppShell, Burger, Button, Group, NavLink, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuilding,
  IconCalendar,
  IconChecklist,
  IconHome,
  IconSettings,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state.tsx';
import { AuthLayout } from '../../features/auth/components/auth-layout.tsx';
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx';
import { useLanguagePreference } from '../../features/preferences/use-language-preference.ts';
import { GlobalSearch } from '../../features/search/components/global-search.tsx';
import { useMe } from '../../lib/session.ts';
import { UserMenu } from './user-menu.tsx';

type NavItem = {
  to: '/home' | '/companies' | '/contacts' | '/diary' | '/tasks' | '/trash' | '/settings';
  label: string;
  icon: ReactNode;
  testId: string;
};

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  // The member's language preference (from /me) is the app's language.
  useLanguagePreference(me.data?.language);
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  if (me.isPending) {
    return (
      <Stack p="xl" gap="md">
        <Skeleton height={40} />
        <Skeleton height={400} />
      </Stack>
    );
  }
  if (me.error) {
    return (
      <Stack p="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Stack>
    );
  }
  if (!me.data) return null;
  if (!me.data.workspace) {
    return (
      <AuthLayout title={t('auth.noWorkspaceTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('auth.noWorkspaceText', { email: me.data.user.email })}</Text>
          <Group justify="flex-end">
            <UserMenu me={me.data} />
          </Group>
        </Stack>
      </AuthLayout>
    );
  }

  const items: NavItem[] = [
    { to: '/home', label: t('targets.homeNav'), icon: <IconHome size={18} />, testId: 'nav-home' },
    { to: '/companies', label: t('nav.companies'), icon: <IconBuilding size={18} />, testId: 'nav-companies' },
    { to: '/contacts', label: t('nav.contacts'), icon: <IconUsers size={18} />, testId: 'nav-contacts' },
    { to: '/diary', label: t('diary.nav'), icon: <IconCalendar size={18} />, testId: 'nav-diary' },
    { to: '/tasks', label: t('activities.nav'), icon: <IconChecklist size={18} />, testId: 'nav-tasks' },
    { to: '/trash', label: t('nav.trash'), icon: <IconTrash size={18} />, testId: 'nav-trash' },
    { to: '/settings', label: t('nav.settings'), icon: <IconSettings size={18} />, testId: 'nav-settings' },
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} />
          <Group gap={8} wrap="nowrap" w={{ base: 'auto', sm: 184 }} style={{ flexShrink: 0 }}>
            <ThemeIcon size={28} radius="md">
              <IconAddressBook size={18} />
            </ThemeIcon>
            <Text fw={700} fz={17} visibleFrom="xs" style={{ letterSpacing: '-0.01em' }}>
              {t('app.name')}
            </Text>
          </Group>
          <div style={{ flex: 1, maxWidth: 560, minWidth: 0 }}>
            <GlobalSearch
              onOpen={(hit) =>
                void navigate(
                  hit.kind === 'company'
                    ? { to: '/companies/$id', params: { id: hit.id } }
                    : hit.kind === 'contact'
                      ? { to: '/contacts/$id', params: { id: hit.id } }
                      : { to: '/activities/$id', params: { id: hit.id } },
                )
              }
            />
          </div>
          <Group ml="auto" gap="xs" wrap="nowrap">
            <NotificationBell />
            <UserMenu me={me.data} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <Stack gap={2}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
              data-testid={item.testId}
              onClick={close}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              fw={500}
            />
          ))}
        </Stack>
        <Stack mt="auto" gap={2} p="xs">
          <Text size="xs" c="dimmed" truncate>
            {me.data.workspace.name}
          </Text>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main
        bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
        style={{ display: 'flex', flexDirection: 'column' }}
      >
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

export function BackButton({ to, label }: { to: '/companies' | '/contacts'; label: string }) {
  return (
    <Button component={Link} to={to} variant="subtle" size="compact-sm" px={4}>
      {label}
    </Button>
  );
}
