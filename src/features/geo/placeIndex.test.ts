import { describe, expect, it } from 'vitest';
import { buildPlaceIndex } from './placeIndex.ts';
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
    const idx = buildPlaceIndex([
      rec('11111', 50.0, 8.0, 'DE-HE', 'Musterstadt'),
      rec('11112', 50.1, 8.0, 'DE-HE', 'Musterstadt'),
      rec('11113', 50.06, 8.0, 'DE-HE', 'Musterstadt'),
    ]);
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
    const idx = buildPlaceIndex([
      rec('11111', 50.0, 8.0, 'DE-HE', 'Neudorf'),
      rec('22222', 50.0, 8.05, 'DE-RP', 'Neudorf'),
      rec('33333', 51.0, 8.0, 'DE-HE', 'Neudorf'),
    ]);
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
    const idx = buildPlaceIndex([
      rec('11111', 50, 8, 'DE-HE', 'Köln', 'Kölnhausen'),
      rec('22222', 52, 9, 'DE-NI', 'Soest'),
    ]);
    expect(idx.find('Köln').exact.map((e) => e.name)).toEqual(['Köln']);
    expect(idx.find('Köln').prefix.map((e) => e.name)).toEqual(['Kölnhausen']);
    expect(idx.find('Koln').exact.map((e) => e.name)).toEqual(['Köln']);
    expect(idx.find('Soest').exact.map((e) => e.name)).toEqual(['Soest']);
    expect(idx.find('').exact).toEqual([]);
  });

  it('shows a place under the name of its row in another state, under that state', () => {
    const idx = buildPlaceIndex([
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
    ]);
    expect(idx.find('Mühltroff').exact[0]?.state).toBe('DE-SN');
  });
});
