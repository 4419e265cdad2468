/**
 * Turns the finder's query into a search: where (postcode, place or state)
 * and which filters. Shared by the result page and the HSDS API so both
 * understand "where" the same way.
 */
import { resolveLocation } from '../geo/postcodes.ts';
import type { StateCode } from '../geo/states.ts';
import type { FinderQuery } from './schema.ts';
import type { SearchQuery } from './search.ts';

/** A place to offer instead of the one typed: its name and state, and what to search for to get it. */
export type PlaceChoice = { name: string; state: StateCode; postcode: string; q: string };

export type Where =
  | { kind: 'origin'; origin: NonNullable<SearchQuery['origin']> }
  | { kind: 'state'; state: StateCode }
  | { kind: 'none' }
  /** Nothing found; `suggestions` are similar names ("Did you mean …?"), searched only when chosen. */
  | { kind: 'unknown'; suggestions: PlaceChoice[] }
  /** Several places of that name: the reader chooses (each searched by its postcode, which is unique). */
  | { kind: 'ambiguous'; options: PlaceChoice[] };

export function resolveWhere(q: FinderQuery): Where {
  if (q.q) {
    const r = resolveLocation(q.q);
    if (r.kind === 'postcode') {
      return {
        kind: 'origin',
        origin: { lat: r.lat, lon: r.lon, state: r.state, label: `${r.postcode} ${r.places[0] ?? ''}`.trim() },
      };
    }
    if (r.kind === 'place') {
      return { kind: 'origin', origin: { lat: r.lat, lon: r.lon, state: r.state, label: r.name } };
    }
    if (r.kind === 'ambiguous') {
      return {
        kind: 'ambiguous',
        options: r.options.map((o) => ({ name: o.name, state: o.state, postcode: o.postcode, q: o.postcode })),
      };
    }
    return {
      kind: 'unknown',
      // The suggestion is searched by name: a name standing for several places then asks which one.
      suggestions: r.suggestions.map((o) => ({ name: o.name, state: o.state, postcode: o.postcode, q: o.name })),
    };
  }
  if (q.state) return { kind: 'state', state: q.state };
  return { kind: 'none' };
}

export function toSearchQuery(q: FinderQuery, where: Where): SearchQuery {
  return {
    ...(where.kind === 'origin' ? { origin: where.origin } : {}),
    ...(where.kind === 'state' ? { state: where.state } : {}),
    targetGroups: q.tg,
    exploitation: q.ex,
    languages: q.lang,
    accessibility: q.acc,
  };
}
