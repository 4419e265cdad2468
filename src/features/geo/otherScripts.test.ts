/**
 * Place names in other scripts: Arabic, Persian, Cyrillic, Ge'ez and Chinese
 * queries find their place through the exonym tables of the offered
 * languages, on the real postcode data; Latin behaviour stays as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_EXONYMS } from './exonyms/index.ts';
import type { Exonym } from './exonyms.ts';
import { hasOtherScript, placeKey } from './normalise.ts';
import { buildPlaceIndex } from './placeIndex.ts';
import { loadPostcodeFile } from './postcodeData.ts';
import { lookupPlace } from './postcodes.ts';

/** Rows as the translators' files give them (the real files join through exonyms/languages.ts). */
const FIXTURE: readonly Exonym[] = [
  ['برلين', 'Berlin', 'DE-BE'],
  ['ميونيخ', 'München', 'DE-BY'],
  ['Берлин', 'Berlin', 'DE-BE'],
  ['Кёльн', 'Köln', 'DE-NW'],
  ['Мюнхен', 'München', 'DE-BY'],
  ['柏林', 'Berlin', 'DE-BE'],
  ['慕尼黑', 'München', 'DE-BY'],
  ['በርሊን', 'Berlin', 'DE-BE'],
  ['ሙኒክ', 'München', 'DE-BY'],
];

const records = loadPostcodeFile();
const idx = buildPlaceIndex(records, [...ALL_EXONYMS, ...FIXTURE]);
const found = (q: string) => idx.find(q).exact.map((e) => [e.name, e.state]);

describe('place names in other scripts', () => {
  it.each([
    ['Arabic', 'برلين', 'Berlin', 'DE-BE'],
    ['Russian', 'Берлин', 'Berlin', 'DE-BE'],
    ['Ukrainian', 'Мюнхен', 'München', 'DE-BY'],
    ['Chinese', '柏林', 'Berlin', 'DE-BE'],
    ['Tigrinya', 'በርሊን', 'Berlin', 'DE-BE'],
    ['Tigrinya', 'ሙኒክ', 'München', 'DE-BY'],
  ])('%s “%s” finds %s', (_, q, name, state) => {
    expect(found(q)).toEqual([[name, state]]);
  });

  it('folds the variants people type: vowel marks, hamza seats, Persian ya and kaf, tatweel, ё', () => {
    // With vowel marks, and with the Persian ya (ی) as a Dari or Farsi keyboard writes it.
    expect(found('بَرْلِين')).toEqual([['Berlin', 'DE-BE']]);
    expect(found('برلین')).toEqual([['Berlin', 'DE-BE']]);
    expect(found('برلـيـن')).toEqual([['Berlin', 'DE-BE']]);
    expect(placeKey('أ إ آ ٱ')).toBe('ا ا ا ا');
    expect(placeKey('ک ك')).toBe('ك ك');
    expect(placeKey('مدينة')).toBe(placeKey('مدينه'));
    // A Persian word with a zero-width non-joiner is one word.
    expect(placeKey('می\u200cخواهم')).toBe('ميخواهم');
    expect(found('Кельн')).toEqual([['Köln', 'DE-NW']]);
    expect(placeKey('ПОТСДАМ')).toBe('потсдам');
  });

  it('reads digits of other scripts as a postcode’s digits', () => {
    expect(placeKey('١٠١١٥')).toBe('10115');
    expect(placeKey('۱۰۱۱۵')).toBe('10115');
  });

  it('completes a prefix in another script', () => {
    expect(idx.find('Мюнх').prefix.map((e) => e.name)).toContain('München');
  });

  it('suggests names in the query’s own script only, never a Latin name for an Arabic or Cyrillic query', () => {
    // One slip in an exonym: the exonym as the reader writes it.
    expect(idx.suggest('Берлинн').map((e) => [e.aliasName, e.name])).toEqual([['Берлин', 'Berlin']]);
    // Nothing in that script is near: no suggestion at all, although Latin names of this length abound.
    expect(idx.suggest('قريةغريبة')).toEqual([]);
    expect(idx.suggest('Нечтотакое')).toEqual([]);
    // A Latin typo gets Latin names as before.
    expect(idx.suggest('Berln').map((e) => e.name)).toEqual(['Berlin']);
  });

  it('keeps the guarantee: a row whose German place is not in the data, or whose name leaves no key, fails the build', () => {
    expect(() => buildPlaceIndex(records, [['Кёнигсберг', 'Königsberg', 'DE-BY']])).toThrow(/Кёнигсберг.*Königsberg/);
    expect(() => buildPlaceIndex(records, [['…', 'Berlin', 'DE-BE']])).toThrow(/nothing of it is left/);
  });

  it('knows which text holds letters of another script', () => {
    expect(['برلين', 'Берлин', '柏林', 'በርሊን', 'Berlin Мюнхен'].map(hasOtherScript)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['Berlin', 'Crémieu', 'Łódź', '10115', '١٠١١٥', ''].map(hasOtherScript)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('the languages’ own tables, as delivered', () => {
  it('find the larger cities in each script, and Latin exonyms of the other languages', () => {
    const real = buildPlaceIndex(records);
    const at = (q: string) => real.find(q).exact.map((e) => e.name);
    for (const q of ['برلين', 'برلین', 'Берлин', 'Берлін', '柏林', 'በርሊን']) expect(at(q), q).toContain('Berlin');
    for (const q of ['ميونخ', 'Мюнхен', '慕尼黑', 'Münih', 'Munih']) expect(at(q), q).toContain('München');
  });

  it('list a place found under its own name and a longer exonym once', () => {
    const names = lookupPlace('Frankfurt').map((p) => `${p.name}|${p.state}`);
    expect(names).toEqual([...new Set(names)]);
  });
});

describe('the exonym folder', () => {
  it('joins every language file present (languages.ts re-exports each one)', () => {
    const folder = new URL('./exonyms/', import.meta.url);
    const files = readdirSync(folder).filter((f) => /^[a-z]{2,3}\.ts$/.test(f));
    const listed = readFileSync(new URL('languages.ts', folder), 'utf8');
    for (const f of files) expect(listed, f).toContain(`export * from './${f}';`);
  });
});
