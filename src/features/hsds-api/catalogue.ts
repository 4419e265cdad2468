/**
 * Our three HSDS taxonomies and their terms, as migration 0002 wrote them.
 *
 * Why a copy in code: the API plugin gets the in-memory directory, not the
 * database, and the rows are fixed by an applied (hence immutable) migration
 * with fixed ids so that every instance agrees on them. catalogue.test.ts
 * compares this copy with the live tables on both back ends, so a later
 * migration that renames a term fails the suite until this file follows.
 */
import { TAXONOMIES, taxonomyDbName, type TaxonomyName } from '../directory/taxonomies.ts';

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

const TAXONOMY_ROWS: Record<TaxonomyName, { id: string; description: string }> = {
  target_group: {
    id: 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e',
    description: 'Who a service is for (Schutznetz target groups)',
  },
  exploitation: {
    id: 'e069159b-a459-4625-8323-e1f082f2d602',
    description: 'Forms of exploitation (Ausbeutungsformen, StGB §§ 232–233a)',
  },
  accessibility: { id: '6d94e968-b319-4420-8697-d8560939bb07', description: 'Accessibility features of a service' },
};

const TERM_ROWS: Record<TaxonomyName, Record<string, { id: string; name: string }>> = {
  target_group: {
    women: { id: '4734c87f-a188-4985-ae23-b33f55610680', name: 'Women' },
    men: { id: '3f00001c-82f8-44b4-a039-3b2a462f2952', name: 'Men' },
    trans_nonbinary: { id: 'e4b3fc1e-77f5-420b-997c-717a258654fa', name: 'Trans and non-binary persons' },
    minors: { id: '344b90b4-80c7-4971-96ed-678f42d6de43', name: 'Minors' },
    boys_young_men: { id: 'fc65052e-ca76-4e09-b3c5-fb2cdd67a686', name: 'Boys and young men in prostitution' },
    lgbtiq: { id: '992bf423-ce73-42d9-830a-6063fe4da35c', name: 'LGBTIQ' },
  },
  exploitation: {
    sexual: { id: '4cedcce3-8464-4e8d-a9ce-33fa579ee16e', name: 'Sexual exploitation' },
    labour: { id: 'f572e378-cc8d-4e5f-a261-3b277c4ec9cf', name: 'Labour exploitation' },
    begging: { id: 'e34e1955-135e-4fdf-bfd9-0e7cbf1c17dd', name: 'Exploitation in begging' },
    forced_criminality: { id: 'ac9f0b27-816a-4742-beb5-d51387003d2b', name: 'Forced criminality' },
    forced_marriage: { id: '267fb488-7f9f-4898-96ed-d6a41813ca8d', name: 'Forced marriage' },
    organ_removal: { id: 'd7454a29-2888-4e28-a720-886e76c5c949', name: 'Organ removal' },
  },
  accessibility: {
    step_free: { id: 'acea627d-8a8f-4fb0-b41d-b7c96a2cdc2f', name: 'Step-free access' },
    accessible_toilet: { id: 'b67c7ff1-da7e-4449-a19e-962dd2ed4416', name: 'Accessible toilet' },
    sign_language: { id: 'bde64425-33f4-492b-93ce-2ca4e18a2ed1', name: 'Sign language' },
    easy_language: { id: 'a03721aa-0ab3-433b-ae69-1c2587f1f1e0', name: 'Easy-read language (Leichte Sprache)' },
  },
};

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
