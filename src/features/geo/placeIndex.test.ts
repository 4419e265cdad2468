import { describe, expect, it } from 'vitest';
import { buildPlaceIndex, maxTypos } from './placeIndex.ts';
import type { PostcodeRecord } from './postcodeData.ts';

const rec = (
  postcode: string,
  lat: number,
  lon: number,
  state: PostcodeRecord['state'],
  ...names: string[]
): PostcodeRecord => ({
  postcode,
  lat,
  lon,
  state,
  places: names.map((name) => ({ name, state })),
});

describe('buildPlaceIndex', () => {
  it('merges the postcodes of one place: centroid is their mean, the representative the nearest', () => {
    const idx = buildPlaceIndex(
      [
        rec('11111', 50.0, 8.0, 'DE-HE', 'Musterstadt'),
        rec('11112', 50.1, 8.0, 'DE-HE', 'Musterstadt'),
        rec('11113', 50.06, 8.0, 'DE-HE', 'Musterstadt'),
      ],
      [],
    );
    expect(idx.entries).toHaveLength(1);
    expect(idx.entries[0]).toMatchObject({
      name: 'Musterstadt',
      lat: 50.0533,
      lon: 8,
      postcode: '11113',
      postcodeCount: 3,
    });
  });

  it('keeps one name in two states apart, and far-apart places of one name in one state', () => {
    const idx = buildPlaceIndex(
      [
        rec('11111', 50.0, 8.0, 'DE-HE', 'Neudorf'),
        rec('22222', 50.0, 8.05, 'DE-RP', 'Neudorf'),
        rec('33333', 51.0, 8.0, 'DE-HE', 'Neudorf'),
      ],
      [],
    );
    expect(idx.entries.map((e) => [e.state, e.postcode])).toEqual(
      expect.arrayContaining([
        ['DE-HE', '11111'],
        ['DE-RP', '22222'],
        ['DE-HE', '33333'],
      ]),
    );
    expect(idx.find('neudorf').exact).toHaveLength(3);
  });

  it('finds exact and prefix matches, with the loose key only as a fallback', () => {
    const idx = buildPlaceIndex(
      [rec('11111', 50, 8, 'DE-HE', 'Köln', 'Kölnhausen'), rec('22222', 52, 9, 'DE-NI', 'Soest')],
      [],
    );
    expect(idx.find('Köln').exact.map((e) => e.name)).toEqual(['Köln']);
    expect(idx.find('Köln').prefix.map((e) => e.name)).toEqual(['Kölnhausen']);
    expect(idx.find('Koln').exact.map((e) => e.name)).toEqual(['Köln']);
    expect(idx.find('Soest').exact.map((e) => e.name)).toEqual(['Soest']);
    expect(idx.find('').exact).toEqual([]);
  });

  it('shows a place under the name of its row in another state, under that state', () => {
    const idx = buildPlaceIndex(
      [
        {
          postcode: '07919',
          lat: 50.57,
          lon: 11.9,
          state: 'DE-TH',
          places: [
            { name: 'Kirschkau', state: 'DE-TH' },
            { name: 'Mühltroff', state: 'DE-SN' },
          ],
        },
      ],
      [],
    );
    expect(idx.find('Mühltroff').exact[0]?.state).toBe('DE-SN');
  });
});

describe('other names of a place', () => {
  const records = [
    rec('10961', 52.49, 13.39, 'DE-BE', 'Berlin', 'Berlin Kreuzberg'),
    rec('10115', 52.53, 13.38, 'DE-BE', 'Berlin'),
    rec('80331', 48.13, 11.57, 'DE-BY', 'München'),
    rec('60311', 50.11, 8.68, 'DE-HE', 'Frankfurt am Main'),
    rec('15230', 52.34, 14.55, 'DE-BB', 'Frankfurt (Oder)'),
    rec('07743', 50.92, 11.58, 'DE-TH', 'Neustadt an der Orla', 'Neustadt Harz'),
  ];
  const idx = buildPlaceIndex(records, [['Munich', 'München', 'DE-BY']]);

  it('finds a district by its own name, shown under its full name', () => {
    expect(idx.find('Kreuzberg').exact.map((e) => [e.name, e.alias])).toEqual([['Berlin Kreuzberg', 'district']]);
  });

  it('takes only "City District" in the city’s state for a district', () => {
    // "Neustadt Harz" would be a district only if a place "Neustadt" existed in Thüringen.
    expect(idx.find('Harz').exact).toEqual([]);
    expect(idx.find('Orla').exact).toEqual([]);
  });

  it('finds an exonym, shown under the German name', () => {
    expect(idx.find('Munich').exact.map((e) => [e.name, e.state, e.alias])).toEqual([['München', 'DE-BY', 'exonym']]);
  });

  it('refuses an exonym whose place is not in the data', () => {
    expect(() => buildPlaceIndex(records, [['Cologne', 'Köln', 'DE-NW']])).toThrow(/Cologne.*Köln/);
  });

  it('matches the compact key when the proper one finds nothing', () => {
    const m = idx.find('Frankfurt/Main');
    expect(m.field).toBe('compactKey');
    expect(m.exact.map((e) => e.name)).toEqual(['Frankfurt am Main']);
  });

  it('suggests the nearest names within the allowed typos, none for short input', () => {
    expect(idx.suggest('Frankfurt am Mian').map((e) => e.name)).toEqual(['Frankfurt am Main']);
    expect(idx.suggest('Berln').map((e) => e.name)).toEqual(['Berlin']);
    expect(idx.suggest('Brl')).toEqual([]);
    expect(idx.suggest('Hamburg')).toEqual([]);
  });
});

describe('maxTypos', () => {
  it('allows none below four letters, one up to seven, two beyond', () => {
    expect([3, 4, 7, 8, 20].map(maxTypos)).toEqual([0, 1, 1, 2, 2]);
  });
});
