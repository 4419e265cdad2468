/**
 * The one validation every imported entry goes through, whatever the file
 * format: a strict zod schema of the DirectoryEntry plus the geographic rules.
 * Both parsers (CSV, HSDS JSON) only reshape their input into a draft of a
 * DirectoryEntry; everything about what is *allowed* lives here.
 *
 * Normalisation: text is trimmed and an empty optional text is null (a CSV
 * cell cannot tell '' from null); UUIDs are lower-cased. Order of lists is
 * kept as given, so import ∘ export is the identity.
 */
import { z } from 'zod';
import { issueMessage } from '../../platform/http/validation.ts';
import { derivedId } from '../directory/derived-id.ts';
import type { PhoneType } from '../../platform/db/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { PHONE_TYPES, SERVICE_STATUSES, type DirectoryEntry, type Weekday } from '../directory/entry.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import { distanceKm } from '../geo/distance.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import { STATE_CODES } from '../geo/states.ts';

/** Ids generated for rows without one are derived from this namespace and the names (see docs/hsds.md). */
const IMPORT_NAMESPACE = 'schutznetz:import:v1';

/** Germany's bounding box with a small margin (WGS84). */
const GERMANY_BBOX = { minLat: 47.2, maxLat: 55.1, minLon: 5.8, maxLon: 15.1 } as const;

/** Farther than this from the postcode's centre, coordinates are more likely a mistake than a large postcode area. */
const MAX_KM_FROM_POSTCODE = 30;

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE = /^\+?[0-9][0-9 ()/-]{2,29}$/;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// PostgreSQL text cannot hold U+0000; say so here rather than fail in the transaction.
const NO_NUL = [
  (s: string) => !s.includes('\u0000'),
  { message: 'contains a NUL character', params: issueMessage('validation', 'controlCharacter') },
] as const;

const optText = (max = 5000) =>
  z.preprocess(
    (v) => (blank(v) ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'must be text' })
      .max(max, `is longer than ${max} characters`)
      .refine(...NO_NUL)
      .nullable(),
  );
const reqText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'is required' })
      .min(1, 'is required')
      .max(max, `is longer than ${max} characters`)
      .refine(...NO_NUL),
  );
const longText = z.preprocess(
  (v) => (blank(v) ? '' : typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'must be text' })
    .max(20_000, 'is longer than 20000 characters')
    .refine(...NO_NUL),
);
const optId = z.preprocess(
  (v) => (blank(v) ? null : v),
  z
    .string({ error: 'must be a UUID' })
    .regex(UUID, 'must be a UUID like 3f00001c-82f8-44b4-a039-3b2a462f2952')
    .transform((s) => s.toLowerCase())
    .nullable(),
);
const flag = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? false : v),
  z.boolean({ error: 'must be true or false' }),
);
const age = z.preprocess(
  (v) => (blank(v) ? null : v),
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(120, 'must be 120 or less')
    .nullable(),
);
const email = optText(320).pipe(z.email({ error: 'is not an e-mail address' }).nullable());
const webUrl = optText(2000).pipe(
  z.url({ protocol: /^https?$/, error: 'must be a web address starting with https:// or http://' }).nullable(),
);
const isoDate = z.preprocess(
  (v) => (blank(v) ? null : v),
  z
    .string({ error: 'must be a date (YYYY-MM-DD)' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'is not a calendar date',
    )
    .nullable(),
);
const time = z.string({ error: 'must be a time (HH:MM)' }).refine((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t), {
  message: 'must be a time between 00:00 and 23:59 (HH:MM)',
  params: issueMessage('validation', 'time'),
});

function codes<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z
    .preprocess(
      (v) => (v === undefined || v === null ? [] : v),
      z.array(
        z.enum(values, { error: (i) => `${String(i.input)} is not a known ${label} (known: ${values.join(', ')})` }),
      ),
    )
    .superRefine((list, ctx) => {
      list.forEach((v, i) => {
        if (list.indexOf(v) !== i)
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `${v} is listed twice`,
            params: issueMessage('validation', 'listedTwice', { value: v }),
          });
      });
    });
}

const languages = codes(SERVICE_LANGUAGES as unknown as readonly [string, ...string[]], 'language code');

/**
 * A phone number in international form: `+`, the country code and 6 to 14
 * more digits (E.164 allows 15 in all), grouped as people write them.
 */
const INTERNATIONAL = /^\+[1-9](?:[ ()/-]?[0-9]){6,14}$/;
/** Telegram usernames: 5 to 32 letters, digits or underscores, starting with a letter. */
const TELEGRAM_USERNAME = /^@[A-Za-z][A-Za-z0-9_]{4,31}$/;
/** Threema IDs: 8 characters, capital letters and digits (gateway IDs begin with `*`). */
const THREEMA_ID = /^[A-Z0-9*][A-Z0-9]{7}$/;

