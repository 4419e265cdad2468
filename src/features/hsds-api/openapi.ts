/**
 * The OpenAPI 3.1 description of the HSDS read API, served at
 * /api/hsds/openapi.json. Written as a typed object next to the routes so a
 * change to one shows up in review next to the other; openapi.test.ts checks
 * that every path here is served and that real responses fit the schemas.
 */
import { COMPONENT_SCHEMAS, type JsonSchema } from './openapi-schemas.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_PROXIMITY_M } from './params.ts';

export const HSDS_BASE = '/api/hsds';

type Parameter = {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: JsonSchema;
  style?: 'form';
  explode?: boolean;
};
type Response = { description: string; content?: { 'application/json': { schema: JsonSchema } } };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: ('required' | 'optional' | 'profile')[];
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, Response | { $ref: string }>;
};
type PathItem = { get: Operation };

export type OpenApiDocument = {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: {
    title: string;
    version: string;
    summary: string;
    description: string;
    license: { name: string; identifier: string };
  };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, Response>;
  };
};

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const ok = (description: string, schema: string): Response => ({ description, content: json(schemaRef(schema)) });
const BAD = { $ref: '#/components/responses/BadRequest' };
const NOT_FOUND = { $ref: '#/components/responses/NotFound' };

const listOf = (name: string): Parameter => ({
  name,
  in: 'query',
  description: '',
  schema: { type: 'array', items: { type: 'string' } },
  style: 'form',
  explode: true,
});

