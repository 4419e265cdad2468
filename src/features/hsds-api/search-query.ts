/**
 * From API parameters to the finder's search. The API deliberately runs the
 * very search the public finder page runs (searchDirectory), so both always
 * agree on what matches and in which order; only the HSDS-specific filters
 * (taxonomy ids, organisation) are applied on top.
 */
import { HttpError } from '../../platform/http/errors.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import type { AccessibilityFeature, ExploitationForm, TargetGroup, TaxonomyName } from '../directory/taxonomies.ts';
import { searchDirectory, type SearchHit, type SearchQuery } from '../finder/search.ts';
import { findTaxonomy, findTerm } from './catalogue.ts';
import type { ServicesQuery } from './params.ts';

const KIND_OF: Record<TaxonomyName, 'targetGroups' | 'exploitation' | 'accessibility'> = {
  target_group: 'targetGroups',
  exploitation: 'exploitation',
  accessibility: 'accessibility',
};

function bad(field: string, message: string): HttpError {
  return new HttpError(400, `Invalid query: ${field}: ${message}`, [{ field, message }]);
}

/**
 * Run the finder's search for these parameters (plus an origin for
 * proximity searches). Unknown taxonomy or term ids are a 400: an id that
 * names nothing is a client error, not an empty result.
 */
export function searchServices(
  entries: readonly DirectoryEntry[],
  q: ServicesQuery,
  where: Pick<SearchQuery, 'origin' | 'maxDistanceKm'> = {},
): SearchHit[] {
  const targetGroups = new Set<TargetGroup>(q.target_group);
  const exploitation = new Set<ExploitationForm>(q.exploitation);
  const accessibility = new Set<AccessibilityFeature>(q.accessibility);
  const sets = { targetGroups, exploitation, accessibility } as Record<string, Set<string>>;
  for (const id of q.taxonomy_term_id) {
    const term = findTerm(id);
    if (!term) throw bad('taxonomy_term_id', `no taxonomy term has the id ${id}`);
    sets[KIND_OF[term.taxonomy]]!.add(term.code);
  }
  const taxonomies = q.taxonomy_id.map((id) => {
    const t = findTaxonomy(id);
    if (!t) throw bad('taxonomy_id', `no taxonomy has the id ${id}`);
    return KIND_OF[t.key];
  });
  const hits = searchDirectory(entries, {
    ...where,
    ...(q.state && !where.origin ? { state: q.state } : {}),
    targetGroups: [...targetGroups],
    exploitation: [...exploitation],
    languages: q.language,
    accessibility: [...accessibility],
    ...(q.search ? { text: q.search } : {}),
  });
  return hits.filter(
    (h) =>
      (q.organization_id === undefined || h.entry.organization.id === q.organization_id) &&
      (taxonomies.length === 0 || taxonomies.some((kind) => h.entry[kind].length > 0)),
  );
}
