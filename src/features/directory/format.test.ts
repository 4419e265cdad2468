import { describe, expect, it } from 'vitest';
import { SERVICE_LANGUAGES } from './taxonomies.ts';
import { languageName, languageNames } from './format.ts';

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
