/**
 * What is missing for a reporting year, as counts: drafts, complete records
 * whose person consented but that are not released, and consented drafts
 * that still lack a mandatory answer (`case_record_answered`, the same rule
 * as the table's CHECK for complete records; migrations/0028).
 *
 * - A centre counts its own records in its own scope (row-level security
 *   shows it nothing else).
 * - The coordination office and the reminder job count through
 *   `case_record_progress(year)`, the function that reads every centre's
 *   records with its owner's rights and returns nothing but these counts
 *   per centre (ADR 034); in any other scope it returns no row.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/tenant.ts';

export type Missing = {
  /** Records still saved as drafts. */
  drafts: number;
  /** Complete records whose person consented, not released yet. */
  unreleased: number;
  /** Drafts whose person consented that still lack a mandatory answer (a part of `drafts`). */
  unanswered: number;
};

export const NOTHING_MISSING: Missing = { drafts: 0, unreleased: 0, unanswered: 0 };

/** Is anything missing at all? */
export function anyMissing(m: Missing): boolean {
  return m.drafts > 0 || m.unreleased > 0 || m.unanswered > 0;
}

/** The actor's own centre's counts for each of `years` (centre scope). */
export async function ownMissing(trx: Tx, years: readonly number[]): Promise<Map<number, Missing>> {
  if (years.length === 0) return new Map();
  const r = await sql<{ year: number } & Missing>`
    SELECT c.first_contact_year AS year,
           count(*) FILTER (WHERE c.status = 'draft')::integer AS drafts,
           count(*) FILTER (WHERE c.status = 'complete' AND c.consent_statistics AND c.released_at IS NULL)::integer
             AS unreleased,
           count(*) FILTER (WHERE c.status = 'draft' AND c.consent_statistics AND NOT case_record_answered(c))::integer
             AS unanswered
    FROM case_record c
    WHERE c.first_contact_year IN (${sql.join(years.map((y) => sql`${y}`))})
    GROUP BY c.first_contact_year`.execute(trx);
  return new Map(r.rows.map((x) => [x.year, { drafts: x.drafts, unreleased: x.unreleased, unanswered: x.unanswered }]));
}

/**
 * Every centre's counts for `year`, by centre id (coordination or retention
 * scope; centres without a record of the year are absent).
 */
export async function missingByCentre(trx: Tx, year: number): Promise<Map<string, Missing>> {
  const r = await sql<{ centre_id: string } & Missing>`
    SELECT centre_id, drafts, unreleased, unanswered FROM case_record_progress(${year})`.execute(trx);
  return new Map(
    r.rows.map((x) => [x.centre_id, { drafts: x.drafts, unreleased: x.unreleased, unanswered: x.unanswered }]),
  );
}

/** The centres by name (coordination scope), for the office's table. */
export async function centreNames(trx: Tx): Promise<{ id: string; name: string }[]> {
  return trx.selectFrom('centre').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
