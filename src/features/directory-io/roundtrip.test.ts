import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import type { DirectoryEntry, Weekday } from '../directory/entry.ts';
import { loadAllEntries } from '../directory/queries.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import { STATE_CODES } from '../geo/states.ts';
import { canonicalEntry } from './canonical.ts';
import { exportCsv } from './csv.ts';
import { exportHsdsJson } from './hsds-json.ts';
import { importDirectory, readDirectoryFile } from './import.ts';
import type { ImportFormat } from './problems.ts';

const FORMATS: [ImportFormat, (e: DirectoryEntry[]) => string][] = [
  ['csv', exportCsv],
  ['hsds', exportHsdsJson],
];

/** import(export(entries)) in memory, failing loudly on any problem. */
function roundTrip(
  entries: DirectoryEntry[],
  format: ImportFormat,
  exporter: (e: DirectoryEntry[]) => string,
): DirectoryEntry[] {
  const file = readDirectoryFile(exporter(entries), format);
  expect(file.problems).toEqual([]);
  return file.entries.map((x) => x.entry);
}

// ------------------------------------------------------------ generators

const POSTCODES = [
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
const text = rawText.map((s) => s.replaceAll('\u0000', '').trim());
const required = text.filter((s) => s.length > 0);
const optional = fc.option(required, { nil: null });
const uuid = fc.uuid().map((u) => u.toLowerCase());
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom('example.org', 'beratung.de'))
  .map(([l, d]) => `${l}@${d}`)
  .filter((s) => !s.includes('..'));
const url = fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((p) => `https://example.org/${p}?q=1,2;3`);
const subset = <T>(values: readonly T[]) => fc.shuffledSubarray([...values]);
const phoneNumber = fc.stringMatching(/^\+?[0-9][0-9 ()/-]{2,16}[0-9]$/);
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const organization = fc.record({
  id: uuid,
  name: required,
  description: text,
  email: fc.option(email, { nil: null }),
  website: fc.option(url, { nil: null }),
  legal_status: optional,
  is_demo: fc.boolean(),
});

const location = fc
  .record({
    id: uuid,
    name: optional,
    postcode: fc.constantFrom(...POSTCODES),
    dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    transportation: optional,
    address_protected: fc.boolean(),
    accessibility: optional,
    address_1: required,
    city: required,
  })
  .map((l): NonNullable<DirectoryEntry['location']> => {
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
        country: 'DE',
      },
    };
  });

const entry = (org: fc.Arbitrary<DirectoryEntry['organization']>) =>
  fc.record({
    organization: org,
    service: fc
      .record({
        id: uuid,
        name: required,
        description: text,
        url: fc.option(url, { nil: null }),
        email: fc.option(email, { nil: null }),
        status: fc.constantFrom('active', 'inactive', 'defunct', 'temporarily closed' as const),
        interpretation_services: optional,
        application_process: optional,
        fees_description: optional,
        eligibility_description: optional,
        ages: fc.tuple(
          fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
          fc.option(fc.integer({ min: 60, max: 120 }), { nil: null }),
        ),
        assured_date: fc.option(
          fc
            .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          { nil: null },
        ),
        alert: optional,
        is_demo: fc.boolean(),
      })
      .map(({ ages, ...s }) => ({ ...s, minimum_age: ages[0], maximum_age: ages[1] })),
    location: fc.option(location, { nil: null }),
    phones: fc.array(
      fc.record({
        id: uuid,
        number: phoneNumber,
        type: fc.constantFrom('voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone' as const),
        description: optional,
        languages: subset(SERVICE_LANGUAGES).map((l) => l.slice(0, 4)),
      }),
      { maxLength: 3 },
    ),
    languages: subset(SERVICE_LANGUAGES).map((l) => l.slice(0, 6)),
    schedules: fc.array(
      fc
        .record({
          id: uuid,
          byday: subset(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as Weekday[]).filter((d) => d.length > 0),
          times: fc.tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 600 })),
          description: optional,
        })
        .map(({ times: [open, len], ...s }) => ({
          ...s,
          opens_at: hhmm(open),
          closes_at: hhmm(Math.min(open + len, 1439)),
        })),
      { maxLength: 3 },
    ),
    areas: subset(['DE', ...STATE_CODES] as const).map((a) => a.slice(0, 3)),
    targetGroups: subset(TARGET_GROUPS),
    exploitation: subset(EXPLOITATION_FORMS),
    accessibility: subset(ACCESSIBILITY_FEATURES),
  }) as fc.Arbitrary<DirectoryEntry>;

/** Several entries; some share an organisation (same id, same fields), as real member organisations do. */
const directory = fc
  .array(organization, { minLength: 1, maxLength: 3 })
  .chain((orgs) =>
    fc.uniqueArray(entry(fc.constantFrom(...orgs)), { minLength: 1, maxLength: 6, selector: (e) => e.service.id }),
  );

// ------------------------------------------------------------ tests

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe('import ∘ export is the identity', () => {
  it('uses only postcodes that exist', () => {
    for (const p of POSTCODES) expect(lookupPostcode(p), p).toBeDefined();
  });

  it.each(FORMATS)('for the demo directory (%s)', async (format, exporter) => {
    const demo = await loadAllEntries(database.db);
    expect(demo.length).toBeGreaterThan(10);
    expect(demo.some((e) => e.location?.address_protected)).toBe(true);
    expect(roundTrip(demo, format, exporter)).toEqual(demo);
  });

  it.each(FORMATS)('for generated entries with tricky text (%s)', (format, exporter) => {
    fc.assert(
      fc.property(directory, (entries) => {
        expect(roundTrip(entries, format, exporter)).toEqual(entries);
      }),
      { numRuns: 150 },
    );
  });

  it.each(FORMATS)('through the database as well (%s)', async (format, exporter) => {
    await fc.assert(
      fc.asyncProperty(directory, async (entries) => {
        const report = await importDirectory(database.db, exporter(entries), { format, replace: true });
        expect(report.problems).toEqual([]);
        expect(report.written).toBe(true);
        const stored = new Map((await loadAllEntries(database.db)).map((e) => [e.service.id, e]));
        expect(stored.size).toBe(entries.length);
        for (const e of entries) expect(stored.get(e.service.id)).toEqual(canonicalEntry(e));
        // And back out: exporting what is stored gives the same file, up to the database's list order.
        expect(
          exporter(
            [...stored.values()].sort(
              (a, b) =>
                entries.findIndex((e) => e.service.id === a.service.id) -
                entries.findIndex((e) => e.service.id === b.service.id),
            ),
          ),
        ).toBe(exporter(entries.map(canonicalEntry)));
      }),
      { numRuns: 8 },
    );
  });
});
