/**
 * The Schutznetz HSDS profile, served at /api/hsds/profile. HSDS profiles
 * express their changes as JSON Merge Patches (RFC 7396) on the base
 * schemas; these are ours, plus the taxonomies a consumer needs to read the
 * attributes.
 */
import { CATALOGUE_TAXONOMIES, CATALOGUE_TERMS } from './catalogue.ts';
import { presentTaxonomy, presentTerm } from './presenters/taxonomy.ts';

const ext = (properties: Record<string, object>) => ({
  properties: { 'x-schutznetz': { type: 'object', description: 'Schutznetz profile extension.', properties } },
});

/** The profile document. */
export function profileDocument(publicOrigin: string) {
  return {
    name: 'Schutznetz',
    version: '1',
    base: 'https://docs.openreferral.org/en/latest/hsds/ (HSDS 3.0)',
    url: `${publicOrigin}/api/hsds/profile`,
    description:
      'Directory of specialised counselling centres against human trafficking in Germany. ' +
      'Changes to HSDS 3.0: protected addresses publish no street line; areas of responsibility are ISO 3166-2 codes; ' +
      'demo (fictional) entries are flagged; proximity search reports distances.',
    schemas: {
      service: ext({ is_demo: { type: 'boolean', description: 'A fictional example entry, not a real service.' } }),
      organization: ext({ is_demo: { type: 'boolean', description: 'A fictional example organisation.' } }),
      location: {
        ...ext({
          address_protected: {
            type: 'boolean',
            description:
              "Only the city is published: the address has no address_1, transportation is null, coordinates are the postcode's centre.",
          },
        }),
      },
      address: {
        description: 'address_1 is absent for protected addresses, so it is not required.',
        required: ['id', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
        properties: {
          state_province: { pattern: '^DE-[A-Z]{2}$', description: 'ISO 3166-2 code of the federal state.' },
        },
      },
      service_area: {
        properties: {
          extent: {
            pattern: '^DE(-[A-Z]{2})?$',
            description: 'ISO 3166-2 code of a federal state, or DE for all of Germany.',
          },
          extent_type: { enum: ['iso3166-2'], description: 'extent holds an ISO 3166-2 code instead of a shape.' },
        },
      },
      service_at_location: {
        properties: {
          distance: { type: ['integer', 'null'], description: 'Metres from the centre of the requested postcode.' },
          ...ext({
            covers_area: {
              type: 'boolean',
              description: "Responsible for the postcode's whole state or all of Germany.",
            },
          }).properties,
        },
      },
    },
    taxonomies: CATALOGUE_TAXONOMIES.map((t) => ({
      ...presentTaxonomy(t),
      terms: CATALOGUE_TERMS.filter((x) => x.taxonomy_id === t.id).map(presentTerm),
    })),
  };
}
