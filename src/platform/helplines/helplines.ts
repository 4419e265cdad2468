/**
 * The national helplines and emergency numbers, as the public pages show
 * them. The coordination office keeps them in the `helpline` table (ADR 024);
 * pages read them from {@link HelplineCache}, never from the database per
 * request.
 */
import type { Locale } from '../i18n/locales.ts';

export const HELPLINE_KINDS = ['phone', 'chat', 'online'] as const;
type HelplineKind = (typeof HELPLINE_KINDS)[number];

/** A text in the two languages every helpline has. */
type Texts = { de: string; en: string };

/** Name and description in one more language; an empty text is not translated (the pages fall back). */
export type HelplineTranslation = { name: string; description: string };

export type Helpline = {
  id: string;
  /** A phone number as shown ("116 016"), or the https address of a chat or online service. */
  contact: string;
  kind: HelplineKind;
  name: Texts;
  description: Texts;
  /** Reachable at any hour of any day: only then do the pages say "around the clock". */
  aroundTheClock: boolean;
  /** The hours of a service that is not around the clock (empty otherwise). */
  hours: Texts;
  emergency: boolean;
  /** One of the (at most two) numbers at the top of every page. */
  firstScreen: boolean;
  sortOrder: number;
  /** When the office last checked number and hours: YYYY-MM-DD. */
  checkedOn: string;
  /** Name and description in the languages beyond German and English, by locale (ADR 031). */
  translations?: Readonly<Record<string, HelplineTranslation>>;
};

/** How many first-screen numbers the top of a page has room for. */
const FIRST_SCREEN_MAX = 2;

/** A text and the language it is in, which is not the reader's when the text fell back. */
export type LocalText = { text: string; lang: string };

/**
 * A helpline's name, description or hours for a reader of `locale`: in that
 * language when the office has it, else in English, else in German (German
 * readers get German). `lang` says which one it is, so that a page marks a
 * fallen-back text with its language and a screen reader switches voice.
 * Hours are kept in German and English only.
 */
export function helplineText(h: Helpline, field: 'name' | 'description' | 'hours', locale: Locale): LocalText {
  if (locale === 'de') return { text: h[field].de, lang: 'de' };
  const own = field === 'hours' || locale === 'en' ? '' : (h.translations?.[locale]?.[field] ?? '');
  if (own) return { text: own, lang: locale };
  if (h[field].en) return { text: h[field].en, lang: 'en' };
  return { text: h[field].de, lang: h[field].de ? 'de' : locale };
}

/** The `lang` attribute for a text in the reader's language (none) or one that fell back (its language). */
export const langOf = (text: LocalText, locale: Locale): string | undefined =>
  text.lang === locale ? undefined : text.lang;

/**
 * The numbers for the first screen (police 110 and the national helpline
 * 116 016 as delivered): the phone helplines the office marked for it, in
 * their order, at most {@link FIRST_SCREEN_MAX}.
 */
export function firstScreenHelplines(list: readonly Helpline[]): Helpline[] {
  return list.filter((h) => h.firstScreen && h.kind === 'phone').slice(0, FIRST_SCREEN_MAX);
}

/** The tel: address of a phone number as shown: digits and a leading plus only. */
export function telHref(contact: string): string {
  return `tel:${contact.replace(/[^\d+]/g, '')}`;
}
