/**
 * The vendored state outlines (data/geo/de-states.json): format and loading.
 * scripts/vendor-geodata.ts writes the file with these types.
 */
import fs from 'node:fs';
import { STATES, type StateInfo } from './states.ts';

/** Bumped whenever the layout changes, so old data fails loudly instead of being misdrawn. */
export const MAP_FORMAT = 'schutznetz/de-states@1';

/**
 * Equirectangular projection onto the map's viewBox:
 * x = (lon − west) · kx, y = (north − lat) · ky, with kx = ky · cos(refLat),
 * so that east–west and north–south distances match at the reference latitude.
 */
export type MapProjection = {
  kind: 'equirectangular';
  refLat: number;
  west: number;
  north: number;
  kx: number;
  ky: number;
};

/** One state in the file: its facts (copied from states.ts) plus outline and label point. */
export type MapState = StateInfo & {
  /** SVG path data in viewBox units; several subpaths for islands, holes for enclosed states (use fill-rule evenodd). */
  d: string;
  /** A point well inside the state's largest part, for a label or a pin: [x, y]. */
  label: [number, number];
};

/** The whole file. */
export type MapFile = {
  format: string;
  layout: string;
  attribution: string;
  licence: string;
  source: string;
  /** [minX, minY, width, height]. */
  viewBox: [number, number, number, number];
  projection: MapProjection;
  states: MapState[];
};

/** Where the vendored file lives, resolved from this module so it works from any working directory. */
export const MAP_FILE_URL = new URL('../../../data/geo/de-states.json', import.meta.url);

/** Attribution the licence (dl-de/by-2-0) asks for wherever the map is shown. */
export const MAP_ATTRIBUTION = '© GeoBasis-DE / BKG (2021), dl-de/by-2-0';

function fail(why: string): never {
  throw new Error(`${MAP_FILE_URL.pathname}: ${why} (regenerate with npm run data:vendor)`);
}

/** Parses and checks the file: all 16 states, in {@link STATES} order, with facts that match states.ts. */
function parseMapFile(text: string): MapFile {
  const file = JSON.parse(text) as MapFile;
  if (file.format !== MAP_FORMAT) fail(`format ${String(file.format)}, expected ${MAP_FORMAT}`);
  if (file.projection?.kind !== 'equirectangular') fail('unknown projection');
  if (!Array.isArray(file.viewBox) || file.viewBox.length !== 4) fail('bad viewBox');
  if (!Array.isArray(file.states) || file.states.length !== STATES.length) fail('expected 16 states');
  STATES.forEach((s, i) => {
    const m = file.states[i];
    if (!m || m.code !== s.code || m.slug !== s.slug || m.ars !== s.ars)
      fail(`state ${i} is not ${s.code}: regenerate after editing states.ts`);
    if (typeof m.d !== 'string' || !m.d.startsWith('M')) fail(`no outline for ${s.code}`);
  });
  return file;
}

let cached: MapFile | undefined;

/** The map file, read synchronously once (≈ 20 KB). */
export function loadMapFile(): MapFile {
  cached ??= parseMapFile(fs.readFileSync(MAP_FILE_URL, 'utf8'));
  return cached;
}
