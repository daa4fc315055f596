import { IANAZone } from 'luxon';

/**
 * RFC 5545 recurrence (RRULE) expansion, computed in the wall-clock time of the activity's time zone, so a
 * weekly 09:00 meeting stays 09:00 local across daylight-saving changes (its UTC offset changes instead).
 *
 * Understood: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (with ordinals such as 2TU or
 * -1FR for MONTHLY and YEARLY), BYMONTHDAY (negative counts from the month's end), BYMONTH, BYSETPOS and WKST.
 * DTSTART is always the first occurrence. A local time that does not exist (the spring-forward gap) is read
 * with the UTC offset before the gap (RFC 5545 §3.3.5: 02:30 becomes 03:30); a local time that occurs twice
 * (fall back) means its first occurrence. All-day occurrences are dates: local midnights in the time zone.
 */

export type RecurringSource = {
  start: Date;
  end: Date | null;
  allDay: boolean;
  timeZone: string;
  rrule: string | null;
  exdates: Date[];
};

export type Occurrence = { occurrenceStart: Date; start: Date; end: Date | null };

type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
/** wd: 1 = Monday … 7 = Sunday; n: 0 = every such weekday, else the n-th (negative: from the end). */
type ByDay = { n: number; wd: number };
type Until = { kind: 'utc'; ms: number } | { kind: 'local'; day: number; secs: number } | { kind: 'date'; day: number };
type Rule = {
  freq: Freq;
  interval: number;
  count: number | null;
  until: Until | null;
  byDay: ByDay[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  wkst: number;
};

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const MS_DAY = 86_400_000;
/** No rule is expanded past this many periods (days, weeks, months or years): a rule that (almost) never matches ends. */
const MAX_PERIODS = 50_000;
/** Nor past this many occurrences in one call. */
const DEFAULT_MAX = 5_000;
export const MAX_COUNT = 5_000;

class RRuleError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01 in a calendar without a time zone)

