/**
 * The finder's result page search: a flat index per directory snapshot and
 * a grouped search over it.
 *
 * Rules, as a counsellor would explain them (the plain reference
 * implementation in search-index.test.ts states them again, line by line):
 * - only active services that fit every filter kind appear (kinds AND,
 *   values of a kind OR; accessibility needs all required), as in
 *   searchDirectory;
 * - **reachable from anywhere**: services without a place of their own
 *   (phone, chat, online) that are responsible for the searched place —
 *   for all of Germany ('DE') or for its state. They form their own group,
 *   in name order; a page shows the first few;
 * - **local**, with a place: services with a place, nearest first (ties by
 *   name): every one within RADIUS_KM, and at least the MIN_LOCAL nearest
 *   whatever the distance;
 * - **local**, with a state only: services located in the state, then those
 *   located elsewhere but responsible for it, each part by name.
 *
 * Why an index: a search over 5,000 services must cost well under a
 * millisecond (docs/performance.md). Filters are bit masks in typed arrays,
 * places are unit vectors, so "nearer" is a comparison of squared chord
 * lengths (the haversine term times four) without any trigonometry; the
 * exact distance (geo's distanceKm, the one the page shows) is computed only
 * for entries that can still make it onto the page, and a bounded heap keeps
 * the best k instead of sorting every match. Nothing here is cached between
 * searches (ADR 003).
 */
import { distanceKm } from '../geo/distance.ts';
import { STATE_CODES, type StateCode } from '../geo/states.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import type { SearchHit, SearchOrigin } from './search.ts';

/** Local results: everything within this distance of the place searched… */
export const RADIUS_KM = 50;
/** …and at least this many of the nearest, whatever their distance. */
export const MIN_LOCAL = 10;

/** Where and what: a place or a state (one of them), and the filters. */
export type GroupedQuery = {
  origin?: SearchOrigin | undefined;
  state?: StateCode | undefined;
  targetGroups: readonly string[];
  exploitation: readonly string[];
  languages: readonly string[];
  accessibility: readonly string[];
};

/** Which part of a group's ordered list to return: `count` hits from position `from` (0-based). */
export type Slice = { from: number; count: number };

export type GroupedResults = {
  remote: { hits: SearchHit[]; total: number };
  local: {
    hits: SearchHit[];
    total: number;
    /** With a place: how many of `total` are within RADIUS_KM; with a state only: `total`. */
    withinRadius: number;
  };
};

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
/** Squared chord on the unit sphere for an arc of `km`. */
const chord2 = (km: number) => (2 * Math.sin(km / EARTH_RADIUS_KM / 2)) ** 2;
const RADIUS_CHORD2 = chord2(RADIUS_KM);
// The chord and the haversine in distanceKm round differently; where they
// could disagree (a relative band far wider than either rounding error), the
// exact distance decides.
const BAND = 1e-6;
const TINY = 1e-12;

const bitsOf = <T extends string>(values: readonly T[]) => new Map(values.map((v, i) => [v as string, 1 << i]));
const TG_BIT = bitsOf(TARGET_GROUPS);
const EX_BIT = bitsOf(EXPLOITATION_FORMS);
const ACC_BIT = bitsOf(ACCESSIBILITY_FEATURES);
/** Bit 0: all of Germany; bits 1–16: the states. */
const AREA_BIT = new Map<string, number>([['DE', 1], ...STATE_CODES.map((s, i) => [s, 1 << (i + 1)] as const)]);
const STATE_NO = new Map<string, number>(STATE_CODES.map((s, i) => [s, i + 1]));

function mask(bits: ReadonlyMap<string, number>, values: readonly string[]): number {
  let m = 0;
  for (const v of values) m |= bits.get(v) ?? 0;
  return m;
}

const byName = new Intl.Collator('de');

