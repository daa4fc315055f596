import { ActionIcon, Badge, Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { type FilterFieldKind, type FilterOperator, filterOperatorsByKind } from '@rapport/contracts/common.ts';
import { IconFilter, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type FilterField = {
  key: string;
  label: string;
  kind: FilterFieldKind;
  /** Choices for enum and uuid fields (a user, a company type, …). */
  options?: { value: string; label: string }[];
};

type Row = { field: string; op: FilterOperator; value: string };

const NO_VALUE: FilterOperator[] = ['empty', 'notEmpty'];

export function parseFilter(f: string): Row {
  const [field = '', op = 'eq', ...rest] = f.split(':');
  return { field, op: op as FilterOperator, value: rest.join(':') };
}
export const formatFilter = (r: Row) => `${r.field}:${r.op}:${NO_VALUE.includes(r.op) ? '' : r.value}`;

/** A row is sent to the server only once it is complete. */
const complete = (r: Row) => r.field !== '' && (NO_VALUE.includes(r.op) || r.value.trim() !== '');

/**
 * Filters on any allowlisted field: field, condition and value rows, sent as `filter=field:op:value`.
 * Incomplete rows stay in the popover without reaching the list.
 */
export function FilterBuilder({
  fields,
  value,
  onChange,
}: {
  fields: FilterField[];
  value: string[];
  onChange: (filters: string[]) => void;
}) {
  const { t } = useTranslation();
  const rows = value.map(parseFilter);
  const set = (next: Row[]) => onChange(next.map(formatFilter));
  const fieldOf = (key: string) => fields.find((f) => f.key === key);
  const active = rows.filter(complete).length;

  return (
    <Popover position="bottom-start" shadow="md" width={560} trapFocus withinPortal>
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconFilter size={16} />}
          rightSection={active > 0 ? <Badge size="sm">{active}</Badge> : null}
          data-testid="filter-open"
        >
          {t('lists.filters')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" data-testid="filter-builder">
          {rows.map((row, i) => {
            const def = fieldOf(row.field);
            const ops = def ? filterOperatorsByKind[def.kind] : [];
            const update = (patch: Partial<Row>) => set(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
              <Group key={i} gap="xs" wrap="nowrap" align="flex-end" data-testid="filter-row">
                <Select
                  aria-label={t('lists.field')}
                  placeholder={t('lists.field')}
                  data={fields.map((f) => ({ value: f.key, label: f.label }))}
                  value={row.field || null}
                  onChange={(v) => {
                    const f = v ? fieldOf(v) : undefined;
                    update({
                      field: v ?? '',
                      op: f ? (filterOperatorsByKind[f.kind][0] as FilterOperator) : 'eq',
                      value: '',
                    });
                  }}
                  searchable
                  w={190}
                  data-testid="filter-field"
                />
                <Select
                  aria-label={t('lists.operator')}
                  data={ops.map((o) => ({ value: o, label: t(`lists.ops.${o}`) }))}
                  value={row.op}
                  onChange={(v) => v && update({ op: v as FilterOperator })}
                  w={150}
                  disabled={!def}
                  data-testid="filter-op"
                />
                {NO_VALUE.includes(row.op) ? (
                  <div style={{ flex: 1 }} />
                ) : def?.options ? (
                  <Select
                    aria-label={t('lists.value')}
                    data={def.options}
                    value={row.value || null}
                    onChange={(v) => update({ value: v ?? '' })}
                    searchable
                    style={{ flex: 1 }}
                    data-testid="filter-value"
                  />
                ) : (
                  <TextInput
                    aria-label={t('lists.value')}
                    type={def?.kind === 'timestamp' ? 'date' : def?.kind === 'number' ? 'number' : 'text'}
                    value={row.value}
                    onChange={(e) => update({ value: e.currentTarget.value })}
                    style={{ flex: 1 }}
                    data-testid="filter-value"
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('lists.removeFilter')}
                  onClick={() => set(rows.filter((_, j) => j !== i))}
                  mb={4}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => set([...rows, { field: '', op: 'eq', value: '' }])}
              data-testid="filter-add"
            >
              {t('lists.addFilter')}
            </Button>
            {rows.length > 0 && (
              <Button variant="subtle" size="xs" color="gray" onClick={() => onChange([])}>
                {t('lists.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Only the complete rows, as the list query sends them. */
export const activeFilters = (filters: string[]) => filters.map(parseFilter).filter(complete).map(formatFilter);
