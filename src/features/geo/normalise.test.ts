import { describe, expect, it } from 'vitest';
import { loosePlaceKey, placeKey } from './normalise.ts';

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
