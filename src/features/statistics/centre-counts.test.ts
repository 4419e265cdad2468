/**
 * A centre's own dashboard and the network's counts must describe the same
 * records the same way: every centre sees its share of the network's
 * tables. Both take their categories from case_record_categories
 * (migrations/0029: the dashboard through the view case_record_category, the
 * network through the kept cells), but each splits the lists and groups on its own, so on
 * both databases, with a generated year at the demo centres:
 *
 * - each centre's dashboard, read in that centre's own scope, summed over the
 *   centres, equals case_statistics in the coordination scope in every cell
 *   the function does not suppress; the cells it suppresses are exactly the
 *   small or few-centre ones; and no cell is in one and not the other;
 * - one centre's dashboard equals a count of its records made here by hand,
 *   from the rules written out once more (so a changed age band, region or
 *   place rule in the view shows up here even though both readers follow it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { demoCaseCentres } from '../demo/cases/centres.ts';
import { syntheticCases, type SyntheticCase } from '../demo/cases/generator.ts';
import { writeCases } from '../demo/cases/write.ts';
import { ALL_CELLS, cellKey, countsFromRows, crossKey, TOTAL, type Dimension } from './engine/catalogue.ts';
import type { CellKey, YearCounts } from './engine/types.ts';
import { centreRows, networkRows } from './queries/counts.ts';

const YEAR = 2021;
const centres = demoCaseCentres();
const records = [
  ...syntheticCases({ seed: 7, from: YEAR, to: YEAR, count: 700, centres, now: new Date('2026-05-01T00:00:00Z') }),
];
const counted = (r: SyntheticCase) => r.status === 'complete' && r.consent_statistics && r.released_at !== null;

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await database.db.transaction().execute((trx) => writeCases(trx, records));
}, 120_000);
afterAll(() => database.close());

/** A centre’s dashboard of the test year, read in the centre's own scope, as the catalogue's counts. */
async function dashboard(centreId: string, releasedOnly = true): Promise<YearCounts> {
  const rows = await withScope(database.db, { kind: 'centre', centreId }, (trx) =>
    centreRows(trx, centreId, YEAR, releasedOnly),
  );
  const counts = countsFromRows(rows);
  for (const [k, n] of counts) expect(n, k).not.toBeNull();
  return counts;
}

/** A cross cell whichever way round the catalogue lays out its table. */
const cross = (counts: YearCounts, a: Dimension, va: string, b: Dimension, vb: string) =>
  counts.get(crossKey(a, va, b, vb)) ?? counts.get(crossKey(b, vb, a, va));

