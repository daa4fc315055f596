import { Alert, Stack, Tabs } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconCalendarShare,
  IconDoor,
  IconFileImport,
  IconKey,
  IconListDetails,
  IconMail,
  IconMailForward,
  IconSitemap,
  IconTags,
  IconTargetArrow,
  IconUserCog,
  IconUsers,
} from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { ActivityTypesPanel } from '../../features/activity-types/components/activity-types-panel.tsx';
import { CalendarFeedPanel } from '../../features/calendar-feed/components/calendar-feed-panel.tsx';
import { CategoriesSettings } from '../../features/categories/components/categories-settings.tsx';
import { ImportsHistory } from '../../features/imports/components/imports-history.tsx';
import { PreferencesPanel } from '../../features/preferences/components/preferences-panel.tsx';
import { RelationTypesPanel } from '../../features/relations/components/relation-types-panel.tsx';
import { ResourcesPanel } from '../../features/resources/components/resources-panel.tsx';
import { ApiKeysPanel } from '../../features/settings/components/api-keys-panel.tsx';
import { InvitationsPanel } from '../../features/settings/components/invitations-panel.tsx';
import { MembersPanel } from '../../features/settings/components/members-panel.tsx';
import { OutboxPanel } from '../../features/settings/components/outbox-panel.tsx';
import { WorkspacePanel } from '../../features/settings/components/workspace-panel.tsx';
import { TargetsSettings } from '../../features/targets/components/targets-settings.tsx';
import { useMe, usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/settings/$section');

type Section =
  | 'workspace'
  | 'members'
  | 'invitations'
  | 'api-keys'
  | 'outbox'
  | 'imports'
  | 'relations'
  | 'categories'
  | 'resources'
  | 'calendar-feed'
  | 'preferences'
  | 'activity-types'
  | 'targets';

export function SettingsPage() {
  const { t } = useTranslation();
  const { section } = route.useParams();
  const navigate = route.useNavigate();
  const me = useMe();
  const { isAdmin, canManage } = usePermissions();

  const sections: { value: Section; label: string; icon: ReactNode; admin: boolean }[] = [
    { value: 'workspace', label: t('settings.workspace'), icon: <IconBuildingCommunity size={16} />, admin: false },
    { value: 'preferences', label: t('preferences.settingsTab'), icon: <IconUserCog size={16} />, admin: false },
    { value: 'members', label: t('settings.members'), icon: <IconUsers size={16} />, admin: true },
    { value: 'invitations', label: t('settings.invitations'), icon: <IconMailForward size={16} />, admin: true },
    { value: 'api-keys', label: t('settings.apiKeys'), icon: <IconKey size={16} />, admin: true },
    { value: 'outbox', label: t('settings.outbox'), icon: <IconMail size={16} />, admin: true },
    { value: 'imports', label: t('imports.history'), icon: <IconFileImport size={16} />, admin: false },
    { value: 'relations', label: t('relations.settingsTab'), icon: <IconSitemap size={16} />, admin: false },
    { value: 'categories', label: t('categories.title'), icon: <IconTags size={16} />, admin: false },
    { value: 'resources', label: t('resources.settingsTab'), icon: <IconDoor size={16} />, admin: false },
    {
      value: 'calendar-feed',
      label: t('calendarFeed.settingsTab'),
      icon: <IconCalendarShare size={16} />,
      admin: false,
    },
    {
      value: 'activity-types',
      label: t('activityTypes.settingsTab'),
      icon: <IconListDetails size={16} />,
      admin: false,
    },
    { value: 'targets', label: t('targets.settingsTab'), icon: <IconTargetArrow size={16} />, admin: false },
  ];
  const visible = sections.filter((s) => isAdmin || !s.admin);
  const current = sections.find((s) => s.value === section) ?? sections[0]!;
  useDocumentTitle(`${current.label} · ${t('settings.title')}`);

  let panel: ReactNode = null;
  if (!me.data) panel = null;
  else if (current.admin && !isAdmin) panel = <Alert color="gray">{t('settings.adminOnly')}</Alert>;
  else if (current.value === 'workspace') panel = <WorkspacePanel me={me.data} />;
  else if (current.value === 'members') panel = <MembersPanel currentUserId={me.data.user.id} />;
  else if (current.value === 'invitations') panel = <InvitationsPanel />;
  else if (current.value === 'api-keys') panel = <ApiKeysPanel />;
  else if (current.value === 'outbox') panel = <OutboxPanel />;
  else if (current.value === 'imports') panel = <ImportsHistory currentUserId={me.data.user.id} isAdmin={isAdmin} />;
  else if (current.value === 'relations') panel = <RelationTypesPanel canManage={canManage} />;
  else if (current.value === 'categories') panel = <CategoriesSettings canManage={canManage} />;
  else if (current.value === 'resources') panel = <ResourcesPanel canManage={canManage} />;
  else if (current.value === 'calendar-feed') panel = <CalendarFeedPanel />;
  else if (current.value === 'preferences') panel = <PreferencesPanel />;
  else if (current.value === 'activity-types') panel = <ActivityTypesPanel isAdmin={isAdmin} />;
  else if (current.value === 'targets') panel = <TargetsSettings canManage={canManage} />;

  return (
    <Stack gap={0}>
      <PageHeader title={t('settings.title')} />
      <Tabs
        value={current.value}
        onChange={(v) => v && void navigate({ to: '/settings/$section', params: { section: v } })}
        mb="md"
      >
        <Tabs.List>
          {visible.map((s) => (
            <Tabs.Tab key={s.value} value={s.value} leftSection={s.icon} data-testid={`settings-${s.value}`}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {panel}
    </Stack>
  );
}
