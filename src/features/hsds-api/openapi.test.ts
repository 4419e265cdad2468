import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { errorLines, strictAjv } from '../../../test/support/hsds-schemas.ts';
import { HSDS_BASE, openApiDocument, type OpenApiDocument } from './openapi.ts';
import type { JsonSchema } from './openapi-schemas.ts';
import { hsdsRoutes } from './routes.ts';

// Runs against the demo directory: protected addresses, online-only services,
// fax lines, several schedules — the variety the schemas must cover.
let doc: OpenApiDocument;
let checkSchema: (value: unknown, schema: JsonSchema) => string[];
const t = appForFile();
beforeAll(async () => {
  doc = (await t.app.inject({ url: `${HSDS_BASE}/openapi.json` })).json();
  checkSchema = contractChecker(doc);
});

/**
 * Validates against the document's own component schemas, with ajv: they
 * are JSON Schema 2020-12 (OpenAPI 3.1), their local references rewritten
 * to point into one schema that holds them all.
 */
function contractChecker(d: OpenApiDocument): (value: unknown, schema: JsonSchema) => string[] {
  const ajv = strictAjv(['example']);
  const id = 'urn:schutznetz:hsds-openapi';
  const local = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('"#/components/schemas/', `"${id}#/$defs/`));
  ajv.addSchema({ $id: id, $defs: local(d.components.schemas) });
  return (value, schema) => {
    const validate = ajv.compile(local(schema));
    return validate(value) ? [] : errorLines(validate.errors);
  };
}

const get = async (path: string) => t.app.inject({ url: `${HSDS_BASE}${path}` });

function responseSchema(path: string, status: string): JsonSchema {
  let r: any = doc.paths[path]!.get.responses[status];
  if (r?.$ref) r = (doc.components.responses as any)[r.$ref.split('/').pop()];
  return r.content['application/json'].schema;
}

async function idsFor(): Promise<Record<string, string>> {
  const services = (await get('/services?per_page=1')).json();
  const sals = (await get('/service_at_locations?per_page=1')).json();
  const orgs = (await get('/organizations?per_page=1')).json();
  const tax = (await get('/taxonomies')).json();
  const terms = (await get('/taxonomy_terms')).json();
  return {
    '/services/{id}': services.contents[0].id,
    '/service_at_locations/{id}': sals.contents[0].id,
    '/organizations/{id}': orgs.contents[0].id,
    '/taxonomies/{id}': tax.contents[0].id,
    '/taxonomy_terms/{id}': terms.contents[0].id,
  };
}

describe('the OpenAPI document', () => {
  it('is served as an OpenAPI 3.1 document whose servers point at this API', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('http://localhost:3000/api/hsds');
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument('http://localhost:3000'))));
  });

  it('documents every route the plugin registers, and nothing else', async () => {
    const registered: string[] = [];
    const bare = Fastify();
    bare.addHook('onRoute', (r) => {
      if (r.method === 'GET' || (Array.isArray(r.method) && r.method.includes('GET'))) registered.push(r.url);
    });
    bare.decorate('directory', t.app.directory);
    bare.decorate('config', t.config);
    await bare.register(hsdsRoutes);
    await bare.ready();
    await bare.close();
    const asDocumented = registered.map((u) => u.slice(HSDS_BASE.length).replace(/:(\w+)/g, '{$1}'));
    expect(asDocumented.sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it('has only local references that resolve', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, kind, name] of refs) expect((doc.components as any)[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
  });

  it('serves every documented path, and each response fits its schema', async () => {
    const ids = await idsFor();
    for (const path of Object.keys(doc.paths)) {
      const url = path.includes('{id}') ? path.replace('{id}', ids[path]!) : path;
      const res = await get(
        `${url}${doc.paths[path]!.get.parameters?.some((p: any) => p.$ref?.endsWith('/per_page')) ? '?per_page=100' : ''}`,
      );
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/^application\/json/);
      const errors = checkSchema(res.json(), responseSchema(path, '200'));
      expect(errors, path).toEqual([]);
    }
  });

  it('describes every service of the demo directory exactly', async () => {
    const page = (await get('/services?per_page=100')).json();
    expect(page.total_items).toBeGreaterThan(5);
    for (const s of page.contents) {
      const one = (await get(`/services/${s.id}`)).json();
      expect(checkSchema(one, responseSchema('/services/{id}', '200')), s.name).toEqual([]);
    }
    const sals = (await get('/service_at_locations?postcode=10117&per_page=100')).json();
    expect(checkSchema(sals, responseSchema('/service_at_locations', '200'))).toEqual([]);
    expect(sals.contents.some((c: any) => c.location['x-schutznetz'].address_protected)).toBe(true);
  });

  it('accepts every documented query parameter', async () => {
    const ids = await idsFor();
    const tax = (await get('/taxonomies')).json().contents[0].id;
    const sample: Record<string, string> = {
      page: '1',
      per_page: '10',
      format: 'json',
      full: 'true',
      full_service: 'false',
      search: 'beratung',
      taxonomy_term_id: ids['/taxonomy_terms/{id}']!,
      taxonomy_id: tax,
      organization_id: ids['/organizations/{id}']!,
      target_group: 'women',
      exploitation: 'sexual',
      language: 'de',
      accessibility: 'step_free',
      state: 'DE-BE',
      postcode: '10117',
      proximity: 'postcode=10117&proximity=50000',
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      const url = path.includes('{id}') ? path.replace('{id}', ids[path]!) : path;
      for (const p of item.get.parameters ?? []) {
        const name = ('$ref' in p ? p.$ref.split('/').pop() : p.name)!;
        if (name === 'id') continue;
        const query = name === 'proximity' ? sample.proximity : `${name}=${encodeURIComponent(sample[name]!)}`;
        const res = await get(`${url}?${query}`);
        expect(res.statusCode, `${path}?${query}: ${res.body}`).toBe(200);
      }
    }
  });

  it('documents the 400 and 404 answers', async () => {
    const checks: [string, string, string][] = [
      ['/services?per_page=1000', '/services', '400'],
      ['/services/not-a-uuid', '/services/{id}', '400'],
      ['/services/00000000-0000-4000-8000-000000000000', '/services/{id}', '404'],
      ['/service_at_locations?postcode=00000', '/service_at_locations', '400'],
      ['/organizations/00000000-0000-4000-8000-000000000000', '/organizations/{id}', '404'],
    ];
    for (const [url, path, status] of checks) {
      const res = await get(url);
      expect(String(res.statusCode), url).toBe(status);
      expect(checkSchema(res.json(), responseSchema(path, status)), url).toEqual([]);
    }
  });

  it('the checker itself catches missing, undocumented and mistyped fields, and nulls', () => {
    const taxonomy: JsonSchema = { $ref: '#/components/schemas/Taxonomy' };
    expect(checkSchema({ id: 'x' }, taxonomy).join('\n')).toMatch(/must have required property 'name'/);
    const tax = { id: '3f00001c-82f8-44b4-a039-3b2a462f2952', name: 'n', description: 'd', version: 1, secret: true };
    const errors = checkSchema(tax, taxonomy).join('\n');
    expect(errors).toMatch(/\/version: must be string/);
    expect(errors).toMatch(/must NOT have additional properties \{"additionalProperty":"secret"\}/);
    expect(checkSchema({ ...tax, version: null, secret: undefined }, taxonomy).join('\n')).toMatch(
      /\/version: must be string/,
    );
  });
});
