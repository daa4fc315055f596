import { addWallMinutes, fromWall, wallWeekday } from '../time.ts';

/** What the repeat controls hold; `custom` keeps a rule made elsewhere (an import, the API) untouched. */
export type Repeat = {
  freq: 'none' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'custom';
  interval: number;
  /** Days of the week for a weekly rule, 0 = Monday. */
  byDay: number[];
  end: 'never' | 'until' | 'count';
  /** Last day (`YYYY-MM-DD`, inclusive) in the user's time zone. */
  until: string | null;
  count: number;
  raw: string | null;
};

export const NO_REPEAT: Repeat = {
  freq: 'none',
  interval: 1,
  byDay: [],
  end: 'never',
  until: null,
  count: 10,
  raw: null,
};

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQS = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** `20260331T215959Z` or `20260331` → the day in the time zone (`YYYY-MM-DD`). */
function untilDay(value: string, tz: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return null;
  if (!m[4]) return `${m[1]}-${m[2]}-${m[3]}`;
  const iso = m[7]
    ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`
    : fromWall(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, tz);
  if (!iso) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Reads a rule into the controls; anything they cannot show stays a custom rule. */
export function parseRepeat(rrule: string | null | undefined, tz: string): Repeat {
  if (!rrule) return NO_REPEAT;
  const custom: Repeat = { ...NO_REPEAT, freq: 'custom', raw: rrule };
  const parts = new Map<string, string>();
  for (const p of rrule.split(';')) {
    const [k, v] = p.split('=');
    if (!k || v === undefined || parts.has(k)) return custom;
    parts.set(k, v);
  }
  const freq = FREQS[parts.get('FREQ') as keyof typeof FREQS];
  if (!freq) return custom;
  const known = new Set(['FREQ', 'INTERVAL', 'UNTIL', 'COUNT', ...(freq === 'weekly' ? ['BYDAY', 'WKST'] : [])]);
  for (const k of parts.keys()) if (!known.has(k)) return custom;
  const out: Repeat = { ...NO_REPEAT, freq, raw: rrule };
  const interval = parts.get('INTERVAL');
  if (interval) {
    if (!/^\d{1,3}$/.test(interval) || Number(interval) < 1) return custom;
    out.interval = Number(interval);
  }
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',').map((d) => DAY_CODES.indexOf(d as (typeof DAY_CODES)[number]));
    if (days.some((d) => d < 0)) return custom;
    out.byDay = days.sort();
  }
  const until = parts.get('UNTIL');
  const count = parts.get('COUNT');
  if (until && count) return custom;
  if (until) {
    const day = untilDay(until, tz);
    if (!day) return custom;
    out.end = 'until';
    out.until = day;
  } else if (count) {
    if (!/^\d{1,4}$/.test(count)) return custom;
    out.end = 'count';
    out.count = Number(count);
  }
  return out;
}

/**
 * The RFC 5545 rule of the controls, or null for "does not repeat". UNTIL is the end of the chosen day in
 * the user's time zone, written in UTC as the standard asks when the start has a time zone.
 */
export function buildRRule(r: Repeat, startWall: string | null, tz: string): string | null {
  if (r.freq === 'none') return null;
  if (r.freq === 'custom') return r.raw;
  const parts = [`FREQ=${r.freq.toUpperCase()}`];
  if (r.interval > 1) parts.push(`INTERVAL=${Math.floor(r.interval)}`);
  if (r.freq === 'weekly') {
    const days = r.byDay.length > 0 ? r.byDay : startWall ? [wallWeekday(startWall)] : [];
    if (days.length > 0)
      parts.push(
        `BYDAY=${[...days]
          .sort()
          .map((d) => DAY_CODES[d])
          .join(',')}`,
      );
  }
  if (r.end === 'until' && r.until) {
    const endOfDay = fromWall(addWallMinutes(`${r.until} 00:00:00`, 24 * 60 - 1), tz);
    if (endOfDay) {
      const d = new Date(endOfDay);
      parts.push(
        `UNTIL=${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
          d.getUTCMinutes(),
        )}59Z`,
      );
    }
  } else if (r.end === 'count') {
    parts.push(`COUNT=${Math.max(1, Math.floor(r.count))}`);
  }
  return parts.join(';');
}

/** The rule in words: "Weekly on Mon, Wed, 10 times", "Every 2 months until 31 Mar 2027". */
export function describeRepeat(
  r: Repeat,
  t: (key: string, opts?: Record<string, unknown>) => string,
  locale: string,
  weekdays: string[],
): string {
  if (r.freq === 'none') return '';
  if (r.freq === 'custom') return r.raw ?? '';
  const parts = [
    r.interval > 1
      ? `${t('activities.repeat.every')} ${r.interval} ${t(`activities.repeat.unit.${r.freq}`)}`
      : t(`activities.repeat.${r.freq}`),
  ];
  if (r.freq === 'weekly' && r.byDay.length > 0) parts.push(r.byDay.map((d) => weekdays[d]).join(', '));
  if (r.end === 'until' && r.until) {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${r.until}T12:00:00Z`),
    );
    parts.push(`${t('activities.repeat.ends').toLowerCase()} ${day}`);
  } else if (r.end === 'count') {
    parts.push(`${r.count} ${t('activities.repeat.times')}`);
  }
  return parts.join(' · ');
}
