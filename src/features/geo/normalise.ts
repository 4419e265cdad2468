/** Normalisation of place names, so that what people type finds what the data says. */

/**
 * The match key of a place name or a query: lower case, umlauts and ß spelled
 * out (ä → ae, ß → ss), other accents dropped, any run of punctuation, hyphens
 * or spaces turned into one space, and "St." read as "Sankt".
 *
 * "Frankfurt (Oder)", "frankfurt oder" and "Frankfurt-Oder" all give
 * "frankfurt oder"; "München" and "Muenchen" give "muenchen".
 */
export function placeKey(name: string): string {
  return (
    name
      // Input from macOS and some keyboards arrives decomposed (a + ◌̈): compose first so ä is one character.
      .normalize('NFC')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      // Remaining accents (é in "Gérardmer"-style names, typing slips) are noise for matching.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      // The data writes both "St. Ingbert" and "Sankt Augustin"; people do too.
      .replace(/\bst\b/g, 'sankt')
  );
}

/**
 * A looser key for people without a German keyboard, who type "Munchen" or
 * "Koln": on top of {@link placeKey}, ae/oe/ue become a/o/u. Used only as a
 * fallback because it merges names that are really different ("Soest" → "sost").
 */
export function loosePlaceKey(key: string): string {
  return key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/**
 * Qualifiers people abbreviate after "a." / "i." / "a. d.": "Frankfurt a. M.",
 * "Freiburg i. Br.", "Ludwigshafen a. Rh.". Only after such a filler, where a
 * single letter cannot be anything else.
 */
const ABBREVIATED_QUALIFIER: Record<string, string> = {
  m: 'main',
  o: 'oder',
  br: 'breisgau',
  rh: 'rhein',
  n: 'neckar',
  l: 'lahn',
  d: 'donau',
  h: 'harz',
  wstr: 'weinstrasse',
};
const ABBREVIATION = new RegExp(
  String.raw`\b(a d|a|i|am|im|an der) (${Object.keys(ABBREVIATED_QUALIFIER).join('|')})$`,
);

/** Words that join a town to its river or region: "am", "an der", "im", "bei" … and their abbreviations. */
const FILLER = new Set([
  'a',
  'am',
  'an',
  'auf',
  'b',
  'bei',
  'd',
  'dem',
  'den',
  'der',
  'i',
  'im',
  'in',
  'ob',
  'v',
  'vor',
]);

/**
 * The key without the words that join a town to its qualifier, so that every
 * way of writing the qualifier gives the same key: "Frankfurt am Main",
 * "Frankfurt/Main", "Frankfurt a. M." and "Frankfurt Main" all give
 * "frankfurt main"; "Frankfurt an der Oder" gives "frankfurt oder" like
 * "Frankfurt (Oder)". The first word is never dropped ("Am Mellensee").
 */
export function compactPlaceKey(key: string): string {
  const expanded = key.replace(
    ABBREVIATION,
    (_, filler: string, abbr: string) => `${filler} ${ABBREVIATED_QUALIFIER[abbr]}`,
  );
  const [first, ...rest] = expanded.split(' ');
  return [first, ...rest.filter((w) => !FILLER.has(w))].join(' ');
}
