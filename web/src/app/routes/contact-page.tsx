import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@rapport/contracts/contacts.ts';
import {
  IconArrowsRightLeft,
  IconBuilding,
  IconFiles,
  IconGitMerge,
  IconHistory,
  IconLayoutDashboard,
  IconLock,
  IconPencil,
  IconSitemap,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ActivityPanel } from '../../features/activities/components/activity-panel.tsx';
import {
  contactKeys,
  useCompanyNames,
  useContact,
  useDeleteContact,
  useRestoreContact,
  useUsers,
} from '../../features/contacts/api/contacts.ts';
import { ContactFacts } from '../../features/contacts/components/contact-facts.tsx';
import { useContactMergeFields } from '../../features/contacts/components/contact-merge-fields.tsx';
import { EditContactModal } from '../../features/contacts/components/contact-modals.tsx';
import { contactName } from '../../features/contacts/components/contact-table.tsx';
import { MoveContactModal } from '../../features/contacts/components/move-contact-modal.tsx';
import { DocumentsTab } from '../../features/documents/DocumentsTab.tsx';
import { useHistory } from '../../features/history/api/history.ts';
import { HistoryTable } from '../../features/history/components/history-table.tsx';
import { MergeModal } from '../../features/merge/components/merge-modal.tsx';
import { NotesWall } from '../../features/notes/components/notes-wall.tsx';
import { ContactRelationsPanel } from '../../features/relations/components/contact-relations-panel.tsx';
import { ApiError } from '../../lib/api.ts';
import { errorText } from '../../lib/error-text.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/contacts/$id');

/**
 * CARD SLOTS — panels that other features build, mounted here by the lead. Each returns null until
 * it is wired, and must render nothing when it has nothing to show.
 */
const contactCardSlots: Record<'activities', (contact: Contact) => ReactNode> = {
  /** Overview tab, before the notes: "Activities and tasks", shown only when there are some. */
  activities: (contact) => <ContactActivities contact={contact} />,
};

/** Upcoming and recent activities of the contact, "new activity" with the contact and its company filled in. */
function ContactActivities({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <ActivityPanel
      contactId={contact.id}
      initial={{ contactId: contact.id, companyId: contact.companyId }}
      title={
        <Title order={3} fz="sm" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
          {t('activities.panel.title')}
        </Title>
      }
    />
  );
}

type Tab = 'overview' | 'relations' | 'documents' | 'history';

