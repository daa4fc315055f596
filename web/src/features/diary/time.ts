/**
 * Calendar arithmetic for the diary in the user's time zone, without a date library.
 *
 * A civil date is a `Day`: the number of days since 1970-01-01 (so "next day" is `+ 1` and a week is `+ 7`).
 * An instant is milliseconds since the epoch. Converting between the two goes through the zone's UTC offset,
 * read with Intl once per zone and quarter hour (zone transitions fall on quarter hours), which keeps laying
 * out a few hundred items cheap.
 */
export type Day = number;

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export const dayOf = (y: number, m: number, d: number): Day => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
export const civil = (day: Day) => {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
};
/** A Date whose UTC fields are the civil date, for Intl formatting with `timeZone: 'UTC'`. */
export const utcDate = (day: Day, minute = 0) => new Date(day * DAY_MS + minute * MIN_MS);

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekday = (day: Day) => (((day + 3) % 7) + 7) % 7;
export const startOfWeek = (day: Day): Day => day - weekday(day);
export const startOfMonth = (day: Day): Day => {
  const { y, m } = civil(day);
  return dayOf(y, m, 1);
};
export const addMonths = (day: Day, n: number): Day => {
  const { y, m, d } = civil(day);
  const first = dayOf(y, m + n, 1);
  const { y: y2, m: m2 } = civil(first);
  const last = dayOf(y2, m2 + 1, 0);
  return Math.min(first + d - 1, last);
};

/** ISO 8601 week number: the week with the year's first Thursday is week 1. */
export function isoWeek(day: Day): number {
  const thursday = day - weekday(day) + 3;
  const { y } = civil(thursday);
  return Math.floor((thursday - dayOf(y, 1, 1)) / 7) + 1;
}

export const formatDayKey = (day: Day): string => {
  const { y, m, d } = civil(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
export function parseDayKey(key: string | undefined): Day | null {
  const m = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null;
  if (!m) return null;
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return formatDayKey(day) === key ? day : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones

const partsFormats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

/** The browser's zone; used when the user has not chosen one. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minutes to add to UTC to get the wall clock of `tz` at instant `ms`. */
export function offsetAt(ms: number, tz: string): number {
  let cache = offsets.get(tz);
  if (!cache) {
    cache = new Map();
    offsets.set(tz, cache);
  }
  const bucket = Math.floor(ms / (15 * MIN_MS));
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  let f = partsFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormats.set(tz, f);
  }
  const at = bucket * 15 * MIN_MS;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  const offset = Math.round((wall - at) / MIN_MS);
  if (cache.size > 20_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/** The wall-clock date and minute of the day of an instant in `tz`. */
export function zoned(ms: number, tz: string): { day: Day; minute: number } {
  const local = ms + offsetAt(ms, tz) * MIN_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / MIN_MS) };
}

/** The instant of a wall-clock time in `tz` (a time skipped by a daylight-saving change moves forward). */
export function instantOf(day: Day, minute: number, tz: string): number {
  const local = day * DAY_MS + minute * MIN_MS;
  const o1 = offsetAt(local, tz);
  let t = local - o1 * MIN_MS;
  const o2 = offsetAt(t, tz);
  if (o2 !== o1) t = local - o2 * MIN_MS;
  return t;
}

export const todayIn = (tz: string, now = Date.now()): Day => zoned(now, tz).day;
