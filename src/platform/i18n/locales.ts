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
  /** The locale Intl formats with, when not `htmlLang` (a calendar choice, see `intlLocale`). */
  intl?: string;
};

/**
 * The languages offered in production, in the order the language picker lists
 * them: German and English complete everywhere, the others for every page a
 * person seeking help uses (the staff area shows German there). Each name is
 * written in its own language and script, so a reader finds it without
 * reading the current page. One locale, `fa`, serves Dari and Farsi: the
 * written standard is shared, and the picker names both (ADR 029).
 */
export const LOCALES = {
  de: { name: 'Deutsch', dir: 'ltr', htmlLang: 'de', complete: 'all' },
  en: { name: 'English', dir: 'ltr', htmlLang: 'en', complete: 'all' },
  fr: { name: 'Français', dir: 'ltr', htmlLang: 'fr', complete: 'public' },
  ar: { name: 'العربية', dir: 'rtl', htmlLang: 'ar', complete: 'public' },
  fa: { name: 'فارسی / دری', dir: 'rtl', htmlLang: 'fa', complete: 'public', intl: 'fa-u-ca-gregory-nu-latn' },
  ti: { name: 'ትግርኛ', dir: 'ltr', htmlLang: 'ti', complete: 'public' },
  uk: { name: 'Українська', dir: 'ltr', htmlLang: 'uk', complete: 'public' },
  ru: { name: 'Русский', dir: 'ltr', htmlLang: 'ru', complete: 'public' },
  ro: { name: 'Română', dir: 'ltr', htmlLang: 'ro', complete: 'public' },
  bg: { name: 'Български', dir: 'ltr', htmlLang: 'bg', complete: 'public' },
  hu: { name: 'Magyar', dir: 'ltr', htmlLang: 'hu', complete: 'public' },
  zh: { name: '中文（简体）', dir: 'ltr', htmlLang: 'zh-Hans', complete: 'public' },
  vi: { name: 'Tiếng Việt', dir: 'ltr', htmlLang: 'vi', complete: 'public' },
  tr: { name: 'Türkçe', dir: 'ltr', htmlLang: 'tr', complete: 'public' },
} as const satisfies Record<string, LocaleInfo>;

/**
 * Language subtags a browser may send for a language we offer under another
 * code: Dari (prs) and Iranian Persian (pes) read the `fa` pages, Moldovan
 * (mo, deprecated) the Romanian ones. Region and script subtags need no entry
 * (fa-AF, zh-CN, zh-Hans-CN match by their first subtag).
 */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { prs: 'fa', pes: 'fa', mo: 'ro' };

declare const configuredLocale: unique symbol;

/**
 * A language the app offers: one of `LOCALES`, or one added by
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

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * `text` as a bidirectional isolate where the page is right-to-left: for
 * values put into a translated sentence that must keep their own order
 * ("04109 Leipzig", "9–17"), where an element cannot go (titles, messages).
 * First-strong isolate: a value without letters (digits, a time range) reads
 * left to right, a place written in Arabic script right to left. Left-to-right
 * pages get the text unchanged.
 */
export function bidiIsolate(locale: Locale, text: string): string {
  return localeInfo(locale).dir === 'rtl' ? `${FSI}${text}${PDI}` : text;
}

/**
 * The locale Intl formats dates and numbers with. Persian's default is the
 * Solar Hijri calendar, whose month names differ between Iran and
 * Afghanistan; the pages speak of dates in Germany, so one `fa` locale uses
 * the Gregorian calendar (with Persian month names), and Latin digits: the
 * translations, counts, postcodes and phone numbers are written with them,
 * and a distance in ۰–۹ beside a count in 0–9 reads as two kinds of number.
 */
export function intlLocale(locale: Locale): string {
  const info = localeInfo(locale);
  return info.intl ?? info.htmlLang;
}

/**
 * Pick a language from Accept-Language for the bare "/" only, by each
 * range's first subtag (fa-AF → fa, zh-Hans-CN → zh) or its alias (prs → fa).
 * Quality values are honoured; anything unknown falls back to German.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const primary = tag.toLowerCase().split('-')[0] ?? '';
      return {
        lang: Object.hasOwn(LANGUAGE_ALIASES, primary) ? LANGUAGE_ALIASES[primary]! : primary,
        q: q ? Number(q.slice(2)) : 1,
      };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE;
}
