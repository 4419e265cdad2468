/** HSDS taxonomy and taxonomy_term objects from our catalogue. */
import type { CatalogueTaxonomy, CatalogueTerm } from '../catalogue.ts';
import { taxonomyOf } from '../catalogue.ts';

export type HsdsTaxonomy = {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
};

export type HsdsTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id: null;
  taxonomy: string;
  taxonomy_id: string;
};

/** A taxonomy as HSDS publishes it. */
export function presentTaxonomy(t: CatalogueTaxonomy): HsdsTaxonomy {
  return { id: t.id, name: t.name, description: t.description, uri: t.uri, version: t.version };
}

/**
 * A term as HSDS publishes it. HSDS requires a description; our terms have
 * none, and their name says all there is, so it stands in.
 */
export function presentTerm(t: CatalogueTerm): HsdsTaxonomyTerm {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description ?? t.name,
    parent_id: null,
    taxonomy: taxonomyOf(t.taxonomy).name,
    taxonomy_id: t.taxonomy_id,
  };
}
