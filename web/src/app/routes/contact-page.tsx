import { Anchor, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { contactKeys, useContact, useDeleteContact, useRestoreContact } from '../../features/contacts/api/contacts.ts';
import { ContactFacts } from '../../features/contacts/components/contact-facts.tsx';
import { EditContactModal } from '../../features/contacts/components/contact-modals.tsx';
import { contactName } from '../../features/contacts/components/contact-table.tsx';
import { HistoryTable } from '../../features/history/components/history-table.tsx';
import { ApiError } from '../../lib/api.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

const route = getRouteApi('/_app/contacts/$id');

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
  const [confirming, confirm] = useDisclosure(false);
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
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: err.message });
      },
    });

  const fieldLabel = (field: string) => {
    const key = field === 'ownerId' ? 'owner' : field === 'companyId' ? 'company' : field;
    return i18n.exists(`contact.fields.${key}`) ? t(`contact.fields.${key}` as 'contact.fields.name') : field;
  };
  const formatValue = (field: string, value: unknown) => {
    if (typeof value !== 'string') return undefined;
    if (field === 'ownerId' && value === c.ownerId) return c.ownerName ?? undefined;
    if (field === 'companyId' && value === c.companyId) return c.companyName ?? undefined;
    if (field === 'visibility' && (value === 'everyone' || value === 'owner')) return t(`company.visibility.${value}`);
    return undefined;
  };

  return (
    <Stack gap="md" data-testid="contact-card">
      <div>
        {breadcrumbs}
        <PageHeader
          title={fullName}
          titleTestId="contact-title"
          subtitle={[c.title, c.companyName].filter(Boolean).join(' · ') || undefined}
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
        <ContactFacts
          contact={c}
          onOpenCompany={(cid) => void navigate({ to: '/companies/$id', params: { id: cid } })}
        />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={3} fz="md" mb="sm">
          {t('contact.history')}
        </Title>
        <HistoryTable entity="contact" entityId={c.id} fieldLabel={fieldLabel} formatValue={formatValue} />
      </Paper>
      <EditContactModal contact={c} opened={editing} onClose={edit.close} />
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
