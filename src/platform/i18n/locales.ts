/**
 * The languages the pages are served in. The language sits in the path
 * (/de/…, /en/…) rather than in a cookie, so public pages stay cookie-free and
 * a shared link opens in the language it was sent in.
 *
 * Adding a language is one entry in `LOCALES` plus its catalogue files (see
 * catalogues.ts and ADR 018). The app is built with `LOCALES` unless it is
 * given another list (`AppDeps.locales`); whichever list the app was built
 * with is the one `isLocale` and the language switch know.
 */
export type LocaleInfo = {
  /** The language's own name, for the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
  htmlLang: string;
  /**
   * Which message namespaces this language translates completely: 'all', or
   * only the 'public' ones (the staff area then falls back to German). The
   * completeness test holds each language to what it declares. Default 'public'.
   */
  complete?: 'all' | 'public';
  /**
   * A folder holding all of this language's catalogues (`<namespace>.json`,
   * `<namespace>/<document>.md`). Unset: the files sit next to each feature,
   * in `messages/<locale>/`.
   */
  catalogues?: string;
};

/** The languages offered in production. */
export const LOCALES = {
  de: { name: 'Deutsch', dir: 'ltr', htmlLang: 'de', complete: 'all' },
  en: { name: 'English', dir: 'ltr', htmlLang: 'en', complete: 'all' },
} as const satisfies Record<string, LocaleInfo>;

declare const configuredLocale: unique symbol;

/**
 * A language the app offers: German or English, or one added by
 * configuration — a string that `isLocale` has checked against the list the
 * app was built with.
 */
export type Locale = keyof typeof LOCALES | (string & { readonly [configuredLocale]: true });

export const DEFAULT_LOCALE = 'de' satisfies Locale;

let offered: Readonly<Record<string, LocaleInfo>> = LOCALES;
let offeredList: readonly Locale[] = Object.freeze(Object.keys(LOCALES) as Locale[]);

/**
 * Make `locales` the offered languages (start-up, through the catalogue
 * loader). German must be among them: it is the source every other language
 * falls back to.
 */
export function setOfferedLocales(locales: Readonly<Record<string, LocaleInfo>>): void {
  if (!Object.hasOwn(locales, DEFAULT_LOCALE)) throw new Error('German (de) must be an offered language.');
  for (const code of Object.keys(locales)) {
    // The code is a path segment and an i18next language: keep it to a plain tag.
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code)) throw new Error(`"${code}" is not a usable language code.`);
  }
  offered = locales;
  offeredList = Object.freeze(Object.keys(locales) as Locale[]);
}

/** The offered languages, German first, in the order they were configured. */
export function offeredLocales(): readonly Locale[] {
  return offeredList;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(offered, value);
}

export function localeInfo(locale: Locale): LocaleInfo {
  return offered[locale] ?? LOCALES.de;
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
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE;
}
