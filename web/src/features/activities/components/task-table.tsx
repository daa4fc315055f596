import { Badge, Group, Text } from '@mantine/core';
import type { Activity, ActivityListQuery } from '@rapport/contracts/activities.ts';
import { IconChecklist, IconLock, IconRepeat } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import cells from '../../../components/list-tools/cells.module.css';
import { type Column, VirtualTable } from '../../../components/virtual-table.tsx';
import { ACTIVITY_PAGE_SIZE, useActivityList, useActivityTypes } from '../api/activities.ts';
import { DoneBox, useWhen } from './activity-item.tsx';
import { KindIcon, typeLabel } from './kind.tsx';

const PRIORITY_COLOR = { high: 'red', normal: 'gray', low: 'blue' } as const;

/** The task list's table: virtualised, keyboard-friendly, with a selection for the bulk actions. */
export function TaskTable({
  query,
  onOpen,
  onSort,
  selection,
  canWrite,
  filtered,
  emptyAction,
}: {
  query: Omit<ActivityListQuery, 'cursor'>;
  onOpen: (a: Activity) => void;
  onSort: (sort: string) => void;
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
  canWrite: boolean;
  filtered: boolean;
  emptyAction?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const list = useActivityList(query);
  const types = useActivityTypes();
  const when = useWhen();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const typeById = useMemo(() => new Map((types.data ?? []).map((x) => [x.id, x])), [types.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the language
  const columns = useMemo<Column<Activity>[]>(
    () => [
      {
        key: 'title',
        header: t('activities.tasks.columns.title'),
        width: 'minmax(260px, 3fr)',
        sortKey: 'title',
        render: (a) => (
          <Group gap={8} wrap="nowrap" miw={0}>
            <DoneBox activity={a} disabled={!canWrite} />
            <Text c={a.overdue ? 'red' : 'dimmed'} style={{ display: 'flex', flexShrink: 0 }}>
              <KindIcon kind={a.kind} size={16} />
            </Text>
            <Text
              size="sm"
              fw={600}
              truncate
              c={a.overdue ? 'red' : a.done ? 'dimmed' : undefined}
              td={a.done ? 'line-through' : undefined}
              data-testid="task-title"
              data-overdue={a.overdue || undefined}
            >
              {a.title}
            </Text>
            {a.private && <IconLock size={13} opacity={0.6} style={{ flexShrink: 0 }} />}
            {a.rrule && <IconRepeat size={13} opacity={0.6} style={{ flexShrink: 0 }} />}
          </Group>
        ),
      },
      {
        key: 'start',
        header: t('activities.tasks.columns.start'),
        width: '225px',
        sortKey: 'start',
        render: (a) =>
          a.start ? (
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined} truncate>
                {when(a)}
              </Text>
            </Group>
          ) : (
            <span className={cells.dim}>{t('activities.noDate')}</span>
          ),
      },
      {
        key: 'kind',
        header: t('activities.tasks.columns.kind'),
        width: '130px',
        render: (a) => {
          const type = typeById.get(a.typeId);
          return type ? typeLabel(type, t) : t(`activities.kinds.${a.kind}`);
        },
      },
      {
        key: 'owner',
        header: t('activities.tasks.columns.owner'),
        width: 'minmax(120px, 1fr)',
        render: (a) => a.ownerName ?? '',
      },
      {
        key: 'company',
        header: t('activities.tasks.columns.company'),
        width: 'minmax(150px, 1.3fr)',
        render: (a) => [a.companyName, a.contactName].filter(Boolean).join(' · '),
      },
      {
        key: 'priority',
        header: t('activities.tasks.columns.priority'),
        width: '125px',
        sortKey: 'priority',
        render: (a) =>
          a.priority === 'normal' ? (
            <span className={cells.dim}>{t('activities.priorities.normal')}</span>
          ) : (
            <Badge size="sm" variant="light" color={PRIORITY_COLOR[a.priority]}>
              {t(`activities.priorities.${a.priority}`)}
            </Badge>
          ),
      },
    ],
    [t, i18n.language, typeById, canWrite, when],
  );

  return (
    <VirtualTable
      label={t('activities.tasks.title')}
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      rowTestId="task-row"
      onOpen={onOpen}
      sort={query.sort}
      onSort={onSort}
      loading={list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      loadAhead={ACTIVITY_PAGE_SIZE * 1.5}
      selection={selection}
      stale={list.isPlaceholderData}
      empty={
        filtered ? (
          <Empty icon={<IconChecklist size={22} />} title={t('activities.tasks.emptyFiltered')} />
        ) : (
          <Empty
            icon={<IconChecklist size={22} />}
            title={t('activities.tasks.empty')}
            text={t('activities.tasks.emptyText')}
            action={emptyAction}
          />
        )
      }
    />
  );
}
