/** Locale-aware formatting for finder views, on the platform's Intl data. */
import { intlLocale, type Locale, type Translate } from '../../platform/i18n/index.ts';
import type { DirectoryEntry } from './entry.ts';
import { SERVICE_LANGUAGES } from './taxonomies.ts';

const nameMemo = new Map<Locale, Map<string, string>>();

/**
 * Names the platform's Intl data lacks ('edo' comes back as the bare code) or
 * gives otherwise than the people who speak it (ICU folds Twi into Akan).
 * The same word in every offered language, so no per-locale table.
 */
const OWN_NAMES: Readonly<Record<string, string>> = { edo: 'Edo', twi: 'Twi' };

/**
 * A language's name in the reader's language, e.g. 'ar' → 'Arabisch'.
 * Memoised per locale: `Intl.DisplayNames.of` costs microseconds, and a
 * result page names dozens of languages. Codes come from the directory and
 * the validated query, a short list, so the memo stays small.
 */
export function languageName(code: string, locale: Locale): string {
  const own = OWN_NAMES[code];
  if (own) return own;
  let names = nameMemo.get(locale);
  if (!names) nameMemo.set(locale, (names = new Map<string, string>()));
  let name = names.get(code);
  if (name === undefined) {
    name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
    if (names.size < 1000) names.set(code, name);
  }
  return name;
}

/** Language names for a list of codes, in the reader's alphabetical order rather than the order of the codes. */
export function languageNames(codes: readonly string[], locale: Locale): string[] {
  const names = codes.map((c) => languageName(c, locale));
  // Every card sorts its languages: by a rank computed once per locale for the
  // offered languages' names (collator order, ties kept), by the collator for any other.
  const rank = nameRanks(locale);
  if (names.every((n) => rank.has(n))) return names.sort((a, b) => rank.get(a)! - rank.get(b)!);
  return names.sort(collatorFor(locale).compare);
}

const nameRanks = cached((locale) => {
  const collator = collatorFor(locale);
  const sorted = [...new Set(SERVICE_LANGUAGES.map((c) => languageName(c, locale)))].sort(collator.compare);
  const ranks = new Map<string, number>();
  sorted.forEach((name, i) => {
    const prev = sorted[i - 1];
    ranks.set(name, prev !== undefined && collator.compare(prev, name) === 0 ? ranks.get(prev)! : i);
  });
  return ranks;
});

/** Intl formatters are costly to build: one per locale and purpose, made on first use. */
function cached<T>(make: (locale: Locale) => T): (locale: Locale) => T {
  const byLocale = new Map<Locale, T>();
  return (locale) => {
    let v = byLocale.get(locale);
    if (v === undefined) byLocale.set(locale, (v = make(locale)));
    return v;
  };
}

const dateFormat = cached((l) => new Intl.DateTimeFormat(intlLocale(l), { dateStyle: 'long', timeZone: 'UTC' }));
const kmNear = cached((l) => new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: 1 }));
const kmFar = cached((l) => new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: 0 }));
export const collatorFor = cached((l) => new Intl.Collator(l));

/** 'YYYY-MM-DD' → '3. März 2026' / '3 March 2026', without time-zone shifts. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat(locale).format(Date.UTC(y!, m! - 1, d));
}

export function formatKm(km: number, locale: Locale): string {
  // Whole kilometres below 1,000 read as the plain digits in languages that
  // write them so (checked once per locale): one of the few Intl calls of
  // every card, skipped. Rounding is the same: half away from zero.
  if (km >= 10 && km < 999.5 && plainDigits(locale)) return String(Math.round(km));
  return (km < 10 ? kmNear : kmFar)(locale).format(km);
}

const plainDigits = cached((l) => kmFar(l).format(987) === '987' && kmFar(l).format(10) === '10');

/** Opening hours, one line per schedule: 'Mo, Di 09:00–17:00 Uhr'. */
export function formatSchedules(entry: DirectoryEntry, t: Translate<'finder'>): string[] {
  return entry.schedules.map((s) => {
    const line = t('hours', { days: s.byday.map((d) => t(`days.${d}`)).join(', '), from: s.opens_at, to: s.closes_at });
    return s.description ? `${line} (${s.description})` : line;
  });
}

/** tel: links need the number without spaces or punctuation. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}
