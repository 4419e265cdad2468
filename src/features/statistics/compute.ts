/**
 * The one pipeline every network table goes through, live or published:
 * rows of `case_statistics` → the catalogue's counts → protect (primary and
 * secondary suppression across the whole catalogue, against what the
 * readers have seen of the year already: its earlier versions, and for the
 * internal tables its public ones) → the LP audit. Only a catalogue whose audit
 * passed is ever shown or stored; a failed audit shows nothing.
 *
 * The engine is passed in, so a test can put a deliberately weak one in
 * its place and see the audit refuse what it produced.
 */
import { audit as lpAudit, type AuditReport } from './engine/audit.ts';
import { TOTAL, countsFromRows } from './engine/catalogue.ts';
import { protect as protectCatalogue, type ProtectionResult } from './engine/protect.ts';
import type { ProtectedCatalogue, StatisticsRow, YearCounts } from './engine/types.ts';
import type { Cells } from './present.ts';
import { publishedCells, type AuditSummary } from './stored.ts';

/**
 * What the readers of a new version of a year have seen of that year
 * already, as the engine's input (ADR 035, "earlier publications").
 */
export type Seen = {
  /** The earlier versions of the same audience, oldest first: their secrets stay secret, their unchanged values are known. */
  earlier: readonly Cells[];
  /**
   * The versions of another audience the same readers see as well: for the
   * coordination office's internal tables every public version of the year
   * (the office reads both). Their unchanged values are known; their
   * secrets, kept at the higher threshold, are not carried.
   */
  alsoSeen: readonly Cells[];
};

/** A year nobody has seen anything of yet. */
export const NOTHING_SEEN: Seen = { earlier: [], alsoSeen: [] };

export type StatisticsEngine = {
  protect(counts: YearCounts, threshold: number, seen: Seen): Promise<ProtectedCatalogue>;
  audit(p: ProtectedCatalogue): Promise<AuditReport>;
};

/**
 * An earlier publication as the engine takes it: its published values and
 * which cells it kept secret (the reasons were never stored, and the engine
 * needs only the statuses).
 */
function asEarlier(cells: Cells, threshold: number): ProtectedCatalogue {
  const out: Record<string, ProtectedCatalogue['cells'][string]> = {};
  for (const [k, v] of Object.entries(cells))
    out[k] = v === null ? { status: 'suppressed', reason: 'carried' } : { status: 'published', value: v };
  return { version: 1, threshold, cells: out, knownFromEarlier: {}, groupDisclosures: [] };
}

/**
 * The engine of ADR 035: full protection, which iterates with the LP audit
 * until it passes and returns that audit with its result; a catalogue from
 * elsewhere is audited here.
 */
export const ENGINE: StatisticsEngine = {
  protect: (counts, threshold, seen) =>
    protectCatalogue(counts, {
      threshold,
      earlier: seen.earlier.map((c) => asEarlier(c, threshold)),
      alsoSeen: seen.alsoSeen.map((c) => asEarlier(c, threshold)),
    }),
  audit: (p) => ('audit' in p ? Promise.resolve((p as ProtectionResult).audit) : lpAudit(p)),
};

export type YearResult =
  /** No released record counts for the year: nothing to show or publish. */
  | { kind: 'empty' }
  /** The audit failed: `failing` cells could be narrowed down below the threshold. Nothing may be shown. */
  | { kind: 'failed'; failing: number; threshold: number }
  | { kind: 'passed'; protected: ProtectedCatalogue; cells: Cells; summary: AuditSummary };

export async function protectYear(
  engine: StatisticsEngine,
  rows: readonly StatisticsRow[],
  threshold: number,
  seen: Seen,
): Promise<YearResult> {
  const counts = countsFromRows(rows);
  if (counts.get(TOTAL) === 0) return { kind: 'empty' };
  const p = await engine.protect(counts, threshold, seen);
  const report = await engine.audit(p);
  if (!report.ok || report.threshold !== threshold) {
    return { kind: 'failed', failing: report.failing.length + report.publishedBelowThreshold.length, threshold };
  }
  const ranges = [...report.cells, ...report.groups].map((b) => b.max - b.min).filter(Number.isFinite);
  return {
    kind: 'passed',
    protected: p,
    cells: publishedCells(p),
    summary: {
      ok: true,
      threshold,
      suppressed: report.cells.length,
      narrowest: ranges.length ? Math.min(...ranges) : null,
      solver: 'highs',
    },
  };
}
