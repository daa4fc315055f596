import { Button, CloseButton, Group, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { NewContactModal } from '../../features/contacts/components/contact-modals.tsx';
import { ContactTable } from '../../features/contacts/components/contact-table.tsx';
import { ImportButton } from '../../features/imports/components/import-wizard.tsx';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/contacts');

export function ContactsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [creating, { open, close }] = useDisclosure(false);
  const [text, setText] = useState(search.q ?? '');
  useDocumentTitle(t('contact.title'));

  const setQ = useDebouncedCallback((q: string) => {
    void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true });
  }, 250);

  const newButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} />} onClick={open} data-testid="new-contact">
      {t('contact.new')}
    </Button>
  ) : null;

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('contact.title')}
        actions={
          <Group gap="xs">
            {canWrite && <ImportButton entity="contact" />}
            {newButton}
          </Group>
        }
      />
      <Group mb="sm" gap="sm">
        <TextInput
          placeholder={t('contact.filterPlaceholder')}
          aria-label={t('contact.filterPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setQ(e.currentTarget.value);
          }}
          rightSection={
            text ? (
              <CloseButton
                size="sm"
                aria-label={t('common.close')}
                onClick={() => {
                  setText('');
                  setQ('');
                }}
              />
            ) : null
          }
          w={{ base: '100%', sm: 340 }}
          data-testid="contact-filter"
        />
      </Group>
      <ContactTable
        params={{ q: search.q, sort: search.sort ?? 'lastName' }}
        onSort={(sort) => void navigate({ search: (s) => ({ ...s, sort }), replace: true })}
        onOpen={(c) => void navigate({ to: '/contacts/$id', params: { id: c.id } })}
        emptyAction={
          canWrite ? (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={open} mt="xs">
              {t('contact.new')}
            </Button>
          ) : null
        }
      />
      <NewContactModal
        opened={creating}
        onClose={close}
        onCreated={(c) => {
          close();
          void navigate({ to: '/contacts/$id', params: { id: c.id } });
        }}
      />
    </div>
  );
}