/** What `number` must look like for a contact of `type`, as the message a person sees otherwise. */
function numberProblem(type: PhoneType, n: string): { message: string; key: MessageKey<'directory'> } | undefined {
  switch (type) {
    case 'signal':
    case 'whatsapp':
      return INTERNATIONAL.test(n)
        ? undefined
        : { message: 'needs the number with its country code, e.g. +49 151 23456789', key: 'problem.messengerPhone' };
    case 'telegram':
      return TELEGRAM_USERNAME.test(n) || INTERNATIONAL.test(n)
        ? undefined
        : {
            message:
              'is neither a Telegram username (@ and 5 to 32 letters, digits or _) nor a phone number with its country code',
            key: 'problem.telegram',
          };
    case 'threema':
      return THREEMA_ID.test(n)
        ? undefined
        : {
            message: 'is not a Threema ID (8 characters: capital letters and digits, e.g. ABCD1234)',
            key: 'problem.threema',
          };
    default:
      return PHONE.test(n)
        ? undefined
        : {
            message: 'is not a phone number (digits, spaces, + ( ) / - only, e.g. +49 30 1234567)',
            key: 'problem.phone',
          };
  }
}

const phone = z
  .strictObject({
    id: optId,
    number: z.string({ error: 'phone number is required' }).trim(),
    type: z.enum(PHONE_TYPES, { error: (i) => `${String(i.input)} is not a phone type (${PHONE_TYPES.join(', ')})` }),
    description: optText(500),
    languages,
  })
  // A Threema ID is written in capitals; accepting any case spares people a retyped form.
  .transform((p) => (p.type === 'threema' ? { ...p, number: p.number.toUpperCase() } : p))
  .superRefine((p, ctx) => {
    const problem = numberProblem(p.type, p.number);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: problem.message,
        params: issueMessage('directory', problem.key),
      });
  });

const schedule = z
  .strictObject({
    id: optId,
    byday: z
      .array(
        z.enum(WEEKDAYS as unknown as readonly [Weekday, ...Weekday[]], {
          error: (i) => `${String(i.input)} is not a weekday (MO TU WE TH FR SA SU)`,
        }),
      )
      .refine((days) => days.length > 0, {
        message: 'needs at least one weekday',
        params: issueMessage('directory', 'problem.weekdayMissing'),
      }),
    opens_at: time,
    closes_at: time,
    description: optText(500),
  })
  .superRefine((s, ctx) => {
    if (new Set(s.byday).size !== s.byday.length)
      ctx.addIssue({
        code: 'custom',
        path: ['byday'],
        message: 'a weekday is listed twice',
        params: issueMessage('directory', 'problem.weekdayTwice'),
      });
    if (s.closes_at <= s.opens_at)
      ctx.addIssue({
        code: 'custom',
        path: ['closes_at'],
        message: `closes at ${s.closes_at}, not after it opens at ${s.opens_at}`,
        params: issueMessage('directory', 'problem.closesBeforeOpens', { closes: s.closes_at, opens: s.opens_at }),
      });
  });

const postcode = z
  .string({ error: 'is required for a service with a place' })
  .trim()
  .refine((p) => /^\d{5}$/.test(p), {
    message: 'must be a German postcode of five digits',
    params: issueMessage('directory', 'problem.postcodeShape'),
  })
  .refine((p) => lookupPostcode(p) !== undefined, {
    error: (i) => `${String(i.input)} is not a German postcode`,
    params: issueMessage('directory', 'problem.postcodeUnknown'),
  });

const coordinate = z.preprocess(
  (v) => (blank(v) ? null : v),
  z.number({ error: 'must be a number (decimal degrees)' }).nullable(),
);

