/**
 * Writing synthetic case records in bulk. One statement per batch, whatever
 * its size: each column travels as one array parameter and `unnest` turns
 * the arrays back into rows, so 5,000 records cost 31 parameters instead of
 * 155,000 and the statement is parsed once. It runs in the caller's
 * transaction and scope: row-level security decides, as for any other
 * write, that a centre writes only its own records.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/tenant.ts';
import type { SyntheticCase } from './generator.ts';

/** Rows per statement: large enough to amortise the round trip, small enough for PGlite's memory. */
export const INSERT_BATCH = 5000;

/**
 * A text[] value as an array literal. The generator's values are vocabulary
 * words and ISO codes (letters, digits, underscores), which need no quoting;
 * anything else is refused rather than quoted.
 */
function arrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  for (const v of values) if (!/^[A-Za-z0-9_]+$/.test(v)) throw new Error(`unexpected array element ${v}`);
  return `{${values.join(',')}}`;
}

/** Insert `rows` (any number; split into batches) into case_record. */
export async function insertCaseRecords(trx: Tx, rows: readonly SyntheticCase[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const b = rows.slice(i, i + INSERT_BATCH);
    const col = <T>(f: (r: SyntheticCase) => T) => b.map(f);
    await sql`
      INSERT INTO case_record (
        id, centre_id, status, first_contact_year, first_contact_quarter, consent_statistics, released_at,
        possibly_counted_elsewhere, trafficking_status, gender, age_at_first_contact, age_unknown,
        minor_at_exploitation, unaccompanied_minor, citizenship, country_of_recruitment, country_of_exploitation,
        exploitation_forms, labour_sector, means_of_control, recruiter_relation, first_contact_online,
        exploitation_timing, asylum_stage, residence_status_first, residence_status_end, referral_source,
        criminal_proceedings, support_provided, created_at, updated_at)
      SELECT id, centre_id, status, first_contact_year, first_contact_quarter, consent_statistics, released_at,
        possibly_counted_elsewhere, trafficking_status, gender, age_at_first_contact, age_unknown,
        minor_at_exploitation, unaccompanied_minor, citizenship, country_of_recruitment::text[],
        country_of_exploitation::text[], exploitation_forms::text[], labour_sector, means_of_control::text[],
        recruiter_relation, first_contact_online, exploitation_timing::text[], asylum_stage, residence_status_first,
        residence_status_end, referral_source, criminal_proceedings, support_provided::text[], created_at, updated_at
      FROM unnest(
        ${col((r) => r.id)}::uuid[], ${col((r) => r.centre_id)}::uuid[], ${col((r) => r.status)}::text[],
        ${col((r) => r.first_contact_year)}::int[], ${col((r) => r.first_contact_quarter)}::smallint[],
        ${col((r) => r.consent_statistics)}::boolean[], ${col((r) => r.released_at)}::timestamptz[],
        ${col((r) => r.possibly_counted_elsewhere)}::text[], ${col((r) => r.trafficking_status)}::text[],
        ${col((r) => r.gender)}::text[], ${col((r) => r.age_at_first_contact)}::smallint[],
        ${col((r) => r.age_unknown)}::boolean[], ${col((r) => r.minor_at_exploitation)}::text[],
        ${col((r) => r.unaccompanied_minor)}::text[], ${col((r) => r.citizenship)}::text[],
        ${col((r) => arrayLiteral(r.country_of_recruitment))}::text[],
        ${col((r) => arrayLiteral(r.country_of_exploitation))}::text[],
        ${col((r) => arrayLiteral(r.exploitation_forms))}::text[], ${col((r) => r.labour_sector)}::text[],
        ${col((r) => arrayLiteral(r.means_of_control))}::text[], ${col((r) => r.recruiter_relation)}::text[],
        ${col((r) => r.first_contact_online)}::text[], ${col((r) => arrayLiteral(r.exploitation_timing))}::text[],
        ${col((r) => r.asylum_stage)}::text[], ${col((r) => r.residence_status_first)}::text[],
        ${col((r) => r.residence_status_end)}::text[], ${col((r) => r.referral_source)}::text[],
        ${col((r) => r.criminal_proceedings)}::text[], ${col((r) => arrayLiteral(r.support_provided))}::text[],
        ${col((r) => r.created_at)}::timestamptz[], ${col((r) => r.updated_at)}::timestamptz[]
      ) AS t(id, centre_id, status, first_contact_year, first_contact_quarter, consent_statistics, released_at,
        possibly_counted_elsewhere, trafficking_status, gender, age_at_first_contact, age_unknown,
        minor_at_exploitation, unaccompanied_minor, citizenship, country_of_recruitment, country_of_exploitation,
        exploitation_forms, labour_sector, means_of_control, recruiter_relation, first_contact_online,
        exploitation_timing, asylum_stage, residence_status_first, residence_status_end, referral_source,
        criminal_proceedings, support_provided, created_at, updated_at)`.execute(trx);
  }
}

/** Which of `ids` are centres (in a scope that sees every centre: coordination or admin). */
export async function existingCentres(trx: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('centre').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Does the installation have any reporting year (in a scope that reads them)? */
export async function anyReportingYear(trx: Tx): Promise<boolean> {
  return (await trx.selectFrom('reporting_year').select('year').limit(1).executeTakeFirst()) !== undefined;
}
