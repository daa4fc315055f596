import { IANAZone } from 'luxon';
import { formatUtc } from '../activities/recurrence.ts';

/**
 * An RFC 5545 iCalendar writer: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character),
 * TEXT escaped (\\ ; , and newlines), a generated VTIMEZONE for every TZID used, DATE values for all-day
 * events, RRULE/EXDATE for series and a VEVENT with RECURRENCE-ID for each changed occurrence.
 *
 * Tasks are written as VEVENTs, not VTODOs: Google Calendar, Outlook and Apple Calendar all ignore VTODO in a
 * subscribed calendar or an e-mailed file, so a task would simply not appear. A task is a zero-length event at
 * its due time (or an all-day event on its due date), TRANSP:TRANSPARENT so it does not block free/busy time,
 * with CATEGORIES:Task and a ✓ before the title once it is done.
 */

export type IcsPerson = { name: string | null; email: string };
export type IcsAttendee = IcsPerson & {
  partstat: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
  rsvp?: boolean;
};

export type IcsEvent = {
  uid: string;
  sequence: number;
  kind: 'task' | 'call' | 'meeting';
  title: string;
  description: string;
  location: string | null;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timeZone: string;
  done?: boolean;
  priority?: 'low' | 'normal' | 'high';
  rrule?: string | null;
  exdates?: Date[];
  /** Set on a changed occurrence of a series: its original start. */
  recurrenceId?: Date | null;
  status?: 'CONFIRMED' | 'CANCELLED';
  organizer?: IcsPerson | null;
  attendees?: IcsAttendee[];
  created?: Date;
  lastModified?: Date;
  url?: string | null;
};

export type IcsCalendar = {
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Shown as the calendar's name by clients that subscribe (X-WR-CALNAME). */
  name?: string;
  /** How often a subscribing client should fetch again. */
  refreshMinutes?: number;
  events: IcsEvent[];
  now?: Date;
};

const MS_DAY = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value: quoted when it holds : ; or , (a DQUOTE cannot appear in one at all). */
function paramValue(value: string): string {
  const clean = [...value].filter((ch) => ch !== '"' && ch >= ' ' && ch !== '\u007f').join('');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds one content line to at most 75 octets per physical line, breaking only between UTF-8 characters. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to a character boundary (a continuation byte is 10xxxxxx).
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join('\r\n ');
}

/** The wall-clock of an instant in a zone. */
function wallParts(zone: IANAZone, ms: number) {
  const d = new Date(ms + zone.offset(ms) * 60_000);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    dayNumber: Math.floor(d.getTime() / MS_DAY),
  };
}
function localDateTime(zone: IANAZone, ms: number): string {
  const p = wallParts(zone, ms);
  return `${pad(p.y, 4)}${pad(p.m)}${pad(p.d)}T${pad(p.h)}${pad(p.mi)}${pad(p.s)}`;
}
function dateOfDay(dayNumber: number): string {
  const d = new Date(dayNumber * MS_DAY);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
function localDay(zone: IANAZone, ms: number): number {
  return wallParts(zone, ms).dayNumber;
}

function zoneFor(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  return zone.isValid ? zone : IANAZone.create('UTC');
}

/** The rule as RFC 5545 wants it beside this DTSTART: UNTIL in UTC for a date-time start, a DATE for an all-day one. */
function ruleForStart(rrule: string, allDay: boolean, zone: IANAZone): string {
  return rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')
    .map((part) => {
      const m = /^UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/i.exec(part);
      if (!m) return part;
      const day = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_DAY);
      if (m[4] === undefined) {
        // A date: the whole of that local day.
        if (allDay) return part;
        const endOfDay = day * MS_DAY + MS_DAY - 1000;
        return `UNTIL=${formatUtc(endOfDay - zone.offset(endOfDay) * 60_000)}`;
      }
      const wall = day * MS_DAY + (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6])) * 1000;
      const utc = m[7] ? wall : wall - zone.offset(wall) * 60_000;
      return allDay ? `UNTIL=${dateOfDay(localDay(zone, utc))}` : `UNTIL=${formatUtc(utc)}`;
    })
    .join(';');
}

