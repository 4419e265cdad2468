/**
 * Regenerates the vendored geodata of the help finder from the open data in
 * shared/data (which exists on developer machines only, never at run time):
 *
 *   data/geo/de-postcodes.json  postcode → centroid, state, places (GeoNames, CC BY 4.0)
 *   data/geo/de-states.json     simplified SVG outlines of the 16 states (BKG VG5000, dl-de/by-2-0)
 *
 * Usage: node --import tsx scripts/vendor-geodata.ts [path-to-shared-data]
 * (default: ../shared/data relative to the repository root). The output is
 * deterministic: running it twice on the same input gives identical files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import {
  MAP_ATTRIBUTION,
  MAP_FORMAT,
  type MapFile,
  type MapProjection,
  type MapState,
} from '../src/features/geo/mapData.ts';
import { placeKey } from '../src/features/geo/normalise.ts';
import { buildPlaceIndex } from '../src/features/geo/placeIndex.ts';
import {
  POSTCODE_ATTRIBUTION,
  POSTCODE_FORMAT,
  POSTCODE_LAYOUT,
  parsePostcodeFile,
  type PlaceRef,
  type PostcodeFile,
  type PostcodeRow,
} from '../src/features/geo/postcodeData.ts';
import { STATES, STATE_CODES, type StateCode } from '../src/features/geo/states.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(repoRoot, '../shared/data');
const outDir = path.join(repoRoot, 'data/geo');
const POSTCODE_CSV = path.join(sourceDir, 'de-postcodes-geonames.csv');
const STATES_GEOJSON = path.join(sourceDir, 'de-states-vg5000.geojson');

const log = (...a: unknown[]) => console.log(...a);

// ───────────────────────────── states by name ─────────────────────────────

/**
 * The CSV names states in German or English, with or without "Land" and
 * similar titles ("Land Berlin", "Bavaria", "Thüringen"). Matching on the
 * normalised name after stripping the title covers every variant in the data
 * and fails loudly on a new one instead of guessing.
 */
const STATE_TITLE = /^(?:land|freistaat|freie und hansestadt|freie hansestadt)\s+/;
const stateNameKey = (name: string) => placeKey(name).replace(STATE_TITLE, '');
const STATE_BY_NAME = new Map<string, StateCode>();
for (const s of STATES) {
  STATE_BY_NAME.set(stateNameKey(s.nameDe), s.code);
  STATE_BY_NAME.set(stateNameKey(s.nameEn), s.code);
}
// English variants the data uses besides the ones in states.ts.
STATE_BY_NAME.set(stateNameKey('Hesse'), 'DE-HE');
STATE_BY_NAME.set(stateNameKey('Mecklenburg-Western Pomerania'), 'DE-MV');

/**
 * Rows without a state, by postcode. Jungholz (87491) is an Austrian
 * municipality (Tyrol) reachable only through Germany and served by German
 * post; for a help finder what matters is where the nearest help is, which is
 * Bavaria (Allgäu). Attributed to DE-BY rather than dropped.
 */
const STATE_OVERRIDES: Record<string, { state: StateCode; why: string }> = {
  '87491': { state: 'DE-BY', why: 'Jungholz (AT exclave, German postcode)' },
};

/**
 * GeoNames files some Hamburg rows ("Hamburg", "Hamburg Bergedorf", "Hamburg
 * Billstedt") under Schleswig-Holstein, which would put postcodes 21039,
 * 22113 and 22145 in the wrong state. A place named after a city-state, alone
 * or with a district, lies in that city-state: nothing outside Hamburg is
 * called "Hamburg X".
 */
const CITY_STATE_DISTRICT: [RegExp, StateCode][] = [
  [/^Hamburg(?:\s|$)/, 'DE-HH'],
  [/^Berlin(?:\s|$)/, 'DE-BE'],
  [/^Bremen(?:\s|$)/, 'DE-HB'],
];

// ───────────────────────────── company rows ─────────────────────────────

