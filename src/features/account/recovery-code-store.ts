/**
 * A user's one-time recovery codes (the way back in when the authenticator
 * is lost). The codes are shown once; only their keyed hashes are stored
 * (security/recovery-codes.ts explains HMAC instead of argon2). A new set
 * always replaces the whole old one, so a printed list that may have leaked
 * stops working the moment a new one exists.
 */
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
