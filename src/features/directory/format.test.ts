import { describe, expect, it } from 'vitest';
import { SERVICE_LANGUAGES } from './taxonomies.ts';
import { formatKm, languageName, languageNames } from './format.ts';

describe('language names', () => {
  it('names every language a centre can offer with a word, never a bare code', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const code of SERVICE_LANGUAGES) {
        const name = languageName(code, locale);
        expect(name, `${code} in ${locale}`).not.toBe(code);
        expect(name[0], `${code} in ${locale} starts with a capital`).toBe(name[0]!.toLocaleUpperCase(locale));
      }
    }
    expect(languageName('edo', 'de')).toBe('Edo');
    expect(languageName('twi', 'en')).toBe('Twi');
  });

  it('lists a centre’s languages in the reader’s alphabetical order, not in the order of their codes', () => {
    expect(languageNames(['de', 'fr', 'en', 'ar', 'edo'], 'de')).toEqual([
      'Arabisch',
      'Deutsch',
      'Edo',
      'Englisch',
      'Französisch',
    ]);
    expect(languageNames(['de', 'fr', 'en', 'ar'], 'en')).toEqual(['Arabic', 'English', 'French', 'German']);
  });
});

describe('the shortcuts of every card', () => {
  it('sort language names exactly as the collator does, for any set of codes', () => {
    for (const locale of ['de', 'en'] as const) {
      const collator = new Intl.Collator(locale);
      for (let i = 0; i < 300; i++) {
        // A deterministic spread of subsets, and a code outside the list now and then.
        const codes: string[] = SERVICE_LANGUAGES.filter((_, n) => (n * 7 + i * 13) % (2 + (i % 5)) === 0);
        if (i % 10 === 0) codes.push('nl');
        const expected = codes.map((c) => languageName(c, locale)).sort(collator.compare);
        expect(languageNames(codes, locale)).toEqual(expected);
      }
    }
  });

  it('format kilometres exactly as Intl.NumberFormat does', () => {
    for (const locale of ['de', 'en'] as const) {
      const near = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
      const far = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
      for (let km = 0; km < 1200; km += 0.0625 + (km % 0.37)) {
        expect(formatKm(km, locale), String(km)).toBe((km < 10 ? near : far).format(km));
      }
      for (const km of [9.95, 10, 10.5, 11.5, 999.4999, 999.5, 1000, 1234.5, 12.499999999999998]) {
        expect(formatKm(km, locale), String(km)).toBe((km < 10 ? near : far).format(km));
      }
    }
  });
});
