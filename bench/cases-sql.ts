/**
 * The baseline the statistics function is measured against: the plain SQL
 * an analyst would write for the same cells — one `GROUP BY` query per table
 * of the catalogue, straight on case_record as the owner, with the same
 * derived categories as `case_statistics` (migrations/0026) and nothing
 * else: no per-centre counts, no suppression, no security barrier. Both
 * read the same records (released, consented, complete, of one year), and
 * the bench checks that every count the function publishes equals the plain
 * count of its cell.
 */
import {
  CATALOGUE,
  MULTI_FIELDS,
  optionsOf,
  SINGLE_DIMENSIONS,
  type Dimension,
  type TableSpec,
} from '../src/features/statistics/engine/catalogue.ts';

/** Where each multi-choice dimension's options are stored. */
const MULTI_COLUMN = {
  exploitation_form: 'exploitation_forms',
  exploitation_timing: 'exploitation_timing',
  support_provided: 'support_provided',
} as const;

/** Each dimension's category as a SQL expression over case_record c (and country_region r). */
const DIM_SQL: Record<string, string> = {
  gender: `coalesce(c.gender, 'unknown')`,
  age_band: `CASE WHEN c.age_unknown OR c.age_at_first_contact IS NULL THEN 'unknown'
      WHEN c.age_at_first_contact <= 13 THEN '0-13' WHEN c.age_at_first_contact <= 17 THEN '14-17'
      WHEN c.age_at_first_contact <= 20 THEN '18-20' WHEN c.age_at_first_contact <= 29 THEN '21-29'
      WHEN c.age_at_first_contact <= 39 THEN '30-39' ELSE '40+' END`,
  citizenship_region: `coalesce(r.region, 'stateless_unknown')`,
  trafficking_status: `coalesce(c.trafficking_status, 'unknown')`,
  exploitation_place: `CASE WHEN 'DE' = ANY (c.country_of_exploitation) AND NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'both'
      WHEN 'DE' = ANY (c.country_of_exploitation) THEN 'germany'
      WHEN NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'abroad' ELSE 'unknown' END`,
  asylum_context: `CASE c.asylum_stage WHEN 'not_filed' THEN 'before' WHEN 'pending' THEN 'during' WHEN 'dublin' THEN 'during'
      WHEN 'none' THEN 'other' WHEN 'rejected' THEN 'other' WHEN 'protection' THEN 'other' ELSE 'unknown' END`,
  asylum_stage: `coalesce(c.asylum_stage, 'unknown')`,
  residence_status_first: `coalesce(c.residence_status_first, 'unknown')`,
  referral_source: `coalesce(c.referral_source, 'unknown')`,
  criminal_proceedings: `coalesce(c.criminal_proceedings, 'unknown')`,
  minor_at_exploitation: `coalesce(c.minor_at_exploitation, 'unknown')`,
  unaccompanied_minor: `coalesce(c.unaccompanied_minor, 'unknown')`,
  possibly_counted_elsewhere: `coalesce(c.possibly_counted_elsewhere, 'unknown')`,
};
for (const field of MULTI_FIELDS)
  for (const option of optionsOf(field))
    DIM_SQL[`${field}.${option}`] = `CASE WHEN '${option}' = ANY (c.${MULTI_COLUMN[field]}) THEN 'yes' ELSE 'no' END`;
for (const d of SINGLE_DIMENSIONS) if (!DIM_SQL[d]) throw new Error(`bench/cases-sql.ts: no SQL for ${d}`);

const dim = (d: Dimension) => DIM_SQL[d]!;

const FROM = `FROM case_record c LEFT JOIN country_region r ON r.code = c.citizenship
  WHERE c.first_contact_year = $1 AND c.released_at IS NOT NULL AND c.consent_statistics AND c.status = 'complete'`;

type PlainQuery = { table: string; text: string; dims: Dimension[] };

/** One plain GROUP BY query per catalogue table; their rows are the table's inner cells (one-way: its categories). */
export function plainQueries(catalogue: readonly TableSpec[] = CATALOGUE): PlainQuery[] {
  return catalogue.map((t) => {
    if (t.kind === 'total') return { table: t.id, dims: [], text: `SELECT count(*)::int AS n ${FROM}` };
    const dims = t.kind === 'oneway' ? [t.dim] : [t.rows, t.columns];
    const select = dims.map((d, i) => `${dim(d)} AS v${i}`).join(', ');
    const group = dims.map((_, i) => String(i + 1)).join(', ');
    return { table: t.id, dims, text: `SELECT ${select}, count(*)::int AS n ${FROM} GROUP BY ${group}` };
  });
}

/**
 * The strictest plain reference: the same cells in ONE statement — every
 * dimension derived once, GROUPING SETS over the catalogue's tables, counts
 * only (no centres, no suppression). Every derived column is never NULL, so
 * a row's non-NULL columns name its grouping set.
 */
export function plainGroupingSets(catalogue: readonly TableSpec[] = CATALOGUE): {
  text: string;
  columns: Dimension[];
  /** A cross table's dimensions in the catalogue's order (rows, columns), by either one's name joined with '|'. */
  orientation: Map<string, readonly [Dimension, Dimension]>;
} {
  const columns: Dimension[] = [];
  const orientation = new Map<string, readonly [Dimension, Dimension]>();
  const sets: string[] = [];
  const col = (d: Dimension) => {
    if (!columns.includes(d)) columns.push(d);
    return `c${columns.indexOf(d)}`;
  };
  for (const t of catalogue) {
    if (t.kind === 'total') sets.push('()');
    else if (t.kind === 'oneway') sets.push(`(${col(t.dim)})`);
    else {
      sets.push(`(${col(t.rows)}, ${col(t.columns)})`);
      orientation.set(`${t.rows}|${t.columns}`, [t.rows, t.columns]);
      orientation.set(`${t.columns}|${t.rows}`, [t.rows, t.columns]);
    }
  }
  const derived = columns.map((d, i) => `${dim(d)} AS c${i}`).join(',\n    ');
  const select = columns.map((_, i) => `c${i}`).join(', ');
  return {
    columns,
    orientation,
    text: `SELECT ${select}, count(*)::int AS n FROM (SELECT ${derived} ${FROM}) d GROUP BY GROUPING SETS (${sets.join(', ')})`,
  };
}
