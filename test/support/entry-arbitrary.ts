/**
 * Generated directory entries (fast-check) that the import accepts as they
 * are: real postcodes, valid contact addresses for every contact kind, and
 * text full of what breaks naive CSV, in-cell syntax or JSON (quotes,
 * separators, line breaks, right-to-left scripts, emoji).
 *
 * `fill` decides the optional parts: 'any' draws each one, 'empty' leaves
 * every optional field and list empty, 'filled' fills every one of them —
 * the two extremes a presenter must get right.
 */
import fc from 'fast-check';
import type { DirectoryEntry, Weekday } from '../../src/features/directory/entry.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../../src/features/directory/taxonomies.ts';
import { lookupPostcode } from '../../src/features/geo/postcodes.ts';
import { STATE_CODES } from '../../src/features/geo/states.ts';

export type Fill = 'any' | 'empty' | 'filled';

/** Postcodes of every state (all exist in the vendored table). */
export const POSTCODES = [
  '10117',
  '04109',
  '80331',
  '50667',
  '20095',
  '01067',
  '06108',
  '99084',
  '24103',
  '66111',
  '70173',
  '28195',
  '19053',
  '14467',
  '39104',
  '55116',
];

/** Characters that break naive CSV or in-cell syntax, plus non-Latin scripts and emoji. */
const TRICKY = [
  ',',
  ';',
  '"',
  "'",
  '\n',
  '\r\n',
  '|',
  '(',
  ')',
  ':',
  '\\',
  '=',
  '+',
  '-',
  '@',
  '\t',
  ' ',
  'ä',
  'ß',
  'ğ',
  'ع',
  'ب',
  'ی',
  '中',
  'ệ',
  '🙂',
  '👩🏽‍⚖️',
  'x',
  'y',
  'Z',
  '1',
];
const rawText = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
const anyText = rawText.map((s) => s.replaceAll('\u0000', '').trim());
const required = anyText.filter((s) => s.length > 0);
const uuid = fc.uuid().map((u) => u.toLowerCase());
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom('example.org', 'beratung.de'))
  .map(([l, d]) => `${l}@${d}`)
  .filter((s) => !s.includes('..'));
const url = fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((p) => `https://example.org/${p}?q=1,2;3`);
const phoneNumber = fc.stringMatching(/^\+?[0-9][0-9 ()/-]{2,16}[0-9]$/);
const internationalNumber = fc.stringMatching(/^\+[1-9][0-9]{1,2}( ?[0-9]{3,4}){2,3}$/);
/** Contact kind and a valid address for it. */
const contact = fc.oneof(
  fc.record({
    type: fc.constantFrom('voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone' as const),
    number: phoneNumber,
  }),
  fc.record({ type: fc.constantFrom('signal', 'whatsapp' as const), number: internationalNumber }),
  fc.record({
    type: fc.constant('telegram' as const),
    number: fc.oneof(fc.stringMatching(/^@[A-Za-z][A-Za-z0-9_]{4,31}$/), internationalNumber),
  }),
  fc.record({ type: fc.constant('threema' as const), number: fc.stringMatching(/^[A-Z0-9*][A-Z0-9]{7}$/) }),
);
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The generators for one way of filling optional parts. */
function generators(fill: Fill) {
  const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
    fill === 'empty' ? fc.constant(null) : fill === 'filled' ? arb : fc.option(arb, { nil: null });
  /** Optional text that is '' rather than null when empty (descriptions). */
  const text = fill === 'empty' ? fc.constant('') : fill === 'filled' ? required : anyText;
  const list = <T>(arb: fc.Arbitrary<T>, maxLength: number) =>
    fc.array(
      arb,
      fill === 'empty' ? { maxLength: 0 } : fill === 'filled' ? { minLength: 1, maxLength } : { maxLength },
    );
  const subset = <T>(values: readonly T[], max = values.length) =>
    fc.shuffledSubarray([...values], {
      minLength: fill === 'filled' ? 1 : 0,
      maxLength: fill === 'empty' ? 0 : max,
    });
  return { optional, text, list, subset };
}