/** The flat index of one directory snapshot. Build with `finderIndex(entries)`. */
export class FinderIndex {
  readonly entries: readonly DirectoryEntry[];
  readonly #active: Uint8Array;
  readonly #tg: Uint16Array;
  readonly #ex: Uint16Array;
  readonly #acc: Uint16Array;
  /** Languages as bit sets, `#langWords` 32-bit words per entry. */
  readonly #lang: Uint32Array;
  readonly #langWords: number;
  readonly #langBit: Map<string, number>;
  readonly #areas: Uint32Array;
  /** 1–16 for the state an entry is located in, 0 without a place. */
  readonly #state: Uint8Array;
  readonly #rank: Int32Array;
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  readonly #z: Float64Array;
  /** Entries with a place, and those without, each in name order. */
  readonly #located: Int32Array;
  readonly #remote: Int32Array;
  /** Located entries per state (index 1–16), and those responsible for any area; each in name order. */
  readonly #byState: Int32Array[];
  readonly #responsibleLocated: Int32Array;
  readonly #grid: Grid;
  // Scratch space for the heap, reused by every search (the search is synchronous).
  #heapKey = new Float64Array(0);
  #heapRank = new Int32Array(0);
  #heapIdx = new Int32Array(0);
  #heapChord = new Float64Array(0);

