import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function formatDate(iso: string | null | undefined, locale = currentLocale()): string {
  if (!iso) return '';
  return cached(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined, locale = currentLocale()): string {
  if (!iso) return '';
  return cached(
    `dt:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(iso));
}

export function formatNumber(n: number, locale = currentLocale()): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** "3 minutes ago", "yesterday": for recent times; older ones get a date. */
export function formatRelative(iso: string | null | undefined, locale = currentLocale(), now = Date.now()): string {
  if (!iso) return '';
  const diff = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(diff);
  const rtf = cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 7) return rtf.format(Math.round(diff / 86400), 'day');
  return formatDate(iso, locale);
}

export function countryName(code: string | null | undefined, locale = currentLocale()): string {
  if (!code) return '';
  try {
    const names = cached(
      `c:${locale}`,
      () => new Intl.DisplayNames([locale], { type: 'region' }) as never,
    ) as unknown as Intl.DisplayNames;
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Re-renders formatting when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = currentLocale();
  return {
    language: i18n.language,
    locale,
    date: (iso: string | null | undefined) => formatDate(iso, locale),
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale),
    relative: (iso: string | null | undefined) => formatRelative(iso, locale),
    number: (n: number) => formatNumber(n, locale),
    country: (code: string | null | undefined) => countryName(code, locale),
  };
}
