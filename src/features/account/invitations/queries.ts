/** The account rows an invitation creates or re-enrols. */
import type { Role } from '../../../platform/db/schema.ts';
import type { Tx } from '../../../platform/db/tenant.ts';
import { accountState, type AccountState } from '../../../platform/auth/queries/users.ts';

/** The account that already uses `email`, with what decides whether an invitation may re-enrol it. */
export async function accountForEnrolment(trx: Tx, email: string): Promise<AccountState | null> {
  const row = await trx
    .selectFrom('app_user')
    .select(['id', 'email', 'role', 'centre_id', 'mfa_enrolled_at', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? accountState(row) : null;
}

export async function insertEnrolledAccount(
  trx: Tx,
  a: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    centreId: string | null;
    passwordHash: string;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('app_user')
    .values({
      id: a.id,
      email: a.email,
      display_name: a.displayName,
      role: a.role,
      centre_id: a.centreId,
      password_hash: a.passwordHash,
      mfa_enrolled_at: a.now,
      created_at: a.now,
    })
    .execute();
}

export async function reEnrolAccount(
  trx: Tx,
  a: { id: string; displayName: string; passwordHash: string; now: Date },
): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({ display_name: a.displayName, password_hash: a.passwordHash, mfa_enrolled_at: a.now })
    .where('id', '=', a.id)
    .execute();
}
