/**
 * Disclosure control of one year's catalogue: secondary suppression plus the
 * LP audit (ADR 035), against the target of ≤ 5 s on a quiet machine.
 *
 * The engine sees counts, never records, so its time depends on how many
 * cells are small, not on the number of records as such. Two ways in:
 * - `benchStatisticsEngine(rows)`: the rows of `case_statistics` for one
 *   year (e.g. from the database the benchmark filled), measured as is;
 * - `benchStatisticsEngineSynthetic(sizes)`: counts of synthetic years of
 *   1,000, 10,000 and 1,000,000 records (40 centres of Zipf-like sizes,
 *   skewed categories with rare ones), counted like the SQL function.
 *
 * `npm run bench:engine` prints the synthetic figures. Each figure is the
 * median of `repeat` runs after one warm-up (which also loads the solver).
 */
import { countsFromRows } from '../src/features/statistics/engine/catalogue.ts';
import { audit } from '../src/features/statistics/engine/audit.ts';
import { protect } from '../src/features/statistics/engine/protect.ts';
import { syntheticRows, type DataSetShape } from '../src/features/statistics/engine/test-records.ts';
import { INTERNAL_THRESHOLD, PUBLIC_THRESHOLD, type StatisticsRow } from '../src/features/statistics/engine/types.ts';
import { table } from './report.ts';

export type EngineFigure = {
  label: string;
  threshold: number;
  /** Cells withheld by the database or below the threshold, and "all X are Y" cells. */
  primary: number;
  secondary: number;
  /** Secondary suppression with its iterated audits and the final audit, ms (median). */
  protectMs: number;
  /** The final audit alone (min and max of every suppressed cell), ms (median). */
  auditMs: number;
  lpSolves: number;
  ok: boolean;
};

/** Target: secondary suppression plus the LP audit of one year's catalogue, on a quiet machine. */
export const ENGINE_TARGET_MS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Protect and audit one year's rows at the public and the internal threshold. */
export async function benchStatisticsEngine(
  rows: readonly StatisticsRow[],
  label: string,
  repeat = 3,
): Promise<EngineFigure[]> {
  const counts = countsFromRows(rows);
  const figures: EngineFigure[] = [];
  for (const threshold of [PUBLIC_THRESHOLD, INTERNAL_THRESHOLD]) {
    await protect(counts, { threshold });
    const protectMs: number[] = [];
    const auditMs: number[] = [];
    let last: Awaited<ReturnType<typeof protect>> | undefined;
    for (let i = 0; i < repeat; i++) {
      let t = performance.now();
      last = await protect(counts, { threshold });
      protectMs.push(performance.now() - t);
      t = performance.now();
      await audit(last, threshold);
      auditMs.push(performance.now() - t);
    }
    figures.push({
      label,
      threshold,
      primary: last!.stats.primary,
      secondary: last!.stats.secondary,
      protectMs: median(protectMs),
      auditMs: median(auditMs),
      lpSolves: last!.stats.lpSolves,
      ok: last!.audit.ok,
    });
  }
  return figures;
}

/** A synthetic year of `records` records over 40 centres. */
export function syntheticYear(records: number, seed = 2025): DataSetShape {
  const weights = Array.from({ length: 40 }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((s, w) => s + w, 0);
  return {
    seed,
    recordsPerCentre: weights.map((w) => Math.max(1, Math.round((records * w) / sum))),
    sparsity: 0.1,
    skew: 1.4,
    centreBias: 0.5,
  };
}

export async function benchStatisticsEngineSynthetic(
  sizes: readonly number[] = [1000, 10_000, 1_000_000],
  repeat = 3,
): Promise<EngineFigure[]> {
  const figures: EngineFigure[] = [];
  for (const size of sizes)
    figures.push(...(await benchStatisticsEngine(syntheticRows(syntheticYear(size)), `${size} records`, repeat)));
  return figures;
}

export function engineTable(figures: readonly EngineFigure[]): string {
  return table(
    [
      'data',
      'threshold',
      'primary',
      'secondary',
      'LP solves',
      'protect ms',
      'audit ms',
      'audit',
      `≤ ${ENGINE_TARGET_MS} ms`,
    ],
    figures.map((f) => [
      f.label,
      f.threshold,
      f.primary,
      f.secondary,
      f.lpSolves,
      Math.round(f.protectMs),
      Math.round(f.auditMs),
      f.ok ? 'passes' : 'FAILS',
      f.protectMs <= ENGINE_TARGET_MS ? 'met' : 'MISSED',
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.env.BENCH_ENGINE_SIZES ?? '1000,10000,1000000').split(',').map(Number);
  process.stdout.write(`${engineTable(await benchStatisticsEngineSynthetic(sizes))}\n`);
}
