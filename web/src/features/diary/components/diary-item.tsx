import type { DiaryItem } from '@rapport/contracts/activities.ts';
import { IconLock, IconRepeat } from '@tabler/icons-react';
import type { CSSProperties, KeyboardEvent, PointerEvent } from 'react';
import { memo } from 'react';
import type { DiaryFormat } from '../format.ts';
import { type Entry, type Placed, toEntry } from '../layout.ts';
import { formatDayKey, zoned } from '../time.ts';
import classes from './diary.module.css';

/** What every item on screen can do; one stable object per view so items re-render only when they change. */
export type ItemActions = {
  canWrite: boolean;
  fmt: DiaryFormat;
  tz: string;
  colorOf: (item: DiaryItem) => string;
  /** Translated once for all items (a translation hook per item costs too much in a busy week). */
  labels: { complete: string; reopen: string; private: string; recurring: string; resize: string };
  onOpen: (item: DiaryItem) => void;
  onToggleDone: (item: DiaryItem) => void;
  /** Starts a possible drag (or a click, when the pointer does not move). */
  onPointerDown: (e: PointerEvent<HTMLElement>, entry: Entry, mode: 'move' | 'resize') => void;
};

const canComplete = (item: DiaryItem) => item.kind === 'task' || item.kind === 'call';

function openOnKey(e: KeyboardEvent, actions: ItemActions, item: DiaryItem) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    actions.onOpen(item);
  }
}

function DoneBox({ item, actions }: { item: DiaryItem; actions: ItemActions }) {
  if (!canComplete(item)) return null;
  // A plain checkbox: hundreds of them render in a busy week.
  return (
    <input
      type="checkbox"
      className={classes.check}
      checked={item.done}
      disabled={!actions.canWrite}
      aria-label={item.done ? actions.labels.reopen : actions.labels.complete}
      data-testid="diary-item-done"
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={() => actions.onToggleDone(item)}
    />
  );
}

function Marks({ item, actions }: { item: DiaryItem; actions: ItemActions }) {
  return (
    <>
      {item.private && <IconLock size={12} className={classes.icon} aria-label={actions.labels.private} />}
      {item.recurring && <IconRepeat size={12} className={classes.icon} aria-label={actions.labels.recurring} />}
    </>
  );
}

const dataOf = (entry: Entry, tz: string) => ({
  'data-activity-id': entry.item.activityId,
  'data-occurrence': entry.item.occurrenceStart ?? undefined,
  'data-start': entry.item.start,
  'data-day': formatDayKey(zoned(entry.start, tz).day),
});

/**
 * Columns an item covers: an item with later, overlapping ones to its right reaches under them, so its title (above
 * where they start) has room; the later items lie on top.
 */
const widthIn = (p: Placed) => (p.col + p.span >= p.cols ? p.span : Math.min(p.cols - p.col, p.span * 1.7));

