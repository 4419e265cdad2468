/**
 * The rows behind the own-account pages: the account itself and its
 * one-time recovery codes (the way back in when the authenticator is lost).
 * Recovery codes are shown once; only their keyed hashes are stored
 * (security/recovery-codes.ts explains HMAC instead of argon2). A new set
 * always replaces the whole old one, so a printed list that may have leaked
 * stops working the moment a new one exists.
 */
import type { Role } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../../platform/security/recovery-codes.ts';

/**
 * Replace the user's recovery codes with a fresh set.
 * @param ring `app.keys.server`
 * @returns the codes in clear, to show exactly once
 */
export async function replaceRecoveryCodes(
  trx: Tx,
  ring: KeyRing,
  user: { id: string; centreId: string | null },
): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
  await trx
    .insertInto('recovery_code')
    .values(
      codes.map((code, idx) => ({
        user_id: user.id,
        centre_id: user.centreId,
        idx,
        code_hash: hashRecoveryCode(code, ring),
      })),
    )
    .execute();
  return codes;
}

/** How many unused codes the user has left (the account page shows it). */
export async function unusedRecoveryCodeCount(trx: Tx, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Name, address and role of the signed-in user (visible in every scope the user's own requests run in). */
export async function ownAccount(trx: Tx, userId: string): Promise<{ displayName: string; email: string; role: Role }> {
  const u = await trx
    .selectFrom('app_user')
    .select(['display_name', 'email', 'role'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { displayName: u.display_name, email: u.email, role: u.role };
}

export async function setPasswordHash(trx: Tx, userId: string, hash: string): Promise<void> {
  await trx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', userId).execute();
}
