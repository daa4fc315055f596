import { useMe } from '../../lib/session.ts';

/**
 * Wall-clock times in a time zone. The date inputs work with local strings (`YYYY-MM-DD HH:mm:ss`); the
 * server with UTC instants. These helpers turn one into the other in the user's time zone, not the browser's.
 */

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

/** The user's time zone: from their profile once the server tells it, else the browser's. */
export function useTimeZone(): string {
  const tz = useMe().data?.timeZone;
  return isTimeZone(tz) ? tz : browserTimeZone();
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormat(tz: string) {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(tz, f);
  }
  return f;
}

type Wall = { y: number; mo: number; d: number; h: number; mi: number; s: number };

function wallOf(ms: number, tz: string): Wall {
  const p: Record<string, number> = {};
  for (const part of partsFormat(tz).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    y: p.year ?? 1970,
    mo: p.month ?? 1,
    d: p.day ?? 1,
    h: (p.hour ?? 0) % 24,
    mi: p.minute ?? 0,
    s: p.second ?? 0,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant as `YYYY-MM-DD HH:mm:ss` in the time zone. */
export function toWall(iso: string | Date, tz: string): string {
  const w = wallOf(typeof iso === 'string' ? Date.parse(iso) : iso.getTime(), tz);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** The date part `YYYY-MM-DD` of an instant in the time zone. */
export const toWallDate = (iso: string | Date, tz: string) => toWall(iso, tz).slice(0, 10);

function parseWall(wall: string): Wall | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(wall);
  if (!m) return null;
  return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
}

/**
 * A wall-clock time in the time zone as an ISO instant. A time that does not exist (skipped by a
 * daylight-saving change) moves forward by the gap, as calendars do.
 */
export function fromWall(wall: string, tz: string): string | null {
  const w = parseWall(wall);
  if (!w) return null;
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  const offsetAt = (ms: number) => {
    const x = wallOf(ms, tz);
    return Date.UTC(x.y, x.mo - 1, x.d, x.h, x.mi, x.s) - ms;
  };
  let guess = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(guess);
  if (second !== guess) guess = Math.max(second, guess);
  return new Date(guess).toISOString();
}

/** Adds minutes to a wall-clock string (in wall-clock arithmetic). */
export function addWallMinutes(wall: string, minutes: number): string {
  const w = parseWall(wall);
  if (!w) return wall;
  const t = new Date(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi + minutes, w.s));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(
    t.getUTCMinutes(),
  )}:${pad(t.getUTCSeconds())}`;
}

/** Minutes between two wall-clock strings. */
export function wallMinutesBetween(a: string, b: string): number {
  const x = parseWall(a);
  const y = parseWall(b);
  if (!x || !y) return 0;
  return (Date.UTC(y.y, y.mo - 1, y.d, y.h, y.mi, y.s) - Date.UTC(x.y, x.mo - 1, x.d, x.h, x.mi, x.s)) / 60_000;
}

/** The day of the week (0 = Monday) of a wall-clock date. */
export function wallWeekday(wall: string): number {
  const w = parseWall(wall);
  if (!w) return 0;
  return (new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay() + 6) % 7;
}

/** Start of today, tomorrow and the next Monday in the time zone, as instants. */
export function dayBounds(tz: string, now = new Date()) {
  const today = `${toWallDate(now, tz)} 00:00:00`;
  const startOfToday = fromWall(today, tz) ?? now.toISOString();
  const startOfTomorrow = fromWall(addWallMinutes(today, 24 * 60), tz) ?? now.toISOString();
  return { startOfToday, startOfTomorrow };
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, tz: string, opts: Intl.DateTimeFormatOptions, key: string) {
  const k = `${locale}|${tz}|${key}`;
  let f = fmtCache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz });
    fmtCache.set(k, f);
  }
  return f;
}

/** "12 Mar 2026, 09:30" (or the date alone for all-day and date-only) in the user's time zone and locale. */
export function formatWhen(iso: string | null, allDay: boolean, locale: string, tz: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return allDay
    ? fmt(locale, tz, { dateStyle: 'medium' }, 'd').format(d)
    : fmt(locale, tz, { dateStyle: 'medium', timeStyle: 'short' }, 'dt').format(d);
}

/** "09:30" in the time zone. */
export function formatTime(iso: string, locale: string, tz: string): string {
  return fmt(locale, tz, { timeStyle: 'short' }, 't').format(new Date(iso));
}

/** Weekday names, Monday first, in the locale ("Mon", "Tue", …). */
export function weekdayNames(locale: string, width: 'short' | 'narrow' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}