const PARAMETERS: Record<string, Parameter> = {
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'A UUID. A malformed one is a 400, an unknown one a 404.',
    schema: { type: 'string', format: 'uuid' },
  },
  page: { name: 'page', in: 'query', description: 'Page number, from 1.', schema: { type: 'integer', minimum: 1 } },
  per_page: {
    name: 'per_page',
    in: 'query',
    description: `Items per page (default ${DEFAULT_PER_PAGE}).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
  },
  format: {
    name: 'format',
    in: 'query',
    description: 'Only `json` is offered.',
    schema: { type: 'string', enum: ['json'] },
  },
  full: {
    name: 'full',
    in: 'query',
    description: 'Accepted for HSDS clients; answers are always fully nested.',
    schema: { type: 'boolean' },
  },
  full_service: {
    name: 'full_service',
    in: 'query',
    description: 'Accepted for HSDS clients; the services are always included.',
    schema: { type: 'boolean' },
  },
  search: {
    name: 'search',
    in: 'query',
    description: 'Words that must all occur (case and accents ignored).',
    schema: { type: 'string' },
  },
  taxonomy_term_id: {
    ...listOf('taxonomy_term_id'),
    description: 'Services with any of these terms (per taxonomy; different taxonomies must all match).',
  },
  taxonomy_id: { ...listOf('taxonomy_id'), description: 'Services with any term of these taxonomies.' },
  organization_id: {
    name: 'organization_id',
    in: 'query',
    description: 'Services of this organisation.',
    schema: { type: 'string', format: 'uuid' },
  },
  target_group: {
    ...listOf('target_group'),
    description: 'Profile: target group codes (any of them); repeat or separate by commas.',
  },
  exploitation: { ...listOf('exploitation'), description: 'Profile: forms of exploitation (any of them).' },
  language: { ...listOf('language'), description: 'Profile: ISO 639 codes of counselling languages (any of them).' },
  accessibility: { ...listOf('accessibility'), description: 'Profile: accessibility features (all of them).' },
  state: {
    name: 'state',
    in: 'query',
    description: 'Profile: ISO 3166-2 code of a federal state: services located there or responsible for it.',
    schema: { type: 'string', pattern: '^DE-[A-Z]{2}$' },
  },
  postcode: {
    name: 'postcode',
    in: 'query',
    description: 'German postcode: results nearest to its centre first. An unknown postcode is a 400.',
    schema: { type: 'string', pattern: '^\\d{5}$' },
  },
  proximity: {
    name: 'proximity',
    in: 'query',
    description:
      "Metres (as in HSDS) from the postcode's centre. Services responsible for the postcode's whole state are included whatever their distance (x-schutznetz.covers_area).",
    schema: { type: 'number', minimum: 0, maximum: MAX_PROXIMITY_M },
  },
};

const SERVICE_FILTERS = [
  'search',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'target_group',
  'exploitation',
  'language',
  'accessibility',
  'state',
];
const PAGING = ['page', 'per_page', 'format', 'full'];
const ONE = ['id', 'format', 'full'];

function get(
  operationId: string,
  summary: string,
  tags: Operation['tags'],
  response: Response,
  params: string[],
  notFound = false,
  description?: string,
): PathItem {
  return {
    get: {
      operationId,
      summary,
      ...(description ? { description } : {}),
      tags,
      ...(params.length ? { parameters: params.map(p) } : {}),
      responses: { '200': response, '400': BAD, ...(notFound ? { '404': NOT_FOUND } : {}) },
    },
  };
}

/** The document, with absolute URLs for the instance at `publicOrigin`. */
export function openApiDocument(publicOrigin: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Schutznetz directory (HSDS 3.0)',
      version: '1.0.0',
      summary: 'Counselling centres against human trafficking in Germany, as Open Referral HSDS 3.0.',
      description:
        'Read-only, public, without authentication or cookies. Lists show what the public finder shows (active services only); ' +
        'GET /services/{id} also answers for inactive ones. See the profile for our extensions.',
      license: { name: 'European Union Public Licence 1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: `${publicOrigin}${HSDS_BASE}` }],
    tags: [
      { name: 'required', description: 'Required by the HSDS API specification.' },
      { name: 'optional', description: 'Optional in the HSDS API specification.' },
      { name: 'profile', description: 'Added by the Schutznetz profile.' },
    ],
    paths: {
      '/': get(
        'getAPIMetaInformation',
        'API meta information',
        ['required'],
        ok('HSDS version, profile and this document.', 'Root'),
        [],
      ),
      '/profile': get('getProfile', 'The Schutznetz HSDS profile', ['profile'], ok('The profile.', 'Profile'), []),
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          tags: ['profile'],
          responses: {
            '200': {
              description: 'OpenAPI 3.1 document.',
              content: json({ type: 'object', required: ['openapi', 'paths'] }),
            },
          },
        },
      },
      '/services': get(
        'getPaginatedListOfServices',
        'Services, fully nested, paginated',
        ['required'],
        ok('A page of services.', 'ServicePage'),
        [...SERVICE_FILTERS, ...PAGING],
      ),
      '/services/{id}': get(
        'getFullyNestedServiceById',
        'One fully nested service',
        ['required'],
        ok('The service.', 'Service'),
        ONE,
        true,
      ),
      '/service_at_locations': get(
        'getPaginatedListOfServiceAtLocation',
        'Services at their places, nearest first',
        ['optional'],
        ok('A page of services at locations.', 'ServiceAtLocationPage'),
        [...SERVICE_FILTERS, 'postcode', 'proximity', ...PAGING],
        false,
        'The same search as the public finder. Online-only services have no location and appear only in /services.',
      ),
      '/service_at_locations/{id}': get(
        'getServiceAtLocationById',
        'One service at its location',
        ['optional'],
        ok('The service at location.', 'ServiceAtLocationListItem'),
        ONE,
        true,
      ),
      '/organizations': get(
        'getPaginatedListOfOrganizations',
        'Organisations, paginated',
        ['optional'],
        ok('A page of organisations.', 'OrganizationPage'),
        ['search', ...PAGING],
      ),
      '/organizations/{id}': get(
        'getOrganizationById',
        'One organisation with its services',
        ['optional'],
        ok('The organisation.', 'OrganizationWithServices'),
        [...ONE, 'full_service'],
        true,
      ),
      '/taxonomies': get(
        'getPaginatedListOfTaxonomies',
        'Our taxonomies',
        ['optional'],
        ok('A page of taxonomies.', 'TaxonomyPage'),
        ['search', ...PAGING],
      ),
      '/taxonomies/{id}': get(
        'getTaxonomyById',
        'One taxonomy',
        ['optional'],
        ok('The taxonomy.', 'Taxonomy'),
        ONE,
        true,
      ),
      '/taxonomy_terms': get(
        'getPaginatedListOfTaxonomyTerms',
        'Terms of our taxonomies',
        ['optional'],
        ok('A page of terms.', 'TaxonomyTermPage'),
        ['search', 'taxonomy_id', ...PAGING],
      ),
      '/taxonomy_terms/{id}': get(
        'getTaxonomyTermById',
        'One taxonomy term',
        ['optional'],
        ok('The term.', 'TaxonomyTerm'),
        ONE,
        true,
      ),
    },
    components: {
      schemas: COMPONENT_SCHEMAS,
      parameters: PARAMETERS,
      responses: {
        BadRequest: {
          description: 'A parameter is malformed, unknown or names something that does not exist.',
          content: json(schemaRef('Error')),
        },
        NotFound: { description: 'No such record.', content: json(schemaRef('Error')) },
      },
    },
  };
}
