import type { DiaryItem } from '@rapport/contracts/activities.ts';
import { addMonths, type Day, instantOf, startOfMonth, startOfWeek, zoned } from './time.ts';

export type DiaryViewName = 'day' | 'week' | 'month' | 'agenda';
export const DIARY_VIEWS: readonly DiaryViewName[] = ['day', 'week', 'month', 'agenda'];
/** How many days the agenda lists. */
export const AGENDA_DAYS = 14;

/** A calendar shown in the group view: a colleague's or a room's. */
export type Calendar = { key: string; kind: 'user' | 'resource'; id: string; name: string; detail?: string };

export function viewRange(view: DiaryViewName, date: Day): { first: Day; days: number } {
  if (view === 'day') return { first: date, days: 1 };
  if (view === 'week') return { first: startOfWeek(date), days: 7 };
  if (view === 'agenda') return { first: date, days: AGENDA_DAYS };
  const first = startOfWeek(startOfMonth(date));
  const last = startOfWeek(startOfMonth(addMonths(date, 1)) - 1) + 6;
  return { first, days: last - first + 1 };
}

/** The date the previous/next button goes to. */
export function stepDate(view: DiaryViewName, date: Day, dir: 1 | -1): Day {
  if (view === 'day') return date + dir;
  if (view === 'week') return date + 7 * dir;
  if (view === 'agenda') return date + AGENDA_DAYS * dir;
  return addMonths(date, dir);
}

// ---------------------------------------------------------------------------------------------------------------
// Entries: items with their instants and days worked out once

export type Entry = {
  key: string;
  item: DiaryItem;
  start: number;
  /** Exclusive; a call without an end shows as half an hour. */
  end: number;
  /** All-day items and tasks sit in the all-day row rather than on the hours. */
  allDayRow: boolean;
  firstDay: Day;
  lastDay: Day;
};

const HALF_DAY = 43_200_000;
export const entryKey = (i: Pick<DiaryItem, 'activityId' | 'occurrenceStart'>) =>
  `${i.activityId}:${i.occurrenceStart ?? ''}`;

export function toEntry(item: DiaryItem, tz: string): Entry {
  const start = Date.parse(item.start);
  const rawEnd = item.end ? Date.parse(item.end) : Number.NaN;
  const end = rawEnd > start ? rawEnd : start + 30 * 60_000;
  const allDayRow = item.allDay || item.kind === 'task';
  let firstDay: Day;
  let lastDay: Day;
  if (item.allDay) {
    // An all-day item is midnight to midnight in the zone it was made in; the middle of its days is the same
    // date anywhere within twelve hours of that zone.
    firstDay = zoned(start + HALF_DAY, tz).day;
    lastDay = Math.max(firstDay, item.end ? zoned(Date.parse(item.end) - HALF_DAY, tz).day : firstDay);
  } else if (item.kind === 'task') {
    firstDay = zoned(start, tz).day;
    lastDay = firstDay;
  } else {
    firstDay = zoned(start, tz).day;
    lastDay = Math.max(firstDay, zoned(end - 1, tz).day);
  }
  return { key: entryKey(item), item, start, end, allDayRow, firstDay, lastDay: Math.min(lastDay, firstDay + 400) };
}

/** Entries per day, each day's list in the order a day shows them: all-day items first, then by time. */
export function entriesByDay(entries: Entry[], first: Day, days: number): Map<Day, Entry[]> {
  const map = new Map<Day, Entry[]>();
  for (const e of entries) {
    const from = Math.max(e.firstDay, first);
    const to = Math.min(e.lastDay, first + days - 1);
    for (let d = from; d <= to; d++) {
      let list = map.get(d);
      if (!list) {
        list = [];
        map.set(d, list);
      }
      list.push(e);
    }
  }
  for (const list of map.values()) list.sort(compareEntries);
  return map;
}

export function compareEntries(a: Entry, b: Entry): number {
  if (a.item.allDay !== b.item.allDay) return a.item.allDay ? -1 : 1;
  return a.start - b.start || b.end - a.end || a.item.title.localeCompare(b.item.title);
}

