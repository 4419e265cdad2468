/**
 * The disclosure audit (ADR 035): for every suppressed cell, and for the
 * rest of every "all X are Y" line, the smallest and largest value it can
 * take given everything published, from one linear program over the whole
 * catalogue of the year (lp.ts). A suppressed cell is protected if and only
 * if max − min ≥ the threshold of the output.
 */
import { ALL_CELLS } from './catalogue.ts';
import { AttackerLp, type Bounds, type Expression } from './lp.ts';
import type { CellKey, GroupDisclosure, ProtectedCatalogue } from './types.ts';

/** Bounds closer to the threshold than this count as reaching it (the solver's tolerance). */
const TOLERANCE = 1e-6;

export function isProtected(b: Bounds, threshold: number): boolean {
  return b.max - b.min >= threshold - TOLERANCE;
}

type CellAudit = { cell: CellKey } & Bounds;

export type AuditReport = {
  ok: boolean;
  threshold: number;
  /** Every suppressed cell with its bounds. */
  cells: readonly CellAudit[];
  /** Every "all X are Y" line: bounds of the records outside its one category. */
  groups: readonly CellAudit[];
  /** Cells that fail: bounds narrower than the threshold. */
  failing: readonly CellKey[];
  /** Published cells between zero and the threshold (never allowed). */
  publishedBelowThreshold: readonly CellKey[];
};

/** What the attacker knows of a protected catalogue: published values and values published unchanged earlier. */
function knownCells(p: ProtectedCatalogue): Map<CellKey, number> {
  const known = new Map<CellKey, number>();
  for (const k of ALL_CELLS) {
    const c = p.cells[k];
    if (c?.status === 'published') known.set(k, c.value);
    else if (p.knownFromEarlier[k] !== undefined) known.set(k, p.knownFromEarlier[k]);
  }
  return known;
}

export const groupExpression = (g: GroupDisclosure): Expression => g.others.map((k) => [k, 1] as const);

/**
 * Audit a protected catalogue against a threshold (by default its own).
 * Needs nothing but the catalogue: a stored publication can be audited
 * again at any time.
 */
export async function audit(p: ProtectedCatalogue, threshold = p.threshold): Promise<AuditReport> {
  const missing = ALL_CELLS.filter((k) => p.cells[k] === undefined);
  if (missing.length > 0) throw new Error(`the catalogue lacks ${missing.length} cells, e.g. ${missing[0]}`);
  const lp = await AttackerLp.create(knownCells(p));
  try {
    const cells: CellAudit[] = [];
    for (const k of ALL_CELLS) if (p.cells[k]!.status === 'suppressed') cells.push({ cell: k, ...lp.bounds([[k, 1]]) });
    const groups = p.groupDisclosures.map((g) => ({ cell: g.cell, ...lp.bounds(groupExpression(g)) }));
    const failing = [...new Set([...cells, ...groups].filter((b) => !isProtected(b, threshold)).map((b) => b.cell))];
    const publishedBelowThreshold = ALL_CELLS.filter((k) => {
      const c = p.cells[k]!;
      return c.status === 'published' && c.value > 0 && c.value < threshold;
    });
    return {
      ok: failing.length === 0 && publishedBelowThreshold.length === 0,
      threshold,
      cells,
      groups,
      failing,
      publishedBelowThreshold,
    };
  } finally {
    lp.dispose();
  }
}
