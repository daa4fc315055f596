import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { errorReportUrl, type Import, useImportList, useUndoImport } from '../api/imports.ts';

const COLORS: Record<Import['status'], string> = {
  uploaded: 'gray',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
  undone: 'gray',
};

/** Settings → Imports: who imported what and when, with the counts, the error report and undo. */
export function ImportsHistory({ currentUserId, isAdmin }: { currentUserId: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const list = useImportList();
  const undo = useUndoImport();
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const items = (list.data?.items ?? []).filter((i) => i.status !== 'uploaded');
  if (list.data && items.length === 0) return <Empty title={t('imports.historyEmpty')} />;
  return (
    <Table data-testid="imports-history" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('imports.when')}</Table.Th>
          <Table.Th>{t('imports.who')}</Table.Th>
          <Table.Th>{t('imports.file')}</Table.Th>
          <Table.Th>{t('imports.status')}</Table.Th>
          <Table.Th>{t('imports.counts')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.id} data-testid="import-history-row">
            <Table.Td>{formatDateTime(i.startedAt ?? i.createdAt)}</Table.Td>
            <Table.Td>{i.createdByName ?? t('common.none')}</Table.Td>
            <Table.Td>
              <Text size="sm">{i.fileName}</Text>
              <Text size="xs" c="dimmed">
                {t(i.entity === 'company' ? 'imports.entityCompany' : 'imports.entityContact')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={COLORS[i.status]} variant="light">
                {t(`imports.statuses.${i.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                {t('imports.created', { count: i.progress.created })} ·{' '}
                {t('imports.updated', { count: i.progress.updated })} ·{' '}
                {t('imports.skipped', { count: i.progress.skipped })} ·{' '}
                {t('imports.failedRows', { count: i.progress.failed })}
              </Text>
            </Table.Td>
            <Table.Td>
              {i.progress.failed > 0 && (
                <Anchor size="sm" href={errorReportUrl(i.id)} download mr="sm">
                  {t('imports.errorReport')}
                </Anchor>
              )}
              {(i.status === 'done' || i.status === 'failed') && (isAdmin || i.createdBy === currentUserId) && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={undo.isPending && undo.variables === i.id}
                  onClick={() => undo.mutate(i.id)}
                >
                  {t('imports.undo')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
