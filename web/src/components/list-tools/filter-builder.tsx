import { ActionIcon, Badge, Button, CloseButton, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { type FilterFieldKind, type FilterOperator, filterOperatorsByKind } from '@rapport/contracts/common.ts';
import { IconFilter, IconPlus, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FilterField = {
  key: string;
  label: string;
  kind: FilterFieldKind;
  /** Choices for enum and uuid fields (a user, a company type, …), or suggestions for a text field. */
  options?: { value: string; label: string }[];
  /** A picker of its own for the value (a company search, …). */
  renderValue?: (value: string, onChange: (value: string) => void) => ReactNode;
  /** The value as people read it, for the filter chips (a company's name rather than its id). */
  describe?: (value: string) => ReactNode;
};

type Row = { field: string; op: FilterOperator; value: string };

const NO_VALUE: FilterOperator[] = ['empty', 'notEmpty'];
/** Operators whose value is one of the field's choices rather than free text. */
const PICKS: FilterOperator[] = ['eq', 'ne'];

/** The operators offered for a kind: "is" on a timestamp would mean one exact microsecond, so dates use ranges. */
export const operatorsFor = (kind: FilterFieldKind): readonly FilterOperator[] =>
  kind === 'timestamp' ? filterOperatorsByKind.timestamp.filter((o) => o !== 'eq') : filterOperatorsByKind[kind];

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
    <Popover position="bottom-start" shadow="md" width={600} trapFocus withinPortal>
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
            const ops = def ? operatorsFor(def.kind) : [];
            const update = (patch: Partial<Row>) => set(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            const setValue = (v: string) => update({ value: v });
            let input: ReactNode;
            if (NO_VALUE.includes(row.op)) input = <div style={{ flex: 1 }} />;
            else if (def?.renderValue) input = <div style={{ flex: 1 }}>{def.renderValue(row.value, setValue)}</div>;
            else if (def?.options && PICKS.includes(row.op))
              input = (
                <Select
                  aria-label={t('lists.value')}
                  data={def.options}
                  value={row.value || null}
                  onChange={(v) => setValue(v ?? '')}
                  searchable
                  style={{ flex: 1 }}
                  comboboxProps={{ withinPortal: false }}
                  data-testid="filter-value"
                />
              );
            else
              input = (
                <TextInput
                  aria-label={t('lists.value')}
                  type={def?.kind === 'timestamp' ? 'date' : def?.kind === 'number' ? 'number' : 'text'}
                  value={row.value}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  data-testid="filter-value"
                />
              );
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
                    update({ field: v ?? '', op: f ? (operatorsFor(f.kind)[0] as FilterOperator) : 'eq', value: '' });
                  }}
                  searchable
                  w={180}
                  comboboxProps={{ withinPortal: false }}
                  data-testid="filter-field"
                />
                <Select
                  aria-label={t('lists.operator')}
                  data={ops.map((o) => ({ value: o, label: t(`lists.ops.${o}`) }))}
                  value={row.op}
                  onChange={(v) => v && update({ op: v as FilterOperator })}
                  w={150}
                  disabled={!def}
                  comboboxProps={{ withinPortal: false }}
                  data-testid="filter-op"
                />
                {input}
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

/** The complete filters as removable chips ("Type is Customer ×"), so the list says what it shows. */
export function FilterChips({
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
  if (!rows.some(complete)) return null;
  return (
    <Group gap={6} data-testid="filter-chips">
      {rows.map((row, i) => {
        if (!complete(row)) return null;
        const def = fields.find((f) => f.key === row.field);
        const shown = NO_VALUE.includes(row.op)
          ? null
          : (def?.describe?.(row.value) ?? def?.options?.find((o) => o.value === row.value)?.label ?? row.value);
        const text = `${def?.label ?? row.field} ${t(`lists.ops.${row.op}`)}`;
        return (
          <Badge
            // biome-ignore lint/suspicious/noArrayIndexKey: chips follow the rows' positions
            key={i}
            variant="light"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            rightSection={
              <CloseButton
                size="xs"
                aria-label={`${t('lists.removeFilter')}: ${text}`}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            }
            data-testid="filter-chip"
          >
            {text} {shown !== null && <b>{shown}</b>}
          </Badge>
        );
      })}
      <Button variant="subtle" size="compact-xs" color="gray" onClick={() => onChange([])}>
        {t('lists.clearFilters')}
      </Button>
    </Group>
  );
}

/** Only the complete rows, as the list query sends them. */
export const activeFilters = (filters: string[]) => filters.map(parseFilter).filter(complete).map(formatFilter);
