/**
 * Every statement of the public referral form, in the 'intake' scope
 * (migrations/0023): it sees the centres with an active member and those
 * members' addresses, reads and creates centre keys, and inserts a new
 * referral with its first history step. It reads no referral.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../platform/db/tenant.ts';
import type { SealedReferral } from '../crypto.ts';
import type { Urgency } from '../schema.ts';

/** `serviceId`: the directory entry the centre maintains, as the finder and the guide name it. */
export type ReceivingCentre = { id: string; name: string; serviceId: string | null };

/** The centres the form offers: those with at least one active lead or counsellor, by name. */
export async function receivingCentres(trx: Tx): Promise<ReceivingCentre[]> {
  return trx
    .selectFrom('centre as c')
    .select(['c.id', 'c.name', 'c.service_id as serviceId'])
    .where((eb) =>
      eb.exists(eb.selectFrom('referral_recipient as r').select('r.user_id').whereRef('r.centre_id', '=', 'c.id')),
    )
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

/**
 * The addresses of the centre's active leads and counsellors (empty: the
 * centre takes no referrals now). Read by the intake, by a centre that
 * forwards, and by the reminder job; the table's policy decides which scope may.
 */
export async function recipientsOf(trx: Tx, centreId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('referral_recipient')
    .select('email')
    .where('centre_id', '=', centreId)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

export type NewReferral = {
  id: string;
  centreId: string;
  urgency: Urgency;
  forwardingConsent: boolean;
  sealed: SealedReferral;
  receiptHash: string;
};

/** Store a received referral and its first history step (no RETURNING: the intake may not read it back). */
export async function insertReferral(trx: Tx, r: NewReferral, now: Date): Promise<void> {
  await trx
    .insertInto('referral')
    .values({
      id: r.id,
      centre_id: r.centreId,
      status: 'received',
      urgency: r.urgency,
      forwarding_consent: r.forwardingConsent,
      payload: r.sealed.payload,
      wrapped_key: r.sealed.wrappedKey,
      centre_key_version: r.sealed.centreKeyVersion,
      receipt_hash: r.receiptHash,
      created_at: now,
      status_changed_at: now,
    })
    .execute();
  await trx
    .insertInto('referral_status_event')
    .values({ id: randomUUID(), referral_id: r.id, status: 'received', at: now })
    .execute();
}
