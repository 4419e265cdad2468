/**
 * Disclosure control of one year's catalogue (ADR 035): primary rules
 * (primary.ts), then secondary suppression across the whole catalogue,
 * iterated with the audit's linear program until every suppressed cell —
 * and the rest of every "all X are Y" line — can move by at least the
 * threshold given everything published, including what earlier publications
 * of the same year — and those of another audience the same readers see —
 * made known.
 *
 * Complementary cells are chosen cheaply and deterministically: first so that
 * no relation (a table's row, column or margin) is left with a single unknown
 * cell, then, for each cell the audit finds too narrow, the smallest
 * published cell of a relation that links to it, preferring cells that are
 * large enough to give the needed room and that do not open new relations.
 */
import { ALL_CELLS, RELATIONS, TOTAL } from './catalogue.ts';
import { groupExpression, isProtected, type AuditReport, audit } from './audit.ts';
import { AttackerLp, type Expression } from './lp.ts';
import { groupDisclosures, isPrimary } from './primary.ts';
import type {
  CellKey,
  GroupDisclosure,
  ProtectedCatalogue,
  ProtectedCell,
  SuppressionReason,
  YearCounts,
} from './types.ts';

export type ProtectOptions = {
  /** 10 for public output, 5 for the network's internal tables. */
  threshold: number;
  /**
   * Earlier publications of the same year that the readers of this one can
   * see: their suppressed cells stay suppressed, and their published values
   * that have not changed since are known.
   */
  earlier?: readonly ProtectedCatalogue[];
  /**
   * Publications of the same year for another audience that the readers of
   * this one see as well (the public versions, for the network's internal
   * tables): their published values that have not changed since are known,
   * exactly like an earlier version's. Their suppressions are not carried:
   * they were made for a higher threshold, and carrying them would withhold
   * every cell the lower threshold exists to show. What protects is that the
   * audit takes their values as constants.
   */
  alsoSeen?: readonly ProtectedCatalogue[];
};

export type ProtectionResult = ProtectedCatalogue & {
  /** The audit of the result; publish only when `audit.ok`. */
  audit: AuditReport;
  /** How the result came about, for the benchmark and the logs. */
  stats: { rounds: number; lpSolves: number; primary: number; secondary: number };
};

const ORDER = new Map(ALL_CELLS.map((k, i) => [k, i]));
/** For every cell, the relations it takes part in. */
const RELATIONS_OF = (() => {
  const of = new Map<CellKey, number[]>(ALL_CELLS.map((k) => [k, []]));
  RELATIONS.forEach((r, i) => {
    for (const [k] of r.terms) of.get(k)!.push(i);
  });
  return of;
})();

type Item = { cell: CellKey; expression: Expression; cells: readonly CellKey[] };

/**
 * Protect the counts of one year for an output with the given threshold.
 * Deterministic: the same counts and earlier publications give the same
 * result.
 */
