/**
 * The fast grouped search against a plain reference implementation of the
 * same rules: filter every entry, compute every distance, sort everything,
 * slice. The index must return exactly the same hits, in the same order,
 * with the same distances and totals — for the benchmark's own directory and
 * queries, and for random directories and queries (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realPostcodes, syntheticEntries } from '../../../bench/synthetic.ts';
import { searchQueries } from '../../../bench/queries.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import { distanceKm } from '../geo/distance.ts';
import { STATE_CODES, type StateCode } from '../geo/states.ts';
import { resolveWhere, toSearchQuery } from './resolve.ts';
import { finderQuerySchema } from './schema.ts';
import {
  FinderIndex,
  finderIndex,
  MIN_LOCAL,
  RADIUS_KM,
  type GroupedQuery,
  type GroupedResults,
  type Slice,
} from './search-index.ts';

/** The rules of search-index.ts, written as plainly as possible. */
function reference(
  entries: readonly DirectoryEntry[],
  q: GroupedQuery,
  slices: { remote: Slice; local: Slice },
): GroupedResults {
  const collator = new Intl.Collator('de');
  const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
    collator.compare(a.service.name, b.service.name) || (a.service.id < b.service.id ? -1 : 1);
  const anyOf = (wanted: readonly string[], have: readonly string[]) =>
    wanted.length === 0 || wanted.some((w) => have.includes(w));
  const fits = (e: DirectoryEntry) =>
    e.service.status === 'active' &&
    anyOf(q.targetGroups, e.targetGroups) &&
    anyOf(q.exploitation, e.exploitation) &&
    anyOf(q.languages, e.languages) &&
    q.accessibility.every((a) => (e.accessibility as string[]).includes(a));
  const state = q.origin ? q.origin.state : q.state;
  const covers = (e: DirectoryEntry) => e.areas.includes('DE') || (state !== undefined && e.areas.includes(state));
  const slice = <T>(xs: T[], s: Slice) => xs.slice(s.from, s.from + s.count);

  const remote = entries.filter((e) => !e.location && fits(e) && covers(e)).sort(byName);
  const remoteHits = slice(remote, slices.remote).map((entry) => ({ entry, distanceKm: null, coversArea: true }));

  if (q.origin) {
    const o = q.origin;
    const located = entries
      .filter((e) => e.location && fits(e))
      .map((entry) => ({
        entry,
        d: distanceKm(o.lat, o.lon, entry.location!.latitude, entry.location!.longitude),
      }))
      .sort((a, b) => a.d - b.d || byName(a.entry, b.entry));
    const withinRadius = located.filter((x) => x.d <= RADIUS_KM).length;
    const shown = located.filter((x, i) => x.d <= RADIUS_KM || i < MIN_LOCAL);
    return {
      remote: { hits: remoteHits, total: remote.length },
      local: {
        hits: slice(shown, slices.local).map((x) => ({ entry: x.entry, distanceKm: x.d, coversArea: covers(x.entry) })),
        total: shown.length,
        withinRadius,
      },
    };
  }
  const inState = (e: DirectoryEntry) => e.location?.address.state_province === state;
  const located = [
    ...entries.filter((e) => e.location && fits(e) && inState(e)).sort(byName),
    ...entries.filter((e) => e.location && fits(e) && !inState(e) && covers(e)).sort(byName),
  ];
  return {
    remote: { hits: remoteHits, total: remote.length },
    local: {
      hits: slice(located, slices.local).map((entry) => ({ entry, distanceKm: null, coversArea: covers(entry) })),
      total: located.length,
      withinRadius: located.length,
    },
  };
}

/** Hits as comparable values (ids instead of object identity). */
const plain = (r: GroupedResults) => ({
  remote: { total: r.remote.total, hits: r.remote.hits.map((h) => [h.entry.service.id, h.distanceKm, h.coversArea]) },
  local: {
    total: r.local.total,
    withinRadius: r.local.withinRadius,
    hits: r.local.hits.map((h) => [h.entry.service.id, h.distanceKm, h.coversArea]),
  },
});

const PAGE = (page: number) => ({ remote: { from: 0, count: 3 }, local: { from: (page - 1) * 10, count: 10 } });

