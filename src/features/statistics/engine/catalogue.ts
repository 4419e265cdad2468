/**
 * The fixed catalogue of the network's statistics for one reporting year
 * (ADR 035): which tables exist, which counts they show, and how those
 * counts are linked. Nothing else is ever counted or published; there are no
 * free queries on records.
 *
 * Every count is a cell with a stable key (types.ts). A one-way table shows
 * the cells of one dimension and the total; a cross table shows the cells of
 * two dimensions together with both dimensions' cells as its margins. The
 * same cell appears in every table that shows it and has one status.
 *
 * Multi-choice fields (forms of exploitation, timing, support) are not
 * additive: each option is a dimension of its own with the categories
 * yes/no, and yes + no = total.
 */
import {
  AGE_BANDS,
  ASYLUM_STAGES,
  CRIMINAL_PROCEEDINGS,
  EXPLOITATION_FORMS,
  EXPLOITATION_TIMING,
  GENDERS,
  REFERRAL_SOURCES,
  REGIONS,
  RESIDENCE_STATUSES,
  SUPPORT_PROVIDED,
  TRAFFICKING_STATUSES,
  UNACCOMPANIED_MINOR,
  YES_NO_UNKNOWN,
} from '../../case-records/vocabulary.ts';
import type { CellKey, StatisticsRow, YearCounts } from './types.ts';

const YES_NO = ['yes', 'no'] as const;

/**
 * Single-choice dimensions with their categories, in the order tables show
 * them. A field's categories are its codes in the case record's vocabulary;
 * the place of exploitation and the asylum context are derived
 * (case_record_category, migrations/0029) and have categories of their own.
 */
const SINGLE = {
  gender: GENDERS,
  age_band: AGE_BANDS,
  citizenship_region: REGIONS,
  trafficking_status: TRAFFICKING_STATUSES,
  exploitation_place: ['germany', 'abroad', 'both', 'unknown'],
  asylum_context: ['before', 'during', 'other', 'unknown'],
  asylum_stage: ASYLUM_STAGES,
  residence_status_first: RESIDENCE_STATUSES,
  referral_source: REFERRAL_SOURCES,
  criminal_proceedings: CRIMINAL_PROCEEDINGS,
  minor_at_exploitation: YES_NO_UNKNOWN,
  unaccompanied_minor: UNACCOMPANIED_MINOR,
  possibly_counted_elsewhere: YES_NO_UNKNOWN,
} as const satisfies Record<string, readonly string[]>;

/** Multi-choice fields: one yes/no dimension per option, named `<field>.<option>`. */
const MULTI = {
  exploitation_form: EXPLOITATION_FORMS,
  exploitation_timing: EXPLOITATION_TIMING,
  support_provided: SUPPORT_PROVIDED,
} as const satisfies Record<string, readonly string[]>;

export type SingleDimension = keyof typeof SINGLE;
export type MultiField = keyof typeof MULTI;
export type Option<F extends MultiField> = (typeof MULTI)[F][number];
type OptionDimension = { [F in MultiField]: `${F}.${Option<F>}` }[MultiField];
export type Dimension = SingleDimension | OptionDimension;

export const SINGLE_DIMENSIONS = Object.keys(SINGLE) as SingleDimension[];
export const MULTI_FIELDS = Object.keys(MULTI) as MultiField[];

export function optionsOf<F extends MultiField>(field: F): readonly Option<F>[] {
  return MULTI[field];
}

function optionDimensions(field: MultiField): OptionDimension[] {
  return MULTI[field].map((o) => `${field}.${o}` as OptionDimension);
}

/** Split an option dimension into its field and option; undefined for a single-choice dimension. */
function splitOption(dim: Dimension): { field: MultiField; option: string } | undefined {
  const dot = dim.indexOf('.');
  if (dot < 0) return undefined;
  return { field: dim.slice(0, dot) as MultiField, option: dim.slice(dot + 1) };
}

const DIMENSION_SET: ReadonlySet<string> = new Set<string>([
  ...SINGLE_DIMENSIONS,
  ...MULTI_FIELDS.flatMap(optionDimensions),
]);

function isDimension(x: string): x is Dimension {
  return DIMENSION_SET.has(x);
}

/** The categories of a dimension, in table order. */
export function categoriesOf(dim: Dimension): readonly string[] {
  return splitOption(dim) ? YES_NO : SINGLE[dim as SingleDimension];
}

/**
 * Categories that tell nothing about a person when a whole group falls into
 * them: not known, not applicable, or the absence of one option of a
 * multi-choice field. "All X are Y" is checked only for the others.
 */