// ---------------------------------------------------------------------------------------------------------------
// VTIMEZONE from the zone's own transitions (Intl, through luxon)

type Transition = { at: number; from: number; to: number };

function transitions(zone: IANAZone, fromMs: number, toMs: number): Transition[] {
  const out: Transition[] = [];
  const step = 7 * MS_DAY;
  let prev = zone.offset(fromMs);
  for (let t = fromMs + step; t <= toMs + step; t += step) {
    const off = zone.offset(t);
    if (off === prev) continue;
    // Bisect by minutes to the first minute with the new offset.
    let lo = Math.floor((t - step) / 60_000);
    let hi = Math.floor(t / 60_000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offset(mid * 60_000) === prev) lo = mid;
      else hi = mid;
    }
    const at = hi * 60_000;
    // Two changes within a week (rare): take each in turn.
    const to = zone.offset(at);
    out.push({ at, from: prev, to });
    prev = to;
    if (to !== off) t = at;
  }
  return out;
}

const formatOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
};

function zoneAbbreviation(timeZone: string, ms: number): string | null {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    return part && /^[A-Z]{2,6}$/.test(part) ? part : null;
  } catch {
    return null;
  }
}

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The yearly rule of a transition ("last Sunday of March at 02:00 local"), as RRULE parts and a key. */
function yearlyRule(zone: IANAZone, t: Transition): { key: string; rrule: string } {
  const wall = new Date(t.at + t.from * 60_000);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth() + 1;
  const d = wall.getUTCDate();
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wd = DAY_CODES[wall.getUTCDay()] as string;
  const nth = d + 7 > dim ? -1 : Math.ceil(d / 7);
  const time = `${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}`;
  void zone;
  return { key: `${m}/${nth}${wd}/${time}/${t.from}/${t.to}`, rrule: `FREQ=YEARLY;BYMONTH=${m};BYDAY=${nth}${wd}` };
}

