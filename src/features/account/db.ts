/**
 * Table types this feature adds in migrations/0005_account_enrolment.sql, on
 * top of the shared schema (src/platform/db/schema.ts). `accountTx` gives a
 * scoped transaction these types; it is the same transaction object.
 */
import type { Transaction } from 'kysely';
import type { DB, InvitationTable } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';

export interface WebauthnChallengeTable {
  session_hash: string;
  purpose: 'register' | 'authenticate';
  user_id: string;
  challenge: string;
  expires_at: Date;
}

export type AccountDB = Omit<DB, 'invitation'> & {
  invitation: InvitationTable & { display_name: string | null };
  webauthn_challenge: WebauthnChallengeTable;
};

export type AccountTx = Transaction<AccountDB>;

/** The caller's scoped transaction, typed with this feature's tables. */
export function accountTx(trx: Tx): AccountTx {
  return trx as unknown as AccountTx;
}