/**
 * Large-customer postcodes ("Großkundenpostleitzahlen") belong to one
 * organisation and name it instead of a place. In this dump they form a block
 * of their own, recognisable by its state code: GeoNames' numeric admin1 code
 * ("02" for Bavaria) where place rows carry the two-letter code ("BY"). Every
 * row of that block checked by hand is an organisation (firms, courts, health
 * insurers, "Landratsamt", "Wertheim" the Berlin department store), and only 3
 * of its 2,507 postcodes also have place rows — so the block is dropped whole.
 *
 * The name test below is a second, independent net for organisations that
 * would appear among place rows after a data refresh; on the current data it
 * matches nothing there, and what it would drop is logged for review (a false
 * positive removes a real town). Words that also end town names are listed as
 * whole compounds: "Freiamt", "Freigericht", "Maikammer" are municipalities.
 */
const isLargeCustomerBlock = (stateCode: string) => /^\d+$/.test(stateCode);
/** Word boundaries that know ß and umlauts (\b does not: it would split "Seßlach" after "Se"). */
const word = (alternatives: string) => String.raw`(?<![\p{L}\p{N}])(?:${alternatives})(?![\p{L}\p{N}])`;
const ORGANISATION_NAME = new RegExp(
  [
    // Legal forms, as whole words.
    word(
      String.raw`g?GmbH|mbH|AG|KG|KGaA|OHG|GbR|eG|SE|e\.\s?V\.?|e\.\s?K\.?|Co\.?|Aktiengesellschaft|Holding|Group|Inc\.?|Ltd\.?`,
    ),
    // Anywhere in a word: these never occur in town names.
    String.raw`gesellschaft|bank|sparkasse|versicherung|service|verlag|versand|vertrieb|zeitung|rundfunk|telekom|deutsche post`,
    String.raw`(?:amts|land|arbeits|sozial|verwaltungs|finanz|oberlandes|bundes|kammer)gericht|staatsanwaltschaft|verwaltung|ministerium|polizei|justiz`,
    String.raw`(?:landrats|finanz|zoll|versorgungs|ordnungs|jugend|sozial|gesundheits|forst|vermessungs|bezirks|bürgermeister|straßenbau|landes|bundes)amt`,
    String.raw`(?:handwerks|handels|ärzte|anwalts|steuerberater)kammer|agentur für arbeit|krankenkasse|klinik|krankenhaus|hospital|universität|hochschule`,
    String.raw`institut|stiftung|verband`,
    word(String.raw`AOK|BKK|IKK|DAK|Barmer|Verein`),
  ].join('|'),
  'iu',
);

// ───────────────────────────── postcodes ─────────────────────────────

type CsvRow = {
  zipcode: string;
  place: string;
  state: string;
  state_code: string;
  latitude: string;
  longitude: string;
};
type PlaceRow = {
  postcode: string;
  place: string;
  state: StateCode;
  lat: number;
  lon: number;
  /** A name added to a postcode (a borough): it names the postcode's area but moves neither its centroid nor its state. */
  added?: true;
};

// ───────────────────────────── districts from borough offices ─────────────────────────────

/**
 * GeoNames names districts of Hamburg and of a few other cities as places
 * ("Hamburg Altona-Altstadt", "Berlin Kreuzberg"), but most of Berlin's
 * boroughs (Neukölln, Mitte, Spandau …) appear only in large-customer rows:
 * "Bezirksamt Neukölln", "Bezirksamt Spandau von Berlin". The office lies in
 * its borough, so the place-row postcode nearest to the office stands for the
 * borough: it gets the borough as a further place, named the GeoNames way
 * ("Berlin Neukölln"). The place index then finds it as "Berlin-Neukölln",
 * "Berlin Neukölln" and "Neukölln".
 */
const BOROUGH_OFFICE = /^(?:Freie und Hansestadt Hamburg\s+)?Bezirksamt\s+(.+?)(?:\s+von\s+Berlin)?$/u;
const CITY_OF_STATE: Partial<Record<StateCode, string>> = { 'DE-BE': 'Berlin', 'DE-HH': 'Hamburg' };
/**
 * Names of merged boroughs ("Charlottenburg-Wilmersdorf") join two former
 * boroughs that people still name alone; each part is offered too, except
 * parts that mean nothing alone ("Nord") or name the city itself.
 */