const location = z
  .strictObject({
    id: optId,
    name: optText(300),
    latitude: coordinate,
    longitude: coordinate,
    transportation: optText(1000),
    address_protected: flag,
    accessibility: optText(1000),
    address: z.strictObject({
      address_1: optText(300),
      postal_code: postcode,
      city: optText(200),
      state_province: z.preprocess(
        (v) => (blank(v) ? null : v),
        z
          .enum(STATE_CODES, {
            error: (i) => `${String(i.input)} is not the ISO code of a German state (DE-BW … DE-TH)`,
          })
          .nullable(),
      ),
      country: z.preprocess((v) => (blank(v) ? 'DE' : v), z.literal('DE', { error: 'only DE (Germany)' })),
    }),
  })
  .transform((l, ctx) => {
    const pc = lookupPostcode(l.address.postal_code)!;
    const state = l.address.state_province ?? pc.state;
    if (state !== pc.state) {
      ctx.addIssue({
        code: 'custom',
        path: ['address', 'state_province'],
        message: `is ${state}, but postcode ${pc.postcode} lies in ${pc.state}`,
      });
    }
    let { latitude, longitude } = l;
    if (l.address_protected || (latitude === null && longitude === null)) {
      // A protected house must not be findable: its public point is the postcode's centre.
      latitude = pc.lat;
      longitude = pc.lon;
    } else if (latitude === null || longitude === null) {
      ctx.addIssue({
        code: 'custom',
        path: [latitude === null ? 'latitude' : 'longitude'],
        message: 'give both coordinates or neither (then the postcode centre is used)',
      });
    } else if (
      latitude < GERMANY_BBOX.minLat ||
      latitude > GERMANY_BBOX.maxLat ||
      longitude < GERMANY_BBOX.minLon ||
      longitude > GERMANY_BBOX.maxLon
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['latitude'],
        message: `${latitude}, ${longitude} is not in Germany (latitude and longitude swapped?)`,
      });
    } else if (distanceKm(latitude, longitude, pc.lat, pc.lon) > MAX_KM_FROM_POSTCODE) {
      const km = Math.round(distanceKm(latitude, longitude, pc.lat, pc.lon));
      ctx.addIssue({
        code: 'custom',
        path: ['latitude'],
        message: `${latitude}, ${longitude} is ${km} km from postcode ${pc.postcode}; check both`,
      });
    }
    return {
      id: l.id,
      name: l.name,
      latitude: latitude ?? pc.lat,
      longitude: longitude ?? pc.lon,
      transportation: l.address_protected ? null : l.transportation,
      address_protected: l.address_protected,
      accessibility: l.accessibility,
      address: {
        address_1: l.address_protected ? null : l.address.address_1,
        postal_code: pc.postcode,
        city: l.address.city ?? pc.places[0] ?? pc.postcode,
        state_province: state,
        country: 'DE' as const,
      },
    };
  });

const entry = z
  .strictObject({
    organization: z.strictObject({
      id: optId,
      name: reqText(300),
      description: longText,
      email,
      website: webUrl,
      legal_status: optText(200),
      is_demo: flag,
    }),
    service: z.strictObject({
      id: optId,
      name: reqText(300),
      description: longText,
      url: webUrl,
      email,
      status: z.preprocess(
        (v) => (blank(v) ? 'active' : v),
        z.enum(SERVICE_STATUSES, {
          error: (i) => `${String(i.input)} is not a status (${SERVICE_STATUSES.join(', ')})`,
        }),
      ),
      interpretation_services: optText(),
      application_process: optText(),
      fees_description: optText(),
      eligibility_description: optText(),
      minimum_age: age,
      maximum_age: age,
      assured_date: isoDate,
      alert: optText(1000),
      is_demo: flag,
    }),
    location: location.nullable(),
    phones: z.array(phone).max(20, 'more than 20 phones'),
    languages,
    schedules: z.array(schedule).max(50, 'more than 50 opening times'),
    areas: codes(['DE', ...STATE_CODES], 'area (DE or a state code like DE-BY)'),
    targetGroups: codes(TARGET_GROUPS, 'target group'),
    exploitation: codes(EXPLOITATION_FORMS, 'form of exploitation'),
    accessibility: codes(ACCESSIBILITY_FEATURES, 'accessibility feature'),
  })
  .superRefine((e, ctx) => {
    const { minimum_age: min, maximum_age: max } = e.service;
    if (min !== null && max !== null && min > max)
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'maximum_age'],
        message: `${max} is below minimum_age ${min}`,
        params: issueMessage('directory', 'problem.ageOrder', { max, min }),
      });
    const seen = new Set<string>();
    e.phones.forEach((p, i) => {
      if (p.id && seen.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['phones', i, 'id'], message: `${p.id} is used twice` });
      if (p.id) seen.add(p.id);
    });
    e.schedules.forEach((s, i) => {
      if (s.id && seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['schedules', i, 'id'], message: `${s.id} is used twice` });
      if (s.id) seen.add(s.id);
    });
  })
  .transform((e): DirectoryEntry => {
    // Rows without ids get ids derived from names and positions, so that
    // importing the same file twice changes nothing (see docs/hsds.md).
    const organizationId = e.organization.id ?? derivedId(IMPORT_NAMESPACE, `organization:${e.organization.name}`);
    const serviceId = e.service.id ?? derivedId(organizationId, `service:${e.service.name}`);
    return {
      organization: { ...e.organization, id: organizationId },
      service: { ...e.service, id: serviceId },
      location: e.location ? { ...e.location, id: e.location.id ?? derivedId(serviceId, 'location') } : null,
      phones: e.phones.map((p, i) => ({ ...p, id: p.id ?? derivedId(serviceId, `phone:${i}`) })),
      languages: e.languages,
      schedules: e.schedules.map((s, i) => ({ ...s, id: s.id ?? derivedId(serviceId, `schedule:${i}`) })),
      areas: e.areas as DirectoryEntry['areas'],
      targetGroups: e.targetGroups,
      exploitation: e.exploitation,
      accessibility: e.accessibility,
    };
  });

/** The schema of one imported entry (input: a draft shaped like a DirectoryEntry). */
export const entrySchema = entry;
