/**
 * The network's counts are kept as records are written (migrations/0029,
 * ADR 037): triggers on case_record add and take away per centre and cell.
 * Kept counts that drifted from the records would publish wrong figures
 * without any error, so, on both databases, after every kind of write a
 * centre or the retention job makes — a batch insert, changed answers,
 * release, withdrawal, a move to another year, deletion, one statement that
 * touches counted and uncounted records at once, and the retention job — each
 * centre's kept counts must equal a full recount of its records (its own
 * dashboard's query over the view case_record_category, which groups the
 * records itself), and case_statistics must return their sum.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope, type Tx } from '../../platform/db/tenant.ts';
import { demoCaseCentres } from '../demo/cases/centres.ts';
import { syntheticCases } from '../demo/cases/generator.ts';
import { writeCases } from '../demo/cases/write.ts';
import { countsFromRows, TOTAL } from './engine/catalogue.ts';
import type { StatisticsRow, YearCounts } from './engine/types.ts';
import { centreRows, networkRows } from './queries/counts.ts';

const YEAR = 2022;
const NEXT = 2023;
const centres = demoCaseCentres();
const records = [
  ...syntheticCases({ seed: 11, from: YEAR, to: NEXT, count: 500, centres, now: new Date('2026-05-01T00:00:00Z') }),
];

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
}, 120_000);
afterAll(() => database.close());

/** A centre's kept counts of a year, read in its own scope (the only one besides the statistics' that may). */
async function kept(trx: Tx, centreId: string, year: number): Promise<StatisticsRow[]> {
  const r = await sql<StatisticsRow>`
    SELECT dim_a, val_a, nullif(dim_b, '') AS dim_b, nullif(val_b, '') AS val_b, n
    FROM case_statistics_cell WHERE centre_id = ${centreId} AND year = ${year}`.execute(trx);
  return r.rows;
}

const nonZero = (counts: YearCounts) => new Map([...counts].filter(([, n]) => n !== 0));

/** Every centre's kept counts equal its recount, in both years; returns the recounted network totals. */
async function expectKeptEqualsRecount(): Promise<Map<number, number>> {
  const totals = new Map<number, number>();
  for (const year of [YEAR, NEXT]) {
    let total = 0;
    for (const c of centres) {
      const [keptRows, recount] = await withScope(database.db, { kind: 'centre', centreId: c.id }, async (trx) => [
        await kept(trx, c.id, year),
        await centreRows(trx, c.id, year, true),
      ]);
      // No row is kept at 0 (a year emptied by deletion leaves nothing behind), and none is negative.
      for (const row of keptRows) expect(row.n, JSON.stringify(row)).toBeGreaterThan(0);
      const a = nonZero(countsFromRows(keptRows));
      const b = nonZero(countsFromRows(recount));
      expect(a, `${c.id} ${year}`).toEqual(b);
      total += b.get(TOTAL) ?? 0;
    }
    totals.set(year, total);
    // The function sums the kept counts: its total is the network's (it has far more than 5 from 3 centres).
    const network = await withScope(database.db, { kind: 'coordination' }, (trx) => networkRows(trx, year));
    expect(network.find((r) => r.dim_a === 'total')?.n ?? 0).toBe(total);
  }
  return totals;
}

/** Run `q` in the scope of each centre that has records. */
async function inEveryCentre(q: (trx: Tx, centreId: string) => Promise<unknown>): Promise<void> {
  for (const c of centres) await withScope(database.db, { kind: 'centre', centreId: c.id }, (trx) => q(trx, c.id));
}

const released = sql`status = 'complete' AND consent_statistics AND released_at IS NOT NULL`;

