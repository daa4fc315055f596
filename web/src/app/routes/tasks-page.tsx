import { Button, Group, SegmentedControl, Select } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ActivityListQuery } from '@rapport/contracts/activities.ts';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListSearchBox } from '../../components/list-tools/search-box.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RecordPicker } from '../../components/record-picker.tsx';
import { useCompanyRef } from '../../features/activities/api/activities.ts';
import { ActivityModal } from '../../features/activities/components/activity-modal.tsx';
import { TaskBulkActions } from '../../features/activities/components/task-bulk-actions.tsx';
import { TaskTable } from '../../features/activities/components/task-table.tsx';
import type { TaskSearch } from '../../features/activities/task-search.ts';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/tasks');

const DUE = ['any', 'overdue', 'today', 'week', 'later', 'none'] as const;

/** My tasks and my team's: filters, sort, bulk complete / reassign / delete, each one opened in the modal. */
export function TasksPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('activities.tasks.title'));

  const set = (patch: Partial<TaskSearch>, push = false) =>
    void navigate({ search: (s: TaskSearch) => ({ ...s, ...patch }), replace: !push });

  const who = search.who ?? 'me';
  const status = search.status ?? 'open';
  const sort = search.sort ?? 'start';
  const query = useMemo<Omit<ActivityListQuery, 'cursor'>>(
    () => ({
      who,
      status,
      sort,
      due: search.due,
      companyId: search.company,
      q: search.q,
      filter: search.kind ? [`kind:eq:${search.kind}`] : undefined,
    }),
    [who, status, sort, search.due, search.company, search.q, search.kind],
  );
  const filtered = Boolean(search.due || search.company || search.q || search.kind || status !== 'open');

  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  // A different list is a different selection.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the list's query
  useEffect(() => setSelected(new Set()), [query]);

  const company = useCompanyRef(search.company);
  useHotkeys([['n', () => canWrite && setCreating(true)]]);

  return (
    <div className={classes.page}>
      <PageHeader
        title={t('activities.tasks.title')}
        subtitle={t('activities.tasks.shortcuts')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-task">
              {t('activities.newTask')}
            </Button>
          ) : null
        }
      />
      <Group mb="xs" gap="xs" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={who}
          onChange={(v) => set({ who: v === 'team' ? 'team' : undefined })}
          data={[
            { value: 'me', label: t('activities.tasks.mine') },
            { value: 'team', label: t('activities.tasks.team') },
          ]}
          data-testid="tasks-who"
        />
        <SegmentedControl
          value={search.due ?? 'any'}
          onChange={(v) => set({ due: v === 'any' ? undefined : (v as TaskSearch['due']) })}
          data={DUE.map((d) => ({ value: d, label: t(`activities.tasks.due.${d}`) }))}
          data-testid="tasks-due"
        />
        <SegmentedControl
          value={status}
          onChange={(v) => set({ status: v === 'open' ? undefined : (v as TaskSearch['status']) })}
          data={(['open', 'done', 'any'] as const).map((s) => ({ value: s, label: t(`activities.tasks.status.${s}`) }))}
          data-testid="tasks-status"
        />
      </Group>
      <Group mb="xs" gap="xs" wrap="wrap" align="flex-end">
        <ListSearchBox
          value={search.q ?? ''}
          onSearch={(q) => set({ q: q.trim() ? q : undefined })}
          label={t('activities.tasks.search')}
          w={240}
          testId="tasks-search"
        />
        <Select
          aria-label={t('activities.tasks.kind')}
          placeholder={t('activities.tasks.allKinds')}
          data={(['task', 'call', 'meeting'] as const).map((k) => ({ value: k, label: t(`activities.kinds.${k}`) }))}
          value={search.kind ?? null}
          onChange={(v) => set({ kind: (v ?? undefined) as TaskSearch['kind'] })}
          clearable
          w={170}
          data-testid="tasks-kind"
        />
        <div style={{ width: 260 }}>
          <RecordPicker
            kind="company"
            label=""
            placeholder={t('activities.tasks.company')}
            value={search.company ? (company.data ?? { id: search.company, name: '…' }) : null}
            onChange={(v) => set({ company: v?.id })}
            testId="tasks-company"
          />
        </div>
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => void navigate({ search: { who: search.who } })}
            data-testid="tasks-clear"
          >
            {t('activities.tasks.clearFilters')}
          </Button>
        )}
      </Group>
      {canWrite && <TaskBulkActions selected={[...selected]} onClear={() => setSelected(new Set())} />}
      <TaskTable
        query={query}
        canWrite={canWrite}
        filtered={filtered}
        onSort={(s) => set({ sort: s === 'start' ? undefined : s })}
        onOpen={(a) => set({ open: a.id }, true)}
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        emptyAction={
          canWrite ? (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('activities.newTask')}
            </Button>
          ) : undefined
        }
      />
      <ActivityModal
        opened={creating || Boolean(search.open)}
        onClose={() => {
          setCreating(false);
          if (search.open) set({ open: undefined });
        }}
        activityId={creating ? undefined : search.open}
        initial={search.company ? { kind: 'task', companyId: search.company } : { kind: 'task' }}
      />
    </div>
  );
}