export function ContactPage() {
  const { t, i18n } = useTranslation();
  const { id } = route.useParams();
  const navigate = useNavigate();
  const contact = useContact(id);
  const qc = useQueryClient();
  const { canWrite } = usePermissions();
  const del = useDeleteContact();
  const restore = useRestoreContact();
  const [editing, edit] = useDisclosure(false);
  const [moving, move] = useDisclosure(false);
  const [merging, merge] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [tab, setTab] = useState<Tab>('overview');
  const mergeFields = useContactMergeFields();
  const name = contact.data ? contactName(contact.data) : null;
  useDocumentTitle(name ?? t('contact.one'));

  const breadcrumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/contacts" size="sm">
        {t('contact.title')}
      </Anchor>
      <Text size="sm" c="dimmed" truncate maw={400}>
        {name ?? '…'}
      </Text>
    </Breadcrumbs>
  );

  if (contact.isPending) {
    return (
      <Stack gap="md">
        {breadcrumbs}
        <Skeleton height={32} width="40%" />
        <Skeleton height={120} />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (contact.error) {
    const missing = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <Stack gap="md">
        {breadcrumbs}
        <ErrorState
          title={missing ? t('common.notFoundTitle') : undefined}
          error={missing ? new Error(t('contact.notFound')) : contact.error}
          onRetry={missing ? undefined : () => void contact.refetch()}
        />
      </Stack>
    );
  }
  const c = contact.data;
  const fullName = contactName(c);
  const openCompany = (cid: string) => void navigate({ to: '/companies/$id', params: { id: cid } });

  const doDelete = () =>
    del.mutate(c.id, {
      onSuccess: () => {
        confirm.close();
        const nid = notifications.show({
          color: 'gray',
          autoClose: 8000,
          message: (
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{t('contact.deleted', { name: fullName })}</Text>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  notifications.hide(nid);
                  restore.mutate(c.id, {
                    onSuccess: () => {
                      notifications.show({ color: 'green', message: t('contact.restored', { name: fullName }) });
                      void navigate({ to: '/contacts/$id', params: { id: c.id } });
                    },
                  });
                }}
                data-testid="undo-delete"
              >
                {t('common.undo')}
              </Button>
            </Group>
          ),
        });
        const leave = c.companyId
          ? navigate({ to: '/companies/$id', params: { id: c.companyId } })
          : navigate({ to: '/contacts' });
        void leave.then(() => qc.removeQueries({ queryKey: contactKeys.detail(c.id) }));
      },
      onError: (err) => {
        confirm.close();
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });

  const fieldLabel = (field: string) => {
    const key =
      field === 'ownerId'
        ? 'contact.fields.owner'
        : field === 'companyId'
          ? 'contact.fields.company'
          : field === 'mergedFrom' || field === 'mergedInto'
            ? `card.history.${field}`
            : field === 'relation'
              ? 'relations.historyRelation'
              : `contact.fields.${field}`;
    return i18n.exists(key) ? t(key as 'contact.fields.name') : field;
  };

  return (
    <Stack gap="md" data-testid="contact-card">
      <div>
        {breadcrumbs}
        <PageHeader
          title={fullName}
          titleTestId="contact-title"
          subtitle={
            <Group gap={8} mt={4}>
              {c.title && <Text size="sm">{c.title}</Text>}
              {c.companyId ? (
                <Anchor
                  href={`/companies/${c.companyId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    if (c.companyId) openCompany(c.companyId);
                  }}
                  size="sm"
                  data-testid="contact-company-link"
                >
                  <Group gap={4} component="span">
                    <IconBuilding size={14} />
                    {c.companyName}
                  </Group>
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('contact.noCompany')}
                </Text>
              )}
              {c.visibility === 'owner' && (
                <Badge variant="light" color="grape" size="sm" leftSection={<IconLock size={10} />}>
                  {t('company.visibility.owner')}
                </Badge>
              )}
            </Group>
          }
          actions={
            canWrite && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  onClick={edit.open}
                  data-testid="edit-contact"
                >
                  {t('common.edit')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconArrowsRightLeft size={16} />}
                  onClick={move.open}
                  data-testid="move-contact"
                >
                  {t('card.move.open')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconGitMerge size={16} />}
                  onClick={merge.open}
                  data-testid="merge-contact"
                >
                  {t('merge.open')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={confirm.open}
                  data-testid="delete-contact"
                >
                  {t('common.delete')}
                </Button>
              </>
            )
          }
        />
      </div>
      <Paper withBorder radius="md" p="lg">
        <ContactFacts contact={c} onOpenCompany={openCompany} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? 'overview')} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} />} data-testid="tab-overview">
              {t('card.tabs.overview')}
            </Tabs.Tab>
            <Tabs.Tab value="relations" leftSection={<IconSitemap size={16} />} data-testid="tab-relations">
              {t('relations.settingsTab')}
            </Tabs.Tab>
            <Tabs.Tab value="documents" leftSection={<IconFiles size={16} />} data-testid="tab-documents">
              {t('card.tabs.documents')}
            </Tabs.Tab>
            <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
              {t('contact.history')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview">
            <Stack gap="xl">
              {contactCardSlots.activities(c)}
              <Stack gap="xs" data-testid="overview-notes">
                <Title order={3} fz="sm" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
                  {t('notes.title')}
                </Title>
                <NotesWall entity="contact" entityId={c.id} />
              </Stack>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="relations">
            <ContactRelationsPanel contactId={c.id} canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="documents">
            <DocumentsTab entity="contact" entityId={c.id} />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <ContactHistory contact={c} fieldLabel={fieldLabel} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <EditContactModal contact={c} opened={editing} onClose={edit.close} />
      <MoveContactModal contact={c} opened={moving} onClose={move.close} />
      <MergeModal
        entity="contact"
        record={c}
        title={(r) => [contactName(r), r.companyName].filter(Boolean).join(' · ')}
        fields={mergeFields}
        opened={merging}
        onClose={merge.close}
        summary={() => t('merge.contactMoves')}
        onMerged={(survivor) => {
          notifications.show({ color: 'green', message: t('merge.done', { name: contactName(survivor) }) });
          if (survivor.id !== c.id) {
            void navigate({ to: '/contacts/$id', params: { id: survivor.id } }).then(() =>
              qc.removeQueries({ queryKey: contactKeys.detail(c.id) }),
            );
          }
        }}
      />
      <ConfirmModal
        opened={confirming}
        title={t('contact.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        onConfirm={doDelete}
        onClose={confirm.close}
      >
        {t('contact.deleteText', { name: fullName })}
      </ConfirmModal>
    </Stack>
  );
}

/** The contact's history, with the companies it belonged to and its owners by name rather than id. */
function ContactHistory({ contact, fieldLabel }: { contact: Contact; fieldLabel: (field: string) => string }) {
  const { t } = useTranslation();
  const history = useHistory('contact', contact.id);
  const users = useUsers();
  const companyIds = [
    ...new Set(
      (history.data?.items ?? [])
        .filter((r) => r.field === 'companyId')
        .flatMap((r) => [r.oldValue, r.newValue])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ];
  const companies = useCompanyNames(companyIds);
  const formatValue = (field: string, value: unknown) => {
    if (value && typeof value === 'object' && 'name' in value) return String((value as { name: unknown }).name);
    if (typeof value !== 'string') return undefined;
    if (field === 'ownerId') return users.data?.items.find((u) => u.id === value)?.name;
    if (field === 'companyId') {
      if (value === contact.companyId && contact.companyName) return contact.companyName;
      const name = companies[value];
      return name === null ? t('card.history.goneCompany') : name;
    }
    if (field === 'visibility' && (value === 'everyone' || value === 'owner')) return t(`company.visibility.${value}`);
    return undefined;
  };
  return <HistoryTable entity="contact" entityId={contact.id} fieldLabel={fieldLabel} formatValue={formatValue} />;
}