const GENERIC_PART = /^(?:nord|sued|ost|west|mitte|altstadt|neustadt|hamburg|berlin)$/;

type BoroughOffice = { city: string; state: StateCode; names: string[]; lat: number; lon: number; source: string };

function boroughOffice(r: CsvRow): BoroughOffice | undefined {
  const m = BOROUGH_OFFICE.exec(r.place.trim());
  const state = STATE_BY_NAME.get(stateNameKey(r.state));
  const city = state && CITY_OF_STATE[state];
  if (!m || !state || !city) return undefined;
  const borough = m[1]!.trim();
  const parts = borough.includes('-')
    ? borough.split('-').filter((p) => p.length > 4 && !GENERIC_PART.test(placeKey(p)))
    : [];
  return {
    city,
    state,
    names: [...new Set([borough, ...parts])],
    lat: Number(r.latitude),
    lon: Number(r.longitude),
    source: `${r.zipcode} ${r.place}`,
  };
}

/**
 * Extra place rows for the boroughs named only by their offices: each at the
 * place-row postcode of its city nearest to the office. Names GeoNames already
 * has as places ("Hamburg Bergedorf") are left to the data.
 */
function boroughRows(offices: BoroughOffice[], rows: PlaceRow[]): PlaceRow[] {
  const known = new Set(rows.map((r) => placeKey(r.place)));
  const out: PlaceRow[] = [];
  for (const o of offices) {
    const inCity = rows.filter((r) => r.state === o.state && (r.place === o.city || r.place.startsWith(`${o.city} `)));
    let nearest: PlaceRow | undefined;
    let best = Infinity;
    for (const r of inCity) {
      const d = (r.lat - o.lat) ** 2 + ((r.lon - o.lon) * Math.cos((o.lat * Math.PI) / 180)) ** 2;
      if (d < best || (d === best && nearest && r.postcode < nearest.postcode)) [nearest, best] = [r, d];
    }
    if (!nearest) throw new Error(`no postcode of ${o.city} near ${o.source}`);
    for (const name of o.names) {
      const place = `${o.city} ${name}`;
      if (known.has(placeKey(place))) continue;
      known.add(placeKey(place));
      log(`  borough from its office: ${place} → ${nearest.postcode} (${o.source})`);
      out.push({ ...nearest, place, added: true });
    }
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function readPostcodeRows(): { rows: PlaceRow[]; stats: Record<string, number> } {
  const records = parse(fs.readFileSync(POSTCODE_CSV, 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as CsvRow[];
  const stats = {
    rowsRead: records.length,
    droppedLargeCustomerBlock: 0,
    droppedBlockAlsoByName: 0,
    droppedByNameOnly: 0,
    boroughsFromOffices: 0,
    stateOverrides: 0,
    stateFixedByDistrictName: 0,
  };
  const rows: PlaceRow[] = [];
  const nameOnly: string[] = [];
  const unknownStates = new Set<string>();
  const offices: BoroughOffice[] = [];
  for (const r of records) {
    const office = boroughOffice(r);
    if (office) offices.push(office);
    const byName = ORGANISATION_NAME.test(r.place);
    if (isLargeCustomerBlock(r.state_code)) {
      stats.droppedLargeCustomerBlock++;
      if (byName) stats.droppedBlockAlsoByName++;
      continue;
    }
    if (byName) {
      stats.droppedByNameOnly++;
      nameOnly.push(`${r.zipcode} ${r.place}`);
      continue;
    }
    if (!/^\d{5}$/.test(r.zipcode)) throw new Error(`bad postcode ${JSON.stringify(r.zipcode)}`);
    const lat = Number(r.latitude);
    const lon = Number(r.longitude);
    // Germany's bounding box with a margin: anything outside is a broken row, not a place.
    if (!(lat > 47 && lat < 55.2 && lon > 5.8 && lon < 15.1))
      throw new Error(`${r.zipcode} ${r.place}: coordinates ${lat},${lon} outside Germany`);
    let state = STATE_BY_NAME.get(stateNameKey(r.state));
    if (!r.state.trim()) {
      const o = STATE_OVERRIDES[r.zipcode];
      if (o) {
        state = o.state;
        stats.stateOverrides++;
        log(`  state override: ${r.zipcode} ${r.place} → ${o.state} (${o.why})`);
      }
    }
    if (!state) {
      unknownStates.add(`${JSON.stringify(r.state)} (${r.zipcode} ${r.place})`);
      continue;
    }
    // The two-letter codes are ISO suffixes: a mismatch means the name mapping is wrong.
    if (/^[A-Z]{2}$/.test(r.state_code) && `DE-${r.state_code}` !== state)
      throw new Error(`${r.zipcode}: state ${r.state} (${r.state_code}) mapped to ${state}`);
    const district = CITY_STATE_DISTRICT.find(([re]) => re.test(r.place))?.[1];
    if (district && district !== state) {
      log(`  state fixed by district name: ${r.zipcode} ${r.place} ${state} → ${district}`);
      state = district;
      stats.stateFixedByDistrictName++;
    }
    rows.push({ postcode: r.zipcode, place: r.place.trim(), state, lat, lon });
  }
  if (unknownStates.size) throw new Error(`unmapped state names: ${[...unknownStates].join(', ')}`);
  if (nameOnly.length)
    log(`  dropped by name outside the large-customer block (check these!):\n    ${nameOnly.join('\n    ')}`);
  const boroughs = boroughRows(offices, rows);
  stats.boroughsFromOffices = boroughs.length;
  return { rows: [...rows, ...boroughs], stats };
}

function buildPostcodeFile(
  rows: PlaceRow[],
  stats: Record<string, number>,
  stateAt: (lon: number, lat: number) => StateCode | undefined,
): PostcodeFile {
  const byPostcode = new Map<string, PlaceRow[]>();
  for (const r of rows) byPostcode.set(r.postcode, [...(byPostcode.get(r.postcode) ?? []), r]);
  const stateIndex = (s: StateCode) => STATE_CODES.indexOf(s);
  let spanning = 0;
  let tieBrokenByShape = 0;
  const postcodes: Partial<Record<StateCode, PostcodeRow[]>> = Object.fromEntries(STATE_CODES.map((c) => [c, []]));
  for (const postcode of [...byPostcode.keys()].sort()) {
    const prs = byPostcode.get(postcode)!;
    const own = prs.filter((r) => !r.added);
    const lat = round4(own.reduce((s, r) => s + r.lat, 0) / own.length);
    const lon = round4(own.reduce((s, r) => s + r.lon, 0) / own.length);
    const counts = new Map<StateCode, number>();
    for (const r of own) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || stateIndex(a[0]) - stateIndex(b[0]));
    let state = ranked[0]![0];
    if (ranked.length > 1) {
      spanning++;
      // A tie has no majority: the state whose outline contains the centroid decides.
      if (ranked[1]![1] === ranked[0]![1]) {
        const inside = stateAt(lon, lat);
        if (inside && counts.has(inside)) state = inside;
        tieBrokenByShape++;
      }
    }
    const seen = new Set<string>();
    const places: PlaceRef[] = [];
    for (const r of [...prs].sort((a, b) => a.place.localeCompare(b.place, 'de'))) {
      const id = `${r.place}|${r.state}`;
      if (seen.has(id)) continue;
      seen.add(id);
      places.push(r.state === state ? r.place : [r.place, r.state]);
    }
    postcodes[state]!.push([postcode, lat, lon, ...places]);
  }
  return {
    format: POSTCODE_FORMAT,
    layout: POSTCODE_LAYOUT,
    attribution: POSTCODE_ATTRIBUTION,
    licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    source:
      'GeoNames postal code dump for DE (geonames.org), as republished in zauberware/postal-codes-json-xml-csv (data/DE.zip, 2026-03-30); ' +
      'large-customer postcodes removed, one centroid per postcode; see data/geo/README.md',
    stats: {
      ...stats,
      rowsKept: rows.filter((r) => !r.added).length,
      postcodes: byPostcode.size,
      postcodesSpanningStates: spanning,
      stateTiesBrokenByShape: tieBrokenByShape,
    },
    postcodes,
  };
}

/** JSON with one postcode per line: compact, yet a data refresh gives a readable diff. */
function stringifyPostcodeFile(file: PostcodeFile): string {
  const { postcodes, ...header } = file;
  const head = JSON.stringify(header, null, 1).replace(/\n}$/, '');
  const groups = STATE_CODES.map(
    (c) => ` ${JSON.stringify(c)}: [\n${(postcodes[c] ?? []).map((r) => JSON.stringify(r)).join(',\n')}\n ]`,
  );
  return `${head},\n "postcodes": {\n${groups.join(',\n')}\n }\n}\n`;
}

// ───────────────────────────── geometry ─────────────────────────────

type Pt = [number, number];
type Ring = Pt[]; // open: the closing point is not repeated
type Feature = {
  properties: { ARS: string; GEN: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
};

function polygonsOf(f: Feature): Pt[][][] {
  const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Pt[][][];
  return polys.map((poly) => poly.map((ring) => ring.slice(0, -1)));
}

/** Even-odd point-in-polygon over any number of rings (holes and islands alike). */
function insideRings(x: number, y: number, rings: readonly Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return a / 2;
}

function segmentDistance([px, py]: Pt, [ax, ay]: Pt, [bx, by]: Pt): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on an open polyline; both ends are kept. */
function douglasPeucker(pts: readonly Pt[], tolerance: number): Pt[] {
  if (pts.length < 3) return [...pts];
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(pts[i]!, pts[a]!, pts[b]!);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

/** Douglas–Peucker on a closed ring given as a polyline whose last point repeats its first. */
function simplifyClosed(pts: readonly Pt[], tolerance: number): Pt[] {
  const start = pts[0]!;
  let far = 1;
  for (let i = 1; i < pts.length - 1; i++)
    if (
      Math.hypot(pts[i]![0] - start[0], pts[i]![1] - start[1]) >
      Math.hypot(pts[far]![0] - start[0], pts[far]![1] - start[1])
    )
      far = i;
  return [
    ...douglasPeucker(pts.slice(0, far + 1), tolerance).slice(0, -1),
    ...douglasPeucker(pts.slice(far), tolerance),
  ];
}

/**
 * Simplifies all rings together so that a border shared by two states is
 * simplified once and drawn identically by both: simplifying each state on
 * its own would leave slivers and gaps along every border.
 *
 * The rings are cut at every vertex where the set of rings sharing the
 * adjoining edges changes (or where three rings meet); each piece ("arc") is
 * simplified once in a canonical direction and reused, reversed if need be.
 * This relies on neighbouring states sharing exact vertices, as VG5000 does.
 */
function simplifyTopology(rings: readonly { raw: Ring; projected: Ring }[], tolerance: number): Ring[] {
  const vkey = (p: Pt) => `${p[0]},${p[1]}`;
  const edgeOwners = new Map<string, number[]>();
  const vertexRings = new Map<string, Set<number>>();
  const ekey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const keys = rings.map((r) => r.raw.map(vkey));
  keys.forEach((ks, ri) => {
    ks.forEach((k, i) => {
      const e = ekey(k, ks[(i + 1) % ks.length]!);
      edgeOwners.set(e, [...(edgeOwners.get(e) ?? []), ri]);
      vertexRings.set(k, (vertexRings.get(k) ?? new Set()).add(ri));
    });
  });
  const cache = new Map<string, Pt[]>();
  return rings.map((ring, ri) => {
    const ks = keys[ri]!;
    const n = ks.length;
    const owners = (i: number) => edgeOwners.get(ekey(ks[(i + n) % n]!, ks[(i + 1 + n) % n]!))!.join(',');
    const breaks: number[] = [];
    for (let i = 0; i < n; i++) if (owners(i - 1) !== owners(i) || vertexRings.get(ks[i]!)!.size >= 3) breaks.push(i);
    const pts = ring.projected;
    if (breaks.length === 0) {
      // A ring shared whole (Berlin and the hole it makes in Brandenburg) or by nobody (an island):
      // start at its smallest vertex and go towards the smaller neighbour, so both users agree.
      let s = 0;
      for (let i = 1; i < n; i++) if (ks[i]! < ks[s]!) s = i;
      const forward = ks[(s + 1) % n]! < ks[(s - 1 + n) % n]!;
      const order = Array.from({ length: n + 1 }, (_, i) => (forward ? (s + i) % n : (s - i + n * 2) % n));
      const id = order.map((i) => ks[i]).join(';');
      let simplified = cache.get(id);
      if (!simplified)
        cache.set(
          id,
          (simplified = simplifyClosed(
            order.map((i) => pts[i]!),
            tolerance,
          )),
        );
      return simplified;
    }
    const out: Pt[] = [];
    breaks.forEach((b, bi) => {
      const end = breaks[(bi + 1) % breaks.length]!;
      const len = ((end - b + n - 1) % n) + 1;
      const idx = Array.from({ length: len + 1 }, (_, i) => (b + i) % n);
      const first = ks[idx[0]!]!;
      const last = ks[idx[idx.length - 1]!]!;
      const reversed = first > last || (first === last && ks[idx[1]!]! > ks[idx[idx.length - 2]!]!);
      const canon = reversed ? [...idx].reverse() : idx;
      const id = canon.map((i) => ks[i]).join(';');
      let simplified = cache.get(id);
      if (!simplified)
        cache.set(
          id,
          (simplified = douglasPeucker(
            canon.map((i) => pts[i]!),
            tolerance,
          )),
        );
      const arc = reversed ? [...simplified].reverse() : simplified;
      out.push(...arc.slice(0, -1));
    });
    return out;
  });
}

/** Pole of inaccessibility by grid refinement: the inside point farthest from any edge. */
function labelPoint(rings: readonly Ring[], largest: Ring): Pt {
  const xs = largest.map((p) => p[0]);
  const ys = largest.map((p) => p[1]);
  const distToEdges = (x: number, y: number) => {
    let d = Infinity;
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) d = Math.min(d, segmentDistance([x, y], r[j]!, r[i]!));
    return d;
  };
  let best: Pt = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  let bestD = -1;
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let round = 0; round < 4; round++) {
    const steps = 24;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = x0 + ((x1 - x0) * i) / steps;
        const y = y0 + ((y1 - y0) * j) / steps;
        if (!insideRings(x, y, rings)) continue;
        const d = distToEdges(x, y);
        if (d > bestD) [best, bestD] = [[x, y], d];
      }
    }
    const w = (x1 - x0) / 6;
    const h = (y1 - y0) / 6;
    [x0, x1, y0, y1] = [best[0] - w, best[0] + w, best[1] - h, best[1] + h];
  }
  return best;
}

