/**
 * The directory as HSDS JSON: an array of fully nested HSDS services, exactly
 * as GET /api/hsds/services/{id} returns them (the same presenter), so what
 * the API publishes can be imported again. Reading accepts only the fields
 * that presenter writes; ids of rows we derive ourselves (addresses,
 * languages, areas, attributes, service_at_location) are accepted and then
 * derived again, so they cannot drift from the parent's id.
 */
import { z } from 'zod';
import {
  MESSENGER_TYPES,
  ORGANIZATION_FIELDS,
  pickFields,
  SERVICE_FIELDS,
  type DirectoryEntry,
} from '../directory/entry.ts';
import type { TaxonomyName } from '../directory/taxonomies.ts';
import { findTerm } from '../hsds-api/catalogue.ts';
import { EXT } from '../hsds-api/presenters/common.ts';
import { presentService } from '../hsds-api/presenters/service.ts';
import type { Draft, ParsedFile } from './draft.ts';
import type { ImportProblem } from './problems.ts';

/** The entries as a JSON array of HSDS services (UTF-8, indented, one trailing newline). */
export function exportHsdsJson(entries: readonly DirectoryEntry[]): string {
  return `${JSON.stringify(entries.map(presentService), null, 2)}\n`;
}

const v = z.unknown().optional();
const ext = <K extends string>(key: K) => z.strictObject({ [key]: v } as Record<K, typeof v>).optional();
const list = <T extends z.ZodType>(item: T, max = 100) => z.array(item).max(max).optional();

const language = z.strictObject({ id: v, service_id: v, phone_id: v, code: v, name: v });
const hsdsService = z.strictObject({
  id: v,
  organization_id: v,
  name: v,
  description: v,
  url: v,
  email: v,
  status: v,
  interpretation_services: v,
  application_process: v,
  fees_description: v,
  eligibility_description: v,
  minimum_age: v,
  maximum_age: v,
  assured_date: v,
  alert: v,
  [EXT]: ext('is_demo'),
  organization: z.strictObject({
    id: v,
    name: v,
    description: v,
    email: v,
    website: v,
    legal_status: v,
    [EXT]: ext('is_demo'),
  }),
  service_at_locations: list(
    z.strictObject({
      id: v,
      service_id: v,
      location_id: v,
      description: z.null().optional(),
      location: z.strictObject({
        id: v,
        location_type: z.literal('physical').optional(),
        organization_id: v,
        name: v,
        latitude: v,
        longitude: v,
        transportation: v,
        addresses: z
          .array(
            z.strictObject({
              id: v,
              location_id: v,
              address_1: v,
              city: v,
              region: z.null().optional(),
              state_province: v,
              postal_code: v,
              country: v,
              address_type: z.literal('physical').optional(),
            }),
          )
          .length(1, 'exactly one address'),
        accessibility: list(z.strictObject({ id: v, location_id: v, description: v }), 1),
        [EXT]: ext('address_protected'),
      }),
    }),
    1,
  ),
  phones: list(
    z.strictObject({
      id: v,
      service_id: v,
      number: v,
      type: v,
      description: v,
      languages: list(language),
      [EXT]: ext('messenger'),
    }),
  ),
  languages: list(language),
  schedules: list(
    z.strictObject({
      id: v,
      service_id: v,
      freq: z.literal('WEEKLY').optional(),
      byday: v,
      opens_at: v,
      closes_at: v,
      description: v,
    }),
  ),
  service_areas: list(
    z.strictObject({
      id: v,
      service_id: v,
      name: v,
      description: v,
      extent: v,
      extent_type: z.literal('iso3166-2').optional(),
    }),
  ),
  attributes: list(
    z.strictObject({
      id: v,
      link_id: v,
      link_entity: z.literal('service').optional(),
      taxonomy_term_id: v,
      taxonomy_term: v,
    }),
  ),
});
type HsdsInput = z.output<typeof hsdsService>;

