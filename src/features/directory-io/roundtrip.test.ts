import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { directoryArbitrary, POSTCODES, type Fill } from '../../../test/support/entry-arbitrary.ts';
import type { Database } from '../../platform/db/index.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { loadAllEntries } from '../directory/queries.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
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

const directory = directoryArbitrary('any');

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

  const EXTREMES = FORMATS.flatMap(([format, exporter]) =>
    (['empty', 'filled'] as Fill[]).map((fill) => [format, fill, exporter] as const),
  );
  it.each(EXTREMES)('for generated entries (%s) with every optional field %s', (format, fill, exporter) => {
    fc.assert(
      fc.property(directoryArbitrary(fill), (entries) => {
        expect(roundTrip(entries, format, exporter)).toEqual(entries);
      }),
      { numRuns: 40 },
    );
  });

  it.each(FORMATS)('for every messenger contact kind (%s)', (format, exporter) => {
    const [entry] = fc.sample(directoryArbitrary('filled'), { numRuns: 1, seed: 7 })[0]!;
    const contacts: [DirectoryEntry['phones'][number]['type'], string][] = [
      ['signal', '+49 151 23456789'],
      ['whatsapp', '+43 660 1234567'],
      ['telegram', '@beratung_leipzig'],
      ['telegram', '+49 170 9876543'],
      ['threema', 'ABCD1234'],
      ['pager', '030 23125 999'],
    ];
    const e: DirectoryEntry = {
      ...entry!,
      phones: contacts.map(([type, number], i) => ({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        number,
        type,
        description: i % 2 ? null : 'Nachrichten, auch auf Arabisch',
        languages: i % 2 ? [] : ['ar'],
      })),
    };
    expect(roundTrip([e], format, exporter)).toEqual([e]);
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
