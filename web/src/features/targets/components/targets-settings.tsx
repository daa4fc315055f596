import { Button, NumberInput, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Targets, UserTargets } from '@rapport/contracts/activity-targets.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { METRICS, usePutTargets, useTargets } from '../api/targets.ts';

function Row({ row, canManage }: { row: UserTargets; canManage: boolean }) {
  const { t } = useTranslation();
  const put = usePutTargets();
  const [form, setForm] = useState<Targets>(row.targets);
  useEffect(() => setForm(row.targets), [row.targets]);
  const dirty = METRICS.some((m) => form[m] !== row.targets[m]);

  const save = () =>
    put.mutate(
      { userId: row.userId, version: row.version, targets: form },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('targets.saved', { name: row.name }) }),
        onError: (err) =>
          notifications.show({
            color: isApiError(err) && err.status === 409 ? 'orange' : 'red',
            title: t('common.errorTitle'),
            message: isApiError(err) && err.status === 409 ? t('targets.conflict') : errorText(t, err),
          }),
      },
    );

  return (
    <Table.Tr data-testid="targets-settings-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {row.name}
        </Text>
      </Table.Td>
      {METRICS.map((m) => (
        <Table.Td key={m}>
          {canManage ? (
            <NumberInput
              size="xs"
              w={86}
              min={0}
              max={100000}
              allowDecimal={false}
              allowNegative={false}
              placeholder={t('targets.none')}
              value={form[m] ?? ''}
              onChange={(v) => setForm({ ...form, [m]: typeof v === 'number' ? v : null })}
              aria-label={`${row.name}: ${t(`targets.metrics.${m}`)}`}
              data-testid={`targets-input-${m}`}
            />
          ) : (
            <Text size="sm">{row.targets[m] ?? t('targets.none')}</Text>
          )}
        </Table.Td>
      ))}
      {canManage && (
        <Table.Td>
          <Button size="xs" disabled={!dirty} loading={put.isPending} onClick={save} data-testid="targets-save">
            {t('targets.save')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Settings: weekly targets per member; managers and administrators change them. */
export function TargetsSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const targets = useTargets();
  if (targets.error) return <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />;
  return (
    <Stack gap="md" data-testid="targets-settings">
      <Text size="sm" c="dimmed" maw={680}>
        {t('targets.settingsIntro')}
      </Text>
      {!canManage && (
        <Text size="xs" c="dimmed">
          {t('targets.settingsReadOnly')}
        </Text>
      )}
      {targets.isPending ? (
        <Skeleton height={200} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('targets.person')}</Table.Th>
                  {METRICS.map((m) => (
                    <Table.Th key={m}>{t(`targets.metrics.${m}`)}</Table.Th>
                  ))}
                  {canManage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {targets.data.map((row) => (
                  <Row key={row.userId} row={row} canManage={canManage} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
