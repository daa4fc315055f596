import { Anchor, Text } from '@mantine/core';
import type { Company } from '@rapport/contracts/companies.ts';
import { IconBuilding } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import { type Column, VirtualTable } from '../../../components/virtual-table.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type CompanyListParams, useCompanyList } from '../api/companies.ts';
import { CompanyTypeBadge } from './company-type-badge.tsx';

export function CompanyTable({
  params,
  onSort,
  onOpen,
  emptyAction,
}: {
  params: CompanyListParams;
  onSort: (sort: string) => void;
  onOpen: (company: Company) => void;
  emptyAction?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useCompanyList(params);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(params.q || params.type);

  const columns: Column<Company>[] = [
    {
      key: 'name',
      header: t('company.fields.name'),
      width: 'minmax(190px, 2.2fr)',
      sortKey: 'name',
      render: (c) => (
        <Text size="sm" fw={550} truncate>
          {c.name}
        </Text>
      ),
    },
    {
      key: 'orgNumber',
      header: t('company.fields.orgNumberShort'),
      width: 'minmax(120px, 1fr)',
      sortKey: 'orgNumber',
      render: (c) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{c.orgNumber ?? ''}</span>,
    },
    {
      key: 'country',
      header: t('company.fields.country'),
      width: 'minmax(100px, 0.9fr)',
      sortKey: 'country',
      render: (c) => (c.country ? <span title={fmt.country(c.country)}>{fmt.country(c.country)}</span> : ''),
    },
    {
      key: 'type',
      header: t('company.fields.type'),
      width: '115px',
      sortKey: 'type',
      render: (c) => <CompanyTypeBadge type={c.type} />,
    },
    {
      key: 'contacts',
      header: t('company.fields.contacts'),
      width: '100px',
      align: 'right',
      render: (c) => (c.contactCount > 0 ? fmt.number(c.contactCount) : ''),
    },
    {
      key: 'phone',
      header: t('company.fields.phone'),
      width: 'minmax(135px, 1fr)',
      render: (c) => c.phone ?? '',
    },
    {
      key: 'email',
      header: t('company.fields.email'),
      width: 'minmax(160px, 1.3fr)',
      render: (c) =>
        c.email ? (
          <Anchor href={`mailto:${c.email}`} size="sm" onClick={(e) => e.stopPropagation()} tabIndex={-1}>
            {c.email}
          </Anchor>
        ) : (
          ''
        ),
    },
    {
      key: 'owner',
      header: t('company.fields.owner'),
      width: 'minmax(100px, 0.9fr)',
      render: (c) => c.ownerName ?? '',
    },
    {
      key: 'updatedAt',
      header: t('company.fields.updatedAt'),
      width: '135px',
      sortKey: 'updatedAt',
      render: (c) => (
        <Text size="sm" c="dimmed" title={fmt.dateTime(c.updatedAt)} span>
          {fmt.relative(c.updatedAt)}
        </Text>
      ),
    },
  ];

  return (
    <VirtualTable
      label={t('company.title')}
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId="company-row"
      onOpen={onOpen}
      sort={params.sort}
      onSort={onSort}
      loading={list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      empty={
        filtered ? (
          <Empty icon={<IconBuilding size={22} />} title={t('common.noResults')} />
        ) : (
          <Empty
            icon={<IconBuilding size={22} />}
            title={t('company.empty')}
            text={t('company.emptyText')}
            action={emptyAction}
          />
        )
      }
    />
  );
}
