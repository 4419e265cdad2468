import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { demoCaseCentres } from '../../features/demo/cases/centres.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { runCollecting } from '../test-support.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const cli = (...argv: string[]) => runCollecting(argv, { env: { ...TEST_KEYS }, cwd: process.cwd(), database });

/** Records per year of each centre, counted in each centre's own scope (nobody else may). */
async function recordsOf(centreIds: readonly string[], from: number, to: number): Promise<number> {
  let n = 0;
  for (const centreId of centreIds)
    n += await withScope(database.db, { kind: 'centre', centreId }, async (trx) => {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_record
        WHERE first_contact_year BETWEEN ${from} AND ${to}`.execute(trx);
      return r.rows[0]!.n;
    });
  return n;
}

const yearStatus = (year: number) =>
  withScope(database.db, { kind: 'coordination' }, async (trx) => {
    const r = await sql<{ status: string }>`SELECT status FROM reporting_year WHERE year = ${year}`.execute(trx);
    return r.rows[0]?.status ?? null;
  });

const demoIds = demoCaseCentres().map((c) => c.id);

describe('schutznetz demo cases', () => {
  it('refuses wrong usage with exit code 2 and writes nothing', async () => {
    for (const argv of [
      ['--count', '10'],
      ['--years', '2010-2009', '--count', '10'],
      ['--years', '1999', '--count', '10'],
      ['--years', '2090', '--count', '10'],
      ['--years', 'last', '--count', '10'],
      ['--years', '2010', '--count', '0'],
      ['--years', '2010', '--count', 'many'],
      ['--years', '2010', '--count', '10', '--centres', 'not-an-id'],
      ['--years', '2010', '--count', '10', '--seed', '-1'],
      ['--years', '2010', '--count', '10', 'extra'],
    ]) {
      const r = await cli('demo', 'cases', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('Usage: schutznetz demo cases');
    }
    expect(await yearStatus(2010)).toBeNull();
    expect((await cli('help', 'demo', 'cases')).out).toContain('--centres');
  });

  it('writes the records of the demo centres, closes the years that are over, and audits per centre', async () => {
    const r = await cli('demo', 'cases', '--years', '2010-2012', '--count', '900', '--seed', '7');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote 900 synthetic case records \(\d+ released\) for \d+ centres, seed 7\.\n/);
    expect(r.out).toMatch(/ {2}2010: \d+ records, \d+ released, year closed\n/);
    expect(await recordsOf(demoIds, 2010, 2012)).toBe(900);
    for (const y of [2010, 2011, 2012]) expect(await yearStatus(y)).toBe('closed');
    // The network's counts of a closed year, through the one aggregates-only path.
    const total = await withScope(database.db, { kind: 'coordination' }, async (trx) => {
      const rows = await sql<{ n: number | null }>`SELECT n FROM case_statistics(2012) WHERE dim_a = 'total'`.execute(
        trx,
      );
      return rows.rows[0]?.n ?? null;
    });
    expect(total).toBeGreaterThan(200);
    const audited = await withScope(database.db, { kind: 'admin' }, async (trx) => {
      const rows = await sql<{ event: string; n: number }>`SELECT event, count(*)::int AS n FROM audit_log
        WHERE event IN ('demo.cases_written', 'reporting_year.opened_done', 'reporting_year.closed_done')
        GROUP BY event ORDER BY event`.execute(trx);
      return rows.rows;
    });
    expect(audited).toEqual([
      { event: 'demo.cases_written', n: expect.any(Number) },
      { event: 'reporting_year.closed_done', n: 3 },
      { event: 'reporting_year.opened_done', n: 3 },
    ]);
  });

  it('refuses a closed year: its records are locked, nothing is written', async () => {
    const r = await cli('demo', 'cases', '--years', '2012-2013', '--count', '50', '--seed', '8');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Reporting year 2012 is closed');
    expect(await yearStatus(2013)).toBeNull();
    expect(await recordsOf(demoIds, 2013, 2013)).toBe(0);
  });

  it('takes named centres; the current year stays open; an unknown centre is refused', async () => {
    const year = new Date().getUTCFullYear();
    const [a, b, c] = demoIds;
    const unknown = await cli('demo', 'cases', '--years', '2014', '--count', '5', '--centres', `${a},${randomUUID()}`);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No centre');
    expect(await yearStatus(2014)).toBeNull();

    const before = await recordsOf([a!, b!, c!], year, year);
    const r = await cli('demo', 'cases', '--years', String(year), '--count', '120', '--centres', `${a},${b},${c}`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/seed \d+\.\n/);
    expect(r.out).toContain(`  ${year}: 120 records`);
    expect(r.out).toContain('year open');
    expect(await recordsOf([a!, b!, c!], year, year)).toBe(before + 120);
    expect(await yearStatus(year)).toBe('open');
  });
});
