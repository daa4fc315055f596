import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconPencil, IconTrash, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import {
  companyKeys,
  useCompany,
  useDeleteCompany,
  useRestoreCompany,
} from '../../features/companies/api/companies.ts';
import { CompanyFacts } from '../../features/companies/components/company-facts.tsx';
import { EditCompanyModal } from '../../features/companies/components/company-modals.tsx';
import { CompanyTypeBadge } from '../../features/companies/components/company-type-badge.tsx';
import { CompanyContacts } from '../../features/contacts/components/company-contacts.tsx';
import { NewContactModal } from '../../features/contacts/components/contact-modals.tsx';
import { HistoryTable } from '../../features/history/components/history-table.tsx';
import { ApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/companies/$id');

export function CompanyPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { id } = route.useParams();
  const navigate = useNavigate();
  const company = useCompany(id);
  const qc = useQueryClient();
  const { canWrite } = usePermissions();
  const del = useDeleteCompany();
  const restore = useRestoreCompany();
  const [editing, edit] = useDisclosure(false);
  const [adding, add] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [tab, setTab] = useState<string | null>('contacts');
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
        <Skeleton height={140} />
        <Skeleton height={220} />
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
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: err.message });
      },
    });

  const fieldLabel = (field: string) => {
    const key = field === 'ownerId' ? 'owner' : field;
    return i18n.exists(`company.fields.${key}`) ? t(`company.fields.${key}` as 'company.fields.name') : field;
  };
  const formatValue = (field: string, value: unknown) => {
    if (typeof value !== 'string') return undefined;
    if (field === 'type' && (value === 'customer' || value === 'supplier' || value === 'private'))
      return t(`company.types.${value}`);
    if (field === 'country') return fmt.country(value);
    if (field === 'ownerId' && value === c.ownerId) return c.ownerName ?? undefined;
    if (field === 'visibility' && (value === 'everyone' || value === 'owner')) return t(`company.visibility.${value}`);
    return undefined;
  };

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
              {c.orgNumber && <Text size="sm">{c.orgNumber}</Text>}
              {c.country && <Text size="sm">· {fmt.country(c.country)}</Text>}
              <Badge variant="outline" color="gray" size="sm" radius="sm">
                #{c.customerNumber}
              </Badge>
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

      <Paper withBorder radius="md" p="lg">
        <CompanyFacts company={c} />
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Group justify="space-between" mb="md" wrap="nowrap">
            <Tabs.List>
              <Tabs.Tab
                value="contacts"
                leftSection={<IconUsers size={16} />}
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
              <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
                {t('company.history')}
              </Tabs.Tab>
            </Tabs.List>
            {canWrite && tab === 'contacts' && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconUserPlus size={16} />}
                onClick={add.open}
                data-testid="add-contact"
              >
                {t('contact.add')}
              </Button>
            )}
          </Group>
          <Tabs.Panel value="contacts">
            <CompanyContacts
              companyId={c.id}
              onOpen={(contact) => void navigate({ to: '/contacts/$id', params: { id: contact.id } })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <HistoryTable entity="company" entityId={c.id} fieldLabel={fieldLabel} formatValue={formatValue} />
          </Tabs.Panel>
        </Tabs>
      </Paper>

      <EditCompanyModal company={c} opened={editing} onClose={edit.close} />
      <NewContactModal
        opened={adding}
        company={{ id: c.id, name: c.name }}
        onClose={add.close}
        onCreated={() => add.close()}
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
