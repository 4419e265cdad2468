/**
 * The two ways counts are read, and they never meet:
 *
 * - `networkRows`: the network's counts of a year, through the one
 *   aggregates-only path `case_statistics` (ADR 034). It returns rows only
 *   in the coordination (and admin) scope, counts only consented, released,
 *   complete records, and has already withheld cells under 5 records or
 *   3 centres.
 * - `centreRows`: a centre's own counts, read in the centre's own
 *   row-level-security scope from its own records (the policies of
 *   migrations/0026 show a centre nothing else; the query names the centre
 *   as well). Nothing is withheld: the numbers never leave the centre.
 *   The categories come from the view `case_record_category`
 *   (migrations/0029), the same derivation the network's kept counts use, so a
 *   centre sees its share of the network's tables (centre-counts.test.ts
 *   sums the centres' figures and compares); the engine's `countsFromRows`
 *   checks that the rows add up to their margins.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/tenant.ts';
import { optionsOf } from '../engine/catalogue.ts';
import type { StatisticsRow } from '../engine/types.ts';

export async function networkRows(trx: Tx, year: number): Promise<StatisticsRow[]> {
  const r = await sql<StatisticsRow>`SELECT dim_a, val_a, dim_b, val_b, n FROM case_statistics(${year})`.execute(trx);
  return r.rows;
}

const SINGLE_COLUMNS = [
  'gender',
  'age_band',
  'citizenship_region',
  'trafficking_status',
  'exploitation_place',
  'asylum_context',
  'asylum_stage',
  'residence_status_first',
  'referral_source',
  'criminal_proceedings',
  'minor_at_exploitation',
  'unaccompanied_minor',
  'possibly_counted_elsewhere',
] as const;

const OPTION_COLUMNS = [
  ...optionsOf('exploitation_form').map((o) => ({ column: `exploitation_form.${o}`, array: 'exploitation_forms', o })),
  ...optionsOf('exploitation_timing').map((o) => ({
    column: `exploitation_timing.${o}`,
    array: 'exploitation_timing',
    o,
  })),
  ...optionsOf('support_provided').map((o) => ({ column: `support_provided.${o}`, array: 'support_provided', o })),
];

const FORMS = optionsOf('exploitation_form').map((o) => `exploitation_form.${o}`);

/** The grouping sets of the catalogue: every dimension alone, the cross pairs, and the total. */
const GROUPING_SETS: readonly (readonly string[])[] = [
  [],
  ...SINGLE_COLUMNS.map((c) => [c]),
  ...OPTION_COLUMNS.map((c) => [c.column]),
  ['gender', 'age_band'],
  ['asylum_context', 'gender'],
  ...FORMS.map((f) => [f, 'asylum_stage']),
  ...FORMS.map((f) => [f, 'gender']),
];

const ALL_COLUMNS: readonly string[] = [...SINGLE_COLUMNS, ...OPTION_COLUMNS.map((c) => c.column)];

type CentreCountRow = Record<string, string | null> & { n: number };

/**
 * The centre's complete records of `year` (only the released ones with
 * consent when `releasedOnly`), counted per cell of the catalogue, as rows
 * shaped like `case_statistics`' (without its suppression).
 */
export async function centreRows(
  trx: Tx,
  centreId: string,
  year: number,
  releasedOnly: boolean,
): Promise<StatisticsRow[]> {
  // Column names and option values are the catalogue's constants, never input; the option columns'
  // names contain a dot, so they are quoted whole (sql.id), like case_statistics names them.
  const options = OPTION_COLUMNS.map(
    (c) => sql`CASE WHEN ${c.o} = ANY (c.${sql.id(c.array)}) THEN 'yes' ELSE 'no' END AS ${sql.id(c.column)}`,
  );
  const sets = GROUPING_SETS.map((set) => (set.length === 0 ? sql`()` : sql`(${sql.join(set.map((c) => sql.id(c)))})`));
  const r = await sql<CentreCountRow>`
    WITH rec AS (
      SELECT ${sql.join(SINGLE_COLUMNS.map((col) => sql`c.${sql.id(col)}`))}, ${sql.join(options)}
      FROM case_record_category c
      WHERE c.centre_id = ${centreId} AND c.first_contact_year = ${year} AND c.status = 'complete'
        ${releasedOnly ? sql`AND c.released_at IS NOT NULL AND c.consent_statistics` : sql``}
    )
    SELECT ${sql.join(ALL_COLUMNS.map((c) => sql.id(c)))}, count(*)::integer AS n
    FROM rec
    GROUP BY GROUPING SETS (${sql.join(sets)})
  `.execute(trx);
  return r.rows.map((row) => {
    // Every derived column is never NULL in rec: in a grouping set's row exactly the set's own columns are set.
    const set = ALL_COLUMNS.filter((c) => row[c] !== null);
    const [a, b] = set;
    if (a === undefined) return { dim_a: 'total', val_a: 'all', dim_b: null, val_b: null, n: row.n };
    return { dim_a: a, val_a: row[a]!, dim_b: b ?? null, val_b: b ? row[b]! : null, n: row.n };
  });
}

export type CentreYearSummary = { complete: number; released: number; drafts: number };

/** How many of the centre's records of `year` are complete, released with consent, or drafts. */
export async function centreYearSummary(trx: Tx, centreId: string, year: number): Promise<CentreYearSummary> {
  const r = await trx
    .selectFrom('case_record')
    .select(({ fn }) => [
      fn.countAll<string>().filterWhere('status', '=', 'complete').as('complete'),
      fn
        .countAll<string>()
        .filterWhere((eb) => eb.and([eb('released_at', 'is not', null), eb('consent_statistics', '=', true)]))
        .as('released'),
      fn.countAll<string>().filterWhere('status', '=', 'draft').as('drafts'),
    ])
    .where('centre_id', '=', centreId)
    .where('first_contact_year', '=', year)
    .executeTakeFirstOrThrow();
  return { complete: Number(r.complete), released: Number(r.released), drafts: Number(r.drafts) };
}

/** The years the centre has records of, newest first. */
export async function centreYears(trx: Tx, centreId: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('case_record')
    .select('first_contact_year')
    .distinct()
    .where('centre_id', '=', centreId)
    .where('first_contact_year', 'is not', null)
    .orderBy('first_contact_year', 'desc')
    .execute();
  return rows.flatMap((r) => (r.first_contact_year === null ? [] : [r.first_contact_year]));
}
