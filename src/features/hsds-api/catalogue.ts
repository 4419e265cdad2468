/**
 * Our three HSDS taxonomies and their terms, as migration 0002 wrote them.
 *
 * Why a copy (catalogue.json): the API plugin gets the in-memory directory,
 * not the database, and the rows are fixed by an applied (hence immutable)
 * migration with fixed ids so that every instance agrees on them.
 * catalogue.test.ts compares this copy with the live tables on both back
 * ends, so a later migration that renames a term fails the suite until
 * catalogue.json follows.
 */
import { TAXONOMIES, taxonomyDbName, type TaxonomyName } from '../directory/taxonomies.ts';
import rows from './catalogue.json' with { type: 'json' };

export type CatalogueTaxonomy = {
  id: string;
  /** Stored name, e.g. 'schutznetz:target_group'. */
  name: string;
  key: TaxonomyName;
  description: string;
  uri: string | null;
  version: string | null;
};

export type CatalogueTerm = {
  id: string;
  taxonomy_id: string;
  taxonomy: TaxonomyName;
  code: string;
  name: string;
  description: string | null;
};

/** The migration's rows (catalogue.json): each taxonomy's id and description, each term's id and name. */
const ROWS: {
  taxonomies: Record<TaxonomyName, { id: string; description: string }>;
  terms: Record<TaxonomyName, Record<string, { id: string; name: string }>>;
} = rows;
const TAXONOMY_ROWS = ROWS.taxonomies;
const TERM_ROWS = ROWS.terms;

const KEYS = Object.keys(TAXONOMIES) as TaxonomyName[];

/** The taxonomies in a fixed order (target groups, exploitation, accessibility). */
export const CATALOGUE_TAXONOMIES: readonly CatalogueTaxonomy[] = KEYS.map((key) => ({
  id: TAXONOMY_ROWS[key].id,
  name: taxonomyDbName(key),
  key,
  description: TAXONOMY_ROWS[key].description,
  uri: null,
  version: '1',
}));

/** Every term, grouped by taxonomy in the vocabulary's own order. */
export const CATALOGUE_TERMS: readonly CatalogueTerm[] = KEYS.flatMap((key) =>
  (TAXONOMIES[key] as readonly string[]).map((code) => {
    const row = TERM_ROWS[key][code];
    if (!row) throw new Error(`catalogue: no row for ${key}:${code}`);
    return { id: row.id, taxonomy_id: TAXONOMY_ROWS[key].id, taxonomy: key, code, name: row.name, description: null };
  }),
);

const termByKey = new Map(CATALOGUE_TERMS.map((t) => [`${t.taxonomy}:${t.code}`, t]));
const termById = new Map(CATALOGUE_TERMS.map((t) => [t.id, t]));
const taxonomyById = new Map(CATALOGUE_TAXONOMIES.map((t) => [t.id, t]));

/** The term for a code of a taxonomy; throws for a code the vocabulary does not have (a programming error). */
export function termFor(taxonomy: TaxonomyName, code: string): CatalogueTerm {
  const t = termByKey.get(`${taxonomy}:${code}`);
  if (!t) throw new Error(`Unknown ${taxonomy} term ${code}`);
  return t;
}

/** The term with this id, if it is one of ours. */
export function findTerm(id: string): CatalogueTerm | undefined {
  return termById.get(id.toLowerCase());
}

/** The taxonomy with this id, if it is one of ours. */
export function findTaxonomy(id: string): CatalogueTaxonomy | undefined {
  return taxonomyById.get(id.toLowerCase());
}

/** The taxonomy record for a key. */
export function taxonomyOf(key: TaxonomyName): CatalogueTaxonomy {
  return CATALOGUE_TAXONOMIES.find((t) => t.key === key)!;
}
