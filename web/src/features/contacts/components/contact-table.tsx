import { Anchor, Text } from '@mantine/core';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import { type Column, VirtualTable } from '../../../components/virtual-table.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type ContactListParams, useContactList } from '../api/contacts.ts';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ');

export function ContactTable({
  params,
  onSort,
  onOpen,
  emptyAction,
}: {
  params: ContactListParams;
  onSort: (sort: string) => void;
  onOpen: (contact: Contact) => void;
  emptyAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useContactList(params);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: Column<Contact>[] = [
    {
      key: 'firstName',
      header: t('contact.fields.firstName'),
      width: 'minmax(130px, 1fr)',
      sortKey: 'firstName',
      render: (c) => (
        <Text size="sm" fw={550} truncate>
          {c.firstName}
        </Text>
      ),
    },
    {
      key: 'lastName',
      header: t('contact.fields.lastName'),
      width: 'minmax(140px, 1.1fr)',
      sortKey: 'lastName',
      render: (c) => (
        <Text size="sm" fw={550} truncate>
          {c.lastName}
        </Text>
      ),
    },
    { key: 'title', header: t('contact.fields.title'), width: 'minmax(130px, 1fr)', render: (c) => c.title ?? '' },
    {
      key: 'company',
      header: t('contact.fields.company'),
      width: 'minmax(170px, 1.4fr)',
      render: (c) => c.companyName ?? '',
    },
    {
      key: 'email',
      header: t('contact.fields.email'),
      width: 'minmax(180px, 1.4fr)',
      sortKey: 'email',
      render: (c) =>
        c.email ? (
          <Anchor href={`mailto:${c.email}`} size="sm" onClick={(e) => e.stopPropagation()} tabIndex={-1}>
            {c.email}
          </Anchor>
        ) : (
          ''
        ),
    },
    { key: 'phone', header: t('contact.fields.phone'), width: 'minmax(120px, 1fr)', render: (c) => c.phone ?? '' },
    {
      key: 'updatedAt',
      header: t('contact.fields.updatedAt'),
      width: '150px',
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
      label={t('contact.title')}
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId="contact-row"
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
        params.q ? (
          <Empty icon={<IconUsers size={22} />} title={t('common.noResults')} />
        ) : (
          <Empty
            icon={<IconUsers size={22} />}
            title={t('contact.empty')}
            text={t('contact.emptyText')}
            action={emptyAction}
          />
        )
      }
    />
  );
}
