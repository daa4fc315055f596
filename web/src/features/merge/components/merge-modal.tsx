import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowsExchange, IconGitMerge } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { type MergeEntity, useMerge, useMergeCandidates, useMergeRecord } from '../api/merge.ts';

/** One row of the side-by-side comparison: a field whose surviving value can be chosen. */
export type MergeField<T> = {
  key: string;
  label: string;
  value: (record: T) => unknown;
  render: (record: T) => ReactNode;
};

type Side = 'card' | 'other';
type Mergeable = { id: string; version: number };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const emptyValue = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * "Merge with…": pick another record of the same kind, compare both field by field, choose the value
 * that survives for each, and merge. The card's record survives unless the other one is chosen to.
 */
export function MergeModal<T extends Mergeable>({
  entity,
  record,
  title,
  fields,
  opened,
  onClose,
  onMerged,
  summary,
}: {
  entity: MergeEntity;
  record: T;
  title: (r: T) => string;
  fields: MergeField<T>[];
  opened: boolean;
  onClose: () => void;
  /** Told the record that survived (it may be the other one). */
  onMerged: (survivor: T) => void;
  /** What moves with the merge ("3 contacts, the notes and documents"), per record. */
  summary?: (r: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [survivorSide, setSurvivorSide] = useState<Side>('card');
  const [choice, setChoice] = useState<Record<string, Side>>({});
  const candidates = useMergeCandidates(entity, debounced, record.id);
  const other = useMergeRecord<T>(entity, otherId);
  const merge = useMerge<T>(entity);
  const qc = useQueryClient();

  const close = () => {
    setSearch('');
    setOtherId(null);
    setChoice({});
    setSurvivorSide('card');
    merge.reset();
    onClose();
  };

  const o = other.data;
  const differing = useMemo(
    () => (o ? fields.filter((f) => !same(f.value(record), f.value(o))) : []),
    [fields, record, o],
  );
  // By default the survivor keeps its own values, but an empty one is filled from the other side.
  const sideFor = (f: MergeField<T>): Side => {
    const picked = choice[f.key];
    if (picked) return picked;
    if (!o) return survivorSide;
    const survivorValue = f.value(survivorSide === 'card' ? record : o);
    return emptyValue(survivorValue) ? (survivorSide === 'card' ? 'other' : 'card') : survivorSide;
  };

  const doMerge = () => {
    if (!o) return;
    const survivor = survivorSide === 'card' ? record : o;
    const loser = survivorSide === 'card' ? o : record;
    const take = differing.filter((f) => sideFor(f) !== survivorSide).map((f) => f.key);
    merge.mutate(
      { survivorId: survivor.id, version: survivor.version, otherId: loser.id, otherVersion: loser.version, take },
      {
        onSuccess: (merged) => {
          close();
          onMerged(merged);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            // Someone changed one of the two: show both as they are now, then merge again.
            void other.refetch();
            void qc.invalidateQueries({
              queryKey: [entity === 'company' ? 'companies' : 'contacts', 'detail', record.id],
            });
          }
        },
      },
    );
  };

  const header = (r: T, side: Side) => (
    <Stack gap={2}>
      <Text size="sm" fw={650} lineClamp={1}>
        {title(r)}
      </Text>
      <Group gap={6}>
        <Radio
          size="xs"
          checked={survivorSide === side}
          onChange={() => {
            setSurvivorSide(side);
            setChoice({});
          }}
          label={t('merge.keeps')}
          data-testid={`merge-survivor-${side}`}
        />
      </Group>
    </Stack>
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      size={o ? 'xl' : 'md'}
      title={
        <Group gap={8}>
          <ThemeIcon variant="light" size="sm">
            <IconGitMerge size={14} />
          </ThemeIcon>
          <Text fw={600}>{t('merge.title', { name: title(record) })}</Text>
        </Group>
      }
    >
      <Stack gap="md" data-testid="merge-modal">
        <Select
          label={t(entity === 'company' ? 'merge.pickCompany' : 'merge.pickContact')}
          placeholder={t('merge.searchPlaceholder')}
          searchable
          data={(candidates.data ?? []).map((h) => ({
            value: h.id,
            label: h.subtitle ? `${h.title} · ${h.subtitle}` : h.title,
          }))}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          value={otherId}
          onChange={(id) => {
            setOtherId(id);
            setChoice({});
            setSurvivorSide('card');
          }}
          nothingFoundMessage={debounced ? t('common.noResults') : undefined}
          rightSection={candidates.isFetching ? <Loader size={14} /> : undefined}
          data-testid="merge-pick"
          data-autofocus
        />
        {otherId && other.isPending && <Loader size="sm" />}
        {other.error && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {errorText(t, other.error)}
          </Alert>
        )}
        {o && (
          <>
            <Table withTableBorder withColumnBorders verticalSpacing={6} data-testid="merge-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{t('merge.field')}</Table.Th>
                  <Table.Th>{header(record, 'card')}</Table.Th>
                  <Table.Th>{header(o, 'other')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {/* Rows empty on both sides have nothing to choose and are left out. */}
                {fields
                  .filter((f) => !(emptyValue(f.value(record)) && emptyValue(f.value(o))))
                  .map((f) => {
                    const differs = differing.includes(f);
                    const side = sideFor(f);
                    const cell = (r: T, s: Side) => (
                      <Table.Td
                        bg={differs && side === s ? 'var(--mantine-primary-color-light)' : undefined}
                        data-testid={`merge-${f.key}-${s}`}
                      >
                        {differs ? (
                          <Radio
                            size="xs"
                            name={`merge-${f.key}`}
                            checked={side === s}
                            onChange={() => setChoice((c) => ({ ...c, [f.key]: s }))}
                            label={<Text size="sm">{f.render(r)}</Text>}
                            aria-label={`${f.label}: ${title(r)}`}
                            data-testid={`merge-take-${f.key}-${s}`}
                          />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {f.render(r)}
                          </Text>
                        )}
                      </Table.Td>
                    );
                    return (
                      <Table.Tr key={f.key}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {f.label}
                          </Text>
                        </Table.Td>
                        {cell(record, 'card')}
                        {cell(o, 'other')}
                      </Table.Tr>
                    );
                  })}
              </Table.Tbody>
            </Table>
            <Alert color="blue" variant="light" icon={<IconArrowsExchange size={16} />}>
              <Text size="sm">
                {t('merge.explain', {
                  loser: title(survivorSide === 'card' ? o : record),
                  survivor: title(survivorSide === 'card' ? record : o),
                })}
              </Text>
              {summary && (
                <Text size="sm" mt={4}>
                  {summary(survivorSide === 'card' ? o : record)}
                </Text>
              )}
            </Alert>
          </>
        )}
        {merge.error && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="merge-error">
            {merge.error instanceof ApiError && merge.error.code === 'CONFLICT'
              ? t('merge.conflict')
              : errorText(t, merge.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Tooltip label={t('merge.pickFirst')} disabled={Boolean(o)}>
            <Button
              leftSection={<IconGitMerge size={16} />}
              disabled={!o}
              loading={merge.isPending}
              onClick={doMerge}
              data-testid="merge-confirm"
            >
              {t('merge.confirm')}
            </Button>
          </Tooltip>
        </Group>
      </Stack>
    </Modal>
  );
}
