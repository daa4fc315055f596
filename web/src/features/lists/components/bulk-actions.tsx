import { Button, Group, Popover, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { BulkResult } from '@rapport/contracts/bulk.ts';
import type { Page } from '@rapport/contracts/common.ts';
import { IconTagMinus, IconTagPlus, IconTrash, IconUserShare } from '@tabler/icons-react';
import { type InfiniteData, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { BulkBar } from '../../../components/list-tools/bulk-bar.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { type ListEntity, runBulk } from '../api/bulk.ts';
import { useCategories, useUsers } from '../api/people.ts';

type Row = { id: string; ownerId: string; ownerName: string | null };
type Pages = InfiniteData<Page<Row>, unknown>;

const mapRows = (data: Pages | undefined, fn: (rows: Row[]) => Row[]): Pages | undefined =>
  data && { ...data, pages: data.pages.map((p) => ({ ...p, items: fn(p.items) })) };

/**
 * The bulk bar's actions on the selected rows: change owner, add or remove a category (companies, when
 * the server has categories), delete with undo. The loaded rows are updated in place so the list keeps
 * its scroll position; other lists of the entity are marked stale.
 */
export function BulkActions({
  entity,
  selected,
  onClear,
  listKey,
  entityKey,
}: {
  entity: ListEntity;
  selected: string[];
  onClear: () => void;
  /** The query key of the loaded list, whose rows change in place. */
  listKey: QueryKey;
  /** The key prefix of every query of this entity (lists, cards). */
  entityKey: QueryKey;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers();
  const categories = useCategories();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, confirm] = useDisclosure(false);
  const noun = (count: number) =>
    entity === 'company' ? t('lists.bulk.companies', { count }) : t('lists.bulk.contacts', { count });

  const report = (res: BulkResult, done: string) => {
    const failed = res.failed.length;
    notifications.show({
      color: failed > 0 ? 'orange' : 'green',
      message:
        failed > 0
          ? `${done} ${t('lists.bulk.failed', { count: failed, reason: res.failed[0]?.message ?? '' })}`
          : done,
    });
  };
  const failedIds = (res: BulkResult) => new Set(res.failed.map((f) => f.id));
  const stale = () => qc.invalidateQueries({ queryKey: entityKey, refetchType: 'none' });

  async function run<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(name);
    try {
      return await fn();
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  const setOwner = async (ownerId: string) => {
    const ids = [...selected];
    const res = await run('owner', () => runBulk(entity, { action: 'setOwner', ids, ownerId }));
    if (!res) return;
    const bad = failedIds(res);
    const owner = users.data?.find((u) => u.id === ownerId);
    const moved = new Set(ids.filter((id) => !bad.has(id)));
    qc.setQueryData<Pages>(listKey, (d) =>
      mapRows(d, (rows) =>
        rows.map((r) => (moved.has(r.id) ? { ...r, ownerId, ownerName: owner?.name ?? r.ownerName } : r)),
      ),
    );
    void stale();
    report(res, t('lists.bulk.ownerChanged', { what: noun(res.changed + res.unchanged), name: owner?.name ?? '' }));
    onClear();
  };

  const category = async (action: 'addCategory' | 'removeCategory', categoryId: string) => {
    const ids = [...selected];
    const res = await run(action, () => runBulk(entity, { action, ids, categoryId }));
    if (!res) return;
    void qc.invalidateQueries({ queryKey: entityKey });
    const name = categories.data?.find((c) => c.id === categoryId)?.name ?? '';
    report(
      res,
      action === 'addCategory'
        ? t('lists.bulk.categoryAdded', { name, what: noun(res.changed + res.unchanged) })
        : t('lists.bulk.categoryRemoved', { name, what: noun(res.changed + res.unchanged) }),
    );
    onClear();
  };

  const remove = async () => {
    const ids = [...selected];
    const res = await run('delete', () => runBulk(entity, { action: 'delete', ids }));
    confirm.close();
    if (!res) return;
    const bad = failedIds(res);
    const gone = ids.filter((id) => !bad.has(id));
    const goneSet = new Set(gone);
    const before = qc.getQueryData<Pages>(listKey);
    qc.setQueryData<Pages>(listKey, (d) => mapRows(d, (rows) => rows.filter((r) => !goneSet.has(r.id))));
    void stale();
    void qc.invalidateQueries({ queryKey: ['trash'] });
    onClear();
    const nid = notifications.show({
      color: res.failed.length > 0 ? 'orange' : 'gray',
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">
            {t('lists.bulk.deleted', { what: noun(gone.length) })}
            {res.failed.length > 0
              ? ` ${t('lists.bulk.failed', { count: res.failed.length, reason: res.failed[0]?.message ?? '' })}`
              : ''}
          </Text>
          {gone.length > 0 && (
            <Button
              size="compact-xs"
              variant="light"
              data-testid="bulk-undo"
              onClick={async () => {
                notifications.hide(nid);
                const back = await run('restore', () => runBulk(entity, { action: 'restore', ids: gone }));
                if (!back) return;
                // The rows come back where they were.
                if (before) qc.setQueryData(listKey, before);
                void stale();
                void qc.invalidateQueries({ queryKey: ['trash'] });
                notifications.show({ color: 'green', message: t('lists.bulk.restored', { what: noun(back.changed) }) });
              }}
            >
              {t('common.undo')}
            </Button>
          )}
        </Group>
      ),
    });
  };

  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const categoryOptions = (categories.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const withCategories = entity === 'company' && categories.data != null;

  return (
    <>
      <BulkBar count={selected.length} onClear={onClear}>
        <PickAction
          label={t('lists.bulk.changeOwner')}
          icon={<IconUserShare size={15} />}
          placeholder={t('lists.bulk.pickOwner')}
          options={userOptions}
          apply={t('lists.bulk.applyOwner')}
          loading={busy === 'owner'}
          onPick={setOwner}
          testId="bulk-owner"
        />
        {withCategories && (
          <>
            <PickAction
              label={t('lists.bulk.addCategory')}
              icon={<IconTagPlus size={15} />}
              placeholder={t('lists.bulk.pickCategory')}
              options={categoryOptions}
              apply={t('lists.bulk.add')}
              loading={busy === 'addCategory'}
              onPick={(id) => category('addCategory', id)}
              testId="bulk-add-category"
            />
            <PickAction
              label={t('lists.bulk.removeCategory')}
              icon={<IconTagMinus size={15} />}
              placeholder={t('lists.bulk.pickCategory')}
              options={categoryOptions}
              apply={t('lists.bulk.remove')}
              loading={busy === 'removeCategory'}
              onPick={(id) => category('removeCategory', id)}
              testId="bulk-remove-category"
            />
          </>
        )}
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconTrash size={15} />}
          onClick={confirm.open}
          loading={busy === 'delete' || busy === 'restore'}
          data-testid="bulk-delete"
        >
          {t('common.delete')}
        </Button>
      </BulkBar>
      <ConfirmModal
        opened={confirming}
        title={t('lists.bulk.deleteTitle', { what: noun(selected.length) })}
        confirmLabel={t('lists.bulk.deleteConfirm')}
        loading={busy === 'delete'}
        onClose={confirm.close}
        onConfirm={() => void remove()}
      >
        {t('lists.bulk.deleteText')}
      </ConfirmModal>
    </>
  );
}

/** A bulk-bar button that opens a picker (an owner, a category) and applies the choice. */
function PickAction({
  label,
  icon,
  placeholder,
  options,
  apply,
  loading,
  onPick,
  testId,
}: {
  label: string;
  icon: ReactNode;
  placeholder: string;
  options: { value: string; label: string }[];
  apply: string;
  loading: boolean;
  onPick: (value: string) => Promise<void> | void;
  testId: string;
}) {
  const [opened, { close, toggle }] = useDisclosure(false);
  const [value, setValue] = useState<string | null>(null);
  return (
    <Popover
      opened={opened}
      onChange={(o) => !o && close()}
      position="bottom"
      shadow="md"
      width={280}
      trapFocus
      withinPortal
    >
      <Popover.Target>
        <Button size="xs" variant="light" leftSection={icon} onClick={toggle} loading={loading} data-testid={testId}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!value) return;
            close();
            void onPick(value);
          }}
        >
          <Stack gap="xs">
            <Select
              aria-label={placeholder}
              placeholder={placeholder}
              data={options}
              value={value}
              onChange={setValue}
              searchable
              comboboxProps={{ withinPortal: false }}
              data-testid={`${testId}-select`}
            />
            <Button type="submit" size="xs" disabled={!value} data-testid={`${testId}-apply`}>
              {apply}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
