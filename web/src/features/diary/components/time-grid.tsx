import type { CSSProperties, PointerEvent, ReactNode } from 'react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { edgeScroll, floorSnap, indexAtX, SNAP, snap, startDrag } from '../drag.ts';
import { type Calendar, type Entry, inCalendar, type Placed, placeTimed } from '../layout.ts';
import { type Day, formatDayKey, instantOf, zoned } from '../time.ts';
import { AllDayRow } from './all-day-row.tsx';
import classes from './diary.module.css';
import { type ItemActions, ItemBlock, movedEntry } from './diary-item.tsx';

export type GridColumn = { key: string; day: Day; calendar: Calendar | null };
export type CreateDraft = { start: string; end: string; allDay: boolean; calendar: Calendar | null };
export type ItemBase = Omit<ItemActions, 'onPointerDown'>;
export type MoveHandler = (entry: Entry, start: number, end: number) => void;

const HOUR_PX = 60;
/** The grid opens scrolled to half past seven, so the working day is in view. */
const FIRST_VISIBLE_MINUTE = 7 * 60 + 30;
const MIN = 60_000;

type Ghost = { entry: Entry; col: number; start: number; end: number };
type Selection = { col: number; startMin: number; endMin: number };

/** Day, week and the group day: columns of hours with an all-day row above. */
export function TimeGrid({
  columns,
  entries,
  base,
  today,
  now,
  corner,
  renderHeader,
  onHeaderClick,
  allowDayChange,
  onCreate,
  onMove,
}: {
  columns: GridColumn[];
  entries: Entry[];
  base: ItemBase;
  today: Day;
  now: number;
  corner: ReactNode;
  renderHeader: (col: GridColumn) => ReactNode;
  onHeaderClick: (col: GridColumn) => void;
  /** Week: an item may be dragged to another day. Group day: only to another time. */
  allowDayChange: boolean;
  onCreate?: (draft: CreateDraft) => void;
  onMove: MoveHandler;
}) {
  const { tz, fmt } = base;
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const ghostRef = useRef<Ghost | null>(null);
  const selRef = useRef<Selection | null>(null);
  ghostRef.current = ghost;
  selRef.current = selection;

  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = (FIRST_VISIBLE_MINUTE / 60) * HOUR_PX;
  }, []);

  const placedByColumn = useMemo(
    () =>
      columns.map((col) =>
        placeTimed(
          entries.filter((e) => !e.allDayRow && inCalendar(e.item, col.calendar)),
          col.day,
          tz,
        ),
      ),
    [columns, entries, tz],
  );

  const minuteAt = (clientY: number) => {
    const r = body.current?.getBoundingClientRect();
    if (!r) return 0;
    return Math.min(1440, Math.max(0, ((clientY - r.top) / r.height) * 1440));
  };
  const columnEls = () => Array.from(body.current?.querySelectorAll('[data-col]') ?? []);

  // Handlers read the latest props through a ref, so the actions object (and every memoised item) stays the same.
  const latest = useRef({ columns, allowDayChange, onMove, onCreate, base });
  latest.current = { columns, allowDayChange, onMove, onCreate, base };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the helpers read refs and the DOM
  const actions = useMemo<ItemActions>(
    () => ({
      ...base,
      onPointerDown: (e: PointerEvent<HTMLElement>, entry: Entry, mode: 'move' | 'resize') => {
        const colEl = e.currentTarget.closest('[data-col]');
        const col0 = Number(colEl?.getAttribute('data-col') ?? 0);
        const m0 = minuteAt(e.clientY);
        const origin = zoned(entry.start, tz);
        const duration = entry.end - entry.start;
        const els = columnEls();
        startDrag(e, {
          move: (ev) => {
            edgeScroll(scroller.current, ev.clientY);
            const { columns: cols, allowDayChange: acrossDays } = latest.current;
            const m = minuteAt(ev.clientY);
            const c0 = cols[col0];
            if (!c0) return;
            if (mode === 'move') {
              const c = acrossDays ? indexAtX(els, ev.clientX) : col0;
              const dayDelta = (cols[c]?.day ?? c0.day) - c0.day;
              const start = instantOf(origin.day + dayDelta, snap(origin.minute + m - m0), tz);
              setGhost({ entry, col: c, start, end: start + duration });
            } else {
              const end = Math.max(instantOf(c0.day, snap(m), tz), entry.start + SNAP * MIN);
              setGhost({ entry, col: col0, start: entry.start, end });
            }
          },
          end: (_ev, moved) => {
            const g = ghostRef.current;
            setGhost(null);
            if (!moved) latest.current.base.onOpen(entry.item);
            else if (g && (g.start !== entry.start || g.end !== entry.end))
              latest.current.onMove(entry, g.start, g.end);
          },
          cancel: () => setGhost(null),
        });
      },
    }),
    [base, tz],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the latest props through a ref
  const onColumnPointerDown = useCallback(
    (e: PointerEvent<HTMLDivElement>, c: number) => {
      const create = latest.current.onCreate;
      const col = latest.current.columns[c];
      if (!create || !col || e.target !== e.currentTarget) return;
      const anchor = floorSnap(minuteAt(e.clientY));
      startDrag(e, {
        move: (ev) => {
          edgeScroll(scroller.current, ev.clientY);
          const m = floorSnap(minuteAt(ev.clientY));
          setSelection({ col: c, startMin: Math.min(anchor, m), endMin: Math.min(1440, Math.max(anchor, m) + SNAP) });
        },
        end: (ev, moved) => {
          const sel = selRef.current;
          setSelection(null);
          // A click without dragging proposes an hour from the half hour clicked.
          const startMin = moved && sel ? sel.startMin : Math.min(floorSnap(minuteAt(ev.clientY), 30), 1380);
          const endMin = moved && sel ? sel.endMin : startMin + 60;
          create({
            start: new Date(instantOf(col.day, startMin, tz)).toISOString(),
            end: new Date(instantOf(col.day, endMin, tz)).toISOString(),
            allDay: false,
            calendar: col.calendar,
          });
        },
        cancel: () => setSelection(null),
      });
    },
    [tz],
  );

  const nowMinute = zoned(now, tz).minute;
  const style = { '--cols': columns.length } as CSSProperties;
  const hours = useMemo(() => Array.from({ length: 23 }, (_, i) => i + 1), []);

  return (
    <div className={classes.frame} style={style} data-testid="diary-grid">
      <div className={classes.head}>
        <div className={classes.corner}>{corner}</div>
        {columns.map((col) => (
          <button
            type="button"
            key={col.key}
            className={`${classes.colHead} ${col.day === today ? classes.colHeadToday : ''}`}
            onClick={() => onHeaderClick(col)}
            data-testid="diary-column-head"
            data-day={formatDayKey(col.day)}
          >
            {renderHeader(col)}
          </button>
        ))}
      </div>
      <AllDayRow
        columns={columns}
        entries={entries}
        base={base}
        allowDayChange={allowDayChange}
        onCreate={onCreate}
        onMove={onMove}
      />
      <div className={classes.scroller} ref={scroller}>
        <div className={classes.body} ref={body}>
          <div className={classes.gutter}>
            {hours.map((h) => (
              <span key={h} className={classes.hourLabel} style={{ top: `${(h / 24) * 100}%` }}>
                {fmt.minute(h * 60)}
              </span>
            ))}
          </div>
          {columns.map((col, c) => (
            <DayColumn
              key={col.key}
              index={c}
              column={col}
              placed={placedByColumn[c] ?? []}
              actions={actions}
              isToday={col.day === today}
              nowMinute={col.day === today ? nowMinute : null}
              dimKey={ghost?.entry.key ?? null}
              ghost={ghost?.col === c ? ghost : null}
              selection={selection?.col === c ? selection : null}
              canCreate={Boolean(onCreate)}
              onPointerDown={onColumnPointerDown}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

const DayColumn = memo(function DayColumn({
  index,
  column,
  placed,
  actions,
  isToday,
  nowMinute,
  dimKey,
  ghost,
  selection,
  canCreate,
  onPointerDown,
}: {
  index: number;
  column: GridColumn;
  placed: Placed[];
  actions: ItemActions;
  isToday: boolean;
  nowMinute: number | null;
  dimKey: string | null;
  ghost: Ghost | null;
  selection: Selection | null;
  canCreate: boolean;
  onPointerDown: (e: PointerEvent<HTMLDivElement>, c: number) => void;
}) {
  const ghostPlaced = useMemo(() => {
    if (!ghost) return null;
    const moved = movedEntry(ghost.entry, ghost.start, ghost.end, actions.tz);
    const [p] = placeTimed([{ ...moved, key: `${moved.key}:ghost` }], column.day, actions.tz);
    return p ? { ...p, col: 0, cols: 1, span: 1 } : null;
  }, [ghost, column.day, actions.tz]);
  return (
    <div
      className={`${classes.column} ${isToday ? classes.columnToday : ''} ${canCreate ? classes.canCreate : ''}`}
      data-col={index}
      data-testid="diary-column"
      data-day={formatDayKey(column.day)}
      data-calendar={column.calendar?.key}
      onPointerDown={(e) => onPointerDown(e, index)}
    >
      {placed.map((p) => (
        <ItemBlock key={p.entry.key} placed={p} actions={actions} dimmed={p.entry.key === dimKey} />
      ))}
      {ghostPlaced && <ItemBlock placed={ghostPlaced} actions={actions} ghost />}
      {selection && (
        <div
          className={classes.selection}
          style={{
            top: `${(selection.startMin / 1440) * 100}%`,
            height: `${((selection.endMin - selection.startMin) / 1440) * 100}%`,
          }}
        >
          {actions.fmt.minute(selection.startMin)}–{actions.fmt.minute(selection.endMin)}
        </div>
      )}
      {nowMinute !== null && (
        <div className={classes.nowLine} style={{ top: `${(nowMinute / 1440) * 100}%` }} data-testid="diary-now" />
      )}
    </div>
  );
});
