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
