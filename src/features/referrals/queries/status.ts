/**
 * The status page's one query, in the 'receipt' scope (migrations/0023): the
 * database shows that scope only the referral whose receipt-code hash the
 * visitor presented, its history and its current centre's name. Nothing of
 * the content is selected.
 */
import type { ReferralStatus } from '../../../platform/db/schema.ts';
import type { Tx } from '../../../platform/db/tenant.ts';
import type { DeclineReason } from '../schema.ts';

export type ReferralStatusView = {
  status: ReferralStatus;
  centreName: string;
  declineReason: DeclineReason | null;
  history: { status: ReferralStatus; at: Date }[];
};

/** The referral the scope's receipt hashes name, or null when there is none. */
export async function statusByReceipt(trx: Tx): Promise<ReferralStatusView | null> {
  const row = await trx
    .selectFrom('referral as r')
    .innerJoin('centre as c', 'c.id', 'r.centre_id')
    .select(['r.id', 'r.status', 'r.decline_reason', 'c.name'])
    .executeTakeFirst();
  if (!row) return null;
  const history = await trx
    .selectFrom('referral_status_event')
    .select(['status', 'at'])
    .where('referral_id', '=', row.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    status: row.status,
    centreName: row.name,
    declineReason: row.decline_reason,
    history: history.map((h) => ({ status: h.status, at: new Date(h.at) })),
  };
}