/** A timed item on the hours of a day column. */
export const ItemBlock = memo(function ItemBlock({
  placed,
  actions,
  dimmed,
  ghost,
}: {
  placed: Placed;
  actions: ItemActions;
  dimmed?: boolean;
  ghost?: boolean;
}) {
  const { entry } = placed;
  const { item } = entry;
  const minutes = placed.endMin - placed.startMin;
  const short = minutes < 45;
  const style = {
    '--c': actions.colorOf(item),
    top: `${(placed.startMin / 1440) * 100}%`,
    height: `max(${(minutes / 1440) * 100}%, 15px)`,
    left: `calc(${(placed.col / placed.cols) * 100}% + 1px)`,
    width: `calc(${(widthIn(placed) / placed.cols) * 100}% - 4px)`,
    '--z': 1 + placed.col,
  } as CSSProperties;
  const time = `${placed.continuesBefore ? '… ' : ''}${actions.fmt.timeRange(entry.start, entry.end)}`;
  const cls = [
    classes.block,
    short ? classes.short : '',
    item.done ? classes.done : '',
    dimmed ? classes.dimmed : '',
    ghost ? classes.ghost : '',
  ].join(' ');
  const movable = actions.canWrite && !ghost;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a button cannot hold the checkbox for quick completion
    <div
      role="button"
      tabIndex={ghost ? -1 : 0}
      className={cls}
      style={style}
      data-testid={ghost ? 'diary-ghost' : 'diary-item'}
      {...dataOf(entry, actions.tz)}
      title={`${time} ${item.title}${item.companyName ? ` · ${item.companyName}` : ''}`}
      onPointerDown={movable ? (e) => actions.onPointerDown(e, entry, 'move') : undefined}
      onClick={movable ? undefined : () => actions.onOpen(item)}
      onKeyDown={(e) => openOnKey(e, actions, item)}
    >
      {short ? (
        <>
          <DoneBox item={item} actions={actions} />
          <div className={classes.blockTitle}>
            <span>{item.title}</span>
            <Marks item={item} actions={actions} />
          </div>
          <span className={classes.blockTime}>{actions.fmt.time(entry.start)}</span>
        </>
      ) : (
        <>
          <div className={classes.blockTitle}>
            <DoneBox item={item} actions={actions} />
            <span>{item.title}</span>
            <Marks item={item} actions={actions} />
          </div>
          <div className={classes.blockTime}>{time}</div>
          {(item.companyName || item.location) && minutes >= 60 && (
            <div className={classes.blockMeta}>{[item.companyName, item.location].filter(Boolean).join(' · ')}</div>
          )}
        </>
      )}
      {movable && !placed.continuesAfter && (
        <div
          className={classes.resizeHandle}
          title={actions.labels.resize}
          onPointerDown={(e) => {
            e.stopPropagation();
            actions.onPointerDown(e, entry, 'resize');
          }}
        />
      )}
    </div>
  );
});

/** One line for an item: in the all-day row, a month day, a colleague's day in the group week. */
export const ItemChip = memo(function ItemChip({
  entry,
  actions,
  filled,
  showTime,
  style,
  dimmed,
}: {
  entry: Entry;
  actions: ItemActions;
  /** Filled with the item's colour (all-day items); otherwise a coloured dot. */
  filled?: boolean;
  /** The time of day it starts; `continued` for a day after the one it started on. */
  showTime?: boolean | 'continued';
  style?: CSSProperties;
  dimmed?: boolean;
}) {
  const { item } = entry;
  const cls = [
    classes.chip,
    filled ? classes.chipFilled : '',
    item.done ? classes.done : '',
    dimmed ? classes.dimmed : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // biome-ignore lint/a11y/useSemanticElements: a button cannot hold the checkbox for quick completion
    <div
      role="button"
      tabIndex={0}
      className={cls}
      style={{ '--c': actions.colorOf(item), ...style } as CSSProperties}
      data-testid="diary-item"
      {...dataOf(entry, actions.tz)}
      title={item.title}
      onPointerDown={actions.canWrite ? (e) => actions.onPointerDown(e, entry, 'move') : undefined}
      onClick={actions.canWrite ? undefined : () => actions.onOpen(item)}
      onKeyDown={(e) => openOnKey(e, actions, item)}
    >
      {canComplete(item) ? <DoneBox item={item} actions={actions} /> : !filled && <span className={classes.dot} />}
      {showTime && !item.allDay && (
        <span className={classes.chipTime}>{showTime === 'continued' ? '…' : actions.fmt.time(entry.start)}</span>
      )}
      <span className={classes.chipTitle}>{item.title}</span>
      <Marks item={item} actions={actions} />
    </div>
  );
});

/** A stand-in entry for an item being dragged to a new time. */
export const movedEntry = (entry: Entry, start: number, end: number, tz: string): Entry =>
  toEntry(
    {
      ...entry.item,
      start: new Date(start).toISOString(),
      end: entry.item.end === null ? null : new Date(end).toISOString(),
    },
    tz,
  );
