/**
 * The reporting years' scheduled work: which reminders went out, whom to
 * remind, and the deletion of a year's records when their retention period
 * has passed. The reminder bookkeeping and the deletion run in the
 * 'retention' scope (a job, never a request); the leads' addresses are read
 * in the reminded centre's own scope.
 */
import type { Tx } from '../../../platform/db/tenant.ts';

/**
 * Note that the reminder `daysBefore` the deadline of `year` is being sent;
 * false when it was sent before (for this deadline), so it goes out once.
 */
export async function claimReminder(
  trx: Tx,
  r: { year: number; releaseDeadline: string; daysBefore: number; centres: number },
  now: Date,
): Promise<boolean> {
  const row = await trx
    .insertInto('reporting_year_reminder')
    .values({
      year: r.year,
      release_deadline: r.releaseDeadline,
      days_before: r.daysBefore,
      sent_at: now,
      centres: r.centres,
    })
    .onConflict((oc) => oc.columns(['year', 'release_deadline', 'days_before']).doNothing())
    .returning('year')
    .executeTakeFirst();
  return row !== undefined;
}

/** The open years with their deadlines (retention scope reads them). */
export async function openYearDeadlines(trx: Tx): Promise<{ year: number; releaseDeadline: string }[]> {
  const rows = await trx
    .selectFrom('reporting_year')
    .select(['year', 'release_deadline'])
    .where('status', '=', 'open')
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ year: r.year, releaseDeadline: r.release_deadline }));
}

/** The active, enrolled leads of the centre whose scope the transaction is in. */
export async function leadAddresses(trx: Tx, centreId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('app_user')
    .select('email')
    .where('centre_id', '=', centreId)
    .where('role', '=', 'centre_lead')
    .where('disabled_at', 'is', null)
    .where('mfa_enrolled_at', 'is not', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** Closed years whose (last) closing was at or before `cutoff`. */
export async function yearsClosedBefore(trx: Tx, cutoff: Date): Promise<number[]> {
  const rows = await trx
    .selectFrom('reporting_year')
    .select('year')
    .where('status', '=', 'closed')
    .where('closed_at', '<=', cutoff)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

/**
 * Delete up to `limit` records of `year` (retention scope, the only one that
 * may delete a closed year's records); returns the centre of each.
 */
export async function deleteYearRecords(trx: Tx, year: number, limit: number): Promise<string[]> {
  const rows = await trx
    .deleteFrom('case_record')
    .where('id', 'in', (eb) =>
      eb.selectFrom('case_record').select('id').where('first_contact_year', '=', year).limit(limit),
    )
    .returning('centre_id')
    .execute();
  return rows.map((r) => r.centre_id);
}
