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
    // A district is found by its own name too ("Neukölln" → "Berlin Neukölln").
    for (const p of neu) expect(placeKey(p.name)).toMatch(/(^| )neu/);
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
    expect(resolveLocation('00000')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(resolveLocation('123')).toEqual({ kind: 'unknown', suggestions: [] });
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
    // Hamburg's district Neustadt is one of them ("Hamburg Neustadt").
    for (const o of r.options) expect(o.name).toMatch(/(^| )Neustadt/);
  });

  it('is ambiguous for one name used by far-apart places', () => {
    const r = resolveLocation('Halle');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    // The largest first: Halle (Saale) has far more postcodes than the villages called Halle.
    expect(r.options[0]?.state).toBe('DE-ST');
  });

  it('says unknown for nonsense and empty input', () => {
    expect(resolveLocation('Xyzzyhausen')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(resolveLocation('')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(resolveLocation('   ')).toEqual({ kind: 'unknown', suggestions: [] });
  });
});

describe('what people type', () => {
  const resolved = (q: string) => {
    const r = resolveLocation(q);
    if (r.kind === 'place') return `${r.name} ${r.state}`;
    if (r.kind === 'postcode') return `${r.postcode} ${r.state}`;
    if (r.kind === 'ambiguous') return `ambiguous: ${r.options.map((o) => `${o.name} ${o.state}`).join(', ')}`;
    return `unknown: ${r.suggestions.map((o) => o.name).join(', ')}`;
  };

  it.each([
    ['Munich', 'München DE-BY'],
    ['Cologne', 'Köln DE-NW'],
    ['Nuremberg', 'Nürnberg DE-BY'],
    ['Hanover', 'Hannover DE-NI'],
    ['Hanovre', 'Hannover DE-NI'],
    ['Brunswick', 'Braunschweig DE-NI'],
    ['Mayence', 'Mainz DE-RP'],
    ['Aix-la-Chapelle', 'Aachen DE-NW'],
    ['Trèves', 'Trier DE-RP'],
    ['Treves', 'Trier DE-RP'],
    ['Ratisbonne', 'Regensburg DE-BY'],
    ['Brême', 'Bremen DE-HB'],
    ['Hambourg', 'Hamburg DE-HH'],
    ['Dresde', 'Dresden DE-SN'],
    ['Leipzig', 'Leipzig DE-SN'],
    ['Berlin', 'Berlin DE-BE'],
    ['Francfort-sur-le-Main', 'Frankfurt am Main DE-HE'],
  ])('finds the exonym %s', (q, expected) => {
    expect(resolved(q)).toBe(expected);
  });

  it.each([
    ['Neukölln', 'Berlin Neukölln DE-BE'],
    ['Neukoelln', 'Berlin Neukölln DE-BE'],
    ['Kreuzberg', 'Berlin Kreuzberg DE-BE'],
    ['Berlin-Neukölln', 'Berlin Neukölln DE-BE'],
    ['Berlin Kreuzberg', 'Berlin Kreuzberg DE-BE'],
    ['Berlin-Kreuzberg', 'Berlin Kreuzberg DE-BE'],
    ['Hamburg Altona-Altstadt', 'Hamburg Altona-Altstadt DE-HH'],
    ['Altona-Altstadt', 'Hamburg Altona-Altstadt DE-HH'],
    ['Altona', 'Hamburg Altona-Altstadt DE-HH'],
    ['Charlottenburg', 'Berlin Charlottenburg DE-BE'],
    ['Spandau', 'Berlin Spandau DE-BE'],
  ])('finds the city district %s', (q, expected) => {
    expect(resolved(q)).toBe(expected);
  });

  it('puts a district near its city', () => {
    const r = resolveLocation('Neukölln');
    expect(r.kind).toBe('place');
    if (r.kind !== 'place') return;
    // The borough office lies in Neukölln; Berlin's centre (Mitte) is about 5 km north-west.
    expect(distanceKm(r.lat, r.lon, 52.481, 13.435)).toBeLessThan(3);
  });

  it('asks when a district shares its name with a town elsewhere', () => {
    expect(resolved('Harburg')).toBe('ambiguous: Hamburg Harburg DE-HH, Harburg DE-BY');
  });

  it.each([
    ['Frankfurt/Main', 'Frankfurt am Main DE-HE'],
    ['Frankfurt am Main', 'Frankfurt am Main DE-HE'],
    ['Frankfurt a. M.', 'Frankfurt am Main DE-HE'],
    ['Frankfurt a.M.', 'Frankfurt am Main DE-HE'],
    ['Frankfurt Main', 'Frankfurt am Main DE-HE'],
    ['Frankfurt (Oder)', 'Frankfurt (Oder) DE-BB'],
    ['Frankfurt/Oder', 'Frankfurt (Oder) DE-BB'],
    ['Frankfurt an der Oder', 'Frankfurt (Oder) DE-BB'],
    ['Freiburg i. Br.', 'Freiburg im Breisgau DE-BW'],
    ['Halle/Saale', 'Halle DE-ST'],
    ['Halle (Saale)', 'Halle DE-ST'],
    ['Halle a. d. Saale', 'Halle DE-ST'],
  ])('reads the qualifier of %s however it is written', (q, expected) => {
    expect(resolved(q)).toBe(expected);
  });

  it('takes a bare "Frankfurt" for the question it is', () => {
    expect(resolved('Frankfurt')).toBe('ambiguous: Frankfurt am Main DE-HE, Frankfurt (Oder) DE-BB');
  });

  it('reads four digits as a postcode that lost its leading zero', () => {
    expect(resolved('1067')).toBe('01067 DE-SN');
    expect(resolved('1067 Dresden')).toBe('01067 DE-SN');
    expect(resolveLocation('1067')).toMatchObject({ places: expect.arrayContaining(['Dresden']) });
    // Four digits that are no postcode even with the zero: unknown, not a guess.
    expect(resolved('0000')).toBe('unknown: ');
  });

  it.each([
    ['Dortmnd', 'Dortmund'],
    ['Nürnbreg', 'Nürnberg'],
    ['Dusseldrof', 'Düsseldorf'],
    ['Berln', 'Berlin'],
    // "Munih" itself is no typo any more: the Turkish name of München, "Münih", typed without ü.
    ['Munchn', 'München'],
  ])('suggests a place for the typo %s, and does not search it', (q, suggestion) => {
    const r = resolveLocation(q);
    expect(r.kind).toBe('unknown');
    if (r.kind !== 'unknown') return;
    expect(r.suggestions.map((s) => s.name)).toContain(suggestion);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('suggests nothing for short or far-off input', () => {
    expect(resolved('Xyz')).toBe('unknown: ');
    expect(resolved('Qwertzuiop')).toBe('unknown: ');
  });

  it('stays fast: a place in well under a millisecond, a typo in a few', () => {
    resolveLocation('warm up');
    const time = (q: string, n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) resolveLocation(q);
      return (performance.now() - t0) / n;
    };
    // Generous bounds for a shared, loaded machine; typical: 0.03 ms and 1–2 ms.
    expect(time('Munich', 200)).toBeLessThan(1);
    expect(time('Dortmnd', 20)).toBeLessThan(15);
  });
});
