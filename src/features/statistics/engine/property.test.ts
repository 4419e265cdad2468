/**
 * Property-based proof of the disclosure control (ADR 035): for random data
 * sets — many centres or few, one large centre beside small ones, skewed and
 * sparse categories, zeros — generated as records per centre and counted
 * like the database counts them, every protected catalogue passes the LP
 * audit at both thresholds and publishes no cell between zero and the
 * threshold; the internal tables protected against the public version
 * pass it with the values of both; and suppressing only the small cells
 * fails the same audit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CELLS, countsFromRows, RELATIONS } from './catalogue.ts';
import { audit } from './audit.ts';
import { isPrimary } from './primary.ts';
import { protect } from './protect.ts';
import { countLikeSql, syntheticRecords, type DataSetShape } from './test-records.ts';
import { INTERNAL_THRESHOLD, PUBLIC_THRESHOLD, type ProtectedCatalogue, type YearCounts } from './types.ts';

/** Records per centre: even, one dominant centre, or a long tail of small ones. */
const centres = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 3, maxLength: 30 }),
  fc
    .tuple(
      fc.integer({ min: 200, max: 1500 }),
      fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 2, maxLength: 40 }),
    )
    .map(([big, small]) => [big, ...small]),
  fc
    .tuple(
      fc.integer({ min: 20, max: 400 }),
      fc.integer({ min: 5, max: 60 }),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
    )
    .map(([first, n, s]) => Array.from({ length: n }, (_, i) => Math.round(first / Math.pow(i + 1, s)))),
);

const shapes: fc.Arbitrary<DataSetShape> = fc.record({
  seed: fc.integer(),
  recordsPerCentre: centres,
  sparsity: fc.double({ min: 0, max: 0.7, noNaN: true }),
  skew: fc.double({ min: 0, max: 2.5, noNaN: true }),
  centreBias: fc.double({ min: 0, max: 1, noNaN: true }),
});

const countsOf = (shape: DataSetShape): YearCounts => countsFromRows(countLikeSql(syntheticRecords(shape)));

function primaryOnly(counts: YearCounts, threshold: number): ProtectedCatalogue {
  const cells: ProtectedCatalogue['cells'] = Object.fromEntries(
    ALL_CELLS.map((k) => {
      const v = counts.get(k)!;
      return [
        k,
        isPrimary(v, threshold) ? { status: 'suppressed', reason: 'primary' } : { status: 'published', value: v },
      ];
    }),
  );
  return { version: 1, threshold, cells, knownFromEarlier: {}, groupDisclosures: [] };
}

describe('disclosure control on random data sets', () => {
  it('passes the LP audit at both thresholds and publishes no small cell', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const counts = countsOf(shape);
        for (const threshold of [PUBLIC_THRESHOLD, INTERNAL_THRESHOLD]) {
          const p = await protect(counts, { threshold });
          expect(p.audit.ok, `audit at ${threshold}: ${p.audit.failing.join(', ')}`).toBe(true);
          for (const k of ALL_CELLS) {
            const cell = p.cells[k]!;
            const v = counts.get(k)!;
            if (cell.status === 'published') {
              expect(cell.value).toBe(v);
              expect(cell.value === 0 || cell.value >= threshold, `${k} = ${cell.value}`).toBe(true);
            } else expect(cell.reason).toBeDefined();
            if (isPrimary(v, threshold)) expect(cell.status, k).toBe('suppressed');
          }
          // protect() ran audit() on exactly what it returns (a stored publication can be audited alike).
          for (const b of [...p.audit.cells, ...p.audit.groups])
            expect(b.max - b.min).toBeGreaterThanOrEqual(threshold - 1e-6);
          const suppressedCells = ALL_CELLS.filter((k) => p.cells[k]!.status === 'suppressed');
          expect(p.audit.cells.map((c) => c.cell)).toEqual(suppressedCells);
        }
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('protects the internal tables against the public version: the audit holds with the values of both', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const counts = countsOf(shape);
        const pub = await protect(counts, { threshold: PUBLIC_THRESHOLD });
        const internal = await protect(counts, { threshold: INTERNAL_THRESHOLD, alsoSeen: [pub] });
        expect(internal.audit.ok, internal.audit.failing.join(', ')).toBe(true);
        // The office reads both: every value the public version published is a constant of its audit.
        const known = Object.fromEntries(
          ALL_CELLS.flatMap((k) => {
            const c = pub.cells[k]!;
            return c.status === 'published' && internal.cells[k]!.status === 'suppressed'
              ? [[k, c.value] as const]
              : [];
          }),
        );
        const attacked = await audit({ ...internal, knownFromEarlier: known });
        expect(attacked.ok, attacked.failing.join(', ')).toBe(true);
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it('fails the same audit when only the small cells are suppressed', async () => {
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const counts = countsOf(shape);
        const naive = primaryOnly(counts, PUBLIC_THRESHOLD);
        // A relation (a table's line and its margin) with one withheld cell gives it away.
        const exposed = RELATIONS.filter((r) => r.sense === 'eq').flatMap((r) => {
          const hidden = r.terms.filter(([k]) => naive.cells[k]!.status === 'suppressed');
          return hidden.length === 1 ? [hidden[0]![0]] : [];
        });
        // Where everything is withheld (all records from fewer than three centres), nothing is exposed.
        fc.pre(exposed.length > 0);
        const report = await audit(naive);
        expect(report.ok).toBe(false);
        for (const k of exposed) {
          const b = report.cells.find((c) => c.cell === k)!;
          expect(b.max - b.min).toBeCloseTo(0);
          const v = counts.get(k);
          if (v !== null && v !== undefined) expect(b.min).toBeCloseTo(v);
        }
        failed++;
      }),
      { numRuns: 12 },
    );
    expect(failed).toBeGreaterThan(0);
  }, 60_000);
});