/** SVG path data with relative commands: small numbers, and gzip likes the repetition. */
function pathData(rings: readonly Ring[]): string {
  let d = '';
  let cur: Pt = [0, 0];
  const num = (parts: number[]) => parts.map((v, i) => (i > 0 && v >= 0 ? ` ${v}` : `${v}`)).join('');
  rings.forEach((ring, ri) => {
    const [sx, sy] = ring[0]!;
    d += ri === 0 ? `M${num([sx, sy])}` : `m${num([sx - cur[0], sy - cur[1]])}`;
    const deltas: number[] = [];
    for (let i = 1; i < ring.length; i++) deltas.push(ring[i]![0] - ring[i - 1]![0], ring[i]![1] - ring[i - 1]![1]);
    d += `l${num(deltas)}z`;
    cur = [sx, sy]; // after "z" the current point is the subpath's start
  });
  return d;
}

/** Map width in viewBox units; height follows from the projection. */
const MAP_WIDTH = 600;
const MAP_PADDING = 4;
const REF_LAT = 51;
/**
 * Douglas–Peucker tolerance in viewBox units (1 unit ≈ 1.1 km). 1.5 units is
 * under 1 px at the stylesheet's 26rem maximum map width, and keeps all 16
 * paths under 4 KB gzipped, which matters because every finder page inlines
 * them within a 14 KB budget. 0.9 looks the same and costs 1.4 KB more.
 */
