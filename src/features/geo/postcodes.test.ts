import { describe, expect, it } from 'vitest';
import { distanceKm } from './distance.ts';
import { MAX_MATCHES, lookupPlace, lookupPostcode, resolveLocation } from './postcodes.ts';
import { placeKey } from './normalise.ts';

describe('lookupPostcode', () => {
  it('finds 10115 in Berlin, near Berlin-Mitte', () => {
    const hit = lookupPostcode('10115');
    expect(hit).toMatchObject({ postcode: '10115', state: 'DE-BE', places: ['Berlin'] });
    expect(hit!.lat).toBeCloseTo(52.53, 1);
    expect(hit!.lon).toBeCloseTo(13.38, 1);
  });

  it('finds 80331 in Bavaria (Munich)', () => {
    expect(lookupPostcode('80331')).toMatchObject({ state: 'DE-BY', places: ['München'] });
  });

  it('keeps leading zeros and ignores surrounding spaces', () => {
    expect(lookupPostcode('01067')?.state).toBe('DE-SN');
    expect(lookupPostcode(' 01067 ')?.postcode).toBe('01067');
  });

  it('gives a postcode spanning two states its majority state and all its places', () => {
    // 07919: Kirschkau (Thüringen) and Mühltroff (Sachsen); tie broken by the outline containing the centroid.
    const hit = lookupPostcode('07919');
    expect(hit?.places).toEqual(expect.arrayContaining(['Kirschkau', 'Mühltroff']));
    expect(hit?.state).toBe('DE-TH');
    // 21039: Hamburg-Bergedorf with two villages of Schleswig-Holstein; mostly Hamburg.
    const bergedorf = lookupPostcode('21039');
    expect(bergedorf?.state).toBe('DE-HH');
    expect(bergedorf?.places).toEqual(expect.arrayContaining(['Hamburg Bergedorf', 'Börnsen']));
  });

  it('knows no unknown postcode, no malformed one and no large-customer postcode', () => {
    expect(lookupPostcode('00000')).toBeUndefined();
    expect(lookupPostcode('1011')).toBeUndefined();
    expect(lookupPostcode('abcde')).toBeUndefined();
    expect(lookupPostcode('')).toBeUndefined();
    // 10875 belongs to companies (Daimler …) only: not a place anyone lives in.
    expect(lookupPostcode('10875')).toBeUndefined();
  });
});

describe('lookupPlace', () => {
  it('finds München however it is typed', () => {
    for (const q of ['München', 'Muenchen', 'muenchen', 'MÜNCHEN', ' münchen ', 'Munchen']) {
      const [first] = lookupPlace(q);
      expect(first, q).toMatchObject({ name: 'München', state: 'DE-BY' });
      expect(distanceKm(first!.lat, first!.lon, 48.137, 11.575), q).toBeLessThan(5);
      expect(lookupPostcode(first!.postcode)?.places, q).toContain('München');
    }
  });

  it('keeps places of the same name in different states apart', () => {
    const frankfurts = lookupPlace('Frankfurt').slice(0, 2);
    expect(frankfurts.map((p) => [p.name, p.state])).toEqual([
      ['Frankfurt am Main', 'DE-HE'],
      ['Frankfurt (Oder)', 'DE-BB'],
    ]);
    expect(lookupPlace('Frankfurt (Oder)')[0]).toMatchObject({ name: 'Frankfurt (Oder)', state: 'DE-BB' });
    expect(lookupPlace('frankfurt oder')[0]?.state).toBe('DE-BB');
  });

  it('puts exact matches before prefix matches, at most 10', () => {
    const essen = lookupPlace('Essen');
    expect(essen[0]).toMatchObject({ name: 'Essen', state: 'DE-NW' });
    expect(essen.map((p) => p.name)).toContain('Essen (Oldenburg)');
    const neu = lookupPlace('Neu');
    expect(neu).toHaveLength(MAX_MATCHES);
    for (const p of neu) expect(placeKey(p.name).startsWith('neu')).toBe(true);
  });

  it('completes a prefix', () => {
    const names = lookupPlace('Münch').map((p) => p.name);
    expect(names[0]).toBe('München');
    expect(names).toEqual(expect.arrayContaining(['Münchberg', 'Müncheberg']));
  });

  it('finds nothing for nothing', () => {
    expect(lookupPlace('')).toEqual([]);
    expect(lookupPlace('  ')).toEqual([]);
    expect(lookupPlace('Xyzzyhausen')).toEqual([]);
  });
});

describe('resolveLocation', () => {
  it('reads five digits as a postcode, also followed by the place', () => {
    expect(resolveLocation('10115')).toMatchObject({ kind: 'postcode', postcode: '10115', state: 'DE-BE' });
    expect(resolveLocation(' 80331 München')).toMatchObject({ kind: 'postcode', state: 'DE-BY' });
    expect(resolveLocation('00000')).toEqual({ kind: 'unknown' });
    expect(resolveLocation('123')).toEqual({ kind: 'unknown' });
  });

  it('resolves an unambiguous place', () => {
    expect(resolveLocation('muenchen')).toMatchObject({ kind: 'place', name: 'München', state: 'DE-BY' });
    expect(resolveLocation('Frankfurt am Main')).toMatchObject({ kind: 'place', state: 'DE-HE' });
    // Hamburg's districts ("Hamburg Bergedorf") are parts of it, not alternatives.
    expect(resolveLocation('Hamburg')).toMatchObject({ kind: 'place', name: 'Hamburg', state: 'DE-HH' });
    expect(resolveLocation('Berlin')).toMatchObject({ kind: 'place', state: 'DE-BE' });
  });

  it('offers the Frankfurts as choices', () => {
    const r = resolveLocation('Frankfurt');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.options.map((o) => o.state)).toEqual(['DE-HE', 'DE-BB']);
  });

  it('offers the many Neustadts as choices, at most 10', () => {
    const r = resolveLocation('Neustadt');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.options.length).toBeGreaterThan(3);
    expect(r.options.length).toBeLessThanOrEqual(MAX_MATCHES);
    expect(new Set(r.options.map((o) => o.state)).size).toBeGreaterThan(3);
    for (const o of r.options) expect(o.name.startsWith('Neustadt')).toBe(true);
  });

  it('is ambiguous for one name used by far-apart places', () => {
    const r = resolveLocation('Halle');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    // The largest first: Halle (Saale) has far more postcodes than the villages called Halle.
    expect(r.options[0]?.state).toBe('DE-ST');
  });

  it('says unknown for nonsense and empty input', () => {
    expect(resolveLocation('Xyzzyhausen')).toEqual({ kind: 'unknown' });
    expect(resolveLocation('')).toEqual({ kind: 'unknown' });
    expect(resolveLocation('   ')).toEqual({ kind: 'unknown' });
  });
});
