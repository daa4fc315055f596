import { Button, CloseButton, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import type { CompanyType } from '@rapport/contracts/companies.ts';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { NewCompanyModal } from '../../features/companies/components/company-modals.tsx';
import { CompanyTable } from '../../features/companies/components/company-table.tsx';
import { ImportButton } from '../../features/imports/components/import-wizard.tsx';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/companies');

export function CompaniesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [creating, { open, close }] = useDisclosure(false);
  const [text, setText] = useState(search.q ?? '');
  useDocumentTitle(t('company.title'));

  const setQ = useDebouncedCallback((q: string) => {
    void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true });
  }, 250);

  const newButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} />} onClick={open} data-testid="new-company">
      {t('company.new')}
    </Button>
  ) : null;

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('company.title')}
        actions={
          <Group gap="xs">
            {canWrite && <ImportButton entity="company" />}
            {newButton}
          </Group>
        }
      />
      <Group mb="sm" gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('company.filterPlaceholder')}
          aria-label={t('company.filterPlaceholder')}
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
          data-testid="company-filter"
        />
        <SegmentedControl
          value={search.type ?? 'all'}
          onChange={(v) =>
            void navigate({
              search: (s) => ({ ...s, type: v === 'all' ? undefined : (v as CompanyType) }),
              replace: true,
            })
          }
          data={[
            { value: 'all', label: t('company.allTypes') },
            { value: 'customer', label: t('company.types.customer') },
            { value: 'supplier', label: t('company.types.supplier') },
            { value: 'private', label: t('company.types.private') },
          ]}
          data-testid="company-type-filter"
        />
      </Group>
      <CompanyTable
        params={{ q: search.q, type: search.type, sort: search.sort ?? 'name' }}
        onSort={(sort) => void navigate({ search: (s) => ({ ...s, sort }), replace: true })}
        onOpen={(c) => void navigate({ to: '/companies/$id', params: { id: c.id } })}
        emptyAction={
          canWrite ? (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={open} mt="xs">
              {t('company.new')}
            </Button>
          ) : null
        }
      />
      <NewCompanyModal
        opened={creating}
        onClose={close}
        onCreated={(c) => {
          close();
          void navigate({ to: '/companies/$id', params: { id: c.id } });
        }}
      />
    </div>
  );
}
