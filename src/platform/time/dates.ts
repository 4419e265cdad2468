import { intlLocale, isLocale } from '../i18n/locales.ts';

/**
 * Calendar dates for verification: the network works in Germany, so "today"
 * is the date in Europe/Berlin, whatever zone the server runs in (a review
 * at 00:30 German time belongs to the new day, not UTC's previous one).
 */

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 'YYYY-MM-DD' of `at` in Germany. */
export function berlinDate(at: Date): string {
  return BERLIN_DATE.format(at);
}

/**
 * The same calendar day `months` months earlier ('2026-03-31' minus 1 month
 * is '2026-02-28': clamped to the shorter month's last day).
 */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Long date in `locale` for a 'YYYY-MM-DD' date or an instant (shown in German time). */
export function formatDay(value: string | Date, language: string): string {
  const locale = isLocale(language) ? intlLocale(language) : language;
  if (typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
    value,
  );
}
