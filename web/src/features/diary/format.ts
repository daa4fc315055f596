import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { type Day, utcDate } from './time.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${locale}|${key}|${opts.timeZone ?? ''}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    cache.set(k, f);
  }
  return f;
}

/** Intl formatting of diary dates (civil days) and times (instants in the user's zone), in the user's language. */
export function useDiaryFormat(tz: string) {
  const { i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the locale follows the chosen language
  return useMemo(() => {
    const locale = currentLocale();
    const day = (d: Day, opts: Intl.DateTimeFormatOptions, key: string) =>
      fmt(locale, key, { ...opts, timeZone: 'UTC' }).format(utcDate(d));
    const time = fmt(locale, 'time', { hour: '2-digit', minute: '2-digit', timeZone: tz });
    const hour = fmt(locale, 'hour', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
    const range = (a: Day, b: Day, opts: Intl.DateTimeFormatOptions, key: string) =>
      a === b ? day(a, opts, key) : fmt(locale, key, { ...opts, timeZone: 'UTC' }).formatRange(utcDate(a), utcDate(b));
    return {
      locale,
      time: (ms: number | string) => time.format(new Date(ms)),
      timeRange: (a: number, b: number) => `${time.format(new Date(a))}–${time.format(new Date(b))}`,
      /** "08:00" for a minute of the day, independent of any zone. */
      minute: (m: number) => hour.format(utcDate(0, m)),
      weekdayShort: (d: Day) => day(d, { weekday: 'short' }, 'wd'),
      dayNumber: (d: Day) => day(d, { day: 'numeric' }, 'dn'),
      dayHeader: (d: Day) => day(d, { weekday: 'short', day: 'numeric', month: 'short' }, 'dh'),
      dayLong: (d: Day) => day(d, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, 'dl'),
      monthYear: (d: Day) => day(d, { month: 'long', year: 'numeric' }, 'my'),
      dayAgenda: (d: Day) => day(d, { weekday: 'long', day: 'numeric', month: 'long' }, 'da'),
      dayRange: (a: Day, b: Day) => range(a, b, { day: 'numeric', month: 'short', year: 'numeric' }, 'dr'),
    };
  }, [tz, i18n.language]);
}
export type DiaryFormat = ReturnType<typeof useDiaryFormat>;
