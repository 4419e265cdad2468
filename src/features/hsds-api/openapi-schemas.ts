/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what the API returns.
 * They describe the presenters' output exactly: `additionalProperties: false`
 * everywhere, so the contract test fails when a presenter starts to publish
 * a field nobody documented. No field is ever null: an empty optional field
 * is absent (HSDS types them as plain strings and numbers).
 */

import { HSDS_PHONE_TYPES, MESSENGER_TYPES } from '../directory/entry.ts';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The part of JSON Schema this document uses. */
export type JsonSchema = {
  $ref?: string;
  type?: JsonType | JsonType[];
  description?: string;
  format?: string;
  pattern?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  example?: unknown;
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, format?: string): JsonSchema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...(format ? { format } : {}),
});
/** Schemas of properties that are absent when empty (obj() leaves them out of `required`). */
const OPTIONAL = new WeakSet<JsonSchema>();
const optional = (schema: JsonSchema): JsonSchema => {
  OPTIONAL.add(schema);
  return schema;
};
/** A string that is absent when empty. */
const ostr = (description?: string, format?: string): JsonSchema => optional(str(description, format));
const uuid = (description?: string): JsonSchema => str(description, 'uuid');
const arr = (items: JsonSchema, description?: string): JsonSchema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});

/** An object whose listed properties are all required unless marked optional() or named in `optionalKeys`. */
function obj(properties: Record<string, JsonSchema>, description?: string, optionalKeys: string[] = []): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optionalKeys.includes(k) && !OPTIONAL.has(properties[k]!)),
    additionalProperties: false,
  };
}

const demoExt = obj(
  {
    is_demo: {
      type: 'boolean',
      description: 'A fictional example entry (demo content), not a real counselling centre.',
    },
  },
  'Schutznetz profile extension.',
);

const organizationProperties: Record<string, JsonSchema> = {
  id: uuid(),
  name: str(),
  description: str(),
  email: ostr(undefined, 'email'),
  website: ostr(undefined, 'uri'),
  legal_status: ostr(),
  'x-schutznetz': demoExt,
};

