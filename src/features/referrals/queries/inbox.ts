/**
 * The receiving centre's side of referrals: its inbox, one referral with its
 * sealed content, the decisions, and what the scheduled jobs read and write.
 *
 * Scopes (migrations/0023):
 * - 'centre': everything a centre member does, and the jobs' per-centre
 *   work (reminding, closing) — row-level security confines each to the
 *   centre's own referrals; the coordination office and administrators see
 *   none.
 * - 'intake': which centres a referral may be forwarded to (those with an
 *   active member) and the addresses the "a referral waits" mail goes to —
 *   the one scope that may read them, and it reads no referral.
 * - 'retention': the jobs' look across centres for what is due, and the
 *   deletion — the only scope that may delete a referral.
 */
import { sql } from 'kysely';
import type { ReferralStatus } from '../../../platform/db/schema.ts';
import { enterScope, type Tx } from '../../../platform/db/tenant.ts';
import type { SealedReferral } from '../crypto.ts';
import type { DeclineReason, Urgency } from '../schema.ts';
import { receivingCentres, recipientsOf } from './intake.ts';

/** A row of the inbox: nothing of the content. */
export type InboxRow = {
  id: string;
  status: ReferralStatus;
  urgency: Urgency;
  createdAt: Date;
};

/** The most the inbox lists; a centre with more open referrals than this has other problems first. */
const INBOX_LIMIT = 500;

/**
 * The centre's referrals: open ones before closed ones, the most urgent
 * first, then the newest. Row-level security limits them to the scope's centre.
 */
export async function inbox(trx: Tx): Promise<InboxRow[]> {
  const rows = await trx
    .selectFrom('referral')
    .select(['id', 'status', 'urgency', 'created_at'])
    .orderBy(sql`CASE WHEN status = 'closed' THEN 1 ELSE 0 END`)
    .orderBy(sql`CASE urgency WHEN 'immediate' THEN 0 WHEN 'days' THEN 1 ELSE 2 END`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(INBOX_LIMIT)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, urgency: r.urgency, createdAt: new Date(r.created_at) }));
}

/** Statuses in which a referral waits for the centre to take it on. */
const WAITING: readonly ReferralStatus[] = ['received', 'forwarded'];

/** How many of the scope's referrals wait to be accepted. */
export async function countWaiting(trx: Tx): Promise<number> {
  const r = await trx
    .selectFrom('referral')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', 'in', WAITING)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One referral as the decisions need it: the plain columns and the sealed content. */
export type ReferralRecord = {
  id: string;
  centreId: string;
  status: ReferralStatus;
  urgency: Urgency;
  forwardingConsent: boolean;
  declineReason: DeclineReason | null;
  createdAt: Date;
  closedAt: Date | null;
  sealed: SealedReferral;
};

/** The referral with this id in the scope (null: none, or another centre's). */
export async function referralById(trx: Tx, id: string): Promise<ReferralRecord | null> {
  const r = await trx
    .selectFrom('referral')
    .select([
      'id',
      'centre_id',
      'status',
      'urgency',
      'forwarding_consent',
      'decline_reason',
      'decline_note',
      'payload',
      'wrapped_key',
      'centre_key_version',
      'created_at',
      'closed_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    centreId: r.centre_id,
    status: r.status,
    urgency: r.urgency,
    forwardingConsent: r.forwarding_consent,
    declineReason: r.decline_reason,
    createdAt: new Date(r.created_at),
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    sealed: {
      payload: r.payload,
      wrappedKey: r.wrapped_key,
      centreKeyVersion: r.centre_key_version,
      declineNote: r.decline_note,
    },
  };
}

export type HistoryEntry = { status: ReferralStatus; at: Date };

/** What happened to the referral when, oldest first. */
export async function historyOf(trx: Tx, referralId: string): Promise<HistoryEntry[]> {
  const rows = await trx
    .selectFrom('referral_status_event')
    .select(['status', 'at'])
    .where('referral_id', '=', referralId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ status: r.status, at: new Date(r.at) }));
}

/** Append to the referral's history (before a forwarding moves it away: the row must still be the centre's). */
export async function appendHistory(
  trx: Tx,
  e: { id: string; referralId: string; status: Exclude<ReferralStatus, 'received'>; at: Date },
): Promise<void> {
  await trx
    .insertInto('referral_status_event')
    .values({ id: e.id, referral_id: e.referralId, status: e.status, at: e.at })
    .execute();
}

/**
 * Set a new status in the scope's centre. Closing clears the decline reason
 * and note (the table keeps a reason only on a declined referral).
 * @returns whether the row was changed (false: gone, or no longer in `from`)
 */
