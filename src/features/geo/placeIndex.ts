/**
 * The place index: every place name of the postcode table, with a centroid,
 * a state and a representative postcode, searchable by exact and prefix key.
 *
 * Derived from the postcode rows instead of being vendored (see the layout
 * note in postcodeData.ts); building it takes a few milliseconds.
 */
import { distanceKm } from './distance.ts';
import { loosePlaceKey, placeKey } from './normalise.ts';
import type { PostcodeRecord } from './postcodeData.ts';
import { STATE_CODES, type StateCode } from './states.ts';

/**
 * Postcodes of one name and state closer than this (chained) are one place.
 * A large city's postcodes lie a few km apart, so they chain into one; two
 * villages called "Neuhof" in one state are usually farther apart.
 */
export const SAME_PLACE_KM = 20;

/** One place. */
export type PlaceEntry = {
  /** Display name as in the source data, e.g. "Frankfurt (Oder)". */
  name: string;
  /** {@link placeKey} of the name. */
  key: string;
  /** {@link loosePlaceKey} of the key. */
  looseKey: string;
  /** Mean of the centroids of the place's postcodes, 4 decimals. */
  lat: number;
  lon: number;
  state: StateCode;
  /** The place's postcode nearest to its centroid. */
  postcode: string;
  /** Number of postcodes: a rough measure of size, used to put Essen before Essen (Oldenburg). */
  postcodeCount: number;
};

/** Matches of a query, by kind of match. */
type PlaceMatches = { exact: PlaceEntry[]; prefix: PlaceEntry[] };

/** Searchable index over {@link PlaceEntry}s. */
export type PlaceIndex = {
  readonly entries: readonly PlaceEntry[];
  /** All places whose key (or, failing that, loose key) equals or starts with the query's. */
  find(query: string): PlaceMatches;
};

type Member = { name: string; postcode: string; lat: number; lon: number };

const stateOrder = (s: StateCode) => STATE_CODES.indexOf(s);
// One collator for all comparisons: localeCompare(…, 'de') builds a new one per call, ~50× slower.
const collator = new Intl.Collator('de');
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const bySize = (a: PlaceEntry, b: PlaceEntry) =>
  b.postcodeCount - a.postcodeCount || collator.compare(a.name, b.name) || stateOrder(a.state) - stateOrder(b.state);

/** Splits postcodes of one name and state into places by single-linkage distance. */
function cluster(members: Member[]): Member[][] {
  if (members.length === 1) return [members];
  const parent = members.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i]!;
      const b = members[j]!;
      if (distanceKm(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, Member[]>();
  members.forEach((m, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(m);
    else groups.set(r, [m]);
  });
  return [...groups.values()];
}

function toEntry(key: string, state: StateCode, members: Member[]): PlaceEntry {
  const [only] = members;
  if (members.length === 1 && only) {
    return {
      name: only.name,
      key,
      looseKey: loosePlaceKey(key),
      lat: only.lat,
      lon: only.lon,
      state,
      postcode: only.postcode,
      postcodeCount: 1,
    };
  }
  const lat = round4(members.reduce((s, m) => s + m.lat, 0) / members.length);
  const lon = round4(members.reduce((s, m) => s + m.lon, 0) / members.length);
  // Spellings of one key differ only in punctuation ("St." / "Sankt"): show the commonest.
  const spellings = new Map<string, number>();
  for (const m of members) spellings.set(m.name, (spellings.get(m.name) ?? 0) + 1);
  const [name] = [...spellings].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))[0]!;
  const nearest = [...members].sort(
    (a, b) =>
      distanceKm(lat, lon, a.lat, a.lon) - distanceKm(lat, lon, b.lat, b.lon) || a.postcode.localeCompare(b.postcode),
  )[0]!;
  const postcodes = new Set(members.map((m) => m.postcode));
  return {
    name,
    key,
    looseKey: loosePlaceKey(key),
    lat,
    lon,
    state,
    postcode: nearest.postcode,
    postcodeCount: postcodes.size,
  };
}

/** First index in `sorted` whose `field` is ≥ `prefix` (binary search). */
function lowerBound(sorted: readonly PlaceEntry[], field: 'key' | 'looseKey', prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]![field] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function withPrefix(sorted: readonly PlaceEntry[], field: 'key' | 'looseKey', prefix: string): PlaceEntry[] {
  const out: PlaceEntry[] = [];
  for (let i = lowerBound(sorted, field, prefix); i < sorted.length && sorted[i]![field].startsWith(prefix); i++)
    out.push(sorted[i]!);
  return out;
}

/** Builds the index from the postcode table. */
export function buildPlaceIndex(records: readonly PostcodeRecord[]): PlaceIndex {
  const groups = new Map<string, { key: string; state: StateCode; members: Member[] }>();
  for (const r of records) {
    for (const p of r.places) {
      const key = placeKey(p.name);
      if (!key) continue;
      const id = `${key}|${p.state}`;
      const g = groups.get(id) ?? { key, state: p.state, members: [] };
      // A postcode's centroid, not the place's own row: the table keeps one point per postcode.
      g.members.push({ name: p.name, postcode: r.postcode, lat: r.lat, lon: r.lon });
      groups.set(id, g);
    }
  }
  const entries: PlaceEntry[] = [];
  for (const g of groups.values()) for (const c of cluster(g.members)) entries.push(toEntry(g.key, g.state, c));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || bySize(a, b));
  const byLoose = [...entries].sort(
    (a, b) => (a.looseKey < b.looseKey ? -1 : a.looseKey > b.looseKey ? 1 : 0) || bySize(a, b),
  );

  return {
    entries,
    find(query) {
      const key = placeKey(query);
      if (!key) return { exact: [], prefix: [] };
      let hits = withPrefix(entries, 'key', key);
      let exactOf = (e: PlaceEntry) => e.key === key;
      if (hits.length === 0) {
        // Only when the proper spelling finds nothing: "Munchen" → München.
        const loose = loosePlaceKey(key);
        hits = withPrefix(byLoose, 'looseKey', loose);
        exactOf = (e) => e.looseKey === loose;
      }
      return {
        exact: hits.filter(exactOf).sort(bySize),
        prefix: hits.filter((e) => !exactOf(e)).sort(bySize),
      };
    },
  };
}
