/** The `app_user` rows user administration reads and changes (accounts.ts holds the rules). */
import {
  accountState,
  updateAccountIf,
  type AccountState,
  type AccountStateRow,
} from '../../platform/auth/queries/users.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../platform/auth/session.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';

export type AccountSummary = AccountState & { displayName: string; centreName: string | null; createdAt: Date };

function summaries(trx: Tx) {
  return trx
    .selectFrom('app_user as u')
    .leftJoin('centre as c', 'c.id', 'u.centre_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.centre_id',
      'c.name as centre_name',
      'u.disabled_at',
      'u.mfa_enrolled_at',
      'u.created_at',
    ]);
}

type SummaryRow = AccountStateRow & { display_name: string; centre_name: string | null; created_at: Date };

function toSummary(r: SummaryRow): AccountSummary {
  return {
    ...accountState(r),
    displayName: r.display_name,
    centreName: r.centre_name,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Every account the transaction's scope can see, without secrets: by role
 * and address (the operator's list) or by name (the web list).
 */
export async function listAccountSummaries(trx: Tx, order: 'role' | 'name'): Promise<AccountSummary[]> {
  const q = summaries(trx);
  const ordered =
    order === 'role' ? q.orderBy('u.role').orderBy('u.email') : q.orderBy('u.display_name').orderBy('u.id');
  return (await ordered.execute()).map(toSummary);
}

/** One account by id (a UUID; the caller checks the shape), or null when unknown or outside the scope. */
export async function accountById(trx: Tx, id: string): Promise<AccountSummary | null> {
  const row = await summaries(trx).where('u.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** One account by its (stored, lower-case) address, or null. */
export async function accountByEmail(trx: Tx, email: string): Promise<AccountSummary | null> {
  const row = await summaries(trx).where('u.email', '=', email).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/**
 * The account's signed-in sessions that have not timed out at `now`.
 * Expired rows are refused on use and purged lazily, so they are not counted.
 */
export async function openSessionCount(trx: Tx, userId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('stage', '=', 'full')
    .where('last_seen_at', '>', new Date(now.getTime() - IDLE_TIMEOUT_MS))
    .where('created_at', '>', new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Disable the account if it is not yet; returns whether this call disabled it (a parallel one may have). */
export function markDisabled(trx: Tx, userId: string, now: Date): Promise<boolean> {
  return updateAccountIf(trx, userId, { enabled: true }, { disabled_at: now });
}

/** Give an enabled account role `to`, only if it still has role `from` (a parallel change wins). */
export function switchRole(trx: Tx, userId: string, from: Role, to: Role): Promise<boolean> {
  return updateAccountIf(trx, userId, { enabled: true, role: from }, { role: to });
}

/** Remove the account's TOTP secret, passkeys and recovery codes; returns how many passkeys went. */
export async function removeSecondFactors(trx: Tx, userId: string): Promise<number> {
  await trx
    .updateTable('app_user')
    .set({ totp_secret: null, totp_last_step: null, mfa_enrolled_at: null })
    .where('id', '=', userId)
    .execute();
  const passkeys = await trx.deleteFrom('webauthn_credential').where('user_id', '=', userId).executeTakeFirst();
  await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  return Number(passkeys.numDeletedRows);
}

/** Re-admit a disabled account without its old password (the person sets a new one through a setup link). */
export async function enableWithoutPassword(trx: Tx, userId: string): Promise<void> {
  await trx.updateTable('app_user').set({ disabled_at: null, password_hash: null }).where('id', '=', userId).execute();
}

/** Is there any administrator account at all? */
export async function anyAdministrator(trx: Tx): Promise<boolean> {
  const row = await trx.selectFrom('app_user').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The centres an administrator may invite a centre lead into, by name. */
export async function centresForInvitation(trx: Tx): Promise<{ id: string; name: string }[]> {
  return trx.selectFrom('centre').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
