import { Badge, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@rapport/contracts/system.ts';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type HistoryEntity, useHistory } from '../api/history.ts';

const ACTION_COLORS: Record<AuditEntry['action'], string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'teal',
  merge: 'grape',
};

function Value({ value, shown }: { value: unknown; shown?: string }) {
  if (value === null || value === undefined || value === '') {
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  }
  let text: string;
  if (shown !== undefined) text = shown;
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'value' in v))
    text = value.map((v) => String((v as { value: unknown }).value)).join(', ');
  else text = JSON.stringify(value);
  return (
    <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** A record created in bulk (an import) keeps its first values in one history row: field → value. */
const isValues = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;

/** Who changed what and when: the audit rows of one record, newest first. */
export function HistoryTable({
  entity,
  entityId,
  fieldLabel,
  formatValue,
}: {
  entity: HistoryEntity;
  entityId: string;
  fieldLabel?: (field: string) => string;
  /** A readable form of a stored value (a type name instead of its code); undefined keeps it as stored. */
  formatValue?: (field: string, value: unknown) => string | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const history = useHistory(entity, entityId);
  if (history.isPending) {
    return (
      <Stack gap="xs">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={28} />
        ))}
      </Stack>
    );
  }
  if (history.error) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const rows = history.data.items;
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="md">
        {t('history.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} fz="sm" striped highlightOnHover data-testid="history-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('history.when')}</Table.Th>
            <Table.Th w={160}>{t('history.who')}</Table.Th>
            <Table.Th w={180}>{t('history.what')}</Table.Th>
            <Table.Th>{t('history.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="history-row">
              <Table.Td title={fmt.dateTime(r.at)}>{fmt.dateTime(r.at)}</Table.Td>
              <Table.Td>{r.actorName ?? t('history.system')}</Table.Td>
              <Table.Td>
                {r.field ? (
                  <Text size="sm" fw={500}>
                    {fieldLabel ? fieldLabel(r.field) : r.field}
                  </Text>
                ) : (
                  <Badge variant="light" color={ACTION_COLORS[r.action]} size="sm" radius="sm">
                    {t(`history.actions.${r.action}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {r.field ? (
                  <Group gap={6} wrap="nowrap" align="center">
                    <Value value={r.oldValue} shown={formatValue?.(r.field, r.oldValue)} />
                    <IconArrowRight size={14} style={{ flexShrink: 0, opacity: 0.5 }} />
                    <Value value={r.newValue} shown={formatValue?.(r.field, r.newValue)} />
                  </Group>
                ) : isValues(r.newValue) ? (
                  <Stack gap={2}>
                    {Object.entries(r.newValue).map(([field, value]) => (
                      <Group key={field} gap={6} wrap="nowrap" align="baseline">
                        <Text span size="sm" fw={500}>
                          {fieldLabel ? fieldLabel(field) : field}:
                        </Text>
                        <Value value={value} shown={formatValue?.(field, value)} />
                      </Group>
                    ))}
                  </Stack>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