describe('a centre’s dashboard and the network’s counts', () => {
  it('the centres’ dashboards add up to case_statistics in every cell it does not suppress', async () => {
    const withRecords = new Set(records.filter(counted).map((r) => r.centre_id));
    expect(withRecords.size).toBeGreaterThanOrEqual(3);

    const sum = new Map<CellKey, { n: number; centres: number }>(ALL_CELLS.map((k) => [k, { n: 0, centres: 0 }]));
    for (const c of centres) {
      for (const [k, n] of await dashboard(c.id)) {
        const s = sum.get(k)!;
        if (n) sum.set(k, { n: s.n + n, centres: s.centres + 1 });
      }
    }
    const rows = await withScope(database.db, { kind: 'coordination' }, (trx) => networkRows(trx, YEAR));
    expect(rows.length).toBeGreaterThan(300);
    // Every cell of the catalogue: absent rows are zeros, withheld ones null (countsFromRows).
    const network = countsFromRows(rows);
    let compared = 0;
    let suppressed = 0;
    for (const k of ALL_CELLS) {
      const n = network.get(k)!;
      const s = sum.get(k)!;
      if (n === null) {
        // Withheld by the function: then, and only then, small or from few centres.
        expect(s.n < 5 || s.centres < 3, `${k} withheld although ${s.n} from ${s.centres} centres`).toBe(true);
        expect(s.n, k).toBeGreaterThan(0);
        suppressed++;
      } else {
        expect(s.n, k).toBe(n);
        if (n > 0) {
          expect(s.n >= 5 && s.centres >= 3, k).toBe(true);
          compared++;
        }
      }
    }
    expect(network.get(TOTAL)).toBe(records.filter(counted).length);
    // The comparison covers most of the catalogue, and the suppression did happen.
    expect(compared).toBeGreaterThan(200);
    expect(suppressed).toBeGreaterThan(0);
  });

  it('one centre’s dashboard matches its records counted by hand', async () => {
    const big = centres[0]!.id;
    const mine = records.filter((r) => r.centre_id === big && r.status === 'complete');
    const released = mine.filter(counted);
    expect(released.length).toBeGreaterThan(50);
    expect(mine.length).toBeGreaterThan(released.length);
    const count = (rows: SyntheticCase[], f: (r: SyntheticCase) => boolean) => rows.filter(f).length;
    const age = (r: SyntheticCase, lo: number, hi: number) =>
      !r.age_unknown && r.age_at_first_contact !== null && r.age_at_first_contact >= lo && r.age_at_first_contact <= hi;
    // prettier-ignore
    const westAfrica = new Set(['BF', 'BJ', 'CI', 'CV', 'GH', 'GM', 'GN', 'GW', 'LR', 'ML', 'MR', 'NE', 'NG', 'SH', 'SL', 'SN', 'TG']);
    const places = (r: SyntheticCase) => r.country_of_exploitation ?? [];
    const expected = (rows: SyntheticCase[]) => ({
      total: rows.length,
      female: count(rows, (r) => r.gender === 'female'),
      age18to20: count(rows, (r) => age(r, 18, 20)),
      age21to29: count(rows, (r) => age(r, 21, 29)),
      ageUnknown: count(rows, (r) => r.age_unknown || r.age_at_first_contact === null),
      female14to17: count(rows, (r) => r.gender === 'female' && age(r, 14, 17)),
      westAfrica: count(rows, (r) => westAfrica.has(r.citizenship!)),
      both: count(rows, (r) => places(r).includes('DE') && places(r).some((c) => c !== 'DE' && c !== 'XX')),
      duringAsylum: count(rows, (r) => r.asylum_stage === 'pending' || r.asylum_stage === 'dublin'),
      labourMale: count(rows, (r) => r.exploitation_forms!.includes('labour') && r.gender === 'male'),
      noShelter: count(rows, (r) => !r.support_provided!.includes('shelter')),
    });
    for (const [rows, releasedOnly] of [
      [released, true],
      [mine, false],
    ] as const) {
      const shown = await dashboard(big, releasedOnly);
      expect({
        total: shown.get(TOTAL),
        female: shown.get(cellKey('gender', 'female')),
        age18to20: shown.get(cellKey('age_band', '18-20')),
        age21to29: shown.get(cellKey('age_band', '21-29')),
        ageUnknown: shown.get(cellKey('age_band', 'unknown')),
        female14to17: cross(shown, 'gender', 'female', 'age_band', '14-17'),
        westAfrica: shown.get(cellKey('citizenship_region', 'west_africa')),
        both: shown.get(cellKey('exploitation_place', 'both')),
        duringAsylum: shown.get(cellKey('asylum_context', 'during')),
        labourMale: cross(shown, 'exploitation_form.labour', 'yes', 'gender', 'male'),
        noShelter: shown.get(cellKey('support_provided.shelter', 'no')),
      }).toEqual(expected(rows));
    }
    // The cells counted by hand are not all empty: the comparison says something.
    const e = expected(released);
    for (const n of [e.age18to20, e.age21to29, e.westAfrica, e.both, e.duringAsylum, e.labourMale, e.noShelter])
      expect(n).toBeGreaterThan(0);
  });

  it('a centre’s scope shows its own dashboard only: another centre’s id counts nothing', async () => {
    const [a, b] = centres;
    const rows = await withScope(database.db, { kind: 'centre', centreId: a!.id }, (trx) =>
      centreRows(trx, b!.id, YEAR, false),
    );
    expect([...countsFromRows(rows).values()].every((n) => n === 0)).toBe(true);
    expect((await dashboard(b!.id, false)).get(TOTAL)).toBeGreaterThan(0);
  });
});
