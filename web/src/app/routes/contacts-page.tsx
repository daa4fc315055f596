import { Button, Group, Select } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { defaultContactColumns } from '@rapport/contracts/export.ts';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnChooser } from '../../components/list-tools/column-chooser.tsx';
import { FilterBuilder, FilterChips, type FilterField } from '../../components/list-tools/filter-builder.tsx';
import { type ExtraColumn, pickColumns } from '../../components/list-tools/list-column.ts';
import { ListSearchBox } from '../../components/list-tools/search-box.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useRecordSearch } from '../../components/record-picker.tsx';
import { companyQuery } from '../../features/companies/api/companies.ts';
import { contactViewKey } from '../../features/contacts/api/contact-list.ts';
import { contactKeys } from '../../features/contacts/api/contacts.ts';
import { NewContactModal } from '../../features/contacts/components/contact-modals.tsx';
import {
  ContactTable,
  useContactColumns,
  useContactFilterFields,
} from '../../features/contacts/components/contact-table.tsx';
import { ImportButton } from '../../features/imports/components/import-wizard.tsx';
import { useUsers } from '../../features/lists/api/people.ts';
import { BulkActions } from '../../features/lists/components/bulk-actions.tsx';
import { ExportMenu } from '../../features/lists/components/export-menu.tsx';
import { ViewsMenu } from '../../features/lists/components/views-menu.tsx';
import { type SetListSearch, useListState } from '../../features/lists/use-list-state.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/contacts');

/** Columns added at run time (custom fields); see companies-page.tsx. */
const EXTRA_COLUMNS: ExtraColumn<Contact>[] = [];
const NO_USERS: { id: string; name: string }[] = [];

/** The company a filter names, shown by name. */
function useCompanyName(id: string) {
  return useQuery({ ...companyQuery(id), enabled: /^[0-9a-f-]{36}$/i.test(id) }).data?.name;
}

function CompanyChipValue({ id }: { id: string }) {
  return <>{useCompanyName(id) ?? '…'}</>;
}

/** The company filter's value: a company found by searching, kept by id. */
function CompanyFilterPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const name = useCompanyName(value);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const options = useRecordSearch(debounced === name ? '' : debounced);
  const data = (options.data?.companies ?? []).map((h) => ({ value: h.id, label: h.title }));
  if (value && name && !data.some((d) => d.value === value)) data.unshift({ value, label: name });
  return (
    <Select
      aria-label={t('lists.value')}
      placeholder={t('contact.pickCompany')}
      searchable
      data={data}
      value={value || null}
      searchValue={text}
      onSearchChange={setText}
      filter={({ options: o }) => o}
      onChange={(id) => onChange(id ?? '')}
      nothingFoundMessage={debounced ? t('common.noResults') : undefined}
      comboboxProps={{ withinPortal: false }}
      data-testid="filter-value"
    />
  );
}

const companyFilter: Pick<FilterField, 'renderValue' | 'describe'> = {
  renderValue: (value, onChange) => <CompanyFilterPicker value={value} onChange={onChange} />,
  describe: (value) => <CompanyChipValue id={value} />,
};

export function ContactsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [creating, { open, close }] = useDisclosure(false);
  useDocumentTitle(t('contact.title'));

  const setSearch = useCallback<SetListSearch>(
    (update, push) => void navigate({ search: (s) => update(s), replace: !push }),
    [navigate],
  );
  const list = useListState({
    entity: 'contact',
    search,
    setSearch,
    defaultSort: 'lastName',
    defaultColumns: defaultContactColumns,
  });
  const users = useUsers();
  const extra = EXTRA_COLUMNS;
  const allColumns = useContactColumns(extra);
  const fields = useContactFilterFields(users.data ?? NO_USERS, companyFilter, extra);
  const visible = useMemo(() => pickColumns(allColumns, list.columns), [allColumns, list.columns]);

  const params = useMemo(
    () => ({ q: list.q, sort: list.sort, filters: list.filters }),
    [list.q, list.sort, list.filters],
  );
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a different list is a different selection
  useEffect(() => setSelected(new Set()), [params]);

  const exportColumns = visible.filter((c) => c.exportable).map((c) => c.id);

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('contact.title')}
        actions={
          canWrite ? (
            <Group gap="xs">
              <ImportButton entity="contact" />
              <Button leftSection={<IconPlus size={16} />} onClick={open} data-testid="new-contact">
                {t('contact.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Group mb="xs" gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap="xs" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <ViewsMenu entity="contact" list={list} standardLabel={t('lists.views.allContacts')} />
          <ListSearchBox
            value={list.q}
            onSearch={list.setQ}
            label={t('contact.filterPlaceholder')}
            style={{ flex: '1 1 170px', maxWidth: 300, minWidth: 150 }}
            testId="contact-filter"
          />
          <FilterBuilder fields={fields} value={list.draftFilters} onChange={list.setDraftFilters} />
        </Group>
        <Group gap="xs" wrap="nowrap">
          <ColumnChooser
            columns={allColumns.map((c) => ({ key: c.id, label: c.label }))}
            value={visible.map((c) => c.id)}
            defaults={[...defaultContactColumns]}
            onChange={list.setColumns}
          />
          <ExportMenu
            entity="contact"
            view={{ q: list.q, sort: list.sort, filters: list.filters, columns: exportColumns }}
          />
        </Group>
      </Group>
      <FilterChips fields={fields} value={list.filters} onChange={list.setFilters} />
      <div style={{ height: 8 }} />
      {canWrite && (
        <BulkActions
          entity="contact"
          selected={[...selected]}
          onClear={() => setSelected(new Set())}
          listKey={contactViewKey(params)}
          entityKey={contactKeys.all}
        />
      )}
      <ContactTable
        params={params}
        enabled={list.ready}
        columns={visible}
        onSort={list.setSort}
        onOpen={(c) => void navigate({ to: '/contacts/$id', params: { id: c.id } })}
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
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