describe('the kept counts always equal a recount of the records', () => {
  it('after a batch insert', async () => {
    await database.db.transaction().execute((trx) => writeCases(trx, records));
    const totals = await expectKeptEqualsRecount();
    expect(totals.get(YEAR)).toBeGreaterThan(100);
    expect(totals.get(NEXT)).toBeGreaterThan(100);
  });

  it('after answers of released records change (several dimensions, lists included)', async () => {
    await inEveryCentre(async (trx, centreId) => {
      await sql`UPDATE case_record SET citizenship = 'SY', gender = 'female', support_provided = '{psychosocial,legal}',
                  country_of_exploitation = '{DE,IT}', asylum_stage = 'pending', updated_at = now()
                WHERE id IN (SELECT id FROM case_record WHERE centre_id = ${centreId} AND first_contact_year = ${YEAR}
                               AND ${released} ORDER BY id LIMIT 3)`.execute(trx);
    });
    await expectKeptEqualsRecount();
  });

  it('after releases are withdrawn and others made', async () => {
    const before = await expectKeptEqualsRecount();
    await inEveryCentre(async (trx, centreId) => {
      await sql`UPDATE case_record SET released_at = NULL
                WHERE id IN (SELECT id FROM case_record WHERE centre_id = ${centreId} AND ${released}
                             ORDER BY id LIMIT 2)`.execute(trx);
    });
    const withdrawn = await expectKeptEqualsRecount();
    expect(withdrawn.get(YEAR)! + withdrawn.get(NEXT)!).toBeLessThan(before.get(YEAR)! + before.get(NEXT)!);
    await inEveryCentre(async (trx, centreId) => {
      await sql`UPDATE case_record SET released_at = now()
                WHERE centre_id = ${centreId} AND status = 'complete' AND consent_statistics
                  AND released_at IS NULL`.execute(trx);
    });
    const all = await expectKeptEqualsRecount();
    expect(all.get(YEAR)! + all.get(NEXT)!).toBeGreaterThan(before.get(YEAR)! + before.get(NEXT)!);
  });

  it('after records move to another year, and after one statement changes counted and uncounted records', async () => {
    await inEveryCentre(async (trx, centreId) => {
      await sql`UPDATE case_record SET first_contact_year = ${NEXT}
                WHERE id IN (SELECT id FROM case_record WHERE centre_id = ${centreId} AND first_contact_year = ${YEAR}
                             AND ${released} ORDER BY id LIMIT 2)`.execute(trx);
    });
    await expectKeptEqualsRecount();
    await inEveryCentre(async (trx, centreId) => {
      // Every record of the centre, drafts and unconsented ones included; the counted ones change category.
      await sql`UPDATE case_record SET referral_source = 'police', updated_at = now()
                WHERE centre_id = ${centreId} AND first_contact_year = ${NEXT}`.execute(trx);
    });
    await expectKeptEqualsRecount();
  });

  it('after released and unreleased records are deleted', async () => {
    await inEveryCentre(async (trx, centreId) => {
      await sql`DELETE FROM case_record
                WHERE id IN (SELECT id FROM case_record WHERE centre_id = ${centreId} ORDER BY id LIMIT 4)`.execute(
        trx,
      );
    });
    await expectKeptEqualsRecount();
  });

  it('after the retention job deletes a closed year, which leaves no kept count of it', async () => {
    await withScope(database.db, { kind: 'coordination' }, (trx) =>
      trx
        .insertInto('reporting_year')
        .values({
          year: YEAR,
          status: 'closed',
          release_deadline: '2023-03-31',
          opened_at: new Date('2023-01-02T00:00:00Z'),
          closed_at: new Date('2023-04-01T00:00:00Z'),
        })
        .execute(),
    );
    const deleted = await withScope(database.db, { kind: 'retention' }, (trx) =>
      trx.deleteFrom('case_record').where('first_contact_year', '=', YEAR).executeTakeFirst(),
    );
    expect(Number(deleted.numDeletedRows)).toBeGreaterThan(100);
    const totals = await expectKeptEqualsRecount();
    expect(totals.get(YEAR)).toBe(0);
    expect(totals.get(NEXT)).toBeGreaterThan(100);
    const left = await sql`SELECT 1 FROM case_statistics_cell WHERE year = ${YEAR}`.execute(database.db);
    expect(left.rows).toEqual([]);
  });
});
