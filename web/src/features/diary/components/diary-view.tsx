import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DiaryItem } from '@rapport/contracts/activities.ts';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useMe } from '../../../lib/session.ts';
import {
  type DiaryChange,
  useActivityTypes,
  useColleagues,
  useDiary,
  useDiaryChange,
  useDiaryTimeZone,
  useResources,
} from '../api/diary.ts';
import { useDiaryFormat } from '../format.ts';
import { type Calendar, type DiaryViewName, inCalendar, stepDate, toEntry, viewRange } from '../layout.ts';
import { browserTimeZone, type Day, formatDayKey, instantOf, isoWeek, parseDayKey, todayIn, zoned } from '../time.ts';
import { AgendaList } from './agenda-list.tsx';
import { GroupWeek, MonthGrid } from './cell-views.tsx';
import classes from './diary.module.css';
import { DiaryToolbar } from './diary-toolbar.tsx';
import { ScopeDialog } from './scope-dialog.tsx';
import { type CreateDraft, type GridColumn, type ItemBase, type MoveHandler, TimeGrid } from './time-grid.tsx';

/** What the address bar holds about the diary. */
export type DiaryState = { view: DiaryViewName; date?: string; users?: string[]; resources?: string[] };

/** A new activity proposed by selecting time in the diary; the colleague or room when made in their calendar. */
export type DiaryNewActivity = {
  start: string;
  end: string;
  allDay: boolean;
  userId: string | null;
  resourceId: string | null;
};

const KIND_COLORS = {
  meeting: 'var(--mantine-color-blue-6)',
  call: 'var(--mantine-color-teal-6)',
  task: 'var(--mantine-color-orange-6)',
} as const;
const EMPTY: DiaryItem[] = [];

function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * The diary: day, week, month and agenda views of the signed-in user's activities, or of colleagues and rooms side
 * by side. Creating and editing are the page's business (`onCreate`, `onOpen`); moving, resizing and completing
 * happen here, shown at once and undone when the server refuses.
 */