const KIND: Record<TaxonomyName, 'targetGroups' | 'exploitation' | 'accessibility'> = {
  target_group: 'targetGroups',
  exploitation: 'exploitation',
  accessibility: 'accessibility',
};

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function toDraft(s: HsdsInput, problem: (field: string, reason: string) => void): Draft {
  const sid = typeof s.id === 'string' ? s.id.toLowerCase() : undefined;
  const mustBe = (field: string, value: unknown, expected: unknown, what: string) => {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.toLowerCase() !== expected)) {
      problem(field, `does not match ${what} ${String(expected)}`);
    }
  };
  const orgId = typeof s.organization.id === 'string' ? s.organization.id.toLowerCase() : undefined;
  mustBe('organization_id', s.organization_id, orgId, 'organization.id');
  const sal = s.service_at_locations?.[0];
  const loc = sal?.location;
  const addr = loc?.addresses[0];
  if (sal) {
    mustBe('service_at_locations[0].service_id', sal.service_id, sid, 'id');
    mustBe(
      'service_at_locations[0].location_id',
      sal.location_id,
      typeof loc?.id === 'string' ? loc.id.toLowerCase() : undefined,
      'location.id',
    );
    mustBe('service_at_locations[0].location.organization_id', loc?.organization_id, orgId, 'organization.id');
  }
  s.phones?.forEach((p, i) => {
    mustBe(`phones[${i}].service_id`, p.service_id, sid, 'id');
    // The API writes a messenger contact as type 'text' (docs/hsds.md); another type would contradict it.
    const messenger = p[EXT]?.messenger;
    if (messenger === undefined) return;
    if (!(MESSENGER_TYPES as readonly unknown[]).includes(messenger))
      problem(
        `phones[${i}].${EXT}.messenger`,
        `${JSON.stringify(messenger)} is not a messenger (${MESSENGER_TYPES.join(', ')})`,
      );
    else if (p.type !== undefined && p.type !== 'text')
      problem(
        `phones[${i}].type`,
        `must be text for a messenger contact (${EXT}.messenger), not ${JSON.stringify(p.type)}`,
      );
  });
  s.schedules?.forEach((x, i) => mustBe(`schedules[${i}].service_id`, x.service_id, sid, 'id'));
  const terms: Record<'targetGroups' | 'exploitation' | 'accessibility', string[]> = {
    targetGroups: [],
    exploitation: [],
    accessibility: [],
  };
  s.attributes?.forEach((a, i) => {
    const term = typeof a.taxonomy_term_id === 'string' ? findTerm(a.taxonomy_term_id) : undefined;
    if (!term)
      problem(
        `attributes[${i}].taxonomy_term_id`,
        `${String(a.taxonomy_term_id)} is not a term of our taxonomies (see /api/hsds/taxonomy_terms)`,
      );
    else terms[KIND[term.taxonomy]].push(term.code);
  });
  return {
    organization: {
      id: s.organization.id,
      ...pickFields(s.organization, ORGANIZATION_FIELDS),
      is_demo: s.organization[EXT]?.is_demo,
    },
    service: { id: s.id, ...pickFields(s, SERVICE_FIELDS), is_demo: s[EXT]?.is_demo },
    location:
      loc && addr
        ? {
            id: loc.id,
            name: loc.name,
            latitude: loc.latitude,
            longitude: loc.longitude,
            transportation: loc.transportation,
            address_protected: loc[EXT]?.address_protected,
            accessibility: loc.accessibility?.[0]?.description,
            address: {
              address_1: addr.address_1,
              postal_code: addr.postal_code,
              city: addr.city,
              state_province: addr.state_province,
              country: addr.country,
            },
          }
        : null,
    phones: (s.phones ?? []).map((p) => ({
      id: p.id,
      number: p.number,
      type: p[EXT]?.messenger ?? p.type,
      description: p.description,
      languages: (p.languages ?? []).map((l) => l.code),
    })),
    languages: (s.languages ?? []).map((l) => l.code),
    schedules: (s.schedules ?? []).map((x) => ({
      id: x.id,
      byday: typeof x.byday === 'string' ? x.byday.split(',').map((d) => d.trim()) : x.byday,
      opens_at: x.opens_at,
      closes_at: x.closes_at,
      description: x.description,
    })),
    areas: (s.service_areas ?? []).map((a) => a.extent),
    ...terms,
  };
}

/** Read an HSDS JSON array into drafts; `row` is the service's position in the array (from 1). */
export function parseHsdsJson(input: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { drafts: [], problems: [{ row: 0, field: '(file)', reason: `not valid JSON: ${(err as Error).message}` }] };
  }
  if (!Array.isArray(data))
    return { drafts: [], problems: [{ row: 0, field: '(file)', reason: 'expected a JSON array of HSDS services' }] };
  const problems: ImportProblem[] = [];
  const drafts: ParsedFile['drafts'] = [];
  data.forEach((item, i) => {
    const row = i + 1;
    const shape = hsdsService.safeParse(item);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        problems.push({ row, field: jsonPath(issue.path) || '(service)', reason: issue.message });
      }
      return;
    }
    drafts.push({ row, draft: toDraft(shape.data, (field, reason) => problems.push({ row, field, reason })) });
  });
  return { drafts, problems };
}

/** Where in an HSDS service a draft field lives. */
export function hsdsField(path: readonly PropertyKey[]): { field: string; prefix: string } {
  const [head, a, b, c] = path;
  const loc = 'service_at_locations[0].location';
  const at = (n: PropertyKey | undefined) => (typeof n === 'number' ? `[${n}]` : '');
  switch (head) {
    case 'service':
      return { field: a === 'is_demo' ? `${EXT}.is_demo` : String(a ?? 'id'), prefix: '' };
    case 'organization':
      return { field: `organization.${a === 'is_demo' ? `${EXT}.is_demo` : String(a ?? 'name')}`, prefix: '' };
    case 'location':
      if (a === 'address') return { field: `${loc}.addresses[0].${String(b ?? 'postal_code')}`, prefix: '' };
      if (a === 'address_protected') return { field: `${loc}.${EXT}.address_protected`, prefix: '' };
      if (a === 'accessibility') return { field: `${loc}.accessibility[0].description`, prefix: '' };
      return { field: a === undefined ? loc : `${loc}.${String(a)}`, prefix: '' };
    case 'phones':
      if (b === 'languages') return { field: `phones${at(a)}.languages${at(c)}.code`, prefix: '' };
      return { field: `phones${at(a)}${b === undefined ? '' : `.${String(b)}`}`, prefix: '' };
    case 'languages':
      return { field: `languages${at(a)}.code`, prefix: '' };
    case 'schedules':
      return { field: `schedules${at(a)}${b === undefined ? '' : `.${String(b)}`}`, prefix: '' };
    case 'areas':
      return { field: `service_areas${at(a)}.extent`, prefix: '' };
    case 'targetGroups':
    case 'exploitation':
    case 'accessibility':
      return { field: 'attributes', prefix: '' };
    default:
      return { field: String(head ?? '(service)'), prefix: '' };
  }
}
