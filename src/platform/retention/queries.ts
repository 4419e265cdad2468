/**
 * The retention purge's deletions (purge-job.ts holds the periods and runs
 * them in the 'retention' scope, the only one that may delete one-time
 * links and outbox mails). Each takes the cut-off time from the job's clock
 * and returns how many rows it deleted.
 */
import type { Tx } from '../db/tenant.ts';

/** Throttle counters whose window started, and whose lock (if any) ended, at or before `cutoff`. */
export async function deleteThrottleCounters(trx: Tx, cutoff: Date): Promise<number> {
  const r = await trx
    .deleteFrom('auth_throttle')
    .where('window_start', '<=', cutoff)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', cutoff)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Outbox mails sent at or before `cutoff`, and those never sent that were written by then. */
export async function deleteOutboxMails(trx: Tx, cutoff: Date): Promise<number> {
  const r = await trx
    .deleteFrom('outbox_mail')
    .where((eb) => eb(eb.fn.coalesce('sent_at', 'created_at'), '<=', cutoff))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** One-time links that ended — expired, or used (or closed) — at or before `cutoff`. */
export async function deleteEndedLinks(
  trx: Tx,
  table: 'invitation' | 'password_reset' | 'email_change',
  cutoff: Date,
): Promise<number> {
  const r = await trx
    .deleteFrom(table)
    .where((eb) => eb.or([eb('expires_at', '<=', cutoff), eb('used_at', '<=', cutoff)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Passkey challenges that expired at or before `cutoff` (a used one is deleted when it is used). */
export async function deleteExpiredChallenges(trx: Tx, cutoff: Date): Promise<number> {
  const r = await trx.deleteFrom('webauthn_challenge').where('expires_at', '<=', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Readers' error reports handled at or before `cutoff`; open ones stay whatever their age. */
export async function deleteHandledReports(trx: Tx, cutoff: Date): Promise<number> {
  const r = await trx.deleteFrom('entry_report').where('handled_at', '<=', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