export function inCalendar(item: DiaryItem, cal: Calendar | null): boolean {
  if (!cal) return true;
  return cal.kind === 'user'
    ? item.ownerId === cal.id || item.userIds.includes(cal.id)
    : item.resourceIds.includes(cal.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Timed items on the hours: overlapping items side by side

export type Placed = {
  entry: Entry;
  startMin: number;
  endMin: number;
  /** Column within its group of overlapping items, how many columns that group has, how many it may fill. */
  col: number;
  cols: number;
  span: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
};

/** The smallest height an item is laid out with, so short items stay readable and do not overlap. */
const MIN_LAYOUT_MINUTES = 15;

export function placeTimed(entries: Entry[], day: Day, tz: string): Placed[] {
  const dayStart = instantOf(day, 0, tz);
  const dayEnd = instantOf(day + 1, 0, tz);
  const placed: Placed[] = [];
  for (const e of entries) {
    if (e.allDayRow || e.end <= dayStart || e.start >= dayEnd) continue;
    const startMin = e.start <= dayStart ? 0 : zoned(e.start, tz).minute;
    const endMin = e.end >= dayEnd ? 1440 : Math.max(zoned(e.end, tz).minute, startMin + 1);
    placed.push({
      entry: e,
      startMin,
      endMin,
      col: 0,
      cols: 1,
      span: 1,
      continuesBefore: e.start < dayStart,
      continuesAfter: e.end > dayEnd,
    });
  }
  placed.sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin);
  const bottom = (p: Placed) => Math.max(p.endMin, p.startMin + MIN_LAYOUT_MINUTES);

  let group: Placed[] = [];
  let columnEnds: number[] = [];
  let groupEnd = -1;
  const close = () => {
    for (const p of group) {
      p.cols = columnEnds.length;
      // Widen into the columns to the right that stay free for the whole item.
      let span = 1;
      for (let c = p.col + 1; c < columnEnds.length; c++) {
        const blocked = group.some((o) => o.col === c && o.startMin < bottom(p) && bottom(o) > p.startMin);
        if (blocked) break;
        span++;
      }
      p.span = span;
    }
    group = [];
    columnEnds = [];
  };
  for (const p of placed) {
    if (p.startMin >= groupEnd) {
      close();
      groupEnd = -1;
    }
    let col = columnEnds.findIndex((end) => end <= p.startMin);
    if (col === -1) {
      col = columnEnds.length;
      columnEnds.push(0);
    }
    columnEnds[col] = bottom(p);
    p.col = col;
    group.push(p);
    groupEnd = Math.max(groupEnd, bottom(p));
  }
  close();
  return placed;
}

// ---------------------------------------------------------------------------------------------------------------
// The all-day row: items spanning consecutive columns, packed into lanes

export type Lane = { entry: Entry; colStart: number; colEnd: number; lane: number };

export function packAllDay(
  entries: Entry[],
  columns: { day: Day; calendar: Calendar | null }[],
): { segments: Lane[]; lanes: number } {
  const segments: Lane[] = [];
  for (const e of entries) {
    if (!e.allDayRow) continue;
    let runStart = -1;
    for (let c = 0; c <= columns.length; c++) {
      const col = columns[c];
      const prev = columns[c - 1];
      const inside =
        col !== undefined && col.day >= e.firstDay && col.day <= e.lastDay && inCalendar(e.item, col.calendar);
      // A run continues only across consecutive days of the same calendar.
      const continues = inside && runStart !== -1 && prev?.calendar?.key === col?.calendar?.key;
      if (runStart !== -1 && !continues) {
        segments.push({ entry: e, colStart: runStart, colEnd: c - 1, lane: 0 });
        runStart = -1;
      }
      if (inside && runStart === -1) runStart = c;
    }
  }
  segments.sort(
    (a, b) =>
      a.colStart - b.colStart || b.colEnd - b.colStart - (a.colEnd - a.colStart) || compareEntries(a.entry, b.entry),
  );
  const laneEnds: number[] = [];
  for (const s of segments) {
    let lane = laneEnds.findIndex((end) => end < s.colStart);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = s.colEnd;
    s.lane = lane;
  }
  return { segments, lanes: laneEnds.length };
}
