/**
 * Every answer of the HSDS API, and the HSDS JSON export, validated against
 * the official HSDS 3.0 schemas (data/hsds-3.0/) with only our profile's
 * patches applied (PROFILE_PATCHES, served at /api/hsds/profile): for the
 * demo directory and for generated directories whose optional fields are
 * drawn at random, all empty, or all filled.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { directoryArbitrary, type Fill } from '../../../test/support/entry-arbitrary.ts';
import { replaceDirectory } from '../../../test/support/entries.ts';
import { hsdsValidator, patched, type HsdsEndpoint, type HsdsValidator } from '../../../test/support/hsds-schemas.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { exportHsdsJson } from '../directory-io/hsds-json.ts';
import { loadAllEntries } from '../directory/queries.ts';
import { serviceAtLocationId } from './presenters/location.ts';
import { presentService } from './presenters/service.ts';

const t = appForFile();
let hsds: HsdsValidator;
/** The demo directory as loaded before any test replaces it. */
let demo: DirectoryEntry[];
beforeAll(async () => {
  hsds = hsdsValidator();
  demo = await loadAllEntries(t.database.db);
}, 120_000);

type Answer = { endpoint: HsdsEndpoint; url: string; body: any };

async function get(endpoint: HsdsEndpoint, url: string): Promise<Answer> {
  const res = await t.app.inject({ url: `/api/hsds${url}` });
  expect(res.statusCode, url).toBe(200);
  return { endpoint, url, body: res.json() };
}

/** Every page of a list, `perPage` items at a time, and the empty page after the last. */
async function allPages(endpoint: HsdsEndpoint, path: string, perPage: number): Promise<Answer[]> {
  const sep = path.includes('?') ? '&' : '?';
  const first = await get(endpoint, `${path}${sep}per_page=${perPage}`);
  const pages = [first];
  for (let p = 2; p <= first.body.total_pages + 1; p++)
    pages.push(await get(endpoint, `${path}${sep}per_page=${perPage}&page=${p}`));
  return pages;
}

/** Every answer the API gives for the directory now loaded: each list page by page, each item on its own. */
async function everyAnswer(entries: readonly DirectoryEntry[], perPage: number): Promise<Answer[]> {
  const answers: Answer[] = [await get('/', '/')];
  answers.push(...(await allPages('/services', '/services', perPage)));
  answers.push(...(await allPages('/service_at_locations', '/service_at_locations', perPage)));
  answers.push(...(await allPages('/service_at_locations', '/service_at_locations?postcode=04109', perPage)));
  answers.push(...(await allPages('/organizations', '/organizations', perPage)));
  answers.push(...(await allPages('/taxonomies', '/taxonomies', 2)));
  answers.push(...(await allPages('/taxonomy_terms', '/taxonomy_terms', perPage)));
  for (const e of entries) {
    answers.push(await get('/services/{id}', `/services/${e.service.id}`));
    if (e.location)
      answers.push(
        await get(
          '/service_at_locations/{id}',
          `/service_at_locations/${serviceAtLocationId(e.service.id, e.location.id)}`,
        ),
      );
  }
  for (const orgId of new Set(entries.map((e) => e.organization.id)))
    answers.push(await get('/organizations/{id}', `/organizations/${orgId}`));
  const taxonomies = (await get('/taxonomies', '/taxonomies')).body.contents as { id: string }[];
  for (const x of taxonomies) answers.push(await get('/taxonomies/{id}', `/taxonomies/${x.id}`));
  const terms = (await get('/taxonomy_terms', '/taxonomy_terms?per_page=100')).body.contents as { id: string }[];
  for (const x of terms) answers.push(await get('/taxonomy_terms/{id}', `/taxonomy_terms/${x.id}`));
  return answers;
}

/** Where in a JSON value there is a null (HSDS has none: an empty field is absent). */
function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) return [path || '/'];
  if (typeof value !== 'object') return [];
  return Object.entries(value as object).flatMap(([k, v]) => nullPaths(v, `${path}/${k}`));
}

function expectValid(answers: readonly Answer[]): void {
  for (const a of answers) {
    expect(hsds.errors(a.endpoint, a.body), `${a.url} against the official HSDS 3.0 schema + profile`).toEqual([]);
    expect(nullPaths(a.body), `${a.url}: nulls`).toEqual([]);
  }
}

const ALL_ENDPOINTS: HsdsEndpoint[] = [
  '/',
  '/services',
  '/services/{id}',
  '/service_at_locations',
  '/service_at_locations/{id}',
  '/organizations',
  '/organizations/{id}',
  '/taxonomies',
  '/taxonomies/{id}',
  '/taxonomy_terms',
  '/taxonomy_terms/{id}',
];

