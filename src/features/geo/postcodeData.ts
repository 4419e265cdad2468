/**
 * The vendored postcode table (data/geo/de-postcodes.json): its format and
 * its loading. scripts/vendor-geodata.ts writes it with the types here.
 */
import fs from 'node:fs';
import { isStateCode, type StateCode } from './states.ts';

/** Bumped whenever the row layout changes, so old data fails loudly instead of being misread. */
export const POSTCODE_FORMAT = 'schutznetz/de-postcodes@2';

/** Human-readable description of the layout, stored in the file's header. */
export const POSTCODE_LAYOUT =
  'postcodes: per state (ISO 3166-2), rows sorted by postcode: [postcode, lat, lon, ...places]. ' +
  'A postcode is listed under its state, the majority state of its places when it crosses a border. ' +
  'lat/lon: WGS84, mean of the source rows of that postcode, 4 decimals. Each place is a name ' +
  "(lying in the row's state) or [name, stateCode] when it lies in another state. " +
  'The place index (normalised name -> centroid, state, representative postcode) is derived from ' +
  'these rows at load time by src/features/geo/placeIndex.ts: storing it would about double the file.';

/** Attribution the licence (CC BY 4.0) asks for wherever results built on the table are shown. */
export const POSTCODE_ATTRIBUTION = 'Postcode data © GeoNames (geonames.org), CC BY 4.0';

/** A place of a postcode: its name, or its name and state when not in the postcode's state. */
export type PlaceRef = string | [name: string, state: StateCode];

/** One postcode: code, centroid, places. */
export type PostcodeRow = [postcode: string, lat: number, lon: number, ...places: PlaceRef[]];

/** The whole file. */
export type PostcodeFile = {
  format: string;
  layout: string;
  attribution: string;
  licence: string;
  source: string;
  stats: Record<string, number>;
  postcodes: Partial<Record<StateCode, PostcodeRow[]>>;
};

/** A postcode as the rest of the code sees it. */
export type PostcodeRecord = {
  postcode: string;
  lat: number;
  lon: number;
  state: StateCode;
  /** Places served by the postcode, with the state each lies in. */
  places: { name: string; state: StateCode }[];
};

/** Where the vendored file lives: resolved from this module so it works from any working directory. */
export const POSTCODE_FILE_URL = new URL('../../../data/geo/de-postcodes.json', import.meta.url);

function fail(why: string): never {
  throw new Error(`${POSTCODE_FILE_URL.pathname}: ${why} (regenerate with npm run data:vendor)`);
}

/**
 * Parses and checks the file. The check is shallow but covers every row: a
 * wrong row would otherwise surface later as a NaN distance or an undefined
 * state on a public page.
 */
export function parsePostcodeFile(text: string): PostcodeRecord[] {
  const file = JSON.parse(text) as Partial<PostcodeFile>;
  if (file.format !== POSTCODE_FORMAT) fail(`format ${String(file.format)}, expected ${POSTCODE_FORMAT}`);
  if (typeof file.postcodes !== 'object' || file.postcodes === null) fail('no postcodes');
  const checkState = (s: unknown): StateCode =>
    typeof s === 'string' && isStateCode(s) ? s : fail(`bad state ${String(s)}`);
  const out: PostcodeRecord[] = [];
  for (const [code, rows] of Object.entries(file.postcodes)) {
    const state = checkState(code);
    if (!Array.isArray(rows)) fail(`bad rows for ${state}`);
    for (const [postcode, lat, lon, ...places] of rows) {
      if (typeof postcode !== 'string' || !/^\d{5}$/.test(postcode)) fail(`bad postcode ${String(postcode)}`);
      if (typeof lat !== 'number' || typeof lon !== 'number') fail(`bad coordinates for ${postcode}`);
      out.push({
        postcode,
        lat,
        lon,
        state,
        places: places.map((p) =>
          typeof p === 'string' ? { name: p, state } : { name: p[0], state: checkState(p[1]) },
        ),
      });
    }
  }
  return out;
}

/** Reads the vendored file synchronously (≈ 0.5 MB, once per process). */
export function loadPostcodeFile(): PostcodeRecord[] {
  return parsePostcodeFile(fs.readFileSync(POSTCODE_FILE_URL, 'utf8'));
}
