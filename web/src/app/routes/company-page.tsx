import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Company } from '@rapport/contracts/companies.ts';
import {
  IconFiles,
  IconGitMerge,
  IconHistory,
  IconLayoutDashboard,
  IconLock,
  IconPencil,
  IconSitemap,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ActivityPanel } from '../../features/activities/components/activity-panel.tsx';
import { CompanyCategoriesPanel } from '../../features/categories/components/company-categories-panel.tsx';
import {
  companyKeys,
  useCompany,
  useDeleteCompany,
  useRestoreCompany,
} from '../../features/companies/api/companies.ts';
import { CompanyAddresses, CompanyFacts } from '../../features/companies/components/company-facts.tsx';
import { useCompanyHistoryFormat } from '../../features/companies/components/company-history-format.ts';
import { useCompanyMergeFields } from '../../features/companies/components/company-merge-fields.tsx';
import { EditCompanyModal } from '../../features/companies/components/company-modals.tsx';
import { CompanyTypeBadge } from '../../features/companies/components/company-type-badge.tsx';
import { CompanyContacts } from '../../features/contacts/components/company-contacts.tsx';
import { DocumentsTab } from '../../features/documents/DocumentsTab.tsx';
import { HistoryTable } from '../../features/history/components/history-table.tsx';
import { MergeModal } from '../../features/merge/components/merge-modal.tsx';
import { NotesWall } from '../../features/notes/components/notes-wall.tsx';
import { CompanyRelationsPanel } from '../../features/relations/components/company-relations-panel.tsx';
import { GroupTree } from '../../features/relations/components/group-tree.tsx';
import { ApiError } from '../../lib/api.ts';
import { errorText } from '../../lib/error-text.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/companies/$id');

/**
 * CARD SLOTS — panels that other features build, mounted here by the lead. Each returns null until
 * it is wired, and must render nothing when it has nothing to show (no "coming soon" boxes).
 */
const companyCardSlots: Record<'activities', (company: Company) => ReactNode> = {
  /** Overview tab, between contacts and notes: "Activities and tasks", shown only when there are some. */
  activities: (company) => <CompanyActivities company={company} />,
};

/** Upcoming and recent activities of the company, "new activity" with the company filled in. */
function CompanyActivities({ company }: { company: Company }) {
  const { t } = useTranslation();
  return (
    <ActivityPanel
      companyId={company.id}
      initial={{ companyId: company.id }}
      title={<SectionTitle>{t('activities.panel.title')}</SectionTitle>}
    />
  );
}

type Tab = 'overview' | 'contacts' | 'relations' | 'documents' | 'history';

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={3} fz="sm" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
      {children}
    </Title>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <SectionTitle>{title}</SectionTitle>
      {children}
    </Stack>
  );
}