const dayNumber = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / MS_DAY);
function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
const weekday = (day: number) => ((new Date(day * MS_DAY).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RRuleError(`Unknown time zone ${timeZone}`);
  return zone;
}

/** The instant of a wall-clock time in a zone: gap times use the offset before the gap; repeated times the first. */
function localToInstant(zone: IANAZone, day: number, secs: number): number {
  const wall = day * MS_DAY + secs * 1000;
  const before = zone.offset(wall - 36 * 3_600_000);
  const candidates = [before, zone.offset(wall), zone.offset(wall + 36 * 3_600_000)]
    .map((offset) => wall - offset * 60_000)
    .filter((ts) => zone.offset(ts) === (wall - ts) / 60_000)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before * 60_000;
}

/** The wall-clock day number and seconds after midnight of an instant in a zone. */
function instantToLocal(zone: IANAZone, ms: number): { day: number; secs: number } {
  const wall = ms + zone.offset(ms) * 60_000;
  const day = Math.floor(wall / MS_DAY);
  return { day, secs: Math.round((wall - day * MS_DAY) / 1000) };
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

const intIn = (name: string, value: string, min: number, max: number, allowNegative = false): number => {
  if (!/^[+-]?\d{1,6}$/.test(value)) throw new RRuleError(`${name} must be a whole number, not “${value}”`);
  const n = Number(value);
  const abs = Math.abs(n);
  if ((n < 0 && !allowNegative) || abs < min || abs > max || n === 0) {
    const range = allowNegative ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
    throw new RRuleError(`${name} must be from ${range}, not ${value}`);
  }
  return n;
};

function parseUntil(value: string): Until {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) throw new RRuleError(`UNTIL must be a date (20250131) or a UTC date-time (20250131T235959Z), not “${value}”`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RRuleError(`UNTIL ${value} is not a real date`);
  const day = dayNumber(y, mo, d);
  if (m[4] === undefined) return { kind: 'date', day };
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || s > 60) throw new RRuleError(`UNTIL ${value} is not a real time`);
  const secs = h * 3600 + mi * 60 + Math.min(s, 59);
  return m[7] ? { kind: 'utc', ms: day * MS_DAY + secs * 1000 } : { kind: 'local', day, secs };
}

function parseRule(text: string): Rule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') throw new RRuleError('The recurrence rule is empty');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new RRuleError(`“${part}” is not NAME=VALUE`);
    const name = part.slice(0, eq).toUpperCase();
    if (parts.has(name)) throw new RRuleError(`${name} is given twice`);
    parts.set(name, part.slice(eq + 1).toUpperCase());
  }
  const freqText = parts.get('FREQ');
  if (!freqText) throw new RRuleError('FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freqText)) {
    throw new RRuleError(`FREQ=${freqText} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY`);
  }
  const freq = freqText as Freq;
  const rule: Rule = {
    freq,
    interval: 1,
    count: null,
    until: null,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    bySetPos: [],
    wkst: 1,
  };
  const list = (value: string) => {
    const items = value.split(',');
    if (items.some((i) => i === '')) throw new RRuleError(`“${value}” has an empty item`);
    return items;
  };
  for (const [name, value] of parts) {
    switch (name) {
      case 'FREQ':
        break;
      case 'INTERVAL':
        rule.interval = intIn('INTERVAL', value, 1, 1000);
        break;
      case 'COUNT':
        rule.count = intIn('COUNT', value, 1, MAX_COUNT);
        break;
      case 'UNTIL':
        rule.until = parseUntil(value);
        break;
      case 'WKST': {
        const wd = DAY_CODES.indexOf(value);
        if (wd < 0) throw new RRuleError(`WKST must be a weekday (MO … SU), not “${value}”`);
        rule.wkst = wd + 1;
        break;
      }
      case 'BYDAY':
        rule.byDay = list(value).map((item) => {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
          if (!m) throw new RRuleError(`BYDAY “${item}” is not a weekday such as MO, 2TU or -1FR`);
          const n = m[1] === undefined ? 0 : Number(m[1]);
          if (m[1] !== undefined) {
            if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
              throw new RRuleError(`BYDAY=${item}: a numbered weekday needs FREQ=MONTHLY or YEARLY`);
            }
            const max = freq === 'MONTHLY' || parts.has('BYMONTH') ? 5 : 53;
            if (n === 0 || Math.abs(n) > max)
              throw new RRuleError(`BYDAY=${item}: the number must be 1 to ${max} or -1 to -${max}`);
          }
          return { n, wd: DAY_CODES.indexOf(m[2] as string) + 1 };
        });
        break;
      case 'BYMONTHDAY':
        if (freq === 'WEEKLY') throw new RRuleError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
        rule.byMonthDay = list(value).map((v) => intIn('BYMONTHDAY', v, 1, 31, true));
        break;
      case 'BYMONTH':
        rule.byMonth = list(value).map((v) => intIn('BYMONTH', v, 1, 12));
        break;
      case 'BYSETPOS':
        rule.bySetPos = list(value).map((v) => intIn('BYSETPOS', v, 1, 366, true));
        break;
      case 'BYWEEKNO':
      case 'BYYEARDAY':
      case 'BYHOUR':
      case 'BYMINUTE':
      case 'BYSECOND':
        throw new RRuleError(`${name} is not supported`);
      default:
        throw new RRuleError(`${name} is not a recurrence rule part`);
    }
  }
  if (rule.count !== null && rule.until !== null) throw new RRuleError('COUNT and UNTIL cannot both be given');
  if (rule.bySetPos.length > 0 && rule.byDay.length + rule.byMonthDay.length + rule.byMonth.length === 0) {
    throw new RRuleError('BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH');
  }
  if (rule.bySetPos.length > 0 && rule.freq === 'DAILY')
    throw new RRuleError('BYSETPOS cannot be used with FREQ=DAILY');
  return rule;
}