export async function protect(counts: YearCounts, options: ProtectOptions): Promise<ProtectionResult> {
  const { threshold } = options;
  const value = (k: CellKey) => counts.get(k) ?? null;
  const reasons = new Map<CellKey, SuppressionReason>();
  /** Values an earlier publication showed and that have not changed: an attacker has them. */
  const earlierKnown = new Map<CellKey, number>();
  const carried = new Set<CellKey>();
  for (const e of options.earlier ?? [])
    for (const k of ALL_CELLS) {
      const c = e.cells[k];
      if (c?.status === 'published' && c.value === value(k)) earlierKnown.set(k, c.value);
      else if (c?.status === 'suppressed') carried.add(k);
    }
  for (const e of options.alsoSeen ?? [])
    for (const k of ALL_CELLS) {
      const c = e.cells[k];
      if (c?.status === 'published' && c.value === value(k)) earlierKnown.set(k, c.value);
    }

  for (const k of ALL_CELLS) if (isPrimary(value(k), threshold)) reasons.set(k, 'primary');
  const groups = groupDisclosures(counts);
  for (const g of groups) if (!reasons.has(g.cell)) reasons.set(g.cell, 'group_disclosure');
  for (const k of carried) if (!reasons.has(k) && !earlierKnown.has(k)) reasons.set(k, 'carried');
  const primaryCount = reasons.size;

  /** Cells the attacker knows: not suppressed, or known from an earlier publication. */
  const known = new Map<CellKey, number>();
  for (const k of ALL_CELLS) {
    if (earlierKnown.has(k)) known.set(k, earlierKnown.get(k)!);
    else if (!reasons.has(k)) known.set(k, value(k)!);
  }
  /** Per relation, how many of its cells are unknown to the attacker. */
  const unknownIn = RELATIONS.map((r) => r.terms.filter(([k]) => !known.has(k)).length);

  const suppress = (k: CellKey) => {
    reasons.set(k, 'secondary');
    known.delete(k);
    for (const r of RELATIONS_OF.get(k)!) unknownIn[r]!++;
  };
  const suppressible = (k: CellKey) => known.has(k) && !earlierKnown.has(k);
  // A zero inside a line whose margin is a published zero cannot move at all:
  // suppressing it would protect nothing and leave a cell the audit must fail.
  const forcedZero = (k: CellKey) =>
    known.get(k) === 0 &&
    RELATIONS_OF.get(k)!.some((r) => {
      const rel = RELATIONS[r]!;
      if (rel.sense !== 'eq' || !rel.terms.some(([c, coef]) => c === k && coef > 0)) return false;
      const whole = rel.terms.find(([, coef]) => coef < 0)![0];
      return known.get(whole) === 0;
    });
  const complement = (k: CellKey) => suppressible(k) && !forcedZero(k);
  /**
   * Cost of suppressing k, lower is better; `need` is the room a complement
   * should give. Its value, plus a heavy charge for every relation it would
   * open (each needs a complement of its own) and for being too small to give
   * the room; the weights were chosen on synthetic years, where they cut the
   * secondary cells by a fifth against equal weights. Never the total unless
   * nothing else is left.
   */
  const cost = (k: CellKey, need: number) => {
    const v = known.get(k)!;
    const opens = RELATIONS_OF.get(k)!.filter((r) => RELATIONS[r]!.sense === 'eq' && unknownIn[r] === 0).length;
    return v + 8 * threshold * opens + (v < need ? 20 * threshold : 0) + (k === TOTAL ? 1e9 : 0);
  };
  const cheapest = (candidates: Iterable<CellKey>, need: number): CellKey | undefined => {
    let best: CellKey | undefined;
    let bestCost = Infinity;
    for (const k of candidates) {
      const c = cost(k, need);
      if (c < bestCost || (c === bestCost && ORDER.get(k)! < ORDER.get(best!)!)) {
        best = k;
        bestCost = c;
      }
    }
    return best;
  };

  // A relation with exactly one unknown cell gives that cell away: close every such
  // relation (one whose other cells were all published earlier cannot be closed).
  const closeAll = () => {
    for (;;) {
      let progressed = false;
      for (let i = 0; i < RELATIONS.length; i++) {
        if (RELATIONS[i]!.sense !== 'eq' || unknownIn[i] !== 1) continue;
        const pick = cheapest(RELATIONS[i]!.terms.map(([k]) => k).filter(complement), threshold);
        if (pick !== undefined) {
          suppress(pick);
          progressed = true;
        }
      }
      if (!progressed) return;
    }
  };

  const groupItems: Item[] = groups.map((g) => ({
    cell: g.cell,
    expression: groupExpression(g),
    cells: [g.cell, ...g.others],
  }));
  // A group line whose other cells are all published zeros: one of them must go.
  const openGroups = () => {
    for (const g of groupItems) {
      const others = g.cells.slice(1);
      if (others.some((k) => !known.has(k))) continue;
      const pick = others.find(suppressible);
      if (pick !== undefined) {
        suppress(pick);
      }
    }
  };

  const passed = new Set<string>();
  let rounds = 0;
  let lpSolves = 0;
  for (;;) {
    rounds++;
    openGroups();
    closeAll();
    const items: Item[] = [
      ...ALL_CELLS.filter((k) => reasons.has(k)).map((k) => ({
        cell: k,
        expression: [[k, 1]] as Expression,
        cells: [k],
      })),
      ...groupItems,
    ].filter((it) => !passed.has(itemId(it)));
    const lp = await AttackerLp.create(known);
    let failing: { item: Item; need: number }[];
    try {
      failing = narrowItems(lp, items, threshold);
      for (const it of items) if (!failing.some((f) => f.item === it)) passed.add(itemId(it));
      lpSolves += lp.solves;
    } finally {
      lp.dispose();
    }
    if (failing.length === 0) break;
    let added = 0;
    for (const { item, need } of failing) {
      const pick = cheapest(linkedCandidates(item.cells, known, complement), need);
      if (pick !== undefined && complement(pick)) {
        suppress(pick);
        added++;
      }
    }
    if (added === 0) break; // nothing left to suppress: the audit reports the failure
  }

  const cells: Record<CellKey, ProtectedCell> = {};
  const knownFromEarlier: Record<CellKey, number> = {};
  for (const k of ALL_CELLS) {
    const r = reasons.get(k);
    if (r === undefined) cells[k] = { status: 'published', value: value(k)! };
    else {
      cells[k] = { status: 'suppressed', reason: r };
      if (earlierKnown.has(k)) knownFromEarlier[k] = earlierKnown.get(k)!;
    }
  }
  const result: ProtectedCatalogue = {
    version: 1,
    threshold,
    cells,
    knownFromEarlier,
    groupDisclosures: groups satisfies readonly GroupDisclosure[],
  };
  const secondary = [...reasons.values()].filter((r) => r === 'secondary').length;
  return {
    ...result,
    audit: await audit(result, threshold),
    stats: { rounds, lpSolves, primary: primaryCount, secondary },
  };
}

