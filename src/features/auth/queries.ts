/** The rows the sign-in flow, re-authentication and the session list read and write. */
import { accountState, type AccountState, type AccountStateRow } from '../../platform/auth/queries/users.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { SessionFactor } from '../../platform/auth/session.ts';
import { updatedOne } from '../../platform/db/updates.ts';

export type AuthUser = AccountState & { passwordHash: string | null; hasTotp: boolean };

const COLUMNS = [
  'id',
  'email',
  'role',
  'centre_id',
  'password_hash',
  'totp_secret',
  'mfa_enrolled_at',
  'disabled_at',
] as const;

function toUser(r: AccountStateRow & { password_hash: string | null; totp_secret: string | null }): AuthUser {
  return { ...accountState(r), passwordHash: r.password_hash, hasTotp: r.totp_secret !== null };
}

export async function findUserByEmail(trx: Tx, email: string): Promise<AuthUser | null> {
  const r = await trx.selectFrom('app_user').select(COLUMNS).where('email', '=', email).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserById(trx: Tx, id: string): Promise<AuthUser | null> {
  const r = await trx.selectFrom('app_user').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

/** Has the user registered at least one passkey (so the passkey button is worth showing)? */
export async function hasPasskey(trx: Tx, userId: string): Promise<boolean> {
  const r = await trx
    .selectFrom('webauthn_credential')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Move the user's last accepted TOTP step forward (and store a re-encrypted
 * secret where its key rotated). Conditional: of two parallel requests with
 * the same code only one moves the step; the other sees no row updated and
 * fails (replay).
 */
export async function advanceTotpStep(
  trx: Tx,
  userId: string,
  step: number,
  reencryptedSecret: string | null,
): Promise<boolean> {
  return updatedOne(
    trx
      .updateTable('app_user')
      .set({ totp_last_step: step, ...(reencryptedSecret ? { totp_secret: reencryptedSecret } : {}) })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))])),
  );
}

/** The user's unused recovery codes (keyed hashes), in order. */
export async function unusedRecoveryCodes(trx: Tx, userId: string): Promise<{ idx: number; code_hash: string }[]> {
  return trx
    .selectFrom('recovery_code')
    .select(['idx', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('idx')
    .execute();
}

/** Mark one recovery code used; false when another request used it first. */
export async function useRecoveryCode(trx: Tx, userId: string, idx: number, now: Date): Promise<boolean> {
  return updatedOne(
    trx
      .updateTable('recovery_code')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('idx', '=', idx)
      .where('used_at', 'is', null),
  );
}

/** Store a new password hash (after a sign-in found the old one's parameters outdated). */
export async function updatePasswordHash(trx: Tx, userId: string, hash: string): Promise<void> {
  await trx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export type OwnSessionRow = {
  token_hash: string;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  stage: 'password' | 'full';
  second_factor: SessionFactor | null;
};

/** A user's sessions, newest first. */
export async function sessionsOf(trx: Tx, userId: string): Promise<OwnSessionRow[]> {
  return trx
    .selectFrom('user_session')
    .select(['token_hash', 'user_agent', 'created_at', 'last_seen_at', 'stage', 'second_factor'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** End these sessions of the user; returns how many ended. */
export async function deleteSessionsOf(trx: Tx, userId: string, tokenHashes: readonly string[]): Promise<number> {
  if (tokenHashes.length === 0) return 0;
  const r = await trx
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .where('token_hash', 'in', tokenHashes)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
