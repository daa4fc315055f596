import {
  Avatar,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Me } from '@rapport/contracts/workspaces.ts';
import { IconBuildingCommunity, IconCheck, IconChevronDown, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSignOut, useSwitchWorkspace } from '../../features/auth/api/auth.ts';
import { LANGUAGES, setLanguage } from '../../i18n/index.ts';

export function UserMenu({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const switchWorkspace = useSwitchWorkspace();

  return (
    <Menu position="bottom-end" width={280} shadow="md" withinPortal closeOnItemClick>
      <Menu.Target>
        <UnstyledButton
          data-testid="user-menu"
          aria-label={t('shell.userMenu')}
          px={6}
          py={4}
          style={{ borderRadius: 8 }}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar name={me.user.name} color="initials" radius="xl" size={30} />
            <Stack gap={0} visibleFrom="md" maw={160}>
              <Text size="sm" fw={500} truncate lh={1.2}>
                {me.user.name}
              </Text>
              {me.workspace && (
                <Text size="xs" c="dimmed" truncate lh={1.2}>
                  {me.workspace.name}
                </Text>
              )}
            </Stack>
            <IconChevronDown size={14} opacity={0.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={0} px="sm" py={6}>
          <Text size="sm" fw={600} truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
          {me.workspace && (
            <Text size="xs" c="dimmed" truncate>
              {me.workspace.name} · {t(`settings.roles.${me.workspace.role}`)}
            </Text>
          )}
        </Stack>
        {me.workspaces.length > 1 && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('shell.workspaces')}</Menu.Label>
            {me.workspaces.map((w) => (
              <Menu.Item
                key={w.id}
                leftSection={<IconBuildingCommunity size={16} />}
                rightSection={w.id === me.workspace?.id ? <IconCheck size={14} /> : null}
                onClick={() =>
                  w.id !== me.workspace?.id &&
                  switchWorkspace.mutate(w.id, {
                    onSuccess: () => {
                      notifications.show({ color: 'green', message: t('shell.switched', { workspace: w.name }) });
                      void navigate({ to: '/companies' });
                    },
                  })
                }
              >
                {w.name}
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Label>{t('shell.language')}</Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item
            key={l.code}
            leftSection={<IconLanguage size={16} />}
            rightSection={i18n.language === l.code ? <IconCheck size={14} /> : null}
            onClick={() => setLanguage(l.code)}
            lang={l.code}
          >
            {l.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('shell.colorScheme')}</Menu.Label>
        <Stack px="sm" pb={6}>
          <SegmentedControl
            size="xs"
            fullWidth
            value={colorScheme}
            onChange={(v) => setColorScheme(v as 'light' | 'dark' | 'auto')}
            data={[
              { value: 'light', label: t('shell.light') },
              { value: 'dark', label: t('shell.dark') },
              { value: 'auto', label: t('shell.auto') },
            ]}
            aria-label={t('shell.colorScheme')}
          />
        </Stack>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => void navigate({ to: '/sign-in', search: {} }),
            })
          }
        >
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