describe('the grouped search against its reference', () => {
  const postcodes = realPostcodes();
  const entries = syntheticEntries(5000, postcodes);
  const index = new FinderIndex(entries);

  it('returns exactly the reference’s results for every benchmark query, on several pages', () => {
    const queries = searchQueries(postcodes);
    expect(queries.length).toBeGreaterThan(150);
    for (const { path } of queries) {
      const params = new URLSearchParams(path.split('?')[1]);
      const raw: Record<string, string | string[]> = {};
      for (const k of new Set(params.keys())) {
        const all = params.getAll(k);
        raw[k] = all.length > 1 ? all : all[0]!;
      }
      const query = finderQuerySchema.parse(raw);
      const where = resolveWhere(query);
      expect(where.kind === 'origin' || where.kind === 'state').toBe(true);
      const sq = toSearchQuery(query, where);
      for (const page of [query.page, query.page + 3]) {
        const slices = PAGE(page);
        expect(plain(index.search(sq, slices)), path).toEqual(plain(reference(entries, sq, slices)));
      }
      // A long slice: the whole local list of a place, every remote service.
      const wide = { remote: { from: 0, count: 500 }, local: { from: 0, count: 400 } };
      expect(plain(index.search(sq, wide)), path).toEqual(plain(reference(entries, sq, wide)));
    }
  });

  it('returns exactly the reference’s results for random directories and queries', () => {
    const sub = <T>(xs: readonly T[]) => fc.subarray([...xs]);
    // Coordinates on a coarse grid, so equal places and equal distances (ties by name) are common.
    // Some anywhere in and around Germany, so that cell edges of the index's grid are crossed too.
    const coord = fc.oneof(
      fc.record({
        lat: fc.integer({ min: 0, max: 8 }).map((i) => 47.3 + i * 0.9),
        lon: fc.integer({ min: 0, max: 8 }).map((i) => 5.9 + i * 1.1),
      }),
      fc.record({
        lat: fc.double({ min: 46, max: 56, noNaN: true }),
        lon: fc.double({ min: 4, max: 16, noNaN: true }),
      }),
    );
    const state = fc.constantFrom(...STATE_CODES);
    const entryArb = fc.record({
      name: fc.constantFrom('Anna', 'Ärztin', 'Beratung', 'beratung', 'Zora', 'Ökumenisch', 'Öl', 'Mitte'),
      status: fc.constantFrom('active', 'active', 'active', 'inactive', 'temporarily closed', 'defunct'),
      place: fc.option(fc.record({ at: coord, state }), { freq: 4 }),
      areas: sub(['DE', ...STATE_CODES.slice(0, 4)] as const),
      tg: sub(TARGET_GROUPS),
      ex: sub(EXPLOITATION_FORMS),
      acc: sub(ACCESSIBILITY_FEATURES),
      lang: sub(['de', 'en', 'ar', 'ti', 'edo', 'twi', 'xx']),
    });
    const queryArb = fc.record({
      origin: fc.option(fc.record({ at: coord, state }), { freq: 3 }),
      state,
      tg: sub(TARGET_GROUPS).map((x) => x.slice(0, 2)),
      ex: sub(EXPLOITATION_FORMS).map((x) => x.slice(0, 2)),
      acc: sub(ACCESSIBILITY_FEATURES).map((x) => x.slice(0, 2)),
      lang: sub([...SERVICE_LANGUAGES.slice(0, 3), 'ti', 'twi', 'xx']).map((x) => x.slice(0, 2)),
      remoteFrom: fc.nat(4),
      remoteCount: fc.nat(5),
      localFrom: fc.nat(30),
      localCount: fc.nat(25),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 150, size: 'max' }), queryArb, (raw, q) => {
        const entries = raw.map((r, n) =>
          makeEntry(n, r.name, r.status as DirectoryEntry['service']['status'], r.place, r.areas, {
            targetGroups: r.tg,
            exploitation: r.ex,
            accessibility: r.acc,
            languages: r.lang,
          }),
        );
        const sq: GroupedQuery = {
          ...(q.origin
            ? { origin: { lat: q.origin.at.lat, lon: q.origin.at.lon, state: q.origin.state, label: 'X' } }
            : { state: q.state }),
          targetGroups: q.tg,
          exploitation: q.ex,
          languages: q.lang,
          accessibility: q.acc,
        };
        const slices = {
          remote: { from: q.remoteFrom, count: q.remoteCount },
          local: { from: q.localFrom, count: q.localCount },
        };
        expect(plain(new FinderIndex(entries).search(sq, slices))).toEqual(plain(reference(entries, sq, slices)));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps one index per directory snapshot', () => {
    expect(finderIndex(entries)).toBe(finderIndex(entries));
    expect(finderIndex([...entries])).not.toBe(finderIndex(entries));
  });
});

describe('the grouped search', () => {
  const dortmund = { lat: 51.514, lon: 7.465, state: 'DE-NW' as StateCode, label: 'Dortmund' };
  const none = { targetGroups: [], exploitation: [], languages: [], accessibility: [] };

  it('lists services reachable from anywhere apart, and only those responsible for the place', () => {
    const entries = [
      makeEntry(1, 'Nationwide chat', 'active', null, ['DE']),
      makeEntry(2, 'NRW phone line', 'active', null, ['DE-NW']),
      makeEntry(3, 'Bavarian phone line', 'active', null, ['DE-BY']),
      makeEntry(4, 'Dortmund centre', 'active', { at: { lat: 51.51, lon: 7.47 }, state: 'DE-NW' }, []),
    ];
    const r = new FinderIndex(entries).search({ ...none, origin: dortmund }, PAGE(1));
    expect(r.remote.hits.map((h) => h.entry.service.name)).toEqual(['Nationwide chat', 'NRW phone line']);
    expect(r.local.hits.map((h) => h.entry.service.name)).toEqual(['Dortmund centre']);
  });

  it('shows everything within 50 km, and at least the ten nearest beyond', () => {
    // Twelve centres 100 km and more away, two within 50 km.
    const far = Array.from({ length: 12 }, (_, i) =>
      makeEntry(10 + i, `Far ${i}`, 'active', { at: { lat: 52.5 + i * 0.1, lon: 7.465 }, state: 'DE-NI' }, []),
    );
    const near = [0.1, 0.3].map((d, i) =>
      makeEntry(30 + i, `Near ${i}`, 'active', { at: { lat: 51.514 + d, lon: 7.465 }, state: 'DE-NW' }, []),
    );
    const r = new FinderIndex([...far, ...near]).search({ ...none, origin: dortmund }, PAGE(1));
    expect(r.local.withinRadius).toBe(2);
    expect(r.local.total).toBe(10);
    expect(r.local.hits.map((h) => h.entry.service.name).slice(0, 3)).toEqual(['Near 0', 'Near 1', 'Far 0']);
    // With many nearby, the list is all within 50 km, past ten.
    const many = Array.from({ length: 15 }, (_, i) =>
      makeEntry(50 + i, `Close ${i}`, 'active', { at: { lat: 51.514 + i * 0.01, lon: 7.465 }, state: 'DE-NW' }, []),
    );
    const r2 = new FinderIndex([...far, ...many]).search({ ...none, origin: dortmund }, PAGE(2));
    expect(r2.local.total).toBe(15);
    expect(r2.local.hits.map((h) => h.entry.service.name)).toEqual([
      'Close 10',
      'Close 11',
      'Close 12',
      'Close 13',
      'Close 14',
    ]);
  });
});

let serial = 0;
function makeEntry(
  n: number,
  name: string,
  status: DirectoryEntry['service']['status'],
  place: { at: { lat: number; lon: number }; state: StateCode } | null,
  areas: readonly (StateCode | 'DE')[],
  terms: {
    targetGroups?: readonly string[];
    exploitation?: readonly string[];
    accessibility?: readonly string[];
    languages?: readonly string[];
  } = {},
): DirectoryEntry {
  serial++;
  const id = `00000000-0000-4000-8000-${String(serial * 1000 + n).padStart(12, '0')}`;
  return {
    organization: { id, name: 'Org', description: '', email: null, website: null, legal_status: null, is_demo: false },
    service: {
      id,
      name,
      description: '',
      url: null,
      email: null,
      status,
      interpretation_services: null,
      application_process: null,
      fees_description: null,
      eligibility_description: null,
      minimum_age: null,
      maximum_age: null,
      assured_date: null,
      alert: null,
      is_demo: false,
    },
    location: place
      ? {
          id,
          name: null,
          latitude: place.at.lat,
          longitude: place.at.lon,
          transportation: null,
          address_protected: false,
          accessibility: null,
          address: { address_1: null, postal_code: '00000', city: 'X', state_province: place.state, country: 'DE' },
        }
      : null,
    phones: [],
    languages: [...(terms.languages ?? ['de'])],
    schedules: [],
    areas: [...areas],
    targetGroups: [...(terms.targetGroups ?? ['women'])] as DirectoryEntry['targetGroups'],
    exploitation: [...(terms.exploitation ?? ['sexual'])] as DirectoryEntry['exploitation'],
    accessibility: [...(terms.accessibility ?? [])] as DirectoryEntry['accessibility'],
  };
}