export function isInformative(dim: Dimension, category: string): boolean {
  if (category === 'unknown' || category === 'not_applicable') return false;
  if (category === 'no' && (splitOption(dim) !== undefined || dim === 'minor_at_exploitation')) return false;
  if (category === 'no' && dim === 'possibly_counted_elsewhere') return false;
  return true;
}

// ---------------------------------------------------------------- cell keys

export const TOTAL: CellKey = 'total';

export function cellKey(dim: Dimension, category: string): CellKey {
  return `${dim}=${category}`;
}

export function crossKey(rows: Dimension, row: string, columns: Dimension, column: string): CellKey {
  return `${rows}=${row}/${columns}=${column}`;
}

// ---------------------------------------------------------------- tables

/** Where a table stands on the statistics pages. */
type Section = 'overview' | 'persons' | 'exploitation' | 'asylum' | 'support' | 'cross';

type SpecBase = {
  /** Stable id: URLs, exports and stored publications name tables by it. */
  id: string;
  section: Section;
  /** Message keys in the namespace `statistics`. */
  titleKey: string;
  noteKey: string;
  /** Tables of one multi-choice field share a family (one option each), so pages can show them together. */
  family?: MultiField;
};

type TotalSpec = SpecBase & { kind: 'total' };
type OneWaySpec = SpecBase & { kind: 'oneway'; dim: Dimension };
type CrossSpec = SpecBase & { kind: 'cross'; rows: Dimension; columns: Dimension };
export type TableSpec = TotalSpec | OneWaySpec | CrossSpec;

const slug = (id: string) => id.replaceAll('.', '_');

function oneWay(dim: Dimension, section: Section): OneWaySpec {
  const option = splitOption(dim);
  return {
    kind: 'oneway',
    id: dim,
    section,
    dim,
    titleKey: `tables.${slug(dim)}.title`,
    noteKey: option ? `notes.${option.field}` : `tables.${slug(dim)}.note`,
    ...(option ? { family: option.field } : {}),
  };
}

function cross(rows: Dimension, columns: Dimension): CrossSpec {
  const id = `${rows}_by_${columns}`;
  const option = splitOption(rows);
  return {
    kind: 'cross',
    id,
    section: 'cross',
    rows,
    columns,
    titleKey: `tables.${slug(id)}.title`,
    noteKey: option ? `notes.${option.field}_by_${columns}` : `tables.${slug(id)}.note`,
    ...(option ? { family: option.field } : {}),
  };
}

const forms = optionDimensions('exploitation_form');

/** The catalogue, in the order the pages and the yearly report show it. */
export const CATALOGUE: readonly TableSpec[] = [
  { kind: 'total', id: 'total', section: 'overview', titleKey: 'tables.total.title', noteKey: 'tables.total.note' },
  oneWay('asylum_context', 'overview'),
  oneWay('gender', 'persons'),
  oneWay('age_band', 'persons'),
  oneWay('citizenship_region', 'persons'),
  oneWay('minor_at_exploitation', 'persons'),
  oneWay('unaccompanied_minor', 'persons'),
  ...forms.map((d) => oneWay(d, 'exploitation')),
  oneWay('exploitation_place', 'exploitation'),
  ...optionDimensions('exploitation_timing').map((d) => oneWay(d, 'exploitation')),
  oneWay('trafficking_status', 'exploitation'),
  oneWay('asylum_stage', 'asylum'),
  oneWay('residence_status_first', 'asylum'),
  oneWay('referral_source', 'support'),
  oneWay('criminal_proceedings', 'support'),
  ...optionDimensions('support_provided').map((d) => oneWay(d, 'support')),
  oneWay('possibly_counted_elsewhere', 'support'),
  cross('gender', 'age_band'),
  cross('asylum_context', 'gender'),
  ...forms.map((d) => cross(d, 'asylum_stage')),
  ...forms.map((d) => cross(d, 'gender')),
];

/** The cross pairs the database counts, as (rows, columns) of the catalogue. */
const CROSS_PAIRS: readonly (readonly [Dimension, Dimension])[] = CATALOGUE.flatMap((t) =>
  t.kind === 'cross' ? [[t.rows, t.columns] as const] : [],
);