const SIMPLIFY_TOLERANCE = 1.5;
/** Parts smaller than this (viewBox units²) vanish at this scale anyway: most small islands. */
const MIN_RING_AREA = 6;

function buildStatesFile(features: Feature[], postcodeFile: PostcodeFile): { file: MapFile; stats: string[] } {
  const stats: string[] = [];
  const records = parsePostcodeFile(JSON.stringify(postcodeFile));
  // VG5000 has, per ARS, one land feature plus water areas (coastal waters, Lake Constance)
  // sharing the ARS. Drawn as land, the coast would run along the territorial waters and
  // the Wadden Sea islands would merge into the mainland, so only land is drawn: per ARS
  // the feature containing the most postcode centroids. Islands are parts of the land
  // features and are kept.
  const byArs = new Map<string, Feature[]>();
  for (const f of features) byArs.set(f.properties.ARS, [...(byArs.get(f.properties.ARS) ?? []), f]);
  const land = new Map<StateCode, Pt[][][]>();
  for (const s of STATES) {
    const fs_ = byArs.get(s.ars);
    if (!fs_?.length) throw new Error(`no outline for ARS ${s.ars} (${s.nameDe})`);
    const scored = fs_.map((f) => {
      const rings = polygonsOf(f).flat();
      const count = records.filter((r) => insideRings(r.lon, r.lat, rings)).length;
      return { f, count };
    });
    scored.sort((a, b) => b.count - a.count);
    land.set(s.code, polygonsOf(scored[0]!.f));
    for (const { f, count } of scored.slice(1))
      stats.push(`not drawn (water area): ${f.properties.GEN}, ARS ${s.ars}, ${count} postcode centroids inside`);
  }

  // Projection from the land's bounding box.
  const all = [...land.values()].flat(3);
  const west = Math.min(...all.map((p) => p[0]));
  const east = Math.max(...all.map((p) => p[0]));
  const north = Math.max(...all.map((p) => p[1]));
  const south = Math.min(...all.map((p) => p[1]));
  const cosRef = Math.cos((REF_LAT * Math.PI) / 180);
  const ky = (MAP_WIDTH - 2 * MAP_PADDING) / ((east - west) * cosRef);
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const projection: MapProjection = {
    kind: 'equirectangular',
    refLat: REF_LAT,
    west: r6(west - MAP_PADDING / (ky * cosRef)),
    north: r6(north + MAP_PADDING / ky),
    kx: r6(ky * cosRef),
    ky: r6(ky),
  };
  // Project with the stored, rounded parameters: exactly what the runtime will do.
  const project = ([lon, lat]: Pt): Pt => [
    (lon - projection.west) * projection.kx,
    (projection.north - lat) * projection.ky,
  ];
  const height = Math.ceil((projection.north - south) * projection.ky + MAP_PADDING);

  const entries: { code: StateCode; raw: Ring; projected: Ring }[] = [];
  for (const [code, polys] of land)
    for (const ring of polys.flat()) entries.push({ code, raw: ring, projected: ring.map(project) });
  const simplified = simplifyTopology(entries, SIMPLIFY_TOLERANCE);

  const states: MapState[] = STATES.map((s) => {
    let rings = simplified
      .map((ring, i) => ({ code: entries[i]!.code, ring: ring.map(([x, y]): Pt => [Math.round(x), Math.round(y)]) }))
      .filter((e) => e.code === s.code)
      .map((e) => e.ring.filter((p, i, a) => i === 0 || p[0] !== a[i - 1]![0] || p[1] !== a[i - 1]![1]))
      .map((r) => (r.length > 1 && r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1] ? r.slice(0, -1) : r))
      .filter((r) => r.length >= 3);
    const largest = rings.reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
    const before = rings.length;
    rings = rings.filter((r) => r === largest || Math.abs(ringArea(r)) >= MIN_RING_AREA);
    const points = rings.reduce((n, r) => n + r.length, 0);
    stats.push(`${s.code}: ${rings.length} part(s) (${before - rings.length} tiny dropped), ${points} points`);
    const [lx, ly] = labelPoint(rings, largest);
    return { ...s, d: pathData(rings), label: [Math.round(lx * 10) / 10, Math.round(ly * 10) / 10] };
  });

  const file: MapFile = {
    format: MAP_FORMAT,
    layout:
      'states: the 16 states in the order of src/features/geo/states.ts with their facts, "d" (SVG path data in viewBox units, ' +
      'relative commands, integer coordinates, subpaths for islands and enclosed states: draw with fill-rule evenodd) and ' +
      '"label" ([x, y] well inside the largest part). projection maps WGS84 to viewBox units: ' +
      'x = (lon - west) * kx, y = (north - lat) * ky (equirectangular, kx = ky * cos(refLat)).',
    attribution: MAP_ATTRIBUTION,
    licence:
      'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0, https://www.govdata.de/dl-de/by-2-0)',
    source:
      'BKG VG5000 (Verwaltungsgebiete 1:5 000 000, as of 2021-01-01), layer Länder, as republished in Praesklepios/geoGermany ' +
      '(geojson/Ebene_Länder.geojson); land areas only, simplified (Douglas–Peucker, shared borders kept shared); see data/geo/README.md',
    viewBox: [0, 0, MAP_WIDTH, height],
    projection,
    states,
  };
  return { file, stats };
}

