/**
 * The finder's search: one pure function over the in-memory directory, used
 * by the public result page and the HSDS API alike.
 *
 * Rules, as a counsellor would explain them:
 * - only services that are active appear;
 * - filters of different kinds combine (AND); several values of one kind
 *   widen the choice (OR): "Arabic or French" is what a supporter means;
 * - with a place: every matching service, nearest first; a service
 *   responsible for the searched place's whole state (or all of Germany) is
 *   marked as such; services without a place (online, phone) come last;
 * - with a state only: services located in it or responsible for it, by name.
 */
import type { StateCode } from '../geo/states.ts';
import { distanceKm } from '../geo/distance.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import type { AccessibilityFeature, ExploitationForm, TargetGroup } from '../directory/taxonomies.ts';

// Ties and name order are decided by each entry's position in the directory
// sorted by name, computed once per directory snapshot; the sort then
// compares numbers in flat arrays, which keeps a search over thousands of
// services within a few milliseconds.
const byName = new Intl.Collator('de');
const nameRanks = new WeakMap<readonly DirectoryEntry[], Int32Array>();
function nameRank(entries: readonly DirectoryEntry[]): Int32Array {
  let ranks = nameRanks.get(entries);
  if (!ranks) {
    const order = entries.map((_, i) => i);
    order.sort(
      (a, b) =>
        byName.compare(entries[a]!.service.name, entries[b]!.service.name) ||
        (entries[a]!.service.id < entries[b]!.service.id ? -1 : 1),
    );
    ranks = new Int32Array(entries.length);
    order.forEach((entryIndex, position) => (ranks![entryIndex] = position));
    nameRanks.set(entries, ranks);
  }
  return ranks;
}

export type SearchOrigin = { lat: number; lon: number; state: StateCode; label: string };

export type SearchQuery = {
  origin?: SearchOrigin;
  state?: StateCode;
  targetGroups: TargetGroup[];
  exploitation: ExploitationForm[];
  languages: string[];
  accessibility: AccessibilityFeature[];
  /** Free text over names and descriptions (API only). */
  text?: string;
  /** With an origin: leave out located services farther away than this. */
  maxDistanceKm?: number;
};

export type SearchHit = { entry: DirectoryEntry; distanceKm: number | null; coversArea: boolean };

type FilterKind = 'targetGroups' | 'exploitation' | 'languages' | 'accessibility';
const FILTER_KINDS: readonly FilterKind[] = ['targetGroups', 'exploitation', 'languages', 'accessibility'];

const anyOf = (wanted: readonly string[], have: readonly string[]) =>
  wanted.length === 0 || wanted.some((w) => have.includes(w));

function normalise(s: string): string {
  return s.toLocaleLowerCase('de').normalize('NFKD').replace(/\p{M}/gu, '');
}

function matchesFilters(e: DirectoryEntry, q: SearchQuery, text: string | undefined): boolean {
  if (e.service.status !== 'active') return false;
  if (!anyOf(q.targetGroups, e.targetGroups)) return false;
  if (!anyOf(q.exploitation, e.exploitation)) return false;
  if (!anyOf(q.languages, e.languages)) return false;
  // Accessibility needs are requirements, not alternatives: all must be met.
  if (!q.accessibility.every((a) => e.accessibility.includes(a))) return false;
  if (text) {
    const hay = normalise(
      `${e.service.name} ${e.organization.name} ${e.service.description} ${e.location?.address.city ?? ''}`,
    );
    if (!text.split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  return true;
}

function covers(e: DirectoryEntry, state: StateCode): boolean {
  return e.areas.includes('DE') || e.areas.includes(state);
}

/** All matching services, in the order the finder shows them. */
export function searchDirectory(entries: readonly DirectoryEntry[], q: SearchQuery): SearchHit[] {
  const rank = nameRank(entries);
  const text = q.text?.trim() ? normalise(q.text.trim()) : undefined;
  const found: number[] = [];
  const distance = new Float64Array(entries.length);
  const coversArea = new Uint8Array(entries.length);
  const origin = q.origin;
  const state = origin ? origin.state : q.state;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (!matchesFilters(e, q, text)) continue;
    const covering = state !== undefined && covers(e, state);
    if (origin) {
      const d = e.location ? distanceKm(origin.lat, origin.lon, e.location.latitude, e.location.longitude) : Infinity;
      // Online and phone services only matter when they are responsible here.
      if (d === Infinity && !covering) continue;
      if (q.maxDistanceKm !== undefined && d > q.maxDistanceKm && !covering) continue;
      distance[i] = d;
    } else if (state) {
      const inState = e.location?.address.state_province === state;
      if (!inState && !covering) continue;
      // Services located in the state first, then those responsible from elsewhere.
      distance[i] = inState ? 0 : 1;
    }
    coversArea[i] = covering ? 1 : 0;
    found.push(i);
  }
  // Infinity - Infinity is NaN, which is falsy: equal distances fall through to the name.
  found.sort((a, b) => distance[a]! - distance[b]! || rank[a]! - rank[b]!);
  return found.map((i) => ({
    entry: entries[i]!,
    distanceKm: origin && distance[i] !== Infinity ? distance[i]! : null,
    coversArea: coversArea[i] === 1,
  }));
}

export type Relaxation = { kind: FilterKind; values: string[]; count: number };

/**
 * For an empty result: which filter, dropped, brings back the most services.
 * That is the narrowest filter in practice and the one worth suggesting.
 * Values of one kind are alternatives, so dropping one of several cannot
 * widen the result: such a kind is dropped whole. Accessibility needs are
 * each required, so each is a candidate on its own.
 */
export function suggestRelaxation(
  entries: readonly DirectoryEntry[],
  q: SearchQuery,
  /** How many services a query finds; by default the length of searchDirectory's list. */
  count: (q: SearchQuery) => number = (relaxed) => searchDirectory(entries, relaxed).length,
): Relaxation | undefined {
  const candidates: { kind: FilterKind; values: string[] }[] = [];
  for (const kind of FILTER_KINDS) {
    const values = q[kind] as string[];
    if (values.length === 0) continue;
    if (kind === 'accessibility') for (const v of values) candidates.push({ kind, values: [v] });
    else candidates.push({ kind, values });
  }
  let best: Relaxation | undefined;
  for (const c of candidates) {
    const relaxed = { ...q, [c.kind]: (q[c.kind] as string[]).filter((v) => !c.values.includes(v)) };
    const found = count(relaxed);
    if (found > 0 && (!best || found > best.count)) best = { ...c, count: found };
  }
  return best;
}