describe('the HSDS API against the official HSDS 3.0 schemas and our profile', () => {
  it('validates every answer for the demo directory, page by page and item by item', async () => {
    expect(demo.length).toBeGreaterThan(10);
    const answers = await everyAnswer(demo, 7);
    expect(new Set(answers.map((a) => a.endpoint))).toEqual(new Set(ALL_ENDPOINTS));
    // The demo has what the patches are about: protected addresses, fax lines, areas of responsibility.
    const text = JSON.stringify(answers.map((a) => a.body));
    expect(text).toContain('"address_protected":true');
    expect(text).toContain('"extent_type":"iso3166-2"');
    expect(text).toContain('"distance":');
    expectValid(answers);
  }, 120_000);

  it.each(['any', 'empty', 'filled'] as Fill[])(
    'validates every answer for generated directories (optional fields: %s)',
    async (fill) => {
      await fc.assert(
        fc.asyncProperty(directoryArbitrary(fill), async (entries) => {
          await replaceDirectory(t.database, entries);
          t.app.directory.invalidate();
          expectValid(await everyAnswer(entries, 2));
        }),
        { numRuns: 6 },
      );
    },
    300_000,
  );

  it('publishes messenger contacts as HSDS text phones that name their messenger', async () => {
    const [entries] = fc.sample(directoryArbitrary('filled'), { numRuns: 1, seed: 3 });
    const e = entries![0]!;
    const kinds = [
      ['signal', '+49 151 23456789'],
      ['whatsapp', '+49 151 23456780'],
      ['telegram', '@beratung_beispiel'],
      ['threema', 'ABCD1234'],
      ['voice', '030 23125 100'],
    ] as const;
    e.phones = kinds.map(([type, number], i) => ({
      id: `00000000-0000-4000-8000-00000000010${i}`,
      number,
      type,
      description: null,
      languages: [],
    }));
    await replaceDirectory(t.database, [e]);
    t.app.directory.invalidate();
    const one = await get('/services/{id}', `/services/${e.service.id}`);
    expect(one.body.phones.map((p: any) => [p.type, p['x-schutznetz']?.messenger, p.number])).toEqual([
      ['text', 'signal', '+49 151 23456789'],
      ['text', 'whatsapp', '+49 151 23456780'],
      ['text', 'telegram', '@beratung_beispiel'],
      ['text', 'threema', 'ABCD1234'],
      ['voice', undefined, '030 23125 100'],
    ]);
    expectValid([one]);
  });
});

describe('the validation itself', () => {
  it('uses the official schemas byte for byte (the checksums data/hsds-3.0/README.md lists)', () => {
    const dir = new URL('../../../data/hsds-3.0/', import.meta.url);
    const listed = [
      ...fs.readFileSync(new URL('README.md', dir), 'utf8').matchAll(/^\| `([\w/.]+\.json)` .* `([0-9a-f]{64})` \|$/gm),
    ];
    expect(listed.map((m) => m[1]).sort()).toEqual(
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
    for (const [, file, sum] of listed)
      expect(
        createHash('sha256')
          .update(fs.readFileSync(new URL(file!, dir)))
          .digest('hex'),
        file,
      ).toBe(sum);
  });

  it('rejects nulls where HSDS wants a string or a number', () => {
    const body = presentService(demo[0]!);
    expect(hsds.errors('/services/{id}', body)).toEqual([]);
    for (const field of ['eligibility_description', 'alert', 'description'])
      expect(hsds.errors('/services/{id}', { ...body, [field]: null }).join('\n')).toMatch(
        new RegExp(`/${field}: must be string`),
      );
    expect(hsds.errors('/services/{id}', { ...body, minimum_age: null }).join('\n')).toMatch(
      /\/minimum_age: must be number/,
    );
  });

  it('holds the profile to its word: messenger kinds never in `type`, our extension closed', () => {
    const body = presentService(demo.find((e) => e.phones.length > 0)!);
    const phone = body.phones[0];
    const withPhone = (p: object) => ({ ...body, phones: [{ ...phone, ...p }] });
    expect(hsds.errors('/services/{id}', withPhone({ type: 'signal' })).join('\n')).toMatch(
      /\/phones\/0\/type: must be equal to one of the allowed values/,
    );
    expect(hsds.errors('/services/{id}', withPhone({ 'x-schutznetz': { messenger: 'icq' } })).join('\n')).toMatch(
      /\/phones\/0\/x-schutznetz\/messenger: must be equal to one of the allowed values/,
    );
    expect(hsds.errors('/services/{id}', { ...body, 'x-schutznetz': { is_demo: true, secret: 1 } }).join('\n')).toMatch(
      /must NOT have additional properties/,
    );
  });

  it('applies a patch wherever its object is nested, and only there', () => {
    const schema = {
      name: 'service',
      type: 'object',
      properties: {
        phones: { type: 'array', items: { name: 'phone', type: 'object', properties: { type: { type: 'string' } } } },
        other: { name: 'other', type: 'object', properties: { type: { type: 'string' } } },
      },
    };
    const out = patched(schema) as any;
    expect(out.properties.phones.items.properties.type.enum).toContain('voice');
    expect(out.properties.phones.items.properties['x-schutznetz'].properties.messenger.enum).toContain('threema');
    expect(out.properties['x-schutznetz'].properties.is_demo.type).toBe('boolean');
    expect(out.properties.other.properties.type).toEqual({ type: 'string' });
  });
});

describe('the HSDS JSON export against the official HSDS 3.0 schemas and our profile', () => {
  const exported = (entries: readonly DirectoryEntry[]) => JSON.parse(exportHsdsJson(entries)) as unknown[];

  it('validates every exported service of the demo directory', () => {
    expect(demo.length).toBeGreaterThan(10);
    for (const s of exported(demo)) {
      expect(hsds.errors('/services/{id}', s)).toEqual([]);
      expect(nullPaths(s)).toEqual([]);
    }
  });

  it.each(['any', 'empty', 'filled'] as Fill[])('validates generated services (optional fields: %s)', (fill) => {
    fc.assert(
      fc.property(directoryArbitrary(fill), (entries) => {
        for (const s of exported(entries)) {
          expect(hsds.errors('/services/{id}', s)).toEqual([]);
          expect(nullPaths(s)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
