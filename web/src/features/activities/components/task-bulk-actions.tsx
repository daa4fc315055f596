import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconTrash, IconUserShare } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkBar } from '../../../components/list-tools/bulk-bar.tsx';
import { api } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { activityKeys, type BulkResult, runActivityBulk, useColleagues } from '../api/activities.ts';

/**
 * What the task list does with the selected activities: mark them done, give them to a colleague, or delete
 * them (with undo, as in the company list).
 */
export function TaskBulkActions({ selected, onClear }: { selected: string[]; onClear: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const colleagues = useColleagues();
  const [busy, setBusy] = useState<null | 'complete' | 'reassign' | 'delete'>(null);
  const [reassigning, setReassigning] = useState(false);
  const [ownerId, setOwnerId] = useState<string | null>(null);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: activityKeys.all });
    void qc.invalidateQueries({ queryKey: ['companies', 'list'] });
    void qc.invalidateQueries({ queryKey: ['contacts', 'list'] });
  };

  /** Tells what happened, including the ones that could not be changed and why. */
  function report(res: BulkResult, message: string) {
    const failed =
      res.failed.length > 0
        ? ` ${t('activities.tasks.failedMany', { count: res.failed.length, reason: res.failed[0]?.message ?? '' })}`
        : '';
    notifications.show({
      color: res.failed.length > 0 ? 'orange' : 'green',
      message: `${message}${failed}`,
      autoClose: res.failed.length > 0 ? 10_000 : 4_000,
    });
  }

  async function run(kind: 'complete' | 'reassign' | 'delete', fn: () => Promise<void>) {
    setBusy(kind);
    try {
      await fn();
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
    } finally {
      setBusy(null);
      refresh();
    }
  }

  const complete = () =>
    run('complete', async () => {
      const res = await runActivityBulk({ action: 'complete', ids: selected });
      report(res, t('activities.tasks.completedMany', { count: res.changed + res.unchanged }));
      onClear();
    });

  const reassign = (to: string) =>
    run('reassign', async () => {
      const res = await runActivityBulk({ action: 'reassign', ids: selected, ownerId: to });
      const name = colleagues.data?.find((u) => u.id === to)?.name ?? '';
      report(res, t('activities.tasks.reassignedMany', { count: res.changed + res.unchanged, name }));
      setReassigning(false);
      setOwnerId(null);
      onClear();
    });

  const remove = () =>
    run('delete', async () => {
      const ids = [...selected];
      const res = await runActivityBulk({ action: 'delete', ids });
      const bad = new Set(res.failed.map((f) => f.id));
      const gone = ids.filter((id) => !bad.has(id));
      onClear();
      const nid = `activities-deleted-${Date.now()}`;
      notifications.show({
        id: nid,
        color: res.failed.length > 0 ? 'orange' : 'gray',
        autoClose: 10_000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">
              {t('activities.tasks.deletedMany', { count: gone.length })}
              {res.failed.length > 0
                ? ` ${t('activities.tasks.failedMany', { count: res.failed.length, reason: res.failed[0]?.message ?? '' })}`
                : ''}
            </Text>
            {gone.length > 0 && (
              <Button
                size="compact-sm"
                variant="light"
                data-testid="undo-delete"
                onClick={async () => {
                  notifications.hide(nid);
                  let back = 0;
                  const failures: string[] = [];
                  for (const id of gone) {
                    try {
                      await api.post(`/api/v1/activities/${id}/restore`);
                      back++;
                    } catch (err) {
                      failures.push(errorText(t, err));
                    }
                  }
                  refresh();
                  notifications.show({
                    color: failures.length > 0 ? 'orange' : 'green',
                    message:
                      t('activities.tasks.restoredMany', { count: back }) +
                      (failures.length > 0
                        ? ` ${t('activities.tasks.failedMany', { count: failures.length, reason: failures[0] })}`
                        : ''),
                  });
                }}
              >
                {t('common.undo')}
              </Button>
            )}
          </Group>
        ),
      });
    });

  return (
    <>
      <BulkBar count={selected.length} onClear={onClear}>
        <Button
          size="xs"
          variant="light"
          color="green"
          leftSection={<IconCheck size={14} />}
          loading={busy === 'complete'}
          disabled={busy !== null}
          onClick={() => void complete()}
          data-testid="bulk-complete"
        >
          {t('activities.tasks.complete')}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconUserShare size={14} />}
          loading={busy === 'reassign'}
          disabled={busy !== null}
          onClick={() => setReassigning(true)}
          data-testid="bulk-reassign"
        >
          {t('activities.tasks.reassign')}
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconTrash size={14} />}
          loading={busy === 'delete'}
          disabled={busy !== null}
          onClick={() => void remove()}
          data-testid="bulk-delete"
        >
          {t('activities.tasks.delete')}
        </Button>
      </BulkBar>
      <Modal
        opened={reassigning}
        onClose={() => setReassigning(false)}
        centered
        size="sm"
        title={<Text fw={600}>{t('activities.tasks.reassignTitle', { count: selected.length })}</Text>}
      >
        <Stack gap="md">
          <Select
            label={t('activities.tasks.reassignTo')}
            data={(colleagues.data ?? []).map((u) => ({ value: u.id, label: u.name || u.email }))}
            value={ownerId}
            onChange={setOwnerId}
            searchable
            data-autofocus
            data-testid="reassign-to"
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setReassigning(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!ownerId}
              loading={busy === 'reassign'}
              onClick={() => ownerId && void reassign(ownerId)}
              data-testid="reassign-confirm"
            >
              {t('activities.tasks.reassign')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
