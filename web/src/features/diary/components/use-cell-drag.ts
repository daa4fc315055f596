import type { PointerEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import { startDrag } from '../drag.ts';
import type { Calendar, Entry } from '../layout.ts';
import { type Day, instantOf } from '../time.ts';
import { shiftDays } from './all-day-row.tsx';
import type { ItemActions } from './diary-item.tsx';
import type { CreateDraft, ItemBase, MoveHandler } from './time-grid.tsx';

type Cell = { day: Day; cal: string };

/** The day cell (month, group week) under a point: cells carry `data-cell-day` and `data-cell-cal`. */
function cellAt(x: number, y: number): Cell | null {
  const el = document.elementFromPoint(x, y)?.closest('[data-cell-day]');
  if (!el) return null;
  return { day: Number(el.getAttribute('data-cell-day')), cal: el.getAttribute('data-cell-cal') ?? '' };
}

export const cellKey = (day: Day, calendar: Calendar | null) => `${day}|${calendar?.key ?? ''}`;
/** Where a click on an empty day proposes a new activity: 09:00–10:00. */
const DEFAULT_START = 9 * 60;

/**
 * Dragging items from day to day in cell views (same calendar only, same time of day), and clicking or dragging
 * over empty days to create: one day proposes 09:00–10:00, several days an all-day activity.
 */
export function useCellDrag({
  base,
  onMove,
  onCreate,
  calendars,
}: {
  base: ItemBase;
  onMove: MoveHandler;
  onCreate?: (draft: CreateDraft) => void;
  calendars: Calendar[];
}) {
  const { tz } = base;
  const [target, setTarget] = useState<string | null>(null);
  const [dragging, setDragging] = useState<Entry | null>(null);
  const [range, setRange] = useState<{ cal: string; a: Day; b: Day } | null>(null);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const label = useRef<HTMLDivElement>(null);
  const latest = useRef({ base, onMove, onCreate, calendars });
  latest.current = { base, onMove, onCreate, calendars };

  const actions = useMemo<ItemActions>(
    () => ({
      ...base,
      onPointerDown: (e: PointerEvent<HTMLElement>, entry: Entry) => {
        const origin = cellAt(e.clientX, e.clientY);
        let over: Cell | null = origin;
        startDrag(e, {
          move: (ev) => {
            setDragging(entry);
            if (label.current) label.current.style.transform = `translate(${ev.clientX + 12}px, ${ev.clientY + 8}px)`;
            const cell = cellAt(ev.clientX, ev.clientY);
            over = cell && origin && cell.cal === origin.cal ? cell : origin;
            setTarget(over ? `${over.day}|${over.cal}` : null);
          },
          end: (_ev, moved) => {
            setDragging(null);
            setTarget(null);
            if (!moved) return latest.current.base.onOpen(entry.item);
            const delta = over && origin ? over.day - origin.day : 0;
            if (delta !== 0)
              latest.current.onMove(entry, shiftDays(entry.start, delta, tz), shiftDays(entry.end, delta, tz));
          },
          cancel: () => {
            setDragging(null);
            setTarget(null);
          },
        });
      },
    }),
    [base, tz],
  );

  const onCellPointerDown = (e: PointerEvent<HTMLElement>, day: Day, calendar: Calendar | null) => {
    const create = latest.current.onCreate;
    if (!create || e.target !== e.currentTarget) return;
    const cal = calendar?.key ?? '';
    startDrag(e, {
      move: (ev) => {
        const cell = cellAt(ev.clientX, ev.clientY);
        const to = cell && cell.cal === cal ? cell.day : day;
        setRange({ cal, a: Math.min(day, to), b: Math.max(day, to) });
      },
      end: (_ev, moved) => {
        const r = rangeRef.current;
        setRange(null);
        const span = moved && r ? r : { cal, a: day, b: day };
        const allDay = span.a !== span.b;
        const startMin = allDay ? 0 : DEFAULT_START;
        create({
          start: new Date(instantOf(span.a, startMin, tz)).toISOString(),
          end: new Date(allDay ? instantOf(span.b + 1, 0, tz) : instantOf(span.a, startMin + 60, tz)).toISOString(),
          allDay,
          calendar,
        });
      },
      cancel: () => setRange(null),
    });
  };

  const isSelected = (day: Day, calendar: Calendar | null) =>
    range !== null && range.cal === (calendar?.key ?? '') && day >= range.a && day <= range.b;

  return { actions, target, dragging, label, onCellPointerDown, isSelected };
}
