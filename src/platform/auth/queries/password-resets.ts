/**
 * Password-reset tokens: random 256-bit values in the link, only their
 * SHA-256 stored, valid for one hour and once. Only the newest request's
 * link works (earlier open ones are closed when a new one is made).
 */
import type { Tx } from '../../db/tenant.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { isTokenShaped } from './invitations.ts';

const RESET_TTL_MS = 60 * 60_000;
/** Requests per account per hour beyond which no more mails go out (inbox flooding). */
export const RESET_REQUESTS_PER_HOUR = 3;

export type OpenReset = {
  tokenHash: string;
  userId: string;
  centreId: string | null;
  email: string;
  displayName: string;
};

/** Close the user's open reset links (after a reset, before a new link, on disabling). */
export async function closeOpenResets(trx: Tx, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** How many reset links the user requested within the last hour. */
export async function recentResetCount(trx: Tx, userId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('password_reset')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', new Date(now.getTime() - 60 * 60_000))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new reset link for the user. @returns the token (shown once in the mail, never stored) */
export async function createReset(trx: Tx, user: { id: string; centreId: string | null }, now: Date): Promise<string> {
  await closeOpenResets(trx, user.id, now);
  const token = randomToken(32);
  await trx
    .insertInto('password_reset')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      centre_id: user.centreId,
      created_at: now,
      expires_at: new Date(now.getTime() + RESET_TTL_MS),
    })
    .execute();
  return token;
}

/**
 * The open reset for `token` of an enabled, enrolled account, or null
 * (unknown, used, expired, or the account disabled — all alike).
 */
export async function findOpenReset(trx: Tx, token: string, now: Date): Promise<OpenReset | null> {
  if (!isTokenShaped(token)) return null;
  const row = await trx
    .selectFrom('password_reset as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.token_hash', 'r.user_id', 'u.centre_id', 'u.email', 'u.display_name'])
    .where('r.token_hash', '=', hashToken(token))
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .where('u.mfa_enrolled_at', 'is not', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    centreId: row.centre_id,
    email: row.email,
    displayName: row.display_name,
  };
}

/** Mark the reset used if still open; false when another request got there first. */
export async function consumeReset(trx: Tx, tokenHash: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
