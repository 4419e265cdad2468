/**
 * The Schutznetz HSDS profile, served at /api/hsds/profile. HSDS profiles
 * express their changes as JSON Merge Patches (RFC 7396) on the base
 * schemas; these are ours, plus the taxonomies a consumer needs to read the
 * attributes.
 *
 * PROFILE_PATCHES are the only ways our answers may differ from the official
 * HSDS 3.0 schemas: the validation test applies exactly these to the vendored
 * compiled schemas (data/hsds-3.0/) wherever the patched object occurs, and
 * validates every endpoint against the result. Most of them narrow HSDS (a
 * pattern, an enum) or describe our `x-schutznetz` extension; only the
 * address patch relaxes it (docs/hsds.md lists each).
 */
import { HSDS_PHONE_TYPES, MESSENGER_TYPES } from '../directory/entry.ts';
import { CATALOGUE_TAXONOMIES, CATALOGUE_TERMS } from './catalogue.ts';
import { presentTaxonomy, presentTerm } from './presenters/taxonomy.ts';

/** Our extension object: every key it has is listed and required, nothing else may appear in it. */
const ext = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  properties: {
    'x-schutznetz': {
      type: 'object',
      description: 'Schutznetz profile extension.',
      properties,
      required,
      additionalProperties: false,
    },
  },
});

/** JSON Merge Patches on the HSDS 3.0 object schemas, by HSDS object name. */
export const PROFILE_PATCHES = {
  service: ext({ is_demo: { type: 'boolean', description: 'A fictional example entry, not a real service.' } }),
  organization: ext({ is_demo: { type: 'boolean', description: 'A fictional example organisation.' } }),
  location: ext({
    address_protected: {
      type: 'boolean',
      description:
        "Only the city is published: the address has no address_1, there is no transportation, coordinates are the postcode's centre.",
    },
  }),
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
      distance: {
        type: 'integer',
        minimum: 0,
        description: 'Metres from the centre of the requested postcode; absent without a postcode.',
      },
      ...ext({
        covers_area: {
          type: 'boolean',
          description: "Responsible for the postcode's whole state or all of Germany.",
        },
      }).properties,
    },
  },
  phone: {
    properties: {
      type: {
        enum: [...HSDS_PHONE_TYPES],
        description: 'One of the RFC 6350 types HSDS names; a messenger contact is text (see x-schutznetz.messenger).',
      },
      ...ext({
        messenger: {
          enum: [...MESSENGER_TYPES],
          description:
            'Present only for a messenger contact: number is then the address in that messenger (signal, whatsapp: ' +
            'phone number in international form; telegram: @username or phone number; threema: the 8-character ID).',
        },
      }).properties,
    },
  },
} as const;

/** The profile document. */
export function profileDocument(publicOrigin: string) {
  return {
    name: 'Schutznetz',
    version: '2',
    base: 'https://docs.openreferral.org/en/latest/hsds/ (HSDS 3.0)',
    url: `${publicOrigin}/api/hsds/profile`,
    description:
      'Directory of specialised counselling centres against human trafficking in Germany. ' +
      'Changes to HSDS 3.0: protected addresses publish no street line; areas of responsibility are ISO 3166-2 codes; ' +
      'demo (fictional) entries are flagged; proximity search reports distances; messenger contacts (Signal, ' +
      'WhatsApp, Telegram, Threema) are text phones that name their messenger. Empty fields are absent, never null.',
    schemas: PROFILE_PATCHES,
    taxonomies: CATALOGUE_TAXONOMIES.map((t) => ({
      ...presentTaxonomy(t),
      terms: CATALOGUE_TERMS.filter((x) => x.taxonomy_id === t.id).map(presentTerm),
    })),
  };
}
