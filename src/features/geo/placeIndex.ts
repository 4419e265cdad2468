/**
 * The place index: every place name of the postcode table, with a centroid,
 * a state and a representative postcode, searchable by exact and prefix key.
 *
 * Derived from the postcode rows instead of being vendored (see the layout
 * note in postcodeData.ts); building it takes a few milliseconds.
 */
import { distance as editDistance } from 'fastest-levenshtein';
import { distanceKm } from './distance.ts';
import type { Exonym } from './exonyms.ts';
import { ALL_EXONYMS } from './exonyms/index.ts';
import { compactPlaceKey, hasOtherScript, loosePlaceKey, placeKey } from './normalise.ts';
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
  /** {@link compactPlaceKey} of the key: "frankfurt main" for "Frankfurt am Main". */
  compactKey: string;
  /** {@link loosePlaceKey} of the compact key. */
  looseKey: string;
  /**
   * Set when the key is another name for the place: a district's own name
   * ("Neukölln" for "Berlin Neukölln") or an exonym ("Munich" for München).
   */
  alias?: 'district' | 'exonym';
  /** The other name as written ("Neukölln", "Munich", "Берлин"), for an alias. */
  aliasName?: string;
  /** Mean of the centroids of the place's postcodes, 4 decimals. */
  lat: number;
  lon: number;
  state: StateCode;
  /** The place's postcode nearest to its centroid. */
  postcode: string;
  /** Number of postcodes: a rough measure of size, used to put Essen before Essen (Oldenburg). */
  postcodeCount: number;
};

/** The keys of an entry, from the strictest to the loosest; a query is matched on the first that finds anything. */
type KeyField = 'key' | 'compactKey' | 'looseKey';

/** Matches of a query, by kind of match, with the key field that found them and the query in that form. */
type PlaceMatches = { exact: PlaceEntry[]; prefix: PlaceEntry[]; field: KeyField; query: string };

/** Searchable index over {@link PlaceEntry}s. */
export type PlaceIndex = {
  /** Every place under its own name, then every alias (district names, exonyms). */
  readonly entries: readonly PlaceEntry[];
  /** All places whose key (or, failing that, compact key, then loose key) equals or starts with the query's. */
  find(query: string): PlaceMatches;
  /**
   * Names close to a query that found nothing, for "Did you mean …?": the
   * places at the smallest edit distance within {@link maxTypos}, larger
   * places first, one per name, at most `limit`. A query in another script
   * than Latin is compared only with names in another script (the exonyms
   * of the offered languages): a Latin name is no suggestion to a person
   * who typed Arabic or Cyrillic.
   */
  suggest(query: string, limit?: number): PlaceEntry[];
};

/**
 * How many typing slips a query of this length may hold and still get a
 * suggestion: none below four letters (every short name is near another),
 * one up to seven, two beyond. Also keeps the search small: only names of
 * about the query's length are compared.
 */
export function maxTypos(length: number): number {
  return length < 4 ? 0 : length <= 7 ? 1 : 2;
}

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

/** The derived keys of `key`. */
function keysOf(key: string): Pick<PlaceEntry, 'key' | 'compactKey' | 'looseKey'> {
  const compactKey = compactPlaceKey(key);
  return { key, compactKey, looseKey: loosePlaceKey(compactKey) };
}