  constructor(entries: readonly DirectoryEntry[]) {
    this.entries = entries;
    const n = entries.length;
    const languages = new Set<string>(SERVICE_LANGUAGES);
    for (const e of entries) for (const l of e.languages) languages.add(l);
    this.#langBit = new Map([...languages].map((l, i) => [l, i]));
    this.#langWords = Math.max(1, Math.ceil(languages.size / 32));
    this.#active = new Uint8Array(n);
    this.#tg = new Uint16Array(n);
    this.#ex = new Uint16Array(n);
    this.#acc = new Uint16Array(n);
    this.#lang = new Uint32Array(n * this.#langWords);
    this.#areas = new Uint32Array(n);
    this.#state = new Uint8Array(n);
    this.#x = new Float64Array(n);
    this.#y = new Float64Array(n);
    this.#z = new Float64Array(n);
    const order = entries.map((_, i) => i);
    order.sort(
      (a, b) =>
        byName.compare(entries[a]!.service.name, entries[b]!.service.name) ||
        (entries[a]!.service.id < entries[b]!.service.id ? -1 : 1),
    );
    this.#rank = new Int32Array(n);
    order.forEach((entryIndex, position) => (this.#rank[entryIndex] = position));
    const located: number[] = [];
    const remote: number[] = [];
    for (const i of order) {
      const e = entries[i]!;
      this.#active[i] = e.service.status === 'active' ? 1 : 0;
      this.#tg[i] = mask(TG_BIT, e.targetGroups);
      this.#ex[i] = mask(EX_BIT, e.exploitation);
      this.#acc[i] = mask(ACC_BIT, e.accessibility);
      for (const l of e.languages) {
        const b = this.#langBit.get(l)!;
        this.#lang[i * this.#langWords + (b >>> 5)]! |= 1 << (b & 31);
      }
      this.#areas[i] = mask(AREA_BIT, e.areas);
      if (e.location) {
        const lat = e.location.latitude * RAD;
        const lon = e.location.longitude * RAD;
        this.#x[i] = Math.cos(lat) * Math.cos(lon);
        this.#y[i] = Math.cos(lat) * Math.sin(lon);
        this.#z[i] = Math.sin(lat);
        this.#state[i] = STATE_NO.get(e.location.address.state_province) ?? 0;
        located.push(i);
      } else remote.push(i);
    }
    this.#located = Int32Array.from(located);
    this.#remote = Int32Array.from(remote);
    this.#byState = Array.from({ length: STATE_CODES.length + 1 }, (_, no) =>
      Int32Array.from(located.filter((i) => this.#state[i] === no)),
    );
    this.#responsibleLocated = Int32Array.from(located.filter((i) => this.#areas[i] !== 0));
    this.#grid = buildGrid(entries, located);
  }

  /** The query's language wish as bit set words (empty: no language filter). */
  #langMask(languages: readonly string[]): Uint32Array | undefined {
    if (languages.length === 0) return undefined;
    const m = new Uint32Array(this.#langWords);
    for (const l of languages) {
      const b = this.#langBit.get(l);
      if (b !== undefined) m[b >>> 5]! |= 1 << (b & 31);
    }
    return m;
  }

  /**
   * The grouped results of `q`: for each group its total and the hits of the
   * requested slice, in the group's order.
   */
  search(q: GroupedQuery, slices: { remote: Slice; local: Slice }): GroupedResults {
    const stateCode = q.origin ? q.origin.state : q.state;
    const coverMask = 1 | (stateCode ? (AREA_BIT.get(stateCode) ?? 0) : 0);
    const tgQ = mask(TG_BIT, q.targetGroups);
    const exQ = mask(EX_BIT, q.exploitation);
    // A wish the taxonomy does not know can never be met.
    const accQ = mask(ACC_BIT, q.accessibility) | (q.accessibility.some((a) => !ACC_BIT.has(a)) ? 1 << 30 : 0);
    const langQ = this.#langMask(q.languages);
    const lw = this.#langWords;
    const active = this.#active;
    const tg = this.#tg;
    const ex = this.#ex;
    const acc = this.#acc;
    const lang = this.#lang;
    const fits = (i: number): boolean => {
      if (active[i] === 0) return false;
      if (tgQ !== 0 && (tg[i]! & tgQ) === 0) return false;
      if (exQ !== 0 && (ex[i]! & exQ) === 0) return false;
      if ((acc[i]! & accQ) !== accQ) return false;
      if (langQ) {
        let any = 0;
        for (let w = 0; w < lw; w++) any |= lang[i * lw + w]! & langQ[w]!;
        if (any === 0) return false;
      }
      return true;
    };

    // Reachable from anywhere: few entries, already in name order.
    const remoteHits: SearchHit[] = [];
    let remoteTotal = 0;
    const rEnd = slices.remote.from + slices.remote.count;
    for (const i of this.#remote) {
      if ((this.#areas[i]! & coverMask) === 0 || !fits(i)) continue;
      if (remoteTotal >= slices.remote.from && remoteTotal < rEnd)
        remoteHits.push({ entry: this.entries[i]!, distanceKm: null, coversArea: true });
      remoteTotal++;
    }

    const local = q.origin
      ? this.#near(q.origin, slices.local, fits, coverMask)
      : this.#inState(stateCode, slices.local, fits, coverMask);
    return { remote: { hits: remoteHits, total: remoteTotal }, local };
  }

  #ensureHeap(k: number): void {
    if (this.#heapKey.length >= k) return;
    this.#heapKey = new Float64Array(k);
    this.#heapRank = new Int32Array(k);
    this.#heapIdx = new Int32Array(k);
    this.#heapChord = new Float64Array(k);
  }

  /** Services with a place, nearest first: all within RADIUS_KM, at least MIN_LOCAL. */
  #near(origin: SearchOrigin, slice: Slice, fits: (i: number) => boolean, coverMask: number) {
    const olat = origin.lat * RAD;
    const olon = origin.lon * RAD;
    const ox = Math.cos(olat) * Math.cos(olon);
    const oy = Math.cos(olat) * Math.sin(olon);
    const oz = Math.sin(olat);
    const xs = this.#x;
    const ys = this.#y;
    const zs = this.#z;
    const rank = this.#rank;
    const entries = this.entries;
    const exact = (i: number) => {
      const loc = entries[i]!.location!;
      return distanceKm(origin.lat, origin.lon, loc.latitude, loc.longitude);
    };
    const k = Math.min(slice.from + slice.count, this.#located.length);
    this.#ensureHeap(k);
    const hKey = this.#heapKey;
    const hRank = this.#heapRank;
    const hIdx = this.#heapIdx;
    const hChord = this.#heapChord;
    let size = 0;
    let matched = 0;
    let within = 0;
    const lo = RADIUS_CHORD2 * (1 - BAND) - TINY;
    const hi = RADIUS_CHORD2 * (1 + BAND) + TINY;
    // Rings of grid cells around the place, nearest first. A ring can stop
    // the scan once nothing in it or beyond can be within the radius, enter
    // the page or be needed for the minimum count.
    const grid = this.#grid;
    const cosMin = Math.min(grid.cosMin, Math.cos(olat));
    const gx = Math.floor((origin.lon - grid.lonMin) / grid.cellLon);
    const gy = Math.floor((origin.lat - grid.latMin) / grid.cellLat);
    const maxRing = Math.max(gx, grid.nx - 1 - gx, gy, grid.ny - 1 - gy, 0);
    for (let ring = 0; ring <= maxRing; ring++) {
      if (ring > 1 && matched >= MIN_LOCAL) {
        const gap = ring - 1;
        // Along a meridian the gap is at least `gap` cells of latitude; along a
        // parallel at least `gap` cells of longitude at the smallest cosine.
        const lonGap = gap * grid.cellLon * RAD;
        const angle = Math.min(
          gap * grid.cellLat * RAD,
          lonGap >= Math.PI ? 0 : 2 * Math.asin(Math.min(1, cosMin * Math.sin(lonGap / 2))),
        );
        const bound = (2 * Math.sin(angle / 2)) ** 2 * (1 - BAND) - TINY;
        if (bound > hi && size === k && (k === 0 || bound > hChord[0]! * (1 + BAND) + TINY)) break;
      }
      for (let y = gy - ring; y <= gy + ring; y++) {
        if (y < 0 || y >= grid.ny) continue;
        const edgeRow = y === gy - ring || y === gy + ring;
        for (let x = gx - ring; x <= gx + ring; x += edgeRow ? 1 : 2 * ring) {
          if (x >= 0 && x < grid.nx) {
            const cell = y * grid.nx + x;
            for (let at = grid.start[cell]!; at < grid.start[cell + 1]!; at++) {
              const i = grid.items[at]!;
              if (!fits(i)) continue;
              matched++;
              const dx = xs[i]! - ox;
              const dy = ys[i]! - oy;
              const dz = zs[i]! - oz;
              const c = dx * dx + dy * dy + dz * dz;
              let d = -1;
              if (c <= lo) within++;
              else if (c <= hi) {
                d = exact(i);
                if (d <= RADIUS_KM) within++;
              }
              if (k === 0) continue;
              // A max-heap of the k best by (distance, name): the root is the worst kept.
              if (size === k && c > hChord[0]! * (1 + BAND) + TINY) continue;
              if (d < 0) d = exact(i);
              const r = rank[i]!;
              if (size < k) {
                // Sift up.
                let pos = size++;
                while (pos > 0) {
                  const parent = (pos - 1) >> 1;
                  if (hKey[parent]! > d || (hKey[parent] === d && hRank[parent]! > r)) break;
                  hKey[pos] = hKey[parent]!;
                  hRank[pos] = hRank[parent]!;
                  hIdx[pos] = hIdx[parent]!;
                  hChord[pos] = hChord[parent]!;
                  pos = parent;
                }
                hKey[pos] = d;
                hRank[pos] = r;
                hIdx[pos] = i;
                hChord[pos] = c;
              } else {
                if (d > hKey[0]! || (d === hKey[0] && r > hRank[0]!)) continue;
                siftDown(hKey, hRank, hIdx, hChord, size, d, r, i, c);
              }
            }
          }
        }
      }
    }
    const total = Math.max(within, Math.min(MIN_LOCAL, matched));
    const hits = this.#drain(size, Math.min(slice.from + slice.count, total), slice.from, (i, key) => ({
      entry: entries[i]!,
      distanceKm: key,
      coversArea: (this.#areas[i]! & coverMask) !== 0,
    }));
    return { hits, total, withinRadius: within };
  }

  /** With a state only: located in it, then responsible for it from elsewhere; each by name. */
  #inState(state: StateCode | undefined, slice: Slice, fits: (i: number) => boolean, coverMask: number) {
    const stateNo = state ? (STATE_NO.get(state) ?? -1) : -1;
    const entries = this.entries;
    const hits: SearchHit[] = [];
    const end = slice.from + slice.count;
    let total = 0;
    // Both lists are in name order: the page without any sorting.
    for (const pass of [0, 1]) {
      for (const i of pass === 0 ? (this.#byState[stateNo] ?? []) : this.#responsibleLocated) {
        const inState = this.#state[i] === stateNo;
        if (pass === 1 && (inState || (this.#areas[i]! & coverMask) === 0)) continue;
        if (!fits(i)) continue;
        if (total >= slice.from && total < end)
          hits.push({ entry: entries[i]!, distanceKm: null, coversArea: (this.#areas[i]! & coverMask) !== 0 });
        total++;
      }
    }
    return { hits, total, withinRadius: total };
  }

  /** Empty the heap into ascending order; return positions [from, upTo). */
  #drain(size: number, upTo: number, from: number, hit: (i: number, key: number) => SearchHit): SearchHit[] {
    const hKey = this.#heapKey;
    const hRank = this.#heapRank;
    const hIdx = this.#heapIdx;
    const hChord = this.#heapChord;
    const idx = new Int32Array(size);
    const key = new Float64Array(size);
    for (let n = size; n > 0; n--) {
      idx[n - 1] = hIdx[0]!;
      key[n - 1] = hKey[0]!;
      // Move the last element to the root and restore the heap.
      const last = n - 1;
      if (last > 0) siftDown(hKey, hRank, hIdx, hChord, last, hKey[last]!, hRank[last]!, hIdx[last]!, hChord[last]!);
    }
    const out: SearchHit[] = [];
    for (let p = from; p < Math.min(upTo, size); p++) out.push(hit(idx[p]!, key[p]!));
    return out;
  }
}

/** Put (d, r, i, c) at the root of a max-heap of `size` and sift it down. */
function siftDown(
  hKey: Float64Array,
  hRank: Int32Array,
  hIdx: Int32Array,
  hChord: Float64Array,
  size: number,
  d: number,
  r: number,
  i: number,
  c: number,
): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && (hKey[right]! > hKey[child]! || (hKey[right] === hKey[child] && hRank[right]! > hRank[child]!)))
      child = right;
    if (hKey[child]! < d || (hKey[child] === d && hRank[child]! < r)) break;
    hKey[at] = hKey[child]!;
    hRank[at] = hRank[child]!;
    hIdx[at] = hIdx[child]!;
    hChord[at] = hChord[child]!;
    at = child;
  }
  hKey[at] = d;
  hRank[at] = r;
  hIdx[at] = i;
  hChord[at] = c;
}

/** Located entries bucketed by a lat/lon grid (compressed rows: `items[start[c]..start[c+1]]`). */
type Grid = {
  latMin: number;
  lonMin: number;
  cellLat: number;
  cellLon: number;
  nx: number;
  ny: number;
  start: Int32Array;
  items: Int32Array;
  /** The smallest cosine of any entry's latitude: bounds distances along parallels. */
  cosMin: number;
};

/** Cells of about 20 km: a 50 km search visits a few dozen. */
const CELL_LAT = 0.2;
const CELL_LON = 0.3;
const MAX_CELLS = 200_000;

function buildGrid(entries: readonly DirectoryEntry[], located: readonly number[]): Grid {
  let latMin = Infinity;
  let latMax = -Infinity;
  let lonMin = Infinity;
  let lonMax = -Infinity;
  let cosMin = 1;
  for (const i of located) {
    const { latitude, longitude } = entries[i]!.location!;
    latMin = Math.min(latMin, latitude);
    latMax = Math.max(latMax, latitude);
    lonMin = Math.min(lonMin, longitude);
    lonMax = Math.max(lonMax, longitude);
    cosMin = Math.min(cosMin, Math.cos(latitude * RAD));
  }
  if (located.length === 0) latMin = latMax = lonMin = lonMax = 0;
  // Entries spread far beyond Germany get coarser cells rather than a huge grid.
  let scale = 1;
  const cells = (f: number) =>
    (Math.floor((latMax - latMin) / (CELL_LAT * f)) + 1) * (Math.floor((lonMax - lonMin) / (CELL_LON * f)) + 1);
  while (cells(scale) > MAX_CELLS) scale *= 2;
  const cellLat = CELL_LAT * scale;
  const cellLon = CELL_LON * scale;
  const nx = Math.floor((lonMax - lonMin) / cellLon) + 1;
  const ny = Math.floor((latMax - latMin) / cellLat) + 1;
  const cellOf = (i: number) => {
    const { latitude, longitude } = entries[i]!.location!;
    return Math.floor((latitude - latMin) / cellLat) * nx + Math.floor((longitude - lonMin) / cellLon);
  };
  const start = new Int32Array(nx * ny + 1);
  for (const i of located) start[cellOf(i) + 1]!++;
  for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(located.length);
  for (const i of located) items[fill[cellOf(i)]!++] = i;
  return { latMin, lonMin, cellLat, cellLon, nx, ny, start, items, cosMin: Math.max(0, cosMin) };
}

const indexes = new WeakMap<readonly DirectoryEntry[], FinderIndex>();

/** The index of a directory snapshot, built on first use and kept as long as the snapshot. */
export function finderIndex(entries: readonly DirectoryEntry[]): FinderIndex {
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = new FinderIndex(entries)));
  return index;
}
