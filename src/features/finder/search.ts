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

export type FilterKind = 'targetGroups' | 'exploitation' | 'languages' | 'accessibility';
export const FILTER_KINDS: readonly FilterKind[] = ['targetGroups', 'exploitation', 'languages', 'accessibility'];

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
    const hay = normalise(`${e.service.name} ${e.organization.name} ${e.service.description} ${e.location?.address.city ?? ''}`);
    if (!text.split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  return true;
}

function covers(e: DirectoryEntry, state: StateCode): boolean {
  return e.areas.includes('DE') || e.areas.includes(state);
}

/** All matching services, in the order the finder shows them. */
export function searchDirectory(entries: readonly DirectoryEntry[], q: SearchQuery): SearchHit[] {
  const text = q.text?.trim() ? normalise(q.text.trim()) : undefined;
  const hits: SearchHit[] = [];
  const origin = q.origin;
  if (origin) {
    for (const e of entries) {
      if (!matchesFilters(e, q, text)) continue;
      const coversArea = covers(e, origin.state);
      const d = e.location ? distanceKm(origin.lat, origin.lon, e.location.latitude, e.location.longitude) : null;
      // Online and phone services only matter when they are responsible here.
      if (d === null && !coversArea) continue;
      if (d !== null && q.maxDistanceKm !== undefined && d > q.maxDistanceKm && !coversArea) continue;
      hits.push({ entry: e, distanceKm: d, coversArea });
    }
    return hits.sort(
      (a, b) =>
        (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
        a.entry.service.name.localeCompare(b.entry.service.name, 'de'),
    );
  }
  const state = q.state;
  for (const e of entries) {
    if (!matchesFilters(e, q, text)) continue;
    if (state) {
      const inState = e.location?.address.state_province === state;
      const coversArea = covers(e, state);
      if (!inState && !coversArea) continue;
      hits.push({ entry: e, distanceKm: null, coversArea });
    } else {
      hits.push({ entry: e, distanceKm: null, coversArea: false });
    }
  }
  // Services located in the state first, then those responsible from elsewhere.
  const rank = (h: SearchHit) => (state && h.entry.location?.address.state_province === state ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b) || a.entry.service.name.localeCompare(b.entry.service.name, 'de'));
}

export type Relaxation = { kind: FilterKind; values: string[]; count: number };

/**
 * For an empty result: which filter, dropped, brings back the most services.
 * That is the narrowest filter in practice and the one worth suggesting.
 * Values of one kind are alternatives, so dropping one of several cannot
 * widen the result: such a kind is dropped whole. Accessibility needs are
 * each required, so each is a candidate on its own.
 */
export function suggestRelaxation(entries: readonly DirectoryEntry[], q: SearchQuery): Relaxation | undefined {
  const candidates: { kind: FilterKind; values: string[] }[] = [];
  for (const kind of FILTER_KINDS) {
    const values = q[kind] as string[];
    if (values.length === 0) continue;
    if (kind === 'accessibility') for (const v of values) candidates.push({ kind, values: [v] });
    else candidates.push({ kind, values });
  }
  let best: Relaxation | undefined;
  for (const c of candidates) {
    const relaxed = { ...q, [c.kind]: (q[c.kind] as string[]).filter((v) => !c.values.includes(v)) } as SearchQuery;
    const count = searchDirectory(entries, relaxed).length;
    if (count > 0 && (!best || count > best.count)) best = { ...c, count };
  }
  return best;
}