/** Every cell a table shows, margins and total included, in table order (rows first). */
export function cellsOfTable(spec: TableSpec): CellKey[] {
  if (spec.kind === 'total') return [TOTAL];
  if (spec.kind === 'oneway') return [...categoriesOf(spec.dim).map((c) => cellKey(spec.dim, c)), TOTAL];
  const keys: CellKey[] = [];
  for (const r of categoriesOf(spec.rows)) {
    for (const c of categoriesOf(spec.columns)) keys.push(crossKey(spec.rows, r, spec.columns, c));
    keys.push(cellKey(spec.rows, r));
  }
  for (const c of categoriesOf(spec.columns)) keys.push(cellKey(spec.columns, c));
  keys.push(TOTAL);
  return keys;
}

/** Every cell of the catalogue once, in catalogue order; the engine's deterministic order. */
export const ALL_CELLS: readonly CellKey[] = [...new Set(CATALOGUE.flatMap(cellsOfTable))];

// ---------------------------------------------------------------- relations

/** A linear relation that holds for every data set: Σ coef·cell (= | ≥) 0. */
export type Relation = {
  terms: readonly (readonly [CellKey, number])[];
  sense: 'eq' | 'ge';
  /** Where it comes from, for messages and tests. */
  origin: 'margin' | 'derived';
};

const sumEquals = (parts: readonly CellKey[], whole: CellKey): Relation => ({
  terms: [...parts.map((k) => [k, 1] as const), [whole, -1]],
  sense: 'eq',
  origin: 'margin',
});

/**
 * The relations an attacker knows: every table adds up to its margins (every
 * record has one category per single-choice dimension, yes or no per
 * option), the categories derived from another dimension add up to theirs,
 * and what the database enforces for every complete record (at least one
 * option per multi-choice field; the minors' question only for minors or
 * persons of unknown age). The audit's linear program consists of these, the published
 * values and non-negativity.
 */
export const RELATIONS: readonly Relation[] = (() => {
  const out: Relation[] = [];
  for (const dim of DIMENSION_SET as ReadonlySet<Dimension>)
    out.push(
      sumEquals(
        categoriesOf(dim).map((c) => cellKey(dim, c)),
        TOTAL,
      ),
    );
  for (const [a, b] of CROSS_PAIRS) {
    for (const x of categoriesOf(a)) {
      const row = categoriesOf(b).map((y) => crossKey(a, x, b, y));
      out.push(sumEquals(row, cellKey(a, x)));
    }
    for (const y of categoriesOf(b)) {
      const column = categoriesOf(a).map((x) => crossKey(a, x, b, y));
      out.push(sumEquals(column, cellKey(b, y)));
    }
  }
  // asylum_context is a function of asylum_stage (see case_statistics).
  const stage = (s: string) => cellKey('asylum_stage', s);
  const context: Record<(typeof SINGLE.asylum_context)[number], readonly string[]> = {
    before: ['not_filed'],
    during: ['pending', 'dublin'],
    other: ['none', 'rejected', 'protection'],
    unknown: ['unknown'],
  };
  for (const [ctx, stages] of Object.entries(context))
    out.push({ ...sumEquals(stages.map(stage), cellKey('asylum_context', ctx)), origin: 'derived' });
  // A complete record names at least one option of every multi-choice field.
  for (const field of MULTI_FIELDS)
    out.push({
      terms: [...optionDimensions(field).map((d) => [cellKey(d, 'yes'), 1] as const), [TOTAL, -1]],
      sense: 'ge',
      origin: 'derived',
    });
  // Whether a minor came unaccompanied is asked only for minors and persons of unknown
  // age; every adult is stored as not applicable.
  const asked = ['unaccompanied', 'separated', 'accompanied'].map((u) => cellKey('unaccompanied_minor', u));
  const mayBeMinor = ['0-13', '14-17', 'unknown'].map((a) => cellKey('age_band', a));
  out.push({
    terms: [...mayBeMinor.map((k) => [k, 1] as const), ...asked.map((k) => [k, -1] as const)],
    sense: 'ge',
    origin: 'derived',
  });
  return out;
})();

// ---------------------------------------------------------------- from the database

export class StatisticsRowError extends Error {
  override name = 'StatisticsRowError';
}

function checkCategory(dim: string, value: string | null): asserts dim is Dimension {
  if (!isDimension(dim)) throw new StatisticsRowError(`unknown dimension ${JSON.stringify(dim)}`);
  if (value === null || !categoriesOf(dim).includes(value))
    throw new StatisticsRowError(`unknown category ${JSON.stringify(value)} of ${dim}`);
}

