import type { CSSProperties, RefObject } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Calendar, type Entry, entriesByDay, inCalendar } from '../layout.ts';
import { civil, type Day, formatDayKey, isoWeek } from '../time.ts';
import classes from './diary.module.css';
import { type ItemActions, ItemChip } from './diary-item.tsx';
import type { CreateDraft, ItemBase, MoveHandler } from './time-grid.tsx';
import { cellKey, useCellDrag } from './use-cell-drag.ts';

type CellViewProps = {
  first: Day;
  days: number;
  entries: Entry[];
  base: ItemBase;
  today: Day;
  onDayClick: (day: Day) => void;
  onCreate?: (draft: CreateDraft) => void;
  onMove: MoveHandler;
};

function DragLabel({
  entry,
  actions,
  label,
}: {
  entry: Entry | null;
  actions: ItemActions;
  label: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div ref={label} className={classes.dragLabel} style={{ left: 0, top: 0, display: entry ? undefined : 'none' }}>
      {entry && <ItemChip entry={entry} actions={actions} filled showTime />}
    </div>
  );
}

/** How many chips fit in a cell of the given height (the day number takes the top). */
const fitChips = (height: number) => Math.max(1, Math.floor((height - 34) / 23));

/** A month: weeks Monday to Sunday with their ISO numbers, items as chips, "+n more" opening the day. */
export function MonthGrid({
  first,
  days,
  entries,
  base,
  today,
  onDayClick,
  onCreate,
  onMove,
  month,
}: CellViewProps & { month: number }) {
  const { t } = useTranslation();
  const { fmt } = base;
  const weeks = days / 7;
  const byDay = useMemo(() => entriesByDay(entries, first, days), [entries, first, days]);
  const drag = useCellDrag({ base, onMove, onCreate, calendars: [] });
  const grid = useRef<HTMLDivElement>(null);
  const [maxChips, setMaxChips] = useState(3);
  useEffect(() => {
    const el = grid.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setMaxChips(fitChips(el.clientHeight / weeks)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [weeks]);

  const cols = { gridTemplateColumns: '36px repeat(7, minmax(0, 1fr))' } as CSSProperties;
  return (
    <div className={classes.frame} data-testid="diary-month">
      <div className={classes.cellsHead} style={cols}>
        <div />
        {Array.from({ length: 7 }, (_, i) => first + i).map((day) => (
          <div key={day} className={classes.cellsHeadCell}>
            {fmt.weekdayShort(day)}
          </div>
        ))}
      </div>
      <div
        className={classes.cells}
        style={{ ...cols, gridTemplateRows: `repeat(${weeks}, minmax(96px, 1fr))` }}
        ref={grid}
      >
        {Array.from({ length: weeks }, (_, w) => first + w * 7).map((monday) => {
          return [
            <div key={`w${monday}`} className={classes.rowLabel} style={{ borderBottom: 0, textAlign: 'center' }}>
              {t('diary.weekShort', { week: isoWeek(monday) })}
            </div>,
            ...Array.from({ length: 7 }, (_, i) => {
              const day = monday + i;
              const list = byDay.get(day) ?? [];
              const shown = list.length > maxChips ? list.slice(0, maxChips - 1) : list;
              const key = cellKey(day, null);
              const cls = [
                classes.cell,
                civil(day).m !== month ? classes.cellOther : '',
                day === today ? classes.cellToday : '',
                drag.target === key || drag.isSelected(day, null) ? classes.cellTarget : '',
                onCreate ? classes.canCreate : '',
              ].join(' ');
              return (
                <div
                  key={day}
                  className={cls}
                  data-cell-day={day}
                  data-cell-cal=""
                  data-testid="diary-cell"
                  data-day={formatDayKey(day)}
                  onPointerDown={(e) => drag.onCellPointerDown(e, day, null)}
                >
                  <button type="button" className={classes.cellDay} onClick={() => onDayClick(day)}>
                    {fmt.dayNumber(day)}
                  </button>
                  {shown.map((e) => (
                    <ItemChip
                      key={e.key}
                      entry={e}
                      actions={drag.actions}
                      filled={e.item.allDay}
                      showTime={e.firstDay < day ? 'continued' : true}
                      dimmed={drag.dragging?.key === e.key}
                    />
                  ))}
                  {shown.length < list.length && (
                    <button type="button" className={classes.more} onClick={() => onDayClick(day)}>
                      {t('diary.more', { count: list.length - shown.length })}
                    </button>
                  )}
                </div>
              );
            }),
          ];
        })}
      </div>
      <DragLabel entry={drag.dragging} actions={drag.actions} label={drag.label} />
    </div>
  );
}

/** The group week: one row per colleague or room, one cell per day. */
export function GroupWeek({
  first,
  days,
  entries,
  base,
  today,
  onDayClick,
  onCreate,
  onMove,
  calendars,
}: CellViewProps & { calendars: Calendar[] }) {
  const { t } = useTranslation();
  const { fmt } = base;
  const byDay = useMemo(() => entriesByDay(entries, first, days), [entries, first, days]);
  const drag = useCellDrag({ base, onMove, onCreate, calendars });
  const cols = { gridTemplateColumns: `180px repeat(${days}, minmax(0, 1fr))` } as CSSProperties;
  const dayList = Array.from({ length: days }, (_, i) => first + i);
  return (
    <div className={classes.frame} data-testid="diary-group-week">
      <div className={classes.cellsHead} style={cols}>
        <div className={classes.cellsHeadCell} style={{ borderLeft: 0 }}>
          {t('diary.week', { week: isoWeek(first) })}
        </div>
        {dayList.map((day) => (
          <button
            type="button"
            key={day}
            className={`${classes.colHead} ${day === today ? classes.colHeadToday : ''}`}
            onClick={() => onDayClick(day)}
          >
            <span className={classes.weekdayName}>{fmt.weekdayShort(day)}</span>
            <span className={classes.dayNum} style={{ fontSize: 'var(--mantine-font-size-md)', height: 24 }}>
              {fmt.dayNumber(day)}
            </span>
          </button>
        ))}
      </div>
      <div className={classes.cells} style={{ ...cols, gridAutoRows: 'minmax(72px, auto)', alignContent: 'start' }}>
        {calendars.map((cal) => [
          <div key={`${cal.key}:name`} className={classes.rowLabel} data-testid="diary-row" data-calendar={cal.key}>
            <span className={classes.rowLabelName}>{cal.name}</span>
            {cal.detail}
          </div>,
          ...dayList.map((day) => {
            const list = (byDay.get(day) ?? []).filter((e) => inCalendar(e.item, cal));
            const key = cellKey(day, cal);
            const cls = [
              classes.cell,
              classes.groupCell,
              day === today ? classes.cellToday : '',
              drag.target === key || drag.isSelected(day, cal) ? classes.cellTarget : '',
              onCreate ? classes.canCreate : '',
            ].join(' ');
            return (
              <div
                key={key}
                className={cls}
                data-cell-day={day}
                data-cell-cal={cal.key}
                data-testid="diary-cell"
                data-day={formatDayKey(day)}
                data-calendar={cal.key}
                onPointerDown={(e) => drag.onCellPointerDown(e, day, cal)}
              >
                {list.map((e) => (
                  <ItemChip
                    key={e.key}
                    entry={e}
                    actions={drag.actions}
                    filled={e.item.allDay}
                    showTime={e.firstDay < day ? 'continued' : true}
                    dimmed={drag.dragging?.key === e.key}
                  />
                ))}
              </div>
            );
          }),
        ])}
      </div>
      <DragLabel entry={drag.dragging} actions={drag.actions} label={drag.label} />
    </div>
  );
}