// ───────────────────────────── main ─────────────────────────────

function main() {
  for (const f of [POSTCODE_CSV, STATES_GEOJSON])
    if (!fs.existsSync(f)) throw new Error(`missing ${f}: pass the shared data folder as first argument`);
  fs.mkdirSync(outDir, { recursive: true });

  log(`reading ${POSTCODE_CSV}`);
  const { rows, stats } = readPostcodeRows();
  const features = (JSON.parse(fs.readFileSync(STATES_GEOJSON, 'utf8')) as { features: Feature[] }).features;
  const shapesByState = STATES.map((s) => ({
    code: s.code,
    rings: features.filter((f) => f.properties.ARS === s.ars).flatMap((f) => polygonsOf(f).flat()),
  }));
  const stateAt = (lon: number, lat: number) => shapesByState.find((s) => insideRings(lon, lat, s.rings))?.code;
  const postcodeFile = buildPostcodeFile(rows, stats, stateAt);
  const postcodeJson = stringifyPostcodeFile(postcodeFile);
  fs.writeFileSync(path.join(outDir, 'de-postcodes.json'), postcodeJson);

  const places = buildPlaceIndex(parsePostcodeFile(postcodeJson));
  const names = new Map<string, number>();
  for (const e of places.entries) names.set(e.key, (names.get(e.key) ?? 0) + 1);
  log('postcodes:', postcodeFile.stats);
  log(
    `places: ${places.entries.length} (${[...names.values()].filter((n) => n > 1).length} names stand for more than one place)`,
  );

  log(`reading ${STATES_GEOJSON}`);
  const { file: statesFile, stats: mapStats } = buildStatesFile(features, postcodeFile);
  const statesJson = `${JSON.stringify(statesFile, null, 1)}\n`;
  fs.writeFileSync(path.join(outDir, 'de-states.json'), statesJson);
  for (const line of mapStats) log(`  ${line}`);
  const paths = statesFile.states.map((s) => s.d).join('');
  log(`paths: ${paths.length} B, ${gzipSync(paths).length} B gzipped; viewBox ${statesFile.viewBox.join(' ')}`);

  for (const [name, text] of [
    ['de-postcodes.json', postcodeJson],
    ['de-states.json', statesJson],
  ] as const) {
    log(`wrote data/geo/${name}: ${Buffer.byteLength(text)} B, ${gzipSync(text).length} B gzipped`);
  }
}

main();
