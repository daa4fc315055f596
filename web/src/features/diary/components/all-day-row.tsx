import type { CSSProperties, PointerEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indexAtX, startDrag } from '../drag.ts';
import { type Entry, packAllDay } from '../layout.ts';
import { instantOf, zoned } from '../time.ts';
import classes from './diary.module.css';
import { type ItemActions, ItemChip } from './diary-item.tsx';
import type { CreateDraft, GridColumn, ItemBase, MoveHandler } from './time-grid.tsx';

/** The same wall-clock time `days` later (or earlier). */
export function shiftDays(ms: number, days: number, tz: string): number {
  const z = zoned(ms, tz);
  return instantOf(z.day + days, z.minute, tz);
}

/** All-day items and tasks above the hours: items spanning days, dragged from day to day; a drag over empty days creates an all-day item. */
export function AllDayRow({
  columns,
  entries,
  base,
  allowDayChange,
  onCreate,
  onMove,
}: {
  columns: GridColumn[];
  entries: Entry[];
  base: ItemBase;
  allowDayChange: boolean;
  onCreate?: (draft: CreateDraft) => void;
  onMove: MoveHandler;
}) {
  const { t } = useTranslation();
  const { tz } = base;
  const lanesEl = useRef<HTMLDivElement>(null);
  const { segments, lanes } = useMemo(() => packAllDay(entries, columns), [entries, columns]);
  const [drag, setDrag] = useState<{ entry: Entry; delta: number } | null>(null);
  const [sel, setSel] = useState<{ a: number; b: number } | null>(null);
  const dragRef = useRef(drag);
  const selRef = useRef(sel);
  dragRef.current = drag;
  selRef.current = sel;
  const latest = useRef({ columns, allowDayChange, onMove, base });
  latest.current = { columns, allowDayChange, onMove, base };

  const cellEls = () => Array.from(lanesEl.current?.querySelectorAll('[data-allday-col]') ?? []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the helpers read refs and the DOM
  const actions = useMemo<ItemActions>(
    () => ({
      ...base,
      onPointerDown: (e: PointerEvent<HTMLElement>, entry: Entry) => {
        const els = cellEls();
        const c0 = indexAtX(els, e.clientX);
        startDrag(e, {
          move: (ev) => {
            const { columns: cols, allowDayChange: acrossDays } = latest.current;
            const c = acrossDays ? indexAtX(els, ev.clientX) : c0;
            setDrag({ entry, delta: (cols[c]?.day ?? 0) - (cols[c0]?.day ?? 0) });
          },
          end: (_ev, moved) => {
            const d = dragRef.current;
            setDrag(null);
            if (!moved) latest.current.base.onOpen(entry.item);
            else if (d && d.delta !== 0)
              latest.current.onMove(entry, shiftDays(entry.start, d.delta, tz), shiftDays(entry.end, d.delta, tz));
          },
          cancel: () => setDrag(null),
        });
      },
    }),
    [base, tz],
  );

  const onCellPointerDown = (e: PointerEvent<HTMLDivElement>, c0: number) => {
    if (!onCreate || e.target !== e.currentTarget) return;
    const els = cellEls();
    const sameCalendar = (c: number) => columns[c]?.calendar?.key === columns[c0]?.calendar?.key;
    startDrag(e, {
      move: (ev) => {
        const c = indexAtX(els, ev.clientX);
        const to = sameCalendar(c) ? c : c0;
        setSel({ a: Math.min(c0, to), b: Math.max(c0, to) });
      },
      end: () => {
        const s = selRef.current ?? { a: c0, b: c0 };
        setSel(null);
        const first = columns[s.a];
        const last = columns[s.b];
        if (!first || !last) return;
        onCreate({
          start: new Date(instantOf(first.day, 0, tz)).toISOString(),
          end: new Date(instantOf(last.day + 1, 0, tz)).toISOString(),
          allDay: true,
          calendar: first.calendar,
        });
      },
      cancel: () => setSel(null),
    });
  };

  const place = (colStart: number, colEnd: number, lane: number): CSSProperties => ({
    gridColumn: `${colStart + 1} / ${colEnd + 2}`,
    gridRow: `${lane + 1}`,
    zIndex: 1,
  });
  const last = columns.length - 1;

  return (
    <div className={classes.allDay}>
      <div className={classes.allDayLabel}>{t('diary.allDay')}</div>
      <div
        className={classes.allDayLanes}
        ref={lanesEl}
        style={{ gridTemplateRows: `repeat(${Math.max(1, lanes)}, 24px)` }}
        data-testid="diary-all-day"
      >
        {columns.map((col, c) => (
          <div
            key={col.key}
            data-allday-col={c}
            className={`${classes.allDayCell} ${sel && c >= sel.a && c <= sel.b ? classes.allDaySelect : ''} ${onCreate ? classes.canCreate : ''}`}
            style={{ gridColumn: `${c + 1}` }}
            onPointerDown={(e) => onCellPointerDown(e, c)}
          />
        ))}
        {segments.map((s) => (
          <ItemChip
            key={`${s.entry.key}:${s.colStart}`}
            entry={s.entry}
            actions={actions}
            filled
            showTime={!s.entry.item.allDay}
            style={place(s.colStart, s.colEnd, s.lane)}
            dimmed={drag?.entry.key === s.entry.key}
          />
        ))}
        {drag &&
          segments
            .filter((s) => s.entry.key === drag.entry.key)
            .map((s) => (
              <div
                key={`ghost:${s.colStart}`}
                className={classes.ghost}
                style={place(
                  Math.min(last, Math.max(0, s.colStart + drag.delta)),
                  Math.min(last, Math.max(0, s.colEnd + drag.delta)),
                  s.lane,
                )}
              >
                <ItemChip entry={s.entry} actions={actions} filled showTime={!s.entry.item.allDay} />
              </div>
            ))}
      </div>
    </div>
  );
}
