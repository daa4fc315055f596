import { Button, Group, SegmentedControl } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { defaultCompanyColumns } from '@rapport/contracts/export.ts';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnChooser } from '../../components/list-tools/column-chooser.tsx';
import { FilterBuilder, FilterChips, parseFilter } from '../../components/list-tools/filter-builder.tsx';
import { pickColumns, useStableColumns } from '../../components/list-tools/list-column.ts';
import { ListSearchBox } from '../../components/list-tools/search-box.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCustomFieldColumns } from '../../features/categories/custom-field-columns.ts';
import { companyKeys } from '../../features/companies/api/companies.ts';
import { companyViewKey } from '../../features/companies/api/company-list.ts';
import type { CompanyLookupProps } from '../../features/companies/components/company-form.tsx';
import { NewCompanyModal } from '../../features/companies/components/company-modals.tsx';
import {
  CompanyTable,
  useCompanyColumns,
  useCompanyFilterFields,
} from '../../features/companies/components/company-table.tsx';
import { ImportButton } from '../../features/imports/components/import-wizard.tsx';
import { useCategories, useUsers } from '../../features/lists/api/people.ts';
import { BulkActions } from '../../features/lists/components/bulk-actions.tsx';
import { ExportMenu } from '../../features/lists/components/export-menu.tsx';
import { ViewsMenu } from '../../features/lists/components/views-menu.tsx';
import { type SetListSearch, useListState } from '../../features/lists/use-list-state.ts';
import { RegistryLookup } from '../../features/registries/components/registry-lookup.tsx';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/companies');

/** The new-company form offers hits from the business registries as the name is typed. */
const registryLookup = (p: CompanyLookupProps) => <RegistryLookup {...p} />;

const NO_USERS: { id: string; name: string }[] = [];
const TYPES = ['customer', 'supplier', 'private'] as const;

export function CompaniesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [creating, { open, close }] = useDisclosure(false);
  useDocumentTitle(t('company.title'));

  const setSearch = useCallback<SetListSearch>(
    (update, push) => void navigate({ search: (s) => update(s), replace: !push }),
    [navigate],
  );
  const list = useListState({
    entity: 'company',
    search,
    setSearch,
    defaultSort: 'name',
    defaultColumns: defaultCompanyColumns,
  });
  const users = useUsers();
  // Custom fields of the workspace's categories: each joins the column chooser, the filter builder and the table.
  const extra = useStableColumns(useCustomFieldColumns());
  const allColumns = useCompanyColumns(extra);
  const categories = useCategories();
  const fields = useCompanyFilterFields(users.data ?? NO_USERS, extra, categories.data ?? null);
  const visible = useMemo(() => pickColumns(allColumns, list.columns), [allColumns, list.columns]);

  const params = useMemo(
    () => ({ q: list.q, sort: list.sort, filters: list.filters }),
    [list.q, list.sort, list.filters],
  );
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  // A different list is a different selection.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the list's query
  useEffect(() => setSelected(new Set()), [params]);

  // The search box follows the address bar (a view applied, Back) and writes to it as you type.

  // The type switch is a quick filter: one `type:eq:…` among the filters.
  const typeRows = list.filters.map(parseFilter).filter((f) => f.field === 'type');
  const quickType =
    typeRows.length === 1 && typeRows[0]?.op === 'eq' ? typeRows[0].value : typeRows.length ? null : 'all';
  const setType = (v: string) =>
    list.setFilters([
      ...list.filters.filter((f) => parseFilter(f).field !== 'type'),
      ...(v === 'all' ? [] : [`type:eq:${v}`]),
    ]);

  const exportColumns = visible.filter((c) => c.exportable).map((c) => c.id);

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('company.title')}
        actions={
          canWrite ? (
            <Group gap="xs">
              <ImportButton entity="company" />
              <Button leftSection={<IconPlus size={16} />} onClick={open} data-testid="new-company">
                {t('company.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Group mb="xs" gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap="xs" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <ViewsMenu entity="company" list={list} standardLabel={t('lists.views.allCompanies')} />
          <ListSearchBox
            value={list.q}
            onSearch={list.setQ}
            label={t('company.filterPlaceholder')}
            style={{ flex: '1 1 170px', maxWidth: 300, minWidth: 150 }}
            testId="company-filter"
          />
          <SegmentedControl
            value={quickType ?? ''}
            onChange={setType}
            data={[
              { value: 'all', label: t('company.allTypes') },
              ...TYPES.map((v) => ({ value: v, label: t(`company.types.${v}`) })),
            ]}
            data-testid="company-type-filter"
          />
          <FilterBuilder fields={fields} value={list.draftFilters} onChange={list.setDraftFilters} />
        </Group>
        <Group gap="xs" wrap="nowrap">
          <ColumnChooser
            columns={allColumns.map((c) => ({ key: c.id, label: c.label }))}
            value={visible.map((c) => c.id)}
            defaults={[...defaultCompanyColumns]}
            onChange={list.setColumns}
          />
          <ExportMenu
            entity="company"
            view={{ q: list.q, sort: list.sort, filters: list.filters, columns: exportColumns }}
          />
        </Group>
      </Group>
      <FilterChips fields={fields} value={list.filters} onChange={list.setFilters} />
      <div style={{ height: 8 }} />
      {canWrite && (
        <BulkActions
          entity="company"
          selected={[...selected]}
          onClear={() => setSelected(new Set())}
          listKey={companyViewKey(params)}
          entityKey={companyKeys.all}
        />
      )}
      <CompanyTable
        params={params}
        enabled={list.ready}
        columns={visible}
        onSort={list.setSort}
        onOpen={(c) => void navigate({ to: '/companies/$id', params: { id: c.id } })}
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        emptyAction={
          canWrite ? (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={open} mt="xs">
              {t('company.new')}
            </Button>
          ) : null
        }
      />
      <NewCompanyModal
        lookup={registryLookup}
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