/** The key of a row, with the cross pair in catalogue order whichever order the row names it. */
function keyOfRow(row: StatisticsRow): CellKey {
  if (row.dim_a === 'total') {
    if (row.val_a !== 'all' || row.dim_b !== null) throw new StatisticsRowError('malformed total row');
    return TOTAL;
  }
  checkCategory(row.dim_a, row.val_a);
  if (row.dim_b === null) {
    if (row.val_b !== null) throw new StatisticsRowError(`one-way row of ${row.dim_a} with a second value`);
    return cellKey(row.dim_a, row.val_a);
  }
  checkCategory(row.dim_b, row.val_b);
  const a = row.dim_a;
  const b = row.dim_b;
  for (const [r, c] of CROSS_PAIRS) {
    if (r === a && c === b) return crossKey(a, row.val_a, b, row.val_b!);
    if (r === b && c === a) return crossKey(b, row.val_b!, a, row.val_a);
  }
  throw new StatisticsRowError(`${a} × ${b} is not a cross table of the catalogue`);
}

/**
 * The counts of one year from the rows of `case_statistics`: every cell of
 * the catalogue, 0 where the function returned no row, NULL where it
 * suppressed the cell. Refuses rows outside the catalogue, duplicates,
 * counts that are not whole numbers, and counts that contradict their
 * margins (a sign that the function and the catalogue disagree).
 */
export function countsFromRows(rows: Iterable<StatisticsRow>): YearCounts {
  const counts = new Map<CellKey, number | null>(ALL_CELLS.map((k) => [k, 0]));
  const seen = new Set<CellKey>();
  for (const row of rows) {
    const key = keyOfRow(row);
    if (seen.has(key)) throw new StatisticsRowError(`two rows for ${key}`);
    seen.add(key);
    const n = row.n === null ? null : Number(row.n);
    if (n !== null && !(Number.isInteger(n) && n >= 0)) throw new StatisticsRowError(`count ${row.n} of ${key}`);
    counts.set(key, n);
  }
  for (const rel of RELATIONS) {
    if (rel.origin !== 'margin') continue;
    const whole = rel.terms.find(([, c]) => c < 0)![0];
    const total = counts.get(whole)!;
    const parts = rel.terms.filter(([, c]) => c > 0).map(([k]) => counts.get(k)!);
    const known = parts.reduce<number>((s, v) => s + (v ?? 0), 0);
    const complete = parts.every((v) => v !== null);
    if (total !== null && (complete ? known !== total : known > total))
      throw new StatisticsRowError(`the cells of ${whole} add up to ${known}, not ${total}`);
  }
  return counts;
}

// ---------------------------------------------------------------- for the pages

/** One table laid out for display: a row per category, cells per column, margins and total. */
export type TableLayout = {
  spec: TableSpec;
  /** Column categories of a cross table; a one-way table has one column, the count. */
  columns: readonly string[];
  rows: readonly { category: string; cells: readonly CellKey[]; margin: CellKey }[];
  /** Column margins of a cross table. */
  columnMargins: readonly CellKey[];
  total: CellKey;
};

export function layoutOf(spec: TableSpec): TableLayout {
  if (spec.kind === 'total') return { spec, columns: [], rows: [], columnMargins: [], total: TOTAL };
  if (spec.kind === 'oneway') {
    const rows = categoriesOf(spec.dim).map((c) => ({ category: c, cells: [cellKey(spec.dim, c)], margin: TOTAL }));
    return { spec, columns: [], rows, columnMargins: [], total: TOTAL };
  }
  const columns = categoriesOf(spec.columns);
  const rows = categoriesOf(spec.rows).map((r) => ({
    category: r,
    cells: columns.map((c) => crossKey(spec.rows, r, spec.columns, c)),
    margin: cellKey(spec.rows, r),
  }));
  return { spec, columns, rows, columnMargins: columns.map((c) => cellKey(spec.columns, c)), total: TOTAL };
}

/** Message key of a dimension's name (`dimensions.gender`, `options.exploitation_form.sexual`). */
export function dimensionMessageKey(dim: Dimension): string {
  const option = splitOption(dim);
  return option ? `options.${option.field}.${option.option}` : `dimensions.${dim}`;
}

/** Message key of a category's label (`categories.gender.female`, `categories.yes_no.yes`). */
export function categoryMessageKey(dim: Dimension, category: string): string {
  // Message keys are letters, digits, _ and - (platform/i18n/catalogues.ts): "40+" is spelled "40_plus".
  const key = category.replaceAll('+', '_plus');
  return splitOption(dim) ? `categories.yes_no.${key}` : `categories.${dim}.${key}`;
}
