/**
 * Pending e-mail changes (migrations/0007_email_change.sql): a random
 * 256-bit token in the link to the new address, only its SHA-256 stored,
 * valid for 24 hours and once. Only the newest request's link works.
 */
import type { Tx } from '../../db/tenant.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { isTokenShaped } from './invitations.ts';

const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;

export type OpenEmailChange = {
  tokenHash: string;
  userId: string;
  centreId: string | null;
  newEmail: string;
  oldEmail: string;
};

/** Close the user's open change links (before a new one, after a change). */
export async function closeOpenEmailChanges(trx: Tx, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('email_change')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** A new change link for the user. @returns the token (shown once in the mail, never stored) */
export async function createEmailChange(
  trx: Tx,
  user: { id: string; centreId: string | null },
  newEmail: string,
  now: Date,
): Promise<string> {
  await closeOpenEmailChanges(trx, user.id, now);
  const token = randomToken(32);
  await trx
    .insertInto('email_change')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      centre_id: user.centreId,
      new_email: newEmail,
      created_at: now,
      expires_at: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS),
    })
    .execute();
  return token;
}

/**
 * The open change for `token` of an enabled account, or null (unknown,
 * used, expired, or the account disabled — all alike).
 */
export async function findOpenEmailChange(trx: Tx, token: string, now: Date): Promise<OpenEmailChange | null> {
  if (!isTokenShaped(token)) return null;
  const row = await trx
    .selectFrom('email_change as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .select(['c.token_hash', 'c.user_id', 'u.centre_id', 'c.new_email', 'u.email'])
    .where('c.token_hash', '=', hashToken(token))
    .where('c.used_at', 'is', null)
    .where('c.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    centreId: row.centre_id,
    newEmail: row.new_email,
    oldEmail: row.email,
  };
}

/** Mark the change used if still open; false when another request got there first. */
export async function consumeEmailChange(trx: Tx, tokenHash: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('email_change')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