/** Null when `rrule` is a recurrence rule Rapport can expand; otherwise a message for the user. */
export function checkRRule(rrule: string): string | null {
  try {
    parseRule(rrule);
    return null;
  } catch (err) {
    if (err instanceof RRuleError) return err.message;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Expansion

function matchesByDay(rule: Rule, day: number, scope: 'month' | 'year'): boolean {
  const wd = weekday(day);
  const { y, m, d } = ymd(day);
  for (const bd of rule.byDay) {
    if (bd.wd !== wd) continue;
    if (bd.n === 0) return true;
    const index = scope === 'month' ? d : day - dayNumber(y, 1, 1) + 1;
    const length = scope === 'month' ? daysInMonth(y, m) : dayNumber(y + 1, 1, 1) - dayNumber(y, 1, 1);
    const nth = bd.n > 0 ? Math.floor((index - 1) / 7) + 1 : -(Math.floor((length - index) / 7) + 1);
    if (nth === bd.n) return true;
  }
  return false;
}

function monthDays(rule: Rule, y: number, m: number): number[] {
  const dim = daysInMonth(y, m);
  const out: number[] = [];
  for (const md of rule.byMonthDay) {
    const d = md > 0 ? md : dim + md + 1;
    if (d >= 1 && d <= dim) out.push(dayNumber(y, m, d));
  }
  return out;
}

function allDaysOfMonth(y: number, m: number): number[] {
  const first = dayNumber(y, m, 1);
  return Array.from({ length: daysInMonth(y, m) }, (_, i) => first + i);
}

/** The candidate days of one period, sorted, after BYSETPOS. */
function periodDays(rule: Rule, start: { day: number; y: number; m: number; d: number }, k: number): number[] {
  let days: number[] = [];
  const inMonths = (day: number) => rule.byMonth.length === 0 || rule.byMonth.includes(ymd(day).m);
  switch (rule.freq) {
    case 'DAILY': {
      const day = start.day + k * rule.interval;
      const { y, m } = ymd(day);
      const okMonthDay = rule.byMonthDay.length === 0 || monthDays(rule, y, m).includes(day);
      const okDay = rule.byDay.length === 0 || rule.byDay.some((b) => b.wd === weekday(day));
      if (inMonths(day) && okMonthDay && okDay) days = [day];
      break;
    }
    case 'WEEKLY': {
      const weekStart = start.day - ((weekday(start.day) - rule.wkst + 7) % 7) + 7 * k * rule.interval;
      if (rule.byDay.length === 0) days = [start.day + 7 * k * rule.interval];
      else {
        for (let i = 0; i < 7; i++) {
          const day = weekStart + i;
          if (rule.byDay.some((b) => b.wd === weekday(day))) days.push(day);
        }
      }
      days = days.filter(inMonths);
      break;
    }
    case 'MONTHLY': {
      const index = start.y * 12 + (start.m - 1) + k * rule.interval;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      if (rule.byMonth.length > 0 && !rule.byMonth.includes(m)) break;
      if (rule.byMonthDay.length > 0) {
        days = monthDays(rule, y, m);
        if (rule.byDay.length > 0) days = days.filter((day) => matchesByDay(rule, day, 'month'));
      } else if (rule.byDay.length > 0) {
        days = allDaysOfMonth(y, m).filter((day) => matchesByDay(rule, day, 'month'));
      } else if (start.d <= daysInMonth(y, m)) {
        days = [dayNumber(y, m, start.d)];
      }
      break;
    }
    case 'YEARLY': {
      const y = start.y + k * rule.interval;
      const months = rule.byMonth.length > 0 ? [...rule.byMonth] : null;
      if (rule.byMonthDay.length > 0) {
        for (const m of months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) days.push(...monthDays(rule, y, m));
        if (rule.byDay.length > 0) days = days.filter((day) => matchesByDay(rule, day, months ? 'month' : 'year'));
      } else if (rule.byDay.length > 0) {
        if (months) {
          for (const m of months) days.push(...allDaysOfMonth(y, m).filter((day) => matchesByDay(rule, day, 'month')));
        } else {
          const first = dayNumber(y, 1, 1);
          const length = dayNumber(y + 1, 1, 1) - first;
          for (let i = 0; i < length; i++) if (matchesByDay(rule, first + i, 'year')) days.push(first + i);
        }
      } else {
        for (const m of months ?? [start.m]) if (start.d <= daysInMonth(y, m)) days.push(dayNumber(y, m, start.d));
      }
      break;
    }
  }
  days = [...new Set(days)].sort((a, b) => a - b);
  if (rule.bySetPos.length > 0 && days.length > 0) {
    const picked = rule.bySetPos
      .map((p) => (p > 0 ? days[p - 1] : days[days.length + p]))
      .filter((d): d is number => d !== undefined);
    days = [...new Set(picked)].sort((a, b) => a - b);
  }
  return days;
}

/** The number of whole periods of `freq` from the period of `fromDay` to that of `toDay` (for skipping ahead). */
function periodsBetween(rule: Rule, fromDay: number, toDay: number): number {
  const a = ymd(fromDay);
  const b = ymd(toDay);
  switch (rule.freq) {
    case 'DAILY':
      return toDay - fromDay;
    case 'WEEKLY':
      return Math.floor((toDay - fromDay) / 7);
    case 'MONTHLY':
      return (b.y - a.y) * 12 + (b.m - a.m);
    case 'YEARLY':
      return b.y - a.y;
  }
}

const LAST_DAY = dayNumber(9999, 12, 31);

/** The first day of period k (counted from the period of DTSTART). */
function periodStart(rule: Rule, start: { day: number; y: number; m: number }, k: number): number {
  switch (rule.freq) {
    case 'DAILY':
      return start.day + k * rule.interval;
    case 'WEEKLY':
      return start.day - ((weekday(start.day) - rule.wkst + 7) % 7) + 7 * k * rule.interval;
    case 'MONTHLY': {
      const index = start.y * 12 + (start.m - 1) + k * rule.interval;
      return index / 12 > 9999 ? LAST_DAY + 1 : dayNumber(Math.floor(index / 12), (index % 12) + 1, 1);
    }
    case 'YEARLY': {
      const y = start.y + k * rule.interval;
      return y > 9999 ? LAST_DAY + 1 : dayNumber(y, 1, 1);
    }
  }
}

type Expanded = { start: number; end: number | null };

/**
 * The occurrences of a source in time order (DTSTART first), as long as `keepGoing` says so. Exdates are NOT
 * removed here. `skipBeforeMs` lets a rule without COUNT start near the window instead of at DTSTART;
 * `stopAfterMs` ends the expansion once whole periods lie after it.
 */
function* expand(src: RecurringSource, skipBeforeMs: number | null, stopAfterMs: number | null): Generator<Expanded> {
  const startMs = src.start.getTime();
  if (!src.rrule && !src.allDay) {
    // One timed occurrence: its own instants, no time zone to consult (that took 8 ms of a diary week of 600).
    yield { start: startMs, end: src.end ? startMs + Math.max(0, src.end.getTime() - startMs) : null };
    return;
  }
  const zone = zoneOf(src.timeZone);
  const local = instantToLocal(zone, startMs);
  const secs = src.allDay ? 0 : local.secs;
  const startInstant = src.allDay ? localToInstant(zone, local.day, 0) : startMs;
  let endOf: (day: number, instant: number) => number | null = () => null;
  if (src.end) {
    if (src.allDay) {
      const days = Math.max(0, instantToLocal(zone, src.end.getTime()).day - local.day);
      endOf = (day) => localToInstant(zone, day + days, 0);
    } else {
      const duration = Math.max(0, src.end.getTime() - startMs);
      endOf = (_day, instant) => instant + duration;
    }
  }
  yield { start: startInstant, end: endOf(local.day, startInstant) };
  if (!src.rrule) return;
  const rule = parseRule(src.rrule);
  const start = { day: local.day, ...ymd(local.day) };
  const stopAfterDay = stopAfterMs === null ? null : instantToLocal(zone, stopAfterMs).day + 1;
  let count = 1;
  let k = 0;
  if (rule.count === null && skipBeforeMs !== null && skipBeforeMs > startMs) {
    const skipDay = instantToLocal(zone, skipBeforeMs).day - 1;
    k = Math.max(0, Math.floor(periodsBetween(rule, local.day, skipDay) / rule.interval) - 1);
  }
  for (let periods = 0; periods < MAX_PERIODS; periods++, k++) {
    const days = periodDays(rule, start, k);
    for (const day of days) {
      if (day <= local.day) continue;
      const instant = localToInstant(zone, day, secs);
      const u = rule.until;
      if (u) {
        if (u.kind === 'utc' && instant > u.ms) return;
        if (u.kind === 'date' && day > u.day) return;
        if (u.kind === 'local' && (day > u.day || (day === u.day && secs > u.secs))) return;
      }
      count++;
      if (rule.count !== null && count > rule.count) return;
      yield { start: instant, end: endOf(day, instant) };
    }
    const next = periodStart(rule, start, k + 1);
    if (next > LAST_DAY || (stopAfterDay !== null && next > stopAfterDay)) return;
  }
}

function exdateFilter(src: RecurringSource): (start: number) => boolean {
  if (src.exdates.length === 0) return () => true;
  const zone = zoneOf(src.timeZone);
  const exact = new Set(src.exdates.map((d) => d.getTime()));
  const days = src.allDay ? new Set(src.exdates.map((d) => instantToLocal(zone, d.getTime()).day)) : null;
  return (start) => !exact.has(start) && !(days?.has(instantToLocal(zone, start).day) ?? false);
}

/**
 * The occurrences of `src` that overlap [from, to), in time order, without its exdates — at most `max`.
 * A non-recurring source yields itself when it overlaps. A task (no end) overlaps when its start lies in the
 * range; an all-day one without an end fills its whole day.
 */
export function occurrencesBetween(src: RecurringSource, from: Date, to: Date, max = DEFAULT_MAX): Occurrence[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const out: Occurrence[] = [];
  if (toMs <= fromMs || max <= 0) return out;
  const keep = exdateFilter(src);
  const zone = src.allDay ? zoneOf(src.timeZone) : null;
  const longest = src.end ? Math.max(0, src.end.getTime() - src.start.getTime()) + 2 * MS_DAY : 2 * MS_DAY;
  for (const occ of expand(src, fromMs - longest, toMs)) {
    if (occ.start >= toMs) break;
    let effectiveEnd = occ.end ?? occ.start;
    if (zone && occ.end === null) effectiveEnd = localToInstant(zone, instantToLocal(zone, occ.start).day + 1, 0);
    const overlaps = effectiveEnd > occ.start ? effectiveEnd > fromMs : occ.start >= fromMs;
    if (!overlaps || !keep(occ.start)) continue;
    out.push({
      occurrenceStart: new Date(occ.start),
      start: new Date(occ.start),
      end: occ.end === null ? null : new Date(occ.end),
    });
    if (out.length >= max) break;
  }
  return out;
}

/** Whether the series ends (COUNT or UNTIL), and if so the end of its last occurrence (null: it never ends). */
export function seriesEnd(src: RecurringSource): Date | null {
  if (!src.rrule) return new Date((src.end ?? src.start).getTime());
  const rule = parseRule(src.rrule);
  if (rule.count === null && rule.until === null) return null;
  let last: Expanded | null = null;
  for (const occ of expand(src, null, null)) last = occ;
  if (!last) return src.start;
  return new Date(last.end ?? last.start);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function formatDay(day: number): string {
  const { y, m, d } = ymd(day);
  return `${pad(y, 4)}${pad(m)}${pad(d)}`;
}
/** A UTC date-time in iCalendar form: 20250131T083000Z. */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * The series' rule ending just before the occurrence that started at `occurrenceStart` (for "this and all
 * following"): COUNT/UNTIL replaced by an UNTIL one second before it (a date, the day before, for all-day).
 */
export function endSeriesBefore(src: RecurringSource, occurrenceStart: Date): string {
  if (!src.rrule) throw new Error('endSeriesBefore needs a recurring source');
  parseRule(src.rrule);
  const kept = src.rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((part) => !/^(COUNT|UNTIL)=/i.test(part));
  const until = src.allDay
    ? formatDay(instantToLocal(zoneOf(src.timeZone), occurrenceStart.getTime()).day - 1)
    : formatUtc(occurrenceStart.getTime() - 1000);
  return [...kept, `UNTIL=${until}`].join(';');
}
