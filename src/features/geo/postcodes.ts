/**
 * Finding where a person is from what they type: a postcode or a place name.
 *
 * The table is read from data/geo/de-postcodes.json on first use, not at
 * import: most requests (and most tests) never need it.
 */
import { distanceKm } from './distance.ts';
import { buildPlaceIndex, SAME_PLACE_KM, type PlaceEntry, type PlaceIndex } from './placeIndex.ts';
import { asciiDigit, hasOtherScript } from './normalise.ts';
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
  /** Nothing found; `suggestions` are places with a similar name ("Dortmund" for "Dortmnd"), never used unasked. */
  | { kind: 'unknown'; suggestions: PlaceMatch[] };

/** Most matches a caller gets: a list longer than this is a list nobody reads. */
export const MAX_MATCHES = 10;

type Tables = { byPostcode: Map<string, PostcodeRecord>; places: PlaceIndex };
let tables: Tables | undefined;

/**
 * Reads the table and builds the index (≈ 0.2 s). The server calls it at
 * start-up so the first search does not pay for it; everything else loads
 * on first use.
 */
export function loadPlaceTables(): void {
  load();
}

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

/** A suggestion in another script is shown by the name it matched ("Берлин"), the reader's spelling. */
const toSuggestion = (e: PlaceEntry): PlaceMatch => ({
  ...toPlaceMatch(e),
  name: e.aliasName && hasOtherScript(e.looseKey) ? e.aliasName : e.name,
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
  // A place found under its own name and an exonym starting alike ("Frankfurt pe Main") is listed once.
  return distinctPlaces([...exact, ...prefix])
    .slice(0, MAX_MATCHES)
    .map(toPlaceMatch);
}

/** The entries without repeats of one place under several names, in their order. */
function distinctPlaces(entries: readonly PlaceEntry[]): PlaceEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const id = `${e.name}|${e.state}|${e.postcode}`;
    return !seen.has(id) && !!seen.add(id);
  });
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
 * - Digits of other scripts ("١٠١١٥", "۱۰۱۱۵") are read as 0–9.
 * - A postcode (alone or followed by a place, as in "10115 Berlin") is looked
 *   up as a postcode; the place name is then ignored, since the postcode is
 *   the more precise of the two. Four digits are a postcode that lost its
 *   leading zero ("1067" → 01067, Dresden): spreadsheets and some forms drop it.
 * - Otherwise it is a place name: its own name, a district's name
 *   ("Neukölln", "Altona"), or an exonym ("Munich"), in any spelling of its
 *   qualifier ("Frankfurt/Main", "Frankfurt a. M."). The candidates are the
 *   exact matches plus the names that continue one with a further word
 *   ("Essen" → "Essen (Oldenburg)"), except its districts ("Hamburg" →
 *   "Hamburg Bergedorf" is part of Hamburg, not an alternative). Without exact
 *   match they are the names continuing the query with a further word
 *   ("Frankfurt" → "Frankfurt am Main", "Frankfurt (Oder)"), and failing that
 *   any name starting with it ("Münch" → München, Münchberg, …).
 * - One candidate, or several in one state close together, is a `place`;
 *   candidates in different states or far apart are `ambiguous`, larger
 *   places first, for the caller to offer as choices.
 * - Nothing at all is `unknown`, with places of a similar name to suggest.
 */
export function resolveLocation(query: string): ResolvedLocation {
  const q = query.trim().replace(/\p{Nd}/gu, asciiDigit);
  const digits = /^(\d{4,5})(?:\s+\D.*)?$/.exec(q)?.[1];
  if (digits) {
    const hit = lookupPostcode(digits.padStart(5, '0'));
    return hit ? { kind: 'postcode', ...hit } : { kind: 'unknown', suggestions: [] };
  }
  if (/^[\d\s]*$/.test(q)) return { kind: 'unknown', suggestions: [] };

  const { places } = load();
  const { exact, prefix, field, query: key } = places.find(q);
  const continues = (e: PlaceEntry) => e[field].startsWith(`${key} `);
  // "Neustadt" must also offer "Neustadt an der Weinstraße", but "Essen" need not offer "Essenbach",
  // and "Hamburg" must not offer its own districts ("Hamburg Bergedorf", even far-off "Hamburg Neuwerk").
  const alternatives = prefix.filter((e) => continues(e) && !exact.some((x) => isDistrictOf(e, x)));
  const found = exact.length + alternatives.length > 0 ? [...exact, ...alternatives] : prefix;
  // A place found under two names (its own and a district's or exonym's) is one candidate.
  const candidates = distinctPlaces(found);
  if (candidates.length === 0) return { kind: 'unknown', suggestions: places.suggest(q).map(toSuggestion) };
  if (sameArea(candidates)) return { kind: 'place', ...toPlaceMatch(candidates[0]!) };
  const options = [...candidates]
    .sort((a, b) => b.postcodeCount - a.postcodeCount)
    .slice(0, MAX_MATCHES)
    .map(toPlaceMatch);
  return { kind: 'ambiguous', options };
}
