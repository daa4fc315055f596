import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Company } from '@rapport/contracts/companies.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconRestore, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import { type Column, VirtualTable } from '../../../components/virtual-table.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { type TrashKind, useRestore, useTrash } from '../api/trash.ts';

type Row = Company | Contact;
const nameOf = (r: Row) => ('name' in r ? r.name : [r.firstName, r.lastName].filter(Boolean).join(' '));

export function TrashTable({ kind, q, canRestore }: { kind: TrashKind; q: string; canRestore: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useTrash(kind, q);
  const restore = useRestore(kind);
  const rows: Row[] = list.data?.pages.flatMap((p) => p.items as Row[]) ?? [];

  const doRestore = async (row: Row) => {
    try {
      await restore.mutateAsync(row.id);
      notifications.show({ color: 'green', message: t('trash.restored', { name: nameOf(row) }) });
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
    }
  };

  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: kind === 'companies' ? t('company.fields.name') : t('contact.fields.name'),
      width: 'minmax(220px, 2fr)',
      render: (r) => (
        <Text size="sm" fw={550} truncate>
          {nameOf(r)}
        </Text>
      ),
    },
    {
      key: 'detail',
      header: kind === 'companies' ? t('company.fields.orgNumber') : t('contact.fields.company'),
      width: 'minmax(160px, 1.3fr)',
      render: (r) => ('name' in r ? (r.orgNumber ?? '') : (r.companyName ?? '')),
    },
    {
      key: 'email',
      header: t('company.fields.email'),
      width: 'minmax(160px, 1.3fr)',
      render: (r) => r.email ?? '',
    },
    {
      key: 'deletedAt',
      header: t('trash.deletedAt'),
      width: '170px',
      render: (r) => fmt.dateTime(r.deletedAt),
    },
    {
      key: 'actions',
      header: '',
      width: '130px',
      align: 'right',
      render: (r) =>
        canRestore ? (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconRestore size={14} />}
            onClick={(e) => {
              e.stopPropagation();
              void doRestore(r);
            }}
            loading={restore.isPending && restore.variables === r.id}
            data-testid="restore"
          >
            {t('common.restore')}
          </Button>
        ) : null,
    },
  ];

  return (
    <VirtualTable
      label={kind === 'companies' ? t('trash.companies') : t('trash.contacts')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowTestId="trash-row"
      loading={list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      empty={<Empty icon={<IconTrash size={22} />} title={t('trash.empty')} />}
    />
  );
}
