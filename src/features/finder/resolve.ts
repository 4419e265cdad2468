/**
 * Turns the finder's query into a search: where (postcode, place or state)
 * and which filters. Shared by the result page and the HSDS API so both
 * understand "where" the same way.
 */
import { resolveLocation } from '../geo/postcodes.ts';
import type { StateCode } from '../geo/states.ts';
import type { FinderQuery } from './schema.ts';
import type { SearchQuery } from './search.ts';

export type Where =
  | { kind: 'origin'; origin: NonNullable<SearchQuery['origin']> }
  | { kind: 'state'; state: StateCode }
  | { kind: 'none' }
  | { kind: 'unknown' }
  | { kind: 'ambiguous'; options: { label: string; q: string }[] };

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
        options: r.options.map((o) => ({ label: `${o.name} (${o.postcode})`, q: o.postcode })),
      };
    }
    return { kind: 'unknown' };
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
