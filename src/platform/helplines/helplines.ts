/**
 * The national helplines and emergency numbers, as the public pages show
 * them. The coordination office keeps them in the `helpline` table (ADR 024);
 * pages read them from {@link HelplineCache}, never from the database per
 * request.
 */
import type { Locale } from '../i18n/locales.ts';

export const HELPLINE_KINDS = ['phone', 'chat', 'online'] as const;
type HelplineKind = (typeof HELPLINE_KINDS)[number];

/** A text in each language the office writes it in. */
export type Texts = { de: string; en: string };

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
};

/** How many first-screen numbers the top of a page has room for. */
const FIRST_SCREEN_MAX = 2;

/** The text in the reader's language: German for German, English for every other language. */
export function textIn(texts: Texts, locale: Locale): string {
  return locale === 'de' ? texts.de : texts.en || texts.de;
}

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