function organizationOf(fill: Fill): fc.Arbitrary<DirectoryEntry['organization']> {
  const { optional, text } = generators(fill);
  return fc.record({
    id: uuid,
    name: required,
    description: text,
    email: optional(email),
    website: optional(url),
    legal_status: optional(required),
    is_demo: fc.boolean(),
  });
}

function locationOf(fill: Fill): fc.Arbitrary<NonNullable<DirectoryEntry['location']>> {
  const { optional } = generators(fill);
  return fc
    .record({
      id: uuid,
      name: optional(required),
      postcode: fc.constantFrom(...POSTCODES),
      dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      transportation: optional(required),
      address_protected: fill === 'filled' ? fc.constant(false) : fc.boolean(),
      accessibility: optional(required),
      address_1: fill === 'empty' ? fc.constant(null) : required,
      city: required,
    })
    .map((l) => {
      const pc = lookupPostcode(l.postcode)!;
      const p = l.address_protected;
      return {
        id: l.id,
        name: l.name,
        latitude: p ? pc.lat : pc.lat + l.dLat,
        longitude: p ? pc.lon : pc.lon + l.dLon,
        transportation: p ? null : l.transportation,
        address_protected: p,
        accessibility: l.accessibility,
        address: {
          address_1: p ? null : l.address_1,
          postal_code: pc.postcode,
          city: l.city,
          state_province: pc.state,
          country: 'DE' as const,
        },
      };
    });
}

function entryOf(fill: Fill, org: fc.Arbitrary<DirectoryEntry['organization']>): fc.Arbitrary<DirectoryEntry> {
  const { optional, text, list, subset } = generators(fill);
  const location = locationOf(fill);
  return fc.record({
    organization: org,
    service: fc
      .record({
        id: uuid,
        name: required,
        description: text,
        url: optional(url),
        email: optional(email),
        status: fc.constantFrom('active', 'inactive', 'defunct', 'temporarily closed' as const),
        interpretation_services: optional(required),
        application_process: optional(required),
        fees_description: optional(required),
        eligibility_description: optional(required),
        ages: fc.tuple(optional(fc.integer({ min: 0, max: 60 })), optional(fc.integer({ min: 60, max: 120 }))),
        assured_date: optional(
          fc
            .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        ),
        alert: optional(required),
        is_demo: fc.boolean(),
      })
      .map(({ ages, ...s }) => ({ ...s, minimum_age: ages[0], maximum_age: ages[1] })),
    location: fill === 'any' ? fc.option(location, { nil: null }) : location,
    phones: list(
      fc
        .record({ id: uuid, contact, description: optional(required), languages: subset(SERVICE_LANGUAGES, 4) })
        .map(({ contact: c, id, description, languages }) => ({
          id,
          number: c.number,
          type: c.type,
          description,
          languages,
        })),
      3,
    ),
    languages: subset(SERVICE_LANGUAGES, 6),
    schedules: list(
      fc
        .record({
          id: uuid,
          byday: fc
            .shuffledSubarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as Weekday[])
            .filter((d) => d.length > 0),
          times: fc.tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 600 })),
          description: optional(required),
        })
        .map(({ times: [open, len], ...s }) => ({
          id: s.id,
          byday: s.byday,
          opens_at: hhmm(open),
          closes_at: hhmm(Math.min(open + len, 1439)),
          description: s.description,
        })),
      3,
    ),
    areas: subset(['DE', ...STATE_CODES] as const, 3),
    targetGroups: subset(TARGET_GROUPS),
    exploitation: subset(EXPLOITATION_FORMS),
    accessibility: subset(ACCESSIBILITY_FEATURES),
  });
}

/** Several entries; some share an organisation (same id, same fields), as real member organisations do. */
export function directoryArbitrary(fill: Fill = 'any'): fc.Arbitrary<DirectoryEntry[]> {
  return fc.array(organizationOf(fill), { minLength: 1, maxLength: 3 }).chain((orgs) =>
    fc.uniqueArray(entryOf(fill, fc.constantFrom(...orgs)), {
      minLength: 1,
      maxLength: 6,
      selector: (e) => e.service.id,
    }),
  );
}