function toEntry(key: string, state: StateCode, members: Member[]): PlaceEntry {
  const [only] = members;
  if (members.length === 1 && only) {
    return {
      name: only.name,
      ...keysOf(key),
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
    ...keysOf(key),
    lat,
    lon,
    state,
    postcode: nearest.postcode,
    postcodeCount: postcodes.size,
  };
}

/**
 * The district's own name of a place named "City District" ("Hamburg
 * Altona-Altstadt", "Berlin Neukölln"): the part after a place of the same
 * state, when it starts with a capital. Towns that share a name qualify it in
 * lower case, brackets or a slash instead ("Neustadt an der Orla",
 * "Essen (Oldenburg)", "Neustadt/Harz"), so they are never taken for districts.
 */
function districtName(e: PlaceEntry, placeNames: ReadonlySet<string>): string | undefined {
  for (let i = e.name.indexOf(' '); i > 0; i = e.name.indexOf(' ', i + 1)) {
    const rest = e.name.slice(i + 1);
    if (/^\p{Lu}/u.test(rest) && placeNames.has(`${e.name.slice(0, i)}|${e.state}`)) return rest;
  }
  return undefined;
}

/** Entries under other names: every district's own name, and the exonyms. */
function aliasesOf(entries: readonly PlaceEntry[], exonyms: readonly Exonym[]): PlaceEntry[] {
  const placeNames = new Set(entries.map((e) => `${e.name}|${e.state}`));
  const taken = new Set(entries.map((e) => `${e.key}|${e.name}|${e.state}`));
  const out: PlaceEntry[] = [];
  const add = (e: PlaceEntry, name: string, alias: 'district' | 'exonym') => {
    const key = placeKey(name);
    const id = `${key}|${e.name}|${e.state}`;
    if (!key || taken.has(id)) return;
    taken.add(id);
    out.push({ ...e, ...keysOf(key), alias, aliasName: name });
  };
  for (const e of entries) {
    const district = districtName(e, placeNames);
    if (district) add(e, district, 'district');
  }
  for (const [exonym, german, state] of exonyms) {
    // A name made only of what the key drops (punctuation, an unknown mark) could never be found.
    if (!placeKey(exonym)) throw new Error(`exonym “${exonym}” for ${german}: nothing of it is left to match`);
    const key = placeKey(german);
    const target = entries.filter((e) => e.key === key && e.state === state).sort(bySize)[0];
    if (!target) throw new Error(`exonym ${exonym}: no place ${german} in ${state} in the postcode data`);
    add(target, exonym, 'exonym');
  }
  return out;
}

/** First index in `sorted` whose `field` is ≥ `prefix` (binary search). */
function lowerBound(sorted: readonly PlaceEntry[], field: KeyField, prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]![field] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function withPrefix(sorted: readonly PlaceEntry[], field: KeyField, prefix: string): PlaceEntry[] {
  const out: PlaceEntry[] = [];
  for (let i = lowerBound(sorted, field, prefix); i < sorted.length && sorted[i]![field].startsWith(prefix); i++)
    out.push(sorted[i]!);
  return out;
}

const byField = (field: KeyField) => (a: PlaceEntry, b: PlaceEntry) =>
  (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) || bySize(a, b);

/** Builds the index from the postcode table (and the exonym table, replaceable for tests). */
export function buildPlaceIndex(
  records: readonly PostcodeRecord[],
  exonyms: readonly Exonym[] = ALL_EXONYMS,
): PlaceIndex {
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
  const places: PlaceEntry[] = [];
  for (const g of groups.values()) for (const c of cluster(g.members)) places.push(toEntry(g.key, g.state, c));
  const entries = [...places, ...aliasesOf(places, exonyms)];
  const sorted: Record<KeyField, PlaceEntry[]> = {
    key: [...entries].sort(byField('key')),
    compactKey: [...entries].sort(byField('compactKey')),
    looseKey: [...entries].sort(byField('looseKey')),
  };
  // Typo candidates by length of their loose key, one entry (the largest) per key.
  // Latin names and names in other scripts apart: a query is compared with its own kind only.
  const byLength = new Map<number, PlaceEntry[]>();
  const otherByLength = new Map<number, PlaceEntry[]>();
  for (const e of sorted.looseKey) {
    const lengths = hasOtherScript(e.looseKey) ? otherByLength : byLength;
    const list = lengths.get(e.looseKey.length) ?? [];
    if (list.at(-1)?.looseKey !== e.looseKey) list.push(e);
    lengths.set(e.looseKey.length, list);
  }

  return {
    entries,
    find(query) {
      const key = placeKey(query);
      const forms: [KeyField, string][] = [
        ['key', key],
        ['compactKey', compactPlaceKey(key)],
        ['looseKey', loosePlaceKey(compactPlaceKey(key))],
      ];
      // The proper spelling first; the compact key for "Frankfurt/Main"; the loose key for "Munchen" → München.
      for (const [field, q] of forms) {
        if (!q) break;
        const hits = withPrefix(sorted[field], field, q);
        if (hits.length === 0) continue;
        return {
          exact: hits.filter((e) => e[field] === q).sort(bySize),
          prefix: hits.filter((e) => e[field] !== q).sort(bySize),
          field,
          query: q,
        };
      }
      return { exact: [], prefix: [], field: 'key', query: key };
    },
    suggest(query, limit = 3) {
      const q = loosePlaceKey(compactPlaceKey(placeKey(query)));
      const lengths = hasOtherScript(q) ? otherByLength : byLength;
      const max = maxTypos(q.length);
      let best = max + 1;
      let found: PlaceEntry[] = [];
      for (let len = q.length - max; len <= q.length + max; len++) {
        for (const e of lengths.get(len) ?? []) {
          const d = editDistance(q, e.looseKey);
          if (d > best || d === 0) continue;
          if (d < best) [best, found] = [d, []];
          found.push(e);
        }
      }
      const seen = new Set<string>();
      return found
        .sort(bySize)
        .filter((e) => !seen.has(e.name) && seen.add(e.name))
        .slice(0, limit);
    },
  };
}
