/**
 * The languages the public pages are served in. The language sits in the path
 * (/de/…, /en/…) rather than in a cookie, so public pages stay cookie-free and
 * a shared link opens in the language it was sent in.
 *
 * Adding a language: add it here and give every message namespace a
 * translation; missing keys fall back to German, then English.
 */
export const LOCALES = {
  de: { name: 'Deutsch', dir: 'ltr', htmlLang: 'de' },
  en: { name: 'English', dir: 'ltr', htmlLang: 'en' },
} as const satisfies Record<string, LocaleInfo>;

export type LocaleInfo = { name: string; dir: 'ltr' | 'rtl'; htmlLang: string };
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'de';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

export function localeInfo(locale: Locale): LocaleInfo {
  return LOCALES[locale];
}

/**
 * Pick a language from Accept-Language for the bare "/" only. Quality values
 * are honoured; anything unknown falls back to German.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined) ?? DEFAULT_LOCALE;
}