const serviceBaseProperties: Record<string, JsonSchema> = {
  id: uuid(),
  organization_id: uuid(),
  name: str(),
  description: ostr(),
  url: ostr(undefined, 'uri'),
  email: ostr(undefined, 'email'),
  status: { type: 'string', enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
  interpretation_services: ostr(),
  application_process: ostr(),
  fees_description: ostr(),
  eligibility_description: ostr(),
  minimum_age: optional({ type: 'integer', minimum: 0 }),
  maximum_age: optional({ type: 'integer', minimum: 0 }),
  assured_date: ostr('When the entry was last verified.', 'date'),
  alert: ostr(),
  'x-schutznetz': demoExt,
};

const serviceDetailProperties: Record<string, JsonSchema> = {
  ...serviceBaseProperties,
  organization: ref('Organization'),
  phones: arr(ref('Phone')),
  languages: arr(ref('Language'), 'Languages counselling is offered in.'),
  schedules: arr(ref('Schedule'), 'Opening hours, weekly.'),
  service_areas: arr(ref('ServiceArea')),
  attributes: arr(
    ref('Attribute'),
    'Target groups, forms of exploitation and accessibility features (our taxonomies).',
  ),
};

const language: JsonSchema = {
  ...obj(
    {
      id: uuid(),
      service_id: uuid(),
      phone_id: uuid(),
      code: { type: 'string', pattern: '^[a-z]{2,3}$', description: 'ISO 639 code.' },
      name: str(),
    },
    "A language; `service_id` on a service's languages, `phone_id` on a phone's.",
    ['service_id', 'phone_id'],
  ),
};

const pageProperties: Record<string, JsonSchema> = {
  total_items: { type: 'integer', minimum: 0 },
  total_pages: { type: 'integer', minimum: 0 },
  page_number: { type: 'integer', minimum: 1 },
  size: { type: 'integer', minimum: 0, description: 'Number of items on this page.' },
  first_page: { type: 'boolean' },
  last_page: { type: 'boolean' },
  empty: { type: 'boolean', description: 'This page has no items.' },
};

/** A page of `item`s (written out per list, since allOf and additionalProperties: false do not mix). */
const pageOf = (item: string): JsonSchema => obj({ ...pageProperties, contents: arr(ref(item)) });

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  Error: obj(
    {
      error: str('What went wrong, for people.'),
      status: { type: 'integer' },
      details: arr(obj({ field: str(), message: str() }), 'One item per invalid parameter.'),
    },
    'An error (4xx, 5xx).',
    ['details'],
  ),
  Root: obj(
    {
      version: { type: 'string', const: '3.0', description: 'HSDS version.' },
      profile: str('URL of our HSDS profile.', 'uri'),
      openapi_url: str('URL of this document.', 'uri'),
      description: str(),
      publisher: obj({ name: str(), website: str(undefined, 'uri') }),
    },
    'API meta information (HSDS `/`).',
  ),
  Profile: {
    type: 'object',
    description: 'Our HSDS profile: JSON Merge Patches on the HSDS 3.0 schemas, and our taxonomies.',
    required: ['name', 'version', 'base', 'description', 'schemas', 'taxonomies'],
  },
  Organization: obj(organizationProperties, 'An organisation (a member organisation running counselling centres).'),
  OrganizationWithServices: obj({
    ...organizationProperties,
    services: arr(ref('ServiceBase'), "The organisation's services, one-to-one fields only."),
  }),
  ServiceBase: obj(serviceBaseProperties, 'The one-to-one fields of a service.'),
  ServiceDetails: obj(
    serviceDetailProperties,
    'A service with everything but its places (nested in a service_at_location).',
  ),
  Service: obj(
    { ...serviceDetailProperties, service_at_locations: { ...arr(ref('ServiceAtLocation')), maxItems: 1 } },
    'A fully nested service.',
  ),
  ServiceAtLocation: obj({
    id: uuid(),
    service_id: uuid(),
    location_id: uuid(),
    location: ref('Location'),
  }),
  ServiceAtLocationListItem: obj(
    {
      id: uuid(),
      service_id: uuid(),
      location_id: uuid(),
      service: ref('ServiceDetails'),
      location: ref('Location'),
      distance: optional({
        type: 'integer',
        minimum: 0,
        description: 'Profile extension: metres from the centre of the requested postcode; absent without postcode.',
      }),
      'x-schutznetz': obj({
        covers_area: {
          type: 'boolean',
          description:
            "The service is responsible for the postcode's whole state (or all of Germany), whatever the distance.",
        },
      }),
    },
    'A service at its place, as listed by /service_at_locations.',
  ),
  Location: obj({
    id: uuid(),
    location_type: { type: 'string', const: 'physical' },
    organization_id: uuid(),
    name: ostr(),
    latitude: {
      type: 'number',
      minimum: -90,
      maximum: 90,
      description: "WGS84; for protected addresses the postcode's centre.",
    },
    longitude: { type: 'number', minimum: -180, maximum: 180 },
    transportation: ostr('Always absent for protected addresses.'),
    addresses: { ...arr(ref('Address')), maxItems: 1 },
    accessibility: arr(obj({ id: uuid(), location_id: uuid(), description: str() })),
    'x-schutznetz': obj({
      address_protected: { type: 'boolean', description: 'Only the city is published; address_1 is absent.' },
    }),
  }),
  Address: obj(
    {
      id: uuid(),
      location_id: uuid(),
      address_1: str('Street and number. Absent when the address is protected (profile: not required).'),
      city: str(),
      state_province: {
        type: 'string',
        pattern: '^DE-[A-Z]{2}$',
        description: 'ISO 3166-2 code of the federal state.',
      },
      postal_code: { type: 'string', pattern: '^\\d{5}$' },
      country: { type: 'string', const: 'DE' },
      address_type: { type: 'string', const: 'physical' },
    },
    undefined,
    ['address_1'],
  ),
  Phone: obj({
    id: uuid(),
    service_id: uuid(),
    number: str('The phone number; for a messenger contact its address in that messenger.'),
    type: {
      type: 'string',
      enum: HSDS_PHONE_TYPES,
      description: 'RFC 6350 type, as HSDS names them; a messenger contact is text.',
    },
    description: ostr(),
    languages: arr(ref('Language')),
    'x-schutznetz': optional(
      obj(
        {
          messenger: {
            type: 'string',
            enum: MESSENGER_TYPES,
            description:
              'Profile extension, only on messenger contacts: signal and whatsapp (number: phone number in ' +
              'international form), telegram (@username or phone number), threema (the 8-character ID).',
          },
        },
        'Schutznetz profile extension.',
      ),
    ),
  }),
  Language: language,
  Schedule: obj({
    id: uuid(),
    service_id: uuid(),
    freq: { type: 'string', const: 'WEEKLY' },
    byday: { type: 'string', pattern: '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$', example: 'MO,TU,TH' },
    opens_at: { type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '09:00' },
    closes_at: { type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '16:00' },
    description: ostr(),
  }),
  ServiceArea: obj(
    {
      id: uuid(),
      service_id: uuid(),
      name: str(),
      extent: {
        type: 'string',
        pattern: '^DE(-[A-Z]{2})?$',
        description: 'ISO 3166-2 code of a state, or DE for all of Germany.',
      },
      extent_type: { type: 'string', const: 'iso3166-2', description: 'Profile extension of the extent_type codes.' },
    },
    'Where the service is responsible beyond its own place.',
  ),
  Attribute: obj({
    id: uuid(),
    link_id: uuid(),
    link_entity: { type: 'string', const: 'service' },
    taxonomy_term_id: uuid(),
    taxonomy_term: ref('TaxonomyTerm'),
  }),
  TaxonomyTerm: obj({
    id: uuid(),
    code: str(),
    name: str(),
    description: str(),
    taxonomy: str('Name of the taxonomy, e.g. schutznetz:target_group.'),
    taxonomy_id: uuid(),
  }),
  Taxonomy: obj({ id: uuid(), name: str(), description: str(), uri: ostr(undefined, 'uri'), version: ostr() }),
  ServicePage: pageOf('Service'),
  ServiceAtLocationPage: pageOf('ServiceAtLocationListItem'),
  OrganizationPage: pageOf('Organization'),
  TaxonomyPage: pageOf('Taxonomy'),
  TaxonomyTermPage: pageOf('TaxonomyTerm'),
};