export function CompanyPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id } = route.useParams();
  const navigate = useNavigate();
  const company = useCompany(id);
  const qc = useQueryClient();
  const { canWrite } = usePermissions();
  const del = useDeleteCompany();
  const restore = useRestoreCompany();
  const [editing, edit] = useDisclosure(false);
  const [merging, merge] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [tab, setTab] = useState<Tab>('overview');
  const mergeFields = useCompanyMergeFields();
  useDocumentTitle(company.data?.name ?? t('company.one'));

  const breadcrumbs = (
    <Breadcrumbs mb="xs" fz="sm">
      <Anchor component={Link} to="/companies" size="sm">
        {t('company.title')}
      </Anchor>
      <Text size="sm" c="dimmed" truncate maw={400}>
        {company.data?.name ?? '…'}
      </Text>
    </Breadcrumbs>
  );

  if (company.isPending) {
    return (
      <Stack gap="md" data-testid="company-loading">
        {breadcrumbs}
        <Skeleton height={32} width="40%" />
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Skeleton height={320} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Skeleton height={320} />
          </Grid.Col>
        </Grid>
      </Stack>
    );
  }
  if (company.error) {
    const missing = company.error instanceof ApiError && company.error.status === 404;
    return (
      <Stack gap="md">
        {breadcrumbs}
        <ErrorState
          title={missing ? t('common.notFoundTitle') : undefined}
          error={missing ? new Error(t('company.notFound')) : company.error}
          onRetry={missing ? undefined : () => void company.refetch()}
        />
      </Stack>
    );
  }
  const c = company.data;
  const openContact = (contactId: string) => void navigate({ to: '/contacts/$id', params: { id: contactId } });

  const doDelete = () =>
    del.mutate(c.id, {
      onSuccess: () => {
        confirm.close();
        const nid = notifications.show({
          color: 'gray',
          autoClose: 8000,
          message: (
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{t('company.deleted', { name: c.name })}</Text>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  notifications.hide(nid);
                  restore.mutate(c.id, {
                    onSuccess: () => {
                      notifications.show({ color: 'green', message: t('company.restored', { name: c.name }) });
                      void navigate({ to: '/companies/$id', params: { id: c.id } });
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
        // Leave the card first: a record in the trash is not there to be asked for again.
        void navigate({ to: '/companies' }).then(() => qc.removeQueries({ queryKey: companyKeys.detail(c.id) }));
      },
      onError: (err) => {
        confirm.close();
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });

  return (
    <Stack gap="md" data-testid="company-card">
      <div>
        {breadcrumbs}
        <PageHeader
          title={c.name}
          titleTestId="company-title"
          subtitle={
            <Group gap={8} mt={4}>
              <CompanyTypeBadge type={c.type} />
              <Badge variant="outline" color="gray" size="sm" radius="sm">
                #{c.customerNumber}
              </Badge>
              {c.orgNumber && <Text size="sm">{c.orgNumber}</Text>}
              {c.country && <Text size="sm">· {fmt.country(c.country)}</Text>}
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
                  data-testid="edit-company"
                >
                  {t('common.edit')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconGitMerge size={16} />}
                  onClick={merge.open}
                  data-testid="merge-company"
                >
                  {t('merge.open')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={confirm.open}
                  data-testid="delete-company"
                >
                  {t('common.delete')}
                </Button>
              </>
            )
          }
        />
      </div>

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="lg">
              <CompanyFacts company={c} />
            </Paper>
            <Paper withBorder radius="md" p="lg">
              <Section title={t('card.fields.addresses')}>
                <CompanyAddresses company={c} />
              </Section>
            </Paper>
            <CompanyCategoriesPanel company={c} canWrite={canWrite} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder radius="md" p="md">
            <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? 'overview')} keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} />} data-testid="tab-overview">
                  {t('card.tabs.overview')}
                </Tabs.Tab>
                <Tabs.Tab
                  value="contacts"
                  leftSection={<IconUsers size={16} />}
                  data-testid="tab-contacts"
                  rightSection={
                    c.contactCount > 0 ? (
                      <Badge size="xs" variant="light" circle={c.contactCount < 10}>
                        {c.contactCount}
                      </Badge>
                    ) : null
                  }
                >
                  {t('company.contactsTab')}
                </Tabs.Tab>
                <Tabs.Tab value="relations" leftSection={<IconSitemap size={16} />} data-testid="tab-relations">
                  {t('relations.settingsTab')}
                </Tabs.Tab>
                <Tabs.Tab value="documents" leftSection={<IconFiles size={16} />} data-testid="tab-documents">
                  {t('card.tabs.documents')}
                </Tabs.Tab>
                <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
                  {t('company.history')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="overview">
                <Stack gap="xl">
                  <div data-testid="overview-contacts">
                    <CompanyContacts
                      company={{ id: c.id, name: c.name }}
                      canWrite={canWrite}
                      limit={5}
                      onShowAll={() => setTab('contacts')}
                      onOpen={(contact) => openContact(contact.id)}
                      title={<SectionTitle>{t('company.contactsTab')}</SectionTitle>}
                    />
                  </div>
                  {companyCardSlots.activities(c)}
                  <Section title={t('notes.title')} testId="overview-notes">
                    <NotesWall entity="company" entityId={c.id} />
                  </Section>
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="contacts">
                <CompanyContacts
                  company={{ id: c.id, name: c.name }}
                  canWrite={canWrite}
                  onOpen={(contact) => openContact(contact.id)}
                />
              </Tabs.Panel>
              <Tabs.Panel value="relations">
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
                  <CompanyRelationsPanel companyId={c.id} canWrite={canWrite} />
                  <GroupTree companyId={c.id} />
                </SimpleGrid>
              </Tabs.Panel>
              <Tabs.Panel value="documents">
                <DocumentsTab entity="company" entityId={c.id} />
              </Tabs.Panel>
              <Tabs.Panel value="history">
                <CompanyHistory company={c} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
      </Grid>

      <EditCompanyModal company={c} opened={editing} onClose={edit.close} />
      <MergeModal
        entity="company"
        record={c}
        title={(r) => `${r.name} (#${r.customerNumber})`}
        fields={mergeFields}
        opened={merging}
        onClose={merge.close}
        summary={(loser) => t('merge.companyMoves', { count: loser.contactCount })}
        onMerged={(survivor) => {
          notifications.show({ color: 'green', message: t('merge.done', { name: survivor.name }) });
          if (survivor.id !== c.id) {
            void navigate({ to: '/companies/$id', params: { id: survivor.id } }).then(() =>
              qc.removeQueries({ queryKey: companyKeys.detail(c.id) }),
            );
          }
        }}
      />
      <ConfirmModal
        opened={confirming}
        title={t('company.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={del.isPending}
        onConfirm={doDelete}
        onClose={confirm.close}
      >
        {t('company.deleteText', { name: c.name })}
      </ConfirmModal>
    </Stack>
  );
}

function CompanyHistory({ company }: { company: Company }) {
  const { fieldLabel, formatValue } = useCompanyHistoryFormat(company);
  return <HistoryTable entity="company" entityId={company.id} fieldLabel={fieldLabel} formatValue={formatValue} />;
}
