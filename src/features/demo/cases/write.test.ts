/**
 * Generated records pass every check the database makes of a record
 * (CHECK constraints, the list and country guard) and are written through
 * row-level security, centre by centre, on both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../platform/db/index.ts';
import { enterScope, withScope } from '../../../platform/db/tenant.ts';
import { demoCaseCentres } from './centres.ts';
import { syntheticCases } from './generator.ts';
import { insertCaseRecords } from './queries.ts';
import { writeCases } from './write.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const centres = demoCaseCentres();
const NOW = new Date('2026-08-01T00:00:00Z');
const records = (seed: number, count: number, from = 2004, to = 2006) => [
  ...syntheticCases({ seed, from, to, count, centres, now: NOW, openYears: new Set([to]) }),
];

async function ownRecords(centreId: string, from: number, to: number): Promise<number> {
  return withScope(database.db, { kind: 'centre', centreId }, async (trx) => {
    const r = await trx
      .selectFrom('case_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('first_contact_year', '>=', from)
      .where('first_contact_year', '<=', to)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  });
}

describe('writeCases', () => {
  it('writes every generated record, each centre in its own scope, drafts and released ones alike', async () => {
    const rows = records(1, 3000);
    const written = await database.db.transaction().execute((trx) => writeCases(trx, rows));
    expect([...written.values()].reduce((a, b) => a + b, 0)).toBe(3000);
    for (const c of centres) {
      const expected = rows.filter((r) => r.centre_id === c.id).length;
      expect(written.get(c.id) ?? 0).toBe(expected);
      expect(await ownRecords(c.id, 2004, 2006)).toBe(expected);
    }
    // Kinds the database checks differently: drafts with gaps, minors, labour with a sector, unknown places.
    expect(rows.some((r) => r.status === 'draft' && r.support_provided === null)).toBe(true);
    expect(rows.some((r) => r.unaccompanied_minor === 'unaccompanied')).toBe(true);
    expect(rows.some((r) => r.labour_sector !== null)).toBe(true);
    expect(rows.some((r) => r.country_of_exploitation!.includes('XX'))).toBe(true);
    expect(rows.some((r) => r.citizenship === 'XS')).toBe(true);
  });

  it('is all or nothing, and never writes a record in another centre’s scope', async () => {
    const [a, b] = centres;
    const rows = records(2, 50, 2007, 2007);
    const foreign = rows.find((r) => r.centre_id !== a!.id)!;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enterScope(trx, { kind: 'centre', centreId: a!.id });
        await insertCaseRecords(trx, [foreign]);
      }),
    ).rejects.toThrow(/row-level security/);
    // The coordination office sees no record, whatever was written.
    const seen = await withScope(database.db, { kind: 'coordination' }, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM case_record`.execute(trx),
    );
    expect(seen.rows[0]!.n).toBe(0);
    expect(await ownRecords(b!.id, 2007, 2007)).toBe(0);
  });
});
