/**
 * The embedded demo's statistics, on both databases: seven closed years,
 * each with a public publication whose audit passed and whose tables show
 * numbers and some suppressed cells, the current year open — loaded once,
 * never into an installation that already keeps reporting years.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../platform/db/index.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { loadKeyRing } from '../../../platform/security/keys.ts';
import { TEST_KEYS } from '../../../../test/support/app.ts';
import { seedDemoIfWanted } from '../seed.ts';
import { demoCaseCentres } from './centres.ts';
import { DEMO_CLOSED_YEARS } from './demo.ts';

const NOW = new Date('2026-06-15T10:00:00Z');
const CLOSED = Array.from({ length: DEMO_CLOSED_YEARS }, (_, i) => 2019 + i);
const ring = loadKeyRing(TEST_KEYS.AUDIT_KEYS);

let database: Database;
let loadSeconds = 0;
beforeAll(async () => {
  database = await testDatabase();
  const t = performance.now();
  expect(await seedDemoIfWanted(database, 'always', { auditRing: ring, now: NOW })).toBe(true);
  loadSeconds = (performance.now() - t) / 1000;
}, 120_000);
afterAll(() => database.close());

const coordination = <T>(q: (trx: Parameters<Parameters<typeof withScope>[2]>[0]) => Promise<T>) =>
  withScope(database.db, { kind: 'coordination' }, q);

type Publication = {
  year: number;
  version: number;
  tables: { id: string; cells: Record<string, number | null> }[];
  audit: { ok: boolean; suppressed: number };
};

const publications = () =>
  coordination(
    async (trx) =>
      (
        await sql<Publication>`SELECT year, version, tables, audit FROM statistics_publication
        WHERE audience = 'public' ORDER BY year, version`.execute(trx)
      ).rows,
  );

describe('the demo statistics', () => {
  it('keeps seven closed years and the current one open', async () => {
    const years = await coordination(
      async (trx) =>
        (
          await sql<{ year: number; status: string }>`SELECT year, status FROM reporting_year ORDER BY year`.execute(
            trx,
          )
        ).rows,
    );
    expect(years).toEqual([...CLOSED.map((year) => ({ year, status: 'closed' })), { year: 2026, status: 'open' }]);
    process.stderr.write(`demo statistics loaded and published in ${loadSeconds.toFixed(1)} s (${database.kind})\n`);
  });

  it('publishes every closed year for the public, audited, with numbers and some suppressed cells', async () => {
    const pubs = await publications();
    expect(pubs.map((p) => [p.year, p.version])).toEqual(CLOSED.map((y) => [y, 1]));
    for (const p of pubs) {
      expect(p.audit.ok).toBe(true);
      const cells = p.tables.flatMap((t) => Object.values(t.cells));
      const published = cells.filter((v) => v !== null && v > 0).length;
      const suppressed = cells.filter((v) => v === null).length;
      expect(published, `${p.year}`).toBeGreaterThan(100);
      expect(suppressed, `${p.year}`).toBeGreaterThan(0);
      expect(p.audit.suppressed).toBeGreaterThan(0);
      const total = p.tables.find((t) => t.id === 'total')!.cells.total!;
      expect(total).toBeGreaterThan(200);
    }
    // More cases every year: the trend chart has something to show.
    const totals = pubs.map((p) => p.tables.find((t) => t.id === 'total')!.cells.total!);
    expect(totals.at(-1)!).toBeGreaterThan(totals[0]!);
  });

  it('wrote the records through the centres: each sees its own, released about as often as in the network', async () => {
    let all = 0;
    let released = 0;
    for (const c of demoCaseCentres()) {
      const r = await withScope(
        database.db,
        { kind: 'centre', centreId: c.id },
        async (trx) =>
          (
            await sql<{ n: number; released: number }>`SELECT count(*)::int AS n, count(released_at)::int AS released
            FROM case_record WHERE first_contact_year < 2026`.execute(trx)
          ).rows[0]!,
      );
      expect(r.n, c.id).toBeGreaterThan(0);
      all += r.n;
      released += r.released;
    }
    expect(released / all).toBeGreaterThan(0.8);
    expect(released / all).toBeLessThan(0.9);
  });

  it('loads once: again, nothing new is written or published', async () => {
    expect(await seedDemoIfWanted(database, 'always', { auditRing: ring, now: NOW })).toBe(true);
    expect((await publications()).length).toBe(DEMO_CLOSED_YEARS);
  });
});

describe('the demo statistics stay out of', () => {
  it('an installation that already keeps reporting years, and a load without the audit keys', async () => {
    const other = await testDatabase();
    try {
      expect(await seedDemoIfWanted(other, 'always', { now: NOW })).toBe(true);
      await withScope(other.db, { kind: 'coordination' }, (trx) =>
        trx
          .insertInto('reporting_year')
          .values({ year: 2024, status: 'open', release_deadline: '2025-03-31', opened_at: NOW })
          .execute(),
      );
      expect(await seedDemoIfWanted(other, 'always', { auditRing: ring, now: NOW })).toBe(true);
      const years = await withScope(other.db, { kind: 'coordination' }, async (trx) =>
        (await sql<{ year: number }>`SELECT year FROM reporting_year`.execute(trx)).rows.map((r) => r.year),
      );
      expect(years).toEqual([2024]);
    } finally {
      await other.close();
    }
  });
});