export function DiaryView({
  state,
  onStateChange,
  onCreate,
  onOpen,
}: {
  state: DiaryState;
  onStateChange: (patch: Partial<DiaryState>) => void;
  onCreate?: (draft: DiaryNewActivity) => void;
  onOpen: (item: DiaryItem) => void;
}) {
  const { t } = useTranslation();
  const tz = useDiaryTimeZone();
  const browserZone = useMemo(browserTimeZone, []);
  const fmt = useDiaryFormat(tz);
  const now = useNow();
  const today = todayIn(tz, now);
  const { view } = state;
  const date = parseDayKey(state.date) ?? today;
  const { first, days } = viewRange(view, date);

  const meId = useMe().data?.user.id ?? null;
  const colleagues = useColleagues();
  const resources = useResources();
  const types = useActivityTypes();
  // No colleagues chosen: my own diary. An empty list (rooms only) is said explicitly.
  const userIds = useMemo(() => state.users ?? (meId ? [meId] : []), [state.users, meId]);
  const resourceIds = useMemo(() => state.resources ?? [], [state.resources]);

  const calendars = useMemo<Calendar[]>(() => {
    const userName = (id: string) => colleagues.data?.find((u) => u.id === id)?.name ?? '…';
    const room = (id: string) => resources.data?.find((r) => r.id === id);
    return [
      ...userIds.map((id) => ({ key: `u:${id}`, kind: 'user' as const, id, name: userName(id) })),
      ...resourceIds.map((id) => {
        const r = room(id);
        const detail = r
          ? [t(`diary.resourceKinds.${r.kind}`), r.capacity ? t('diary.capacity', { count: r.capacity }) : null]
              .filter(Boolean)
              .join(' · ')
          : undefined;
        return { key: `r:${id}`, kind: 'resource' as const, id, name: r?.name ?? '…', detail };
      }),
    ];
  }, [userIds, resourceIds, colleagues.data, resources.data, t]);
  const group = calendars.length > 1;

  const diary = useDiary({
    from: new Date(instantOf(first, 0, tz)).toISOString(),
    to: new Date(instantOf(first + days, 0, tz)).toISOString(),
    userIds,
    resourceIds,
  });
  const items = diary.data?.items ?? EMPTY;
  const entries = useMemo(
    () =>
      items
        .map((i) => toEntry(i, tz))
        .filter((e) => calendars.length === 0 || calendars.some((c) => inCalendar(e.item, c))),
    [items, tz, calendars],
  );

  // ---- changes ------------------------------------------------------------------------------------------------
  const change = useDiaryChange((err, c) =>
    notifications.show({
      color: 'red',
      title: c.done !== undefined ? t('diary.changeFailed') : t('diary.moveFailed'),
      message: errorText(t, err),
    }),
  );
  const [pendingScope, setPendingScope] = useState<DiaryChange | null>(null);
  const mutate = useRef(change.mutate);
  mutate.current = change.mutate;

  const onMove = useCallback<MoveHandler>((entry, start, end) => {
    const c: DiaryChange = {
      item: entry.item,
      start: new Date(start).toISOString(),
      end: entry.item.end === null ? undefined : new Date(end).toISOString(),
    };
    if (entry.item.recurring) setPendingScope(c);
    else mutate.current(c);
  }, []);
  const onToggleDone = useCallback((item: DiaryItem) => mutate.current({ item, done: !item.done, scope: 'this' }), []);

  const colorOf = useMemo(() => {
    const byType = new Map((types.data ?? []).map((ty) => [ty.id, ty.color]));
    return (item: DiaryItem) => byType.get(item.typeId) ?? KIND_COLORS[item.kind];
  }, [types.data]);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const canWrite = Boolean(onCreate);
  const base = useMemo<ItemBase>(
    () => ({
      canWrite,
      fmt,
      tz,
      colorOf,
      labels: {
        complete: t('diary.complete'),
        reopen: t('diary.reopen'),
        private: t('diary.private'),
        recurring: t('diary.recurring'),
        resize: t('diary.resize'),
      },
      onOpen: (item) => openRef.current(item),
      onToggleDone,
    }),
    [canWrite, fmt, tz, colorOf, onToggleDone, t],
  );

  const create = useMemo(() => {
    if (!onCreate) return undefined;
    return (d: CreateDraft) =>
      onCreate({
        start: d.start,
        end: d.end,
        allDay: d.allDay,
        userId: d.calendar?.kind === 'user' ? d.calendar.id : null,
        resourceId: d.calendar?.kind === 'resource' ? d.calendar.id : null,
      });
  }, [onCreate]);

  const newActivity = () => {
    // The next full hour today, or nine o'clock on another day.
    const startMin = date === today ? Math.min(23, Math.floor(zoned(now, tz).minute / 60) + 1) * 60 : 9 * 60;
    create?.({
      start: new Date(instantOf(date, startMin, tz)).toISOString(),
      end: new Date(instantOf(date, startMin + 60, tz)).toISOString(),
      allDay: false,
      calendar: calendars.length === 1 ? (calendars[0] ?? null) : null,
    });
  };

  // ---- navigation ---------------------------------------------------------------------------------------------
  const go = useRef({ view, date, today, onStateChange });
  go.current = { view, date, today, onStateChange };
  const setDate = useCallback((d: Day) => {
    const { today: td, onStateChange: set } = go.current;
    set({ date: d === td ? undefined : formatDayKey(d) });
  }, []);
  const setView = useCallback((v: DiaryViewName) => go.current.onStateChange({ view: v }), []);
  const step = useCallback((dir: 1 | -1) => setDate(stepDate(go.current.view, go.current.date, dir)), [setDate]);
  const openDay = useCallback((d: Day) => go.current.onStateChange({ view: 'day', date: formatDayKey(d) }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"], [role="listbox"], [role="menu"]')) return;
      if (document.querySelector('[role="dialog"]')) return;
      const views: Record<string, DiaryViewName> = { d: 'day', w: 'week', m: 'month', a: 'agenda' };
      if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'ArrowRight') step(1);
      else if (e.key === 't' || e.key === 'T') setDate(go.current.today);
      else if (views[e.key.toLowerCase()]) setView(views[e.key.toLowerCase()] as DiaryViewName);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, setDate, setView]);

  // ---- the view -------------------------------------------------------------------------------------------------
  const columns = useMemo<GridColumn[]>(() => {
    if (view === 'day' && group) return calendars.map((cal) => ({ key: cal.key, day: date, calendar: cal }));
    const single = calendars.length === 1 ? (calendars[0] ?? null) : null;
    const n = view === 'day' ? 1 : 7;
    return Array.from({ length: n }, (_, i) => ({ key: String(first + i), day: first + i, calendar: single }));
  }, [view, group, calendars, date, first]);

  const options = {
    // Me first, then the colleagues by name (as the server lists them).
    colleagues: [...(colleagues.data ?? [])]
      .sort((a, b) => Number(b.id === meId) - Number(a.id === meId))
      .map((u) => ({ value: u.id, label: u.id === meId ? t('diary.me', { name: u.name }) : u.name })),
    resources: (resources.data ?? []).map((r) => ({ value: r.id, label: r.name })),
  };
  const onUsers = (ids: string[]) =>
    onStateChange({
      users: (ids.length === 1 && ids[0] === meId) || (ids.length === 0 && resourceIds.length === 0) ? undefined : ids,
    });
  const onResources = (ids: string[]) =>
    onStateChange({
      resources: ids.length ? ids : undefined,
      // Without rooms, a diary showing nobody shows mine again.
      ...(ids.length === 0 && userIds.length === 0 ? { users: undefined } : {}),
    });

  let body: ReactNode;
  if (diary.error && !diary.data) {
    body = <ErrorState error={diary.error} onRetry={() => void diary.refetch()} />;
  } else if (view === 'month') {
    body = (
      <MonthGrid
        first={first}
        days={days}
        month={Number(formatDayKey(date).slice(5, 7))}
        entries={entries}
        base={base}
        today={today}
        onDayClick={openDay}
        onCreate={create}
        onMove={onMove}
      />
    );
  } else if (view === 'agenda') {
    body = <AgendaList first={first} days={days} entries={entries} base={base} today={today} onDayClick={openDay} />;
  } else if (view === 'week' && group) {
    body = (
      <GroupWeek
        first={first}
        days={days}
        entries={entries}
        base={base}
        today={today}
        onDayClick={openDay}
        onCreate={create}
        onMove={onMove}
        calendars={calendars}
      />
    );
  } else {
    body = (
      <TimeGrid
        key={view}
        columns={columns}
        entries={entries}
        base={base}
        today={today}
        now={now}
        corner={t('diary.weekShort', { week: isoWeek(date) })}
        renderHeader={(col) =>
          view === 'day' && group && col.calendar ? (
            <>
              <span className={classes.calName} data-testid="diary-calendar-name">
                {col.calendar.name}
              </span>
              {col.calendar.detail && <span className={classes.weekdayName}>{col.calendar.detail}</span>}
            </>
          ) : (
            <>
              <span className={classes.weekdayName}>{fmt.weekdayShort(col.day)}</span>
              <span className={classes.dayNum}>{fmt.dayNumber(col.day)}</span>
            </>
          )
        }
        onHeaderClick={(col) => (view === 'week' ? openDay(col.day) : undefined)}
        allowDayChange={view === 'week'}
        onCreate={create}
        onMove={onMove}
      />
    );
  }

  return (
    <Stack
      gap={0}
      style={{ flex: 1, minHeight: 0 }}
      data-testid="diary"
      data-view={view}
      data-date={formatDayKey(date)}
    >
      <DiaryToolbar
        view={view}
        date={date}
        first={first}
        days={days}
        fmt={fmt}
        loading={diary.isFetching}
        colleagues={options.colleagues}
        userIds={userIds}
        resources={options.resources}
        resourceIds={resourceIds}
        onView={setView}
        onDate={setDate}
        onStep={step}
        onToday={() => setDate(today)}
        onUsers={onUsers}
        onResources={onResources}
        onNew={onCreate ? newActivity : undefined}
      />
      {body}
      <Text size="xs" c="dimmed" mt={6} ta="right">
        {tz !== browserZone ? `${t('diary.timesIn', { zone: tz })} · ` : ''}
        {t('diary.shortcuts')}
      </Text>
      <ScopeDialog
        opened={pendingScope !== null}
        onChoose={(scope) => {
          const c = pendingScope;
          setPendingScope(null);
          if (c && scope) mutate.current({ ...c, scope });
        }}
      />
    </Stack>
  );
}
