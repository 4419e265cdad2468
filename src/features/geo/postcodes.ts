/**
 * Finding where a person is from what they type: a postcode or a place name.
 *
 * The table is read from data/geo/de-postcodes.json on first use, not at
 * import: most requests (and most tests) never need it.
 */
import { distanceKm } from './distance.ts';
import { loosePlaceKey, placeKey } from './normalise.ts';
import { buildPlaceIndex, SAME_PLACE_KM, type PlaceEntry, type PlaceIndex } from './placeIndex.ts';
import { loadPostcodeFile, type PostcodeRecord } from './postcodeData.ts';
import type { StateCode } from './states.ts';

/** A postcode with its centroid, its (majority) state and the names of its places. */
export type PostcodeMatch = { postcode: string; lat: number; lon: number; state: StateCode; places: string[] };

/** A place with its centroid, state and a representative postcode. */
export type PlaceMatch = { name: string; lat: number; lon: number; state: StateCode; postcode: string };

/** What {@link resolveLocation} made of a query. */
export type ResolvedLocation =
  | ({ kind: 'postcode' } & PostcodeMatch)
  | ({ kind: 'place' } & PlaceMatch)
  | { kind: 'ambiguous'; options: PlaceMatch[] }
  | { kind: 'unknown' };

/** Most matches a caller gets: a list longer than this is a list nobody reads. */
export const MAX_MATCHES = 10;

type Tables = { byPostcode: Map<string, PostcodeRecord>; places: PlaceIndex };
let tables: Tables | undefined;

function load(): Tables {
  if (!tables) {
    const records = loadPostcodeFile();
    tables = { byPostcode: new Map(records.map((r) => [r.postcode, r])), places: buildPlaceIndex(records) };
  }
  return tables;
}

const toPlaceMatch = (e: PlaceEntry): PlaceMatch => ({
  name: e.name,
  lat: e.lat,
  lon: e.lon,
  state: e.state,
  postcode: e.postcode,
});

/**
 * The postcode `plz` (five digits, surrounding spaces ignored), or `undefined`
 * if it does not exist or is a large customer's own postcode (those are not places).
 */
export function lookupPostcode(plz: string): PostcodeMatch | undefined {
  const r = load().byPostcode.get(plz.trim());
  if (!r) return undefined;
  const places = [...new Set(r.places.map((p) => p.name))];
  return { postcode: r.postcode, lat: r.lat, lon: r.lon, state: r.state, places };
}

/**
 * Places whose name matches `query`, at most {@link MAX_MATCHES}: exact
 * matches first, then names starting with it; within each, larger places
 * (more postcodes) first. Case, ß/ss, umlauts (ä/ae, and a/ae as a fallback),
 * punctuation and spacing are ignored.
 */
export function lookupPlace(query: string): PlaceMatch[] {
  const { exact, prefix } = load().places.find(query);
  return [...exact, ...prefix].slice(0, MAX_MATCHES).map(toPlaceMatch);
}

/**
 * Is `e` a district of `place`? GeoNames names districts "City District"
 * ("Hamburg Bergedorf"), whereas other towns qualify a shared name with a
 * lowercase word, brackets or a slash ("Neustadt an der Orla", "Neustadt (Dosse)",
 * "Neustadt/Harz"). A district lies in the city's state.
 */
function isDistrictOf(e: PlaceEntry, place: PlaceEntry): boolean {
  return (
    e.state === place.state &&
    e.name.startsWith(`${place.name} `) &&
    /^\p{Lu}/u.test(e.name.slice(place.name.length + 1))
  );
}

/** Are all these places one and the same area (same state, close together)? */
function sameArea(entries: readonly PlaceEntry[]): boolean {
  const [first, ...rest] = entries;
  return (
    !!first &&
    rest.every((e) => e.state === first.state && distanceKm(first.lat, first.lon, e.lat, e.lon) <= SAME_PLACE_KM)
  );
}

/**
 * Decides what a search box query means.
 *
 * - A five-digit postcode (alone or followed by a place, as in "10115 Berlin")
 *   is looked up as a postcode; the place name is then ignored, since the
 *   postcode is the more precise of the two.
 * - Otherwise it is a place name. The candidates are the exact matches plus
 *   the names that continue one with a further word ("Essen" → "Essen
 *   (Oldenburg)"), except its districts ("Hamburg" → "Hamburg Bergedorf"
 *   is part of Hamburg, not an alternative). Without exact match
 *   they are the names continuing the query with a further word ("Frankfurt"
 *   → "Frankfurt am Main", "Frankfurt (Oder)"), and failing that any name
 *   starting with it ("Münch" → München, Münchberg, …).
 * - One candidate, or several in one state close together, is a `place`;
 *   candidates in different states or far apart are `ambiguous`, larger
 *   places first, for the caller to offer as choices.
 */
export function resolveLocation(query: string): ResolvedLocation {
  const q = query.trim();
  const postcode = /^(\d{5})(?:\s+\D.*)?$/.exec(q)?.[1];
  if (postcode) {
    const hit = lookupPostcode(postcode);
    return hit ? { kind: 'postcode', ...hit } : { kind: 'unknown' };
  }
  if (/^\d+$/.test(q)) return { kind: 'unknown' };

  const { exact, prefix } = load().places.find(q);
  const key = exact[0]?.key ?? placeKey(q);
  const continues = (e: PlaceEntry) => e.key.startsWith(`${key} `) || e.looseKey.startsWith(`${loosePlaceKey(key)} `);
  // "Neustadt" must also offer "Neustadt an der Weinstraße", but "Essen" need not offer "Essenbach",
  // and "Hamburg" must not offer its own districts ("Hamburg Bergedorf", even far-off "Hamburg Neuwerk").
  const alternatives = prefix.filter((e) => continues(e) && !exact.some((x) => isDistrictOf(e, x)));
  const candidates = exact.length + alternatives.length > 0 ? [...exact, ...alternatives] : prefix;
  if (candidates.length === 0) return { kind: 'unknown' };
  if (sameArea(candidates)) return { kind: 'place', ...toPlaceMatch(candidates[0]!) };
  const options = [...candidates]
    .sort((a, b) => b.postcodeCount - a.postcodeCount)
    .slice(0, MAX_MATCHES)
    .map(toPlaceMatch);
  return { kind: 'ambiguous', options };
}
