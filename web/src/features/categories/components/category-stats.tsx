import { Button, Group, Menu, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { FieldStats, CategoryStats as Stats } from '@rapport/contracts/categories.ts';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { useFormat } from '../../../lib/format.ts';
import { statsExportHref, useCategoryStats } from '../api/categories.ts';
import { CategoryChip } from './category-chip.tsx';
import { formatMoney } from './custom-field-value.tsx';

const NUMERIC = { style: { fontVariantNumeric: 'tabular-nums' }, ta: 'right' } as const;

/** Rows of one field: a number field one row; money one per currency; choices their counts. */
function FieldRows({ f }: { f: FieldStats }) {
  const fmt = useFormat();
  const n = (v: number | null, currency?: string) =>
    v === null ? '' : currency ? formatMoney({ amount: v, currency }, fmt.locale) : fmt.number(v);
  const row = (key: string, label: ReactNode, filled: number, values: (number | null)[], currency?: string) => (
    <Table.Tr key={key} data-testid="stats-field-row">
      <Table.Td>{label}</Table.Td>
      <Table.Td {...NUMERIC}>{fmt.number(filled)}</Table.Td>
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns sum, avg, min, max
        <Table.Td key={i} {...NUMERIC}>
          {n(v, currency)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  if (f.type === 'number') return row(f.fieldId, f.label, f.filled, [f.sum, f.avg, f.min, f.max]);
  if (f.type === 'money') {
    if (f.currencies.length === 0) return row(f.fieldId, f.label, 0, [null, null, null, null]);
    return (
      <>
        {f.currencies.map((m) =>
          row(
            `${f.fieldId}-${m.currency}`,
            f.currencies.length > 1 ? `${f.label} (${m.currency})` : f.label,
            m.filled,
            [m.sum, m.avg, m.min, m.max],
            m.currency,
          ),
        )}
      </>
    );
  }
  const label =
    f.options.length > 0 ? (
      <Stack gap={0}>
        <Text size="sm">{f.label}</Text>
        <Text size="xs" c="dimmed">
          {f.options.map((o) => `${o.label} ${fmt.number(o.count)}`).join(' · ')}
        </Text>
      </Stack>
    ) : (
      f.label
    );
  return (
    <Table.Tr data-testid="stats-field-row">
      <Table.Td>{label}</Table.Td>
      <Table.Td {...NUMERIC}>{fmt.number(f.filled)}</Table.Td>
      <Table.Td colSpan={4} />
    </Table.Tr>
  );
}

function CategoryStatsCard({ s }: { s: Stats }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md" p="md" data-testid="category-stats-card">
      <Group justify="space-between" mb={s.fields.length > 0 ? 'sm' : 0}>
        <CategoryChip name={s.name} colour={s.colour} size="lg" />
        <Group gap={6} align="baseline">
          <Text fw={700} fz="xl" data-testid="category-stats-count" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {fmt.number(s.companyCount)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('categories.stats.companyCount', { count: s.companyCount })}
          </Text>
        </Group>
      </Group>
      {s.fields.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm" striped layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="30%">{t('categories.stats.field')}</Table.Th>
                <Table.Th ta="right">{t('categories.stats.filled')}</Table.Th>
                <Table.Th ta="right">{t('categories.stats.sum')}</Table.Th>
                <Table.Th ta="right">{t('categories.stats.avg')}</Table.Th>
                <Table.Th ta="right">{t('categories.stats.min')}</Table.Th>
                <Table.Th ta="right">{t('categories.stats.max')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.fields.map((f) => (
                <FieldRows key={f.fieldId} f={f} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** Per category: companies in it, and counts, sums and averages of its fields; exportable as CSV or Excel. */
export function CategoryStats() {
  const { t, i18n } = useTranslation();
  const stats = useCategoryStats();
  return (
    <Stack gap="sm" data-testid="category-stats">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={4}>{t('categories.stats.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('categories.stats.hint')}
          </Text>
        </div>
        <Menu position="bottom-end" shadow="md" withinPortal>
          <Menu.Target>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              rightSection={<IconChevronDown size={14} />}
              disabled={!stats.data?.length}
              data-testid="category-stats-export"
            >
              {t('categories.stats.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              component="a"
              href={statsExportHref('csv', i18n.language)}
              download
              leftSection={<IconFileTypeCsv size={16} />}
              data-testid="category-stats-export-csv"
            >
              {t('categories.stats.csv')}
            </Menu.Item>
            <Menu.Item
              component="a"
              href={statsExportHref('xlsx', i18n.language)}
              download
              leftSection={<IconFileSpreadsheet size={16} />}
              data-testid="category-stats-export-xlsx"
            >
              {t('categories.stats.xlsx')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {stats.isPending ? (
        <Skeleton height={120} />
      ) : stats.error ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('categories.stats.empty')}
        </Text>
      ) : (
        stats.data.map((s) => <CategoryStatsCard key={s.categoryId} s={s} />)
      )}
    </Stack>
  );
}
