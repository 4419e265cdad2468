/** The `app_user` columns the kernel's sign-in code reads and writes. */
import { sql, type Updateable } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { updatedOne } from '../../db/updates.ts';

/** An account's identity and state, as every reader of `app_user` names them. */
export type AccountState = {
  id: string;
  email: string;
  role: Role;
  centreId: string | null;
  /** A second factor is enrolled (without one the account cannot complete a sign-in). */
  enrolled: boolean;
  disabled: boolean;
};

/** The `app_user` columns AccountState is read from. */
export type AccountStateRow = {
  id: string;
  email: string;
  role: Role;
  centre_id: string | null;
  mfa_enrolled_at: Date | null;
  disabled_at: Date | null;
};

export function accountState(r: AccountStateRow): AccountState {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    centreId: r.centre_id,
    enrolled: r.mfa_enrolled_at !== null,
    disabled: r.disabled_at !== null,
  };
}

/** The user whose sign-in completes, with what decides the session's rights. */
export async function sessionOwner(
  trx: Tx,
  userId: string,
): Promise<{ id: string; email: string; role: Role; centreId: string | null; disabled: boolean }> {
  const u = await trx
    .selectFrom('app_user')
    .select(['id', 'email', 'role', 'centre_id', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, role: u.role, centreId: u.centre_id, disabled: u.disabled_at !== null };
}

/** A user's stored (encrypted) TOTP secret and the last accepted time step; null when not visible. */
export async function totpColumns(
  trx: Tx,
  userId: string,
): Promise<{ id: string; centreId: string | null; secret: string | null; lastStep: number | null } | null> {
  const row = await trx
    .selectFrom('app_user')
    .select(['id', 'centre_id', 'totp_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    centreId: row.centre_id,
    secret: row.totp_secret,
    lastStep: row.totp_last_step == null ? null : Number(row.totp_last_step),
  };
}

/** Store an (encrypted) TOTP secret and forget the last used step, which belonged to the old secret. */
export async function setTotpSecret(trx: Tx, userId: string, ciphertext: string): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({ totp_secret: ciphertext, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/** The id of the account with this (normalised) address, if any is visible in the scope. */
export async function userIdByEmail(trx: Tx, email: string): Promise<string | null> {
  const row = await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  return row?.id ?? null;
}

/** The user's sign-in address. */
export async function emailOf(trx: Tx, userId: string): Promise<string> {
  const row = await trx.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.email;
}

/** What a guarded change of an account re-checks besides its id. */
type AccountGuard = {
  /** Not disabled. */
  enabled?: true;
  /** Enrolment finished: a second factor is set up. */
  enrolled?: true;
  /** Still this address. */
  email?: string;
  /** Still this role. */
  role?: Role;
};

/**
 * Change an account only while `guard` holds. Returns whether it changed;
 * false when the account was disabled, changed or removed meanwhile (a
 * parallel request won).
 */
export async function updateAccountIf(
  trx: Tx,
  userId: string,
  guard: AccountGuard,
  values: Updateable<DB['app_user']>,
): Promise<boolean> {
  let q = trx.updateTable('app_user').set(values).where('id', '=', userId);
  if (guard.enabled) q = q.where('disabled_at', 'is', null);
  if (guard.enrolled) q = q.where('mfa_enrolled_at', 'is not', null);
  if (guard.email !== undefined) q = q.where('email', '=', guard.email);
  if (guard.role !== undefined) q = q.where('role', '=', guard.role);
  return updatedOne(q);
}

/** Change an enabled account's address, but only if it still is `oldEmail` (a concurrent change loses). */
export function changeEmail(trx: Tx, userId: string, oldEmail: string, newEmail: string): Promise<boolean> {
  return updateAccountIf(trx, userId, { enabled: true, email: oldEmail }, { email: newEmail });
}

/** An enabled account with completed enrolment by address (who may reset a password). */
export async function enrolledAccountByEmail(
  trx: Tx,
  email: string,
): Promise<{ id: string; centreId: string | null } | null> {
  const row = await trx
    .selectFrom('app_user')
    .select(['id', 'centre_id'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .where('mfa_enrolled_at', 'is not', null)
    .executeTakeFirst();
  return row ? { id: row.id, centreId: row.centre_id } : null;
}

/** Set a new password hash unless the account was disabled or reset meanwhile; returns whether it was set. */
export function setPasswordOfEnrolledAccount(trx: Tx, userId: string, passwordHash: string): Promise<boolean> {
  return updateAccountIf(trx, userId, { enabled: true, enrolled: true }, { password_hash: passwordHash });
}

/** Record a TOTP step as used, so the code just typed (at enrolment or an app change) cannot sign anyone in again. */
export async function setTotpLastStep(trx: Tx, userId: string, step: number): Promise<void> {
  await trx.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

/**
 * ('admin' scope) The KEK ids the stored TOTP secrets name — only the id
 * part of each ciphertext (`v1.<keyId>.…`) leaves the database. A secret
 * under an old KEK is re-encrypted at its owner's next sign-in, so an old
 * entry can leave the ring only once no secret names it.
 */
export async function totpSecretKekIds(trx: Tx): Promise<string[]> {
  const rows = await trx
    .selectFrom('app_user')
    .select(sql<string>`split_part(totp_secret, '.', 2)`.as('kek_id'))
    .where('totp_secret', 'is not', null)
    .distinct()
    .execute();
  return rows.map((r) => r.kek_id).sort();
}
