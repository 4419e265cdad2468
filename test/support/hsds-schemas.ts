/**
 * The official HSDS 3.0 schemas (vendored in data/hsds-3.0/) with our
 * profile's patches applied, compiled with ajv for JSON Schema 2020-12 (the
 * dialect HSDS 3.0's OpenAPI document declares). The patches come from the
 * very object the API serves at /api/hsds/profile, so the profile document
 * and the validation cannot drift apart: whatever deviation is not written
 * there makes the validation fail.
 */
import fs from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { apply as mergePatch } from 'json-merge-patch';
import { PROFILE_PATCHES } from '../../src/features/hsds-api/profile.ts';

// ajv-formats is CommonJS with its function as the default export.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const DIR = new URL('../../data/hsds-3.0/', import.meta.url);
/** Where HSDS 3.0's OpenAPI document says the schemas live; relative $refs resolve against it. */
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

/** Non-validating annotations of the HSDS schemas (Frictionless Data table metadata and the like). */
const HSDS_ANNOTATIONS = [
  'name',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'tabular_required',
  'core',
  'constraints',
  'example',
];

type Schema = Record<string, unknown>;
const read = (file: string): Schema => JSON.parse(fs.readFileSync(new URL(file, DIR), 'utf8')) as Schema;

const patches = PROFILE_PATCHES as unknown as Record<string, object>;

/**
 * `schema` with our profile's merge patch applied to every object schema of
 * an HSDS object (the compiled schemas nest each object wherever it occurs,
 * marked by its `name`), innermost first.
 */
export function patched(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(patched);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = patched(v);
  const patch = typeof out.name === 'string' && out.type === 'object' ? patches[out.name] : undefined;
  return patch ? (mergePatch(out, structuredClone(patch)) as Schema) : out;
}

/**
 * The schema of a page of `items`: HSDS's Page component, its `contents` each
 * fitting every one of `items`. HSDS lists the page fields without requiring
 * them; requiring them holds us to our own promise and only makes the check
 * stricter, never looser.
 */
function pageOf(page: Schema, items: string[]): Schema {
  return {
    allOf: [page],
    properties: { contents: { type: 'array', items: { allOf: items.map((i) => ({ $ref: BASE + i })) } } },
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  };
}

/** What each endpoint must answer (the HSDS 3.0 OpenAPI document's schema for it). */
export type HsdsEndpoint =
  | '/'
  | '/services'
  | '/services/{id}'
  | '/service_at_locations'
  | '/service_at_locations/{id}'
  | '/organizations'
  | '/organizations/{id}'
  | '/taxonomies'
  | '/taxonomies/{id}'
  | '/taxonomy_terms'
  | '/taxonomy_terms/{id}';

export type HsdsValidator = {
  /** Every way `body` breaks the patched official schema of `endpoint`, as "path: problem" lines. */
  errors(endpoint: HsdsEndpoint, body: unknown): string[];
};

/**
 * A JSON Schema 2020-12 validator that knows the formats (uuid, uri, email,
 * date …) and refuses unknown keywords, so a misspelt keyword cannot
 * silently validate nothing. `annotations` are keywords to accept as such.
 */
export function strictAjv(annotations: string[]): Ajv2020 {
  // strictTypes off: the HSDS schemas give `properties` without `type` in places, which is valid JSON Schema.
  // inlineRefs off: each large compiled schema is compiled once and shared by every endpoint that refers to it.
  // strictRequired off: a schema may require a property it does not describe further (our Profile does).
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    strictTypes: false,
    strictRequired: false,
    inlineRefs: false,
  });
  addFormats(ajv);
  ajv.addVocabulary(annotations);
  return ajv;
}

/** ajv's errors as "path: problem" lines. */
export function errorLines(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

/** Builds (once per call) the validators of every HSDS endpoint. Compiling the large compiled schemas takes seconds. */
export function hsdsValidator(): HsdsValidator {
  const ajv = strictAjv(HSDS_ANNOTATIONS);
  const files = [
    'compiled/service.json',
    'compiled/service_list.json',
    'compiled/service_at_location.json',
    'compiled/service_at_location_list.json',
    'compiled/organization.json',
    'compiled/organization_list.json',
    'taxonomy.json',
    'taxonomy_term.json',
    'metadata.json',
  ];
  for (const f of files) ajv.addSchema({ ...(patched(read(f)) as Schema), $id: BASE + f });

  const openapi = read('openapi.json') as {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }>;
    components: { schemas: { Page: Schema } };
  };
  const page = openapi.components.schemas.Page;
  const root = openapi.paths['/']!.get.responses['200']!.content['application/json']!.schema;

  // Lists: HSDS names the *_list schema for items; ours are fully nested, so they must fit the full schema too.
  // /service_at_locations/{id}: HSDS 3.0's OpenAPI document names compiled/service.json there, evidently a
  // slip (it is a service_at_location); we hold it to service_at_location.json.
  const schemas: Record<HsdsEndpoint, Schema> = {
    '/': root,
    '/services': pageOf(page, ['compiled/service_list.json', 'compiled/service.json']),
    '/services/{id}': { $ref: `${BASE}compiled/service.json` },
    '/service_at_locations': pageOf(page, [
      'compiled/service_at_location_list.json',
      'compiled/service_at_location.json',
    ]),
    '/service_at_locations/{id}': { $ref: `${BASE}compiled/service_at_location.json` },
    '/organizations': pageOf(page, ['compiled/organization_list.json', 'compiled/organization.json']),
    '/organizations/{id}': { $ref: `${BASE}compiled/organization.json` },
    '/taxonomies': pageOf(page, ['taxonomy.json']),
    '/taxonomies/{id}': { $ref: `${BASE}taxonomy.json` },
    '/taxonomy_terms': pageOf(page, ['taxonomy_term.json']),
    '/taxonomy_terms/{id}': { $ref: `${BASE}taxonomy_term.json` },
  };
  const compiled = new Map<HsdsEndpoint, ValidateFunction>();
  return {
    errors(endpoint, body) {
      let validate = compiled.get(endpoint);
      if (!validate) {
        validate = ajv.compile(schemas[endpoint]);
        compiled.set(endpoint, validate);
      }
      return validate(body) ? [] : errorLines(validate.errors);
    },
  };
}
