/**
 * Every offered language, against its German source (ADR 030): each
 * language but German and English has a state file recording exactly the
 * units it has (so a stamp cannot be forgotten); no translation is German's
 * text unchanged unless the allow-list says so (names and numbers); every
 * plural key has the forms its language has. Together with catalogueGaps
 * (catalogues.test.ts), which fails on missing keys and pages.
 */
import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { LOCALES, type LocaleInfo } from './locales.ts';
import allowList from './same-as-german.json' with { type: 'json' };
import {
  PROJECT_LANGUAGES,
  pluralFormGaps,
  readStateFile,
  sameAsGerman,
  stateFileGaps,
  stateFileOf,
  type SameAsGerman,
} from './translation-state.ts';

const catalogues = registerMessages();
const offered = Object.entries(LOCALES as Record<string, LocaleInfo>);
const translated = offered.filter(([l]) => !PROJECT_LANGUAGES.includes(l));

describe('every offered language', () => {
  it('but German and English has a state file that records exactly the units it has', () => {
    const gaps = translated.flatMap(([l, info]) =>
      stateFileGaps(catalogues, l, info, readStateFile(stateFileOf(l, info))),
    );
    expect(gaps).toEqual([]);
  });

  it('translates every text, keeping German only where the allow-list says so', () => {
    const gaps = offered
      .filter(([l]) => l !== 'de')
      .flatMap(([l, info]) => sameAsGerman(catalogues, l, info, allowList as SameAsGerman));
    expect(gaps).toEqual([]);
  });

  it('has every plural form its language has, and no other', () => {
    expect(offered.flatMap(([l, info]) => pluralFormGaps(catalogues, l, info))).toEqual([]);
  });

  it('names only offered languages in the allow-list', () => {
    for (const l of Object.keys(allowList))
      if (l !== 'everywhere' && l !== 'names') expect(Object.keys(LOCALES)).toContain(l);
  });
});
