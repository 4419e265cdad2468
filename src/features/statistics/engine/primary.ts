/**
 * The rules that decide, cell by cell, what must not be published at all
 * (ADR 035): small counts, counts the database withheld, and lines in which
 * every record falls into one category. What else must go so that these
 * cannot be recomputed is secondary suppression (secondary.ts).
 */
import { CATALOGUE, categoriesOf, isInformative, layoutOf, TOTAL, type Dimension } from './catalogue.ts';
import type { CellKey, GroupDisclosure, YearCounts } from './types.ts';

/** Below the threshold (and above zero), or withheld by the database (NULL). */
export function isPrimary(value: number | null, threshold: number): boolean {
  return value === null || (value > 0 && value < threshold);
}

/**
 * A line and, for a row or column of a cross table, the margins of its
 * cells in the other direction: a category whose margin is zero is empty
 * for every line, so its zero says nothing about this line.
 */
type Line = {
  dim: Dimension;
  categories: readonly string[];
  cells: readonly CellKey[];
  crossMargins?: readonly CellKey[];
};

/** Every line of the catalogue: one-way tables, and each row and column of a cross table. */
function lines(): Line[] {
  const out: Line[] = [];
  for (const spec of CATALOGUE) {
    if (spec.kind === 'oneway') {
      out.push({
        dim: spec.dim,
        categories: categoriesOf(spec.dim),
        cells: layoutOf(spec).rows.map((r) => r.cells[0]!),
      });
    } else if (spec.kind === 'cross') {
      const layout = layoutOf(spec);
      for (const row of layout.rows)
        out.push({
          dim: spec.columns,
          categories: layout.columns,
          cells: row.cells,
          crossMargins: layout.columnMargins,
        });
      layout.columns.forEach((_, j) =>
        out.push({
          dim: spec.rows,
          categories: categoriesOf(spec.rows),
          cells: layout.rows.map((r) => r.cells[j]!),
          crossMargins: layout.rows.map((r) => r.margin),
        }),
      );
    }
  }
  return out;
}

const LINES = lines();

/**
 * "All X are Y": lines whose records all fall into one informative category
 * (the other cells are zero; a NULL cell is withheld but never zero).
 * Categories that are empty in the whole table (their margin is zero) do
 * not count: their zeros follow from the margin. The
 * rest of such a line must be able to hold at least a threshold's worth of
 * records in the audit, or the zeros tell every member's category.
 */
export function groupDisclosures(counts: YearCounts): GroupDisclosure[] {
  const out: GroupDisclosure[] = [];
  for (const line of LINES) {
    const nonZero = line.cells.flatMap((k, i) => (counts.get(k) !== 0 ? [i] : []));
    if (nonZero.length !== 1) continue;
    const i = nonZero[0]!;
    if (!isInformative(line.dim, line.categories[i]!)) continue;
    const others = line.cells.filter((_, j) => j !== i && counts.get(line.crossMargins?.[j] ?? TOTAL) !== 0);
    if (others.length > 0) out.push({ cell: line.cells[i]!, others });
  }
  return out;
}