export async function setStatus(
  trx: Tx,
  id: string,
  change:
    | { status: 'accepted'; at: Date }
    | { status: 'declined'; at: Date; reason: DeclineReason; note: string | null }
    | { status: 'closed'; at: Date },
  from: readonly ReferralStatus[],
): Promise<boolean> {
  const r = await trx
    .updateTable('referral')
    .set({
      status: change.status,
      status_changed_at: change.at,
      decline_reason: change.status === 'declined' ? change.reason : null,
      decline_note: change.status === 'declined' ? change.note : null,
      closed_at: change.status === 'closed' ? change.at : null,
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Forwarding: the row moves to the receiving centre with content and data
 * key replaced in the same UPDATE (the old ciphertext and the old wrapped
 * key are overwritten, not kept beside the new ones). Row-level security
 * lets a centre write another centre's id only in a transaction whose scope
 * names this referral (`forwarding`), as status 'forwarded', with itself as
 * `forwarded_from`, on a referral whose sender consented (migrations/0023).
 * The reminder starts afresh for the receiving centre.
 */
export async function moveToCentre(
  trx: Tx,
  id: string,
  move: { fromCentreId: string; toCentreId: string; sealed: SealedReferral; at: Date },
  from: readonly ReferralStatus[],
): Promise<boolean> {
  const { sealed: s, at } = move;
  const r = await trx
    .updateTable('referral')
    .set({
      centre_id: move.toCentreId,
      forwarded_from: move.fromCentreId,
      status: 'forwarded',
      status_changed_at: at,
      payload: s.payload,
      wrapped_key: s.wrappedKey,
      centre_key_version: s.centreKeyVersion,
      decline_reason: null,
      decline_note: null,
      closed_at: null,
      reminded_at: null,
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .where('forwarding_consent', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type CentreOption = { id: string; name: string };

/**
 * Inside a centre's transaction: the other centres a referral may be
 * forwarded to (those with an active member) and, for `to`, the addresses
 * of its active members. Read in the 'intake' scope — the one that may read
 * them, and that reads no referral — then the transaction returns to the
 * centre's own scope.
 */
export async function forwardingTargets(
  trx: Tx,
  centreId: string,
  to?: string,
): Promise<{ centres: CentreOption[]; recipients: string[] }> {
  await enterScope(trx, { kind: 'intake' });
  const centres = (await receivingCentres(trx)).filter((c) => c.id !== centreId).map(({ id, name }) => ({ id, name }));
  const recipients = to && centres.some((c) => c.id === to) ? await recipientsOf(trx, to) : [];
  await enterScope(trx, { kind: 'centre', centreId });
  return { centres, recipients };
}

// --- The scheduled jobs -----------------------------------------------------

export type DueReferral = { id: string; centreId: string };

/** ('retention' scope) Not closed, never reminded, and received at or before `cutoff`. */
export function dueForReminder(trx: Tx, cutoff: Date): Promise<DueReferral[]> {
  return trx
    .selectFrom('referral')
    .select(['id', 'centre_id as centreId'])
    .where('status', '<>', 'closed')
    .where('reminded_at', 'is', null)
    .where('created_at', '<=', cutoff)
    .orderBy('centre_id')
    .orderBy('id')
    .execute();
}

/** ('retention' scope) Not closed and received at or before `cutoff`. */
export function dueForClosing(trx: Tx, cutoff: Date): Promise<DueReferral[]> {
  return trx
    .selectFrom('referral')
    .select(['id', 'centre_id as centreId'])
    .where('status', '<>', 'closed')
    .where('created_at', '<=', cutoff)
    .orderBy('centre_id')
    .orderBy('id')
    .execute();
}

/** ('retention' scope) Closed at or before `cutoff`. */
export function dueForDeletion(trx: Tx, cutoff: Date): Promise<DueReferral[]> {
  return trx
    .selectFrom('referral')
    .select(['id', 'centre_id as centreId'])
    .where('status', '=', 'closed')
    .where('closed_at', '<=', cutoff)
    .orderBy('centre_id')
    .orderBy('id')
    .execute();
}

/**
 * ('centre' scope) Mark referrals reminded; only those not reminded yet, so
 * a run taken over after its lease reminds nobody twice.
 * @returns the ids now marked
 */
export async function markReminded(trx: Tx, ids: readonly string[], at: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .updateTable('referral')
    .set({ reminded_at: at })
    .where('id', 'in', ids)
    .where('reminded_at', 'is', null)
    .where('status', '<>', 'closed')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * ('retention' scope) Delete the referral if it is still closed since
 * `cutoff` or earlier: its history, then the row with its ciphertext and
 * wrapped data key. @returns whether it was deleted
 */
export async function deleteReferral(trx: Tx, id: string, cutoff: Date): Promise<boolean> {
  const still = await trx
    .selectFrom('referral')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'closed')
    .where('closed_at', '<=', cutoff)
    .executeTakeFirst();
  if (!still) return false;
  await trx.deleteFrom('referral_status_event').where('referral_id', '=', id).execute();
  const r = await trx.deleteFrom('referral').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
