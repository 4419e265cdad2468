/**
 * Query and path parameters of the HSDS API. Unlike the finder's page (where
 * links from elsewhere carry tracking parameters), an API client that sends
 * an unknown parameter has made a mistake — a misspelt filter would otherwise
 * be ignored silently and return too much — so unknown parameters are a 400.
 */
import { z } from 'zod';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import { STATE_CODES } from '../geo/states.ts';

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 50;
/** 1,000 km: more than the whole country; a larger proximity is a unit mix-up. */
export const MAX_PROXIMITY_M = 1_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in any case, normalised to lower case (as PostgreSQL prints them). */
const uuidString = (label: string) =>
  z
    .string({ error: `${label} must be a UUID` })
    .regex(UUID, `${label} must be a UUID (like 3f00001c-82f8-44b4-a039-3b2a462f2952)`)
    .transform((s) => s.toLowerCase());

/** Path parameter `{id}`. */
export const idParams = z.object({ id: uuidString('id') });

const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown parameter ${iss.keys.join(', ')}` : undefined),
  });

/** A repeated parameter (`?language=de&language=en`) or a comma list (`?language=de,en`). */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      (v === undefined ? [] : Array.isArray(v) ? v : [v])
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(item).max(50, 'too many values'))
    .transform((v) => [...new Set(v)] as z.output<T>[]);

const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: (iss) => `unknown ${label} "${String(iss.input)}"; known: ${values.join(', ')}` });

const int = (label: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`)
    .optional()
    .default(fallback);

/** HSDS `full` / `full_service`: we always answer fully nested, which is what either value may get. */
const fullFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).optional();

const paging = {
  page: int('page', 1, 1_000_000, 1),
  per_page: int('per_page', 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
  // HSDS lets clients ask for ndjson; we only speak JSON and say so rather than ignore it.
  format: z.literal('json', { error: 'format: only "json" is offered' }).optional(),
  full: fullFlag,
};

const search = z.string().trim().max(200, 'search is too long (200 characters at most)').optional();

const serviceFilters = {
  ...paging,
  search,
  taxonomy_term_id: list(uuidString('taxonomy_term_id')),
  taxonomy_id: list(uuidString('taxonomy_id')),
  organization_id: uuidString('organization_id').optional(),
  target_group: list(oneOf(TARGET_GROUPS, 'target_group')),
  exploitation: list(oneOf(EXPLOITATION_FORMS, 'exploitation')),
  language: list(oneOf(SERVICE_LANGUAGES, 'language')),
  accessibility: list(oneOf(ACCESSIBILITY_FEATURES, 'accessibility')),
  state: oneOf(STATE_CODES, 'state').optional(),
};

/** GET /services */
export const servicesQuery = strict(serviceFilters);
export type ServicesQuery = z.output<typeof servicesQuery>;

/** GET /service_at_locations: the service filters plus where. */
export const serviceAtLocationsQuery = strict({
  ...serviceFilters,
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'postcode must be a German postcode of five digits')
    .optional(),
  /** Metres, as HSDS defines it. */
  proximity: z.coerce
    .number({ error: 'proximity must be a number of metres' })
    .positive('proximity must be more than 0 metres')
    .max(MAX_PROXIMITY_M, `proximity is in metres and at most ${MAX_PROXIMITY_M} (1,000 km)`)
    .optional(),
});

/** GET /organizations */
export const organizationsQuery = strict({ ...paging, search });

/** GET /taxonomies */
export const taxonomiesQuery = strict({ ...paging, search });

/** GET /taxonomy_terms */
export const taxonomyTermsQuery = strict({ ...paging, search, taxonomy_id: uuidString('taxonomy_id').optional() });

/** Any query without parameters of its own (/, /profile, /openapi.json, /x/{id}). */
export const noQuery = strict({ format: paging.format, full: fullFlag, full_service: fullFlag });
