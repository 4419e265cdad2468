/**
 * Types of the disclosure-control engine (ADR 035). The engine is pure:
 * it sees counts, never records, and never touches the database.
 */

/** Threshold of an output: cells below it (and above zero) are never published. */
export const PUBLIC_THRESHOLD = 10;
export const INTERNAL_THRESHOLD = 5;

/**
 * One row of the SQL function `case_statistics(year)`: a one-way cell
 * (dim_b and val_b NULL), a two-way cell, or `total`/`all`. `n` is NULL where
 * the database suppressed the cell (fewer than 5 records or fewer than 3
 * centres); a combination without records is absent (= 0).
 */
export type StatisticsRow = {
  dim_a: string;
  val_a: string;
  dim_b: string | null;
  val_b: string | null;
  n: number | null;
};

/**
 * The name of one count of the catalogue: `total`, `gender=female`,
 * `exploitation_form.sexual=yes`, `gender=female/age_band=21-29`. The same
 * count appears in several tables (the margins of a cross table are the
 * cells of two one-way tables) and has one status everywhere.
 */
export type CellKey = string;

/** The counts of one year: every cell of the catalogue, NULL where the database suppressed it. */
export type YearCounts = ReadonlyMap<CellKey, number | null>;

/**
 * Why a cell is not published.
 * - primary: below the output's threshold, or NULL from the database (below 5
 *   records or fewer than 3 centres: the database does not say which, so the
 *   engine cannot tell a small count from a dominated one);
 * - group_disclosure: the only non-zero cell of a line ("all X are Y");
 * - secondary: suppressed so that no primary cell can be recomputed;
 * - carried: suppressed in an earlier publication of the same year.
 */
export type SuppressionReason = 'primary' | 'group_disclosure' | 'secondary' | 'carried';

type PublishedCell = {
  status: 'published';
  value: number;
};

type SuppressedCell = {
  status: 'suppressed';
  reason: SuppressionReason;
};

export type ProtectedCell = PublishedCell | SuppressedCell;

/**
 * A line (one-way table or a row/column of a cross table) in which every
 * record falls into one informative category. `cell` is that category's
 * cell, `others` the line's other cells; the audit bounds the sum of
 * `others`, which must be able to reach the threshold.
 */
export type GroupDisclosure = {
  cell: CellKey;
  others: readonly CellKey[];
};

/**
 * The result of `protect`: what may be published, for one year and one
 * threshold. It holds no value of a suppressed cell, except those already
 * published unchanged in an earlier publication of the same year, or in a
 * publication of another audience its readers see as well
 * (`knownFromEarlier`), which an attacker has anyway.
 *
 * Internal only: `reason` of suppressed cells and `groupDisclosures` say
 * more than the published tables (a primary cell is small; a group
 * disclosure line has all its records in one category). Public output shows
 * a suppressed cell as suppressed, nothing more.
 */
export type ProtectedCatalogue = {
  version: 1;
  threshold: number;
  cells: Readonly<Record<CellKey, ProtectedCell>>;
  knownFromEarlier: Readonly<Record<CellKey, number>>;
  groupDisclosures: readonly GroupDisclosure[];
};
