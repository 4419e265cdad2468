/** Normalisation of place names, so that what people type finds what the data says. */

/**
 * The match key of a place name or a query: lower case, umlauts and ß spelled
 * out (ä → ae, ß → ss), other accents dropped, any run of punctuation, hyphens
 * or spaces turned into one space, and "St." read as "Sankt".
 *
 * "Frankfurt (Oder)", "frankfurt oder" and "Frankfurt-Oder" all give
 * "frankfurt oder"; "München" and "Muenchen" give "muenchen".
 *
 * Letters and digits of every script are kept, so that "برلين", "Берлин" or
 * "柏林" has a key to look up (the exonym tables give those names), and the
 * variants people type for one letter are folded: Arabic hamza forms, ta
 * marbuta, alef maksura, Persian and Arabic ya and kaf, tatweel and vowel
 * marks; Cyrillic ё and й lose their marks like any accent; digits of other
 * scripts (٣, ۳) become 0–9.
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
      // Remaining accents (é in "Gérardmer"-style names, typing slips) are noise for matching;
      // so are Arabic vowel marks and hamza seats (أ إ آ → ا), and the breve of й, the diaeresis of ё.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(FOLDED, (c) => FOLD[c] ?? c)
      // Joiners inside a word (the Persian zero-width non-joiner) and tatweel, which only stretches a line.
      .replace(/[\p{Cf}\u0640]/gu, '')
      .replace(/\p{Nd}/gu, asciiDigit)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      // The data writes both "St. Ingbert" and "Sankt Augustin"; people do too.
      .replace(/(?<=^| )st(?= |$)/g, 'sankt')
  );
}

/** One letter for what keyboards and spellings write in several ways. */
const FOLD: Readonly<Record<string, string>> = {
  // Latin letters without a decomposition, as typed on Turkish, Polish, Nordic and French keyboards.
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  // Arabic script: alef wasla, alef maksura and the Persian ya (ی) as ي, the Persian kaf (ک) as ك,
  // ta marbuta as ha (names end in either), Persian heh forms as ه.
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ک: 'ك',
  ة: 'ه',
  ۀ: 'ه',
  ھ: 'ه',
  ە: 'ه',
};
const FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

/** A decimal digit of any script (Arabic-Indic ٣, Persian ۳, Devanagari …) as 0–9. */
export function asciiDigit(d: string): string {
  if (d >= '0' && d <= '9') return d;
  // Unicode puts each script's ten digits in a row starting at a code point ending in 0 (hex): its offset is the value.
  const code = d.codePointAt(0)!;
  for (let zero = code; zero > code - 10; zero--) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(code - zero);
  }
  return d;
}

/**
 * Does the text hold letters of a script other than Latin (Arabic, Cyrillic,
 * Ge'ez, Chinese …)? Then a name that was not found is most likely spelled in
 * that script, and "check the spelling" or a Latin "Did you mean" does not help.
 */
export function hasOtherScript(text: string): boolean {
  return OTHER_SCRIPT.test(text);
}
const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

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
