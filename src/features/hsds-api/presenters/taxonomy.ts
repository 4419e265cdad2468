/** HSDS taxonomy and taxonomy_term objects from our catalogue. */
import type { CatalogueTaxonomy, CatalogueTerm } from '../catalogue.ts';
import { taxonomyOf } from '../catalogue.ts';
import { withoutEmpty } from './common.ts';

export type HsdsTaxonomy = {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
};

export type HsdsTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
};

/** A taxonomy as HSDS publishes it. */
export function presentTaxonomy(t: CatalogueTaxonomy): HsdsTaxonomy {
  return { id: t.id, name: t.name, description: t.description, ...withoutEmpty({ uri: t.uri, version: t.version }) };
}

/**
 * A term as HSDS publishes it. HSDS requires a description; our terms have
 * none, and their name says all there is, so it stands in. Our taxonomies
 * are flat, so there is no parent_id.
 */
export function presentTerm(t: CatalogueTerm): HsdsTaxonomyTerm {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description ?? t.name,
    taxonomy: taxonomyOf(t.taxonomy).name,
    taxonomy_id: t.taxonomy_id,
  };
}
