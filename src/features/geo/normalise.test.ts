import { describe, expect, it } from 'vitest';
import { compactPlaceKey, loosePlaceKey, placeKey } from './normalise.ts';

describe('placeKey', () => {
  it('folds case, umlauts and ß the way Germans spell them without', () => {
    expect(placeKey('München')).toBe('muenchen');
    expect(placeKey('MUENCHEN')).toBe('muenchen');
    expect(placeKey('Großenhain')).toBe('grossenhain');
    expect(placeKey('Gross-Gerau')).toBe(placeKey('Groß-Gerau'));
    expect(placeKey('ÖHRINGEN')).toBe('oehringen');
  });

  it('treats decomposed input (a + combining diaeresis) like composed', () => {
    expect(placeKey('Mu\u0308nchen')).toBe('muenchen');
  });

  it('reduces punctuation, hyphens and spaces to single spaces and trims', () => {
    expect(placeKey('  Frankfurt (Oder) ')).toBe('frankfurt oder');
    expect(placeKey('Frankfurt-Oder')).toBe('frankfurt oder');
    expect(placeKey('Neustadt/Harz')).toBe('neustadt harz');
    expect(placeKey('')).toBe('');
    expect(placeKey(' -- ')).toBe('');
  });

  it('reads "St." as "Sankt" but leaves words merely starting with st alone', () => {
    expect(placeKey('St. Ingbert')).toBe('sankt ingbert');
    expect(placeKey('Sankt Ingbert')).toBe('sankt ingbert');
    expect(placeKey('Stuttgart')).toBe('stuttgart');
  });

  it('drops other accents', () => {
    expect(placeKey('Crémieu')).toBe('cremieu');
  });
});

describe('loosePlaceKey', () => {
  it('lets people without umlauts find umlaut names', () => {
    expect(loosePlaceKey(placeKey('München'))).toBe(loosePlaceKey(placeKey('Munchen')));
    expect(loosePlaceKey(placeKey('Köln'))).toBe('koln');
  });
});

describe('compactPlaceKey', () => {
  const compact = (s: string) => compactPlaceKey(placeKey(s));

  it('gives every way of writing a qualifier one key', () => {
    for (const s of ['Frankfurt am Main', 'Frankfurt/Main', 'Frankfurt a. M.', 'Frankfurt a.M.', 'Frankfurt Main'])
      expect(compact(s), s).toBe('frankfurt main');
    for (const s of ['Frankfurt (Oder)', 'Frankfurt/Oder', 'Frankfurt an der Oder', 'Frankfurt a. d. O.'])
      expect(compact(s), s).toBe('frankfurt oder');
    expect(compact('Freiburg i. Br.')).toBe(compact('Freiburg im Breisgau'));
  });

  it('keeps a first word that looks like a filler, and single letters that are no abbreviation', () => {
    expect(compact('Am Mellensee')).toBe('am mellensee');
    expect(compact('Halle (Saale)')).toBe('halle saale');
    // "x" is no known qualifier: left as it is.
    expect(compact('Neustadt a. X.')).toBe('neustadt x');
  });
});