/**
 * A VTIMEZONE for `timeZone` that is right for [fromMs, toMs]: when the zone changes by one fixed yearly
 * rule in that span, two observances with RRULEs (valid beyond the span too); otherwise each transition listed.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const zone = zoneFor(timeZone);
  const start = fromMs - 366 * MS_DAY;
  const end = Math.max(toMs, fromMs) + 3 * 366 * MS_DAY;
  const list = transitions(zone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const observance = (t: Transition, rrule: string | null) => {
    const kind = t.to > Math.min(t.from, t.to) ? 'DAYLIGHT' : 'STANDARD';
    const name = zoneAbbreviation(timeZone, t.at + 60_000);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localDateTime(IANAZone.create('UTC'), t.at + t.from * 60_000)}`,
      `TZOFFSETFROM:${formatOffset(t.from)}`,
      `TZOFFSETTO:${formatOffset(t.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      ...(rrule ? [`RRULE:${rrule}`] : []),
      `END:${kind}`,
    );
  };
  if (list.length === 0) {
    const off = zone.offset(fromMs);
    observance({ at: Date.UTC(1970, 0, 1) - off * 60_000, from: off, to: off }, null);
  } else {
    const rules = list.map((t) => yearlyRule(zone, t));
    const keys = [...new Set(rules.map((r) => r.key))];
    const regular =
      keys.length === 2 && list.length >= 4 && rules.every((r, i) => i < 2 || r.key === rules[i - 2]?.key);
    if (regular) {
      observance(list[0] as Transition, rules[0]?.rrule ?? null);
      observance(list[1] as Transition, rules[1]?.rrule ?? null);
    } else {
      // The offset before the first listed change, then every change.
      const first = list[0] as Transition;
      observance({ at: start, from: first.from, to: first.from }, null);
      for (const t of list) observance(t, null);
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------

function personParams(p: IcsPerson): string {
  return p.name ? `;CN=${paramValue(p.name)}` : '';
}

function eventLines(e: IcsEvent, now: Date, method: IcsCalendar['method']): string[] {
  const zone = zoneFor(e.timeZone);
  const tzid = `;TZID=${paramValue(e.timeZone)}`;
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${formatUtc(now.getTime())}`, `SEQUENCE:${e.sequence}`];
  const startDay = localDay(zone, e.start.getTime());
  if (e.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${dateOfDay(startDay)}`);
    const endDay = e.end ? Math.max(localDay(zone, e.end.getTime()), startDay + 1) : startDay + 1;
    lines.push(`DTEND;VALUE=DATE:${dateOfDay(endDay)}`);
  } else {
    lines.push(`DTSTART${tzid}:${localDateTime(zone, e.start.getTime())}`);
    const end = e.end && e.end.getTime() >= e.start.getTime() ? e.end : e.start;
    lines.push(`DTEND${tzid}:${localDateTime(zone, end.getTime())}`);
  }
  if (e.recurrenceId) {
    lines.push(
      e.allDay
        ? `RECURRENCE-ID;VALUE=DATE:${dateOfDay(localDay(zone, e.recurrenceId.getTime()))}`
        : `RECURRENCE-ID${tzid}:${localDateTime(zone, e.recurrenceId.getTime())}`,
    );
  } else if (e.rrule) {
    lines.push(`RRULE:${ruleForStart(e.rrule, e.allDay, zone)}`);
    const exdates = [...(e.exdates ?? [])].sort((a, b) => a.getTime() - b.getTime());
    if (exdates.length > 0) {
      lines.push(
        e.allDay
          ? `EXDATE;VALUE=DATE:${exdates.map((d) => dateOfDay(localDay(zone, d.getTime()))).join(',')}`
          : `EXDATE${tzid}:${exdates.map((d) => localDateTime(zone, d.getTime())).join(',')}`,
      );
    }
  }
  const title = e.kind === 'task' && e.done ? `✓ ${e.title}` : e.title;
  lines.push(`SUMMARY:${escapeText(title)}`);
  if (e.description.trim()) lines.push(`DESCRIPTION:${escapeText(e.description.trim())}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.kind === 'task') lines.push('CATEGORIES:Task', 'TRANSP:TRANSPARENT');
  else if (e.kind === 'call') lines.push('CATEGORIES:Call');
  if (e.priority === 'high') lines.push('PRIORITY:1');
  else if (e.priority === 'low') lines.push('PRIORITY:9');
  const status = method === 'CANCEL' ? 'CANCELLED' : (e.status ?? 'CONFIRMED');
  lines.push(`STATUS:${status}`);
  if (e.organizer) lines.push(`ORGANIZER${personParams(e.organizer)}:mailto:${e.organizer.email}`);
  for (const a of e.attendees ?? []) {
    const rsvp = a.rsvp ? ';RSVP=TRUE' : '';
    lines.push(
      `ATTENDEE${personParams(a)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${a.partstat}${rsvp}:mailto:${a.email}`,
    );
  }
  if (e.created) lines.push(`CREATED:${formatUtc(e.created.getTime())}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified.getTime())}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A whole VCALENDAR, CRLF-separated and folded. */
export function buildCalendar(cal: IcsCalendar): string {
  const now = cal.now ?? new Date();
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rapport//Rapport CRM//EN', 'CALSCALE:GREGORIAN'];
  if (cal.method) lines.push(`METHOD:${cal.method}`);
  if (cal.name) lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  if (cal.refreshMinutes) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${cal.refreshMinutes}M`);
  }
  // One VTIMEZONE per zone used by a timed event, covering the span of its events.
  const spans = new Map<string, { from: number; to: number }>();
  for (const e of cal.events) {
    if (e.allDay) continue;
    const s = spans.get(e.timeZone) ?? { from: e.start.getTime(), to: e.start.getTime() };
    s.from = Math.min(s.from, e.start.getTime(), e.recurrenceId?.getTime() ?? Number.POSITIVE_INFINITY);
    s.to = Math.max(s.to, (e.end ?? e.start).getTime(), e.rrule ? now.getTime() + 2 * 366 * MS_DAY : 0);
    spans.set(e.timeZone, s);
  }
  for (const [tz, s] of spans) lines.push(...vtimezone(tz, s.from, s.to));
  for (const e of cal.events) lines.push(...eventLines(e, now, cal.method));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