/**
 * The items whose bounds are narrower than the threshold, with the room each
 * lacks. Every solution the solver returns is a data set the attacker
 * cannot rule out, so it widens the known range of every item at once; an
 * item is solved for only while its known range is still too narrow.
 */
function narrowItems(lp: AttackerLp, items: readonly Item[], threshold: number): { item: Item; need: number }[] {
  const lo = items.map(() => Infinity);
  const hi = items.map(() => -Infinity);
  const seen = (point: Float64Array | undefined) => {
    if (!point) return;
    items.forEach((it, i) => {
      const v = lp.evaluate(point, it.expression);
      if (v < lo[i]!) lo[i] = v;
      if (v > hi[i]!) hi[i] = v;
    });
  };
  const wide = (i: number) => isProtected({ min: lo[i]!, max: hi[i]! }, threshold);
  const failing: { item: Item; need: number }[] = [];
  items.forEach((it, i) => {
    if (wide(i)) return;
    const max = lp.optimum(it.expression, 'maximize');
    if (max.value === Infinity) return;
    hi[i] = max.value;
    seen(max.point);
    if (wide(i)) return;
    const min = lp.optimum(it.expression, 'minimize');
    lo[i] = min.value;
    seen(min.point);
    if (!wide(i)) failing.push({ item: it, need: threshold - (hi[i] - lo[i]) });
  });
  return failing;
}

const itemId = (it: Item) => (it.cells.length === 1 ? it.cell : `group:${it.cells.join(',')}`);

/**
 * Published cells linked to the item: first those sharing a relation with
 * its cells; if there are none, those sharing a relation with the unknown
 * cells found so far, ring by ring.
 */
function linkedCandidates(
  start: readonly CellKey[],
  known: ReadonlyMap<CellKey, number>,
  candidate: (k: CellKey) => boolean,
): CellKey[] {
  const seenRelations = new Set<number>();
  let frontier = new Set(start);
  const visited = new Set(start);
  while (frontier.size > 0) {
    const candidates: CellKey[] = [];
    const next = new Set<CellKey>();
    for (const k of frontier)
      for (const r of RELATIONS_OF.get(k)!) {
        if (seenRelations.has(r)) continue;
        seenRelations.add(r);
        for (const [c] of RELATIONS[r]!.terms) {
          if (candidate(c)) candidates.push(c);
          else if (!known.has(c) && !visited.has(c)) {
            visited.add(c);
            next.add(c);
          }
        }
      }
    if (candidates.length > 0) return candidates;
    frontier = next;
  }
  return [];
}

/**
 * A share in percent-ready form (0..1), only where numerator and
 * denominator are both published and both reach the threshold; else null.
 */
export function share(p: ProtectedCatalogue, numerator: CellKey, denominator: CellKey): number | null {
  const n = p.cells[numerator];
  const d = p.cells[denominator];
  if (n?.status !== 'published' || d?.status !== 'published') return null;
  if (n.value < p.threshold || d.value < p.threshold) return null;
  return n.value / d.value;
}
