/**
 * The page's language as a suggestion for the finder's language filter: a
 * person reading the pages in Arabic probably wants a centre that counsels in
 * Arabic, but may not (she may read Arabic and speak Tigrinya, or search for
 * someone else), so the filter is offered as a plain link to the same search
 * with that language added, never applied and never preselected.
 *
 * Not on German pages: every centre counsels in German, it is the default.
 * On English pages, yes: English is the language many of the people the
 * centres counsel (about half come from West African countries) share with
 * them, and a centre without it is a dead end for them; professionals who
 * read English simply do not follow the link.
 */
import type { Locale } from '../../platform/i18n/index.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { SERVICE_LANGUAGES, type ServiceLanguage } from '../directory/taxonomies.ts';

/**
 * The directory's codes (ISO 639-1 where there is one, taxonomies.ts) for a
 * page language whose speakers say so differently: Dari and Farsi share the
 * `fa` pages; the directory writes both as `fa`, and `prs` (Dari, ISO 639-3)
 * is listed for the day it is offered separately. Any other page language is
 * its own code.
 */
const CODES: Readonly<Record<string, readonly string[]>> = { fa: ['fa', 'prs'] };

const offered = new Set<string>(SERVICE_LANGUAGES);

/** The directory's language codes that mean the page language `locale` (none for German). */
export function languagesOfLocale(locale: Locale): ServiceLanguage[] {
  if (locale === 'de') return [];
  const primary = locale.split('-')[0]!;
  return (CODES[primary] ?? [primary]).filter((c): c is ServiceLanguage => offered.has(c));
}

/** Which languages some active centre counsels in, per directory snapshot. */
const counselled = new WeakMap<readonly DirectoryEntry[], ReadonlySet<string>>();

function languagesCounselled(entries: readonly DirectoryEntry[]): ReadonlySet<string> {
  let set = counselled.get(entries);
  if (!set) {
    set = new Set(entries.filter((e) => e.service.status === 'active').flatMap((e) => e.languages));
    counselled.set(entries, set);
  }
  return set;
}

/**
 * The codes to add to a search whose filter is `chosen`, to suggest the page
 * language; none when the page is German, when the search already filters
 * by that language, or when no centre counsels in it.
 */
export function languageSuggestion(
  locale: Locale,
  chosen: readonly string[],
  entries: readonly DirectoryEntry[],
): ServiceLanguage[] {
  const codes = languagesOfLocale(locale);
  if (codes.length === 0 || codes.some((c) => chosen.includes(c))) return [];
  const have = languagesCounselled(entries);
  return codes.filter((c) => have.has(c));
}
