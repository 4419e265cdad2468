/**
 * Checking what a person presents at sign-in and re-authentication: the
 * password (always the same amount of work, known account or not) and the
 * second factor (TOTP single use, recovery codes single use).
 */
import type { FastifyInstance } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import { decryptTotpSecret, encryptTotpSecret, needsReencryption } from '../../platform/auth/totp-secret.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { DecryptionError } from '../../platform/security/field-encryption.ts';
import { dummyVerify, verifyPassword } from '../../platform/security/password.ts';
import { matchRecoveryCode } from '../../platform/security/recovery-codes.ts';
import { verifyTotp } from '../../platform/security/totp.ts';

export type AuthUser = {
  id: string;
  email: string;
  role: Role;
  centreId: string | null;
  passwordHash: string | null;
  hasTotp: boolean;
  mfaEnrolled: boolean;
  disabled: boolean;
};

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

type Row = {
  id: string;
  email: string;
  role: Role;
  centre_id: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  mfa_enrolled_at: Date | null;
  disabled_at: Date | null;
};

function toUser(r: Row): AuthUser {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    centreId: r.centre_id,
    passwordHash: r.password_hash,
    hasTotp: r.totp_secret !== null,
    mfaEnrolled: r.mfa_enrolled_at !== null,
    disabled: r.disabled_at !== null,
  };
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
 * Check a password. Without an account (or without a password yet) the
 * dummy hash is verified instead, so the answer takes the same time either
 * way (ASVS 6.3.8: no enumeration through timing).
 */
export async function checkPassword(user: AuthUser | null, password: string): Promise<boolean> {
  if (!user?.passwordHash) {
    await dummyVerify();
    return false;
  }
  return verifyPassword(user.passwordHash, password);
}

export type FactorInput = { method: 'totp' | 'recovery'; code: string };
export type FactorResult = { ok: true; method: 'totp' | 'recovery_code' } | { ok: false };

async function verifyTotpFactor(
  trx: Tx,
  app: FastifyInstance,
  user: AuthUser,
  code: string,
  now: Date,
): Promise<boolean> {
  const row = await trx
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_last_step'])
    .where('id', '=', user.id)
    .executeTakeFirst();
  if (!row?.totp_secret) return false;
  const owner = { id: user.id, centreId: user.centreId };
  let secret: string;
  try {
    secret = decryptTotpSecret(app.keys.encryption, owner, row.totp_secret);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    // Tampered, moved or its key is gone: the factor cannot be used. Worth an
    // operator's attention, but the log line names no person.
    app.log.warn({ reason: err.reason }, 'stored TOTP secret does not decrypt');
    return false;
  }
  const last = row.totp_last_step == null ? null : Number(row.totp_last_step);
  const result = verifyTotp(secret, code, { now, lastUsedStep: last });
  if (!result.ok) return false;
  // Conditional write: of two parallel requests with the same code only one
  // moves the step forward; the other sees no row updated and fails (replay).
  const updated = await trx
    .updateTable('app_user')
    .set({
      totp_last_step: result.step,
      ...(needsReencryption(app.keys.encryption, row.totp_secret)
        ? { totp_secret: encryptTotpSecret(app.keys.encryption, owner, secret) }
        : {}),
    })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(result.step))]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

async function verifyRecoveryFactor(
  trx: Tx,
  app: FastifyInstance,
  user: AuthUser,
  code: string,
  now: Date,
): Promise<boolean> {
  const rows = await trx
    .selectFrom('recovery_code')
    .select(['idx', 'code_hash'])
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .orderBy('idx')
    .execute();
  const i = matchRecoveryCode(
    code,
    rows.map((r) => r.code_hash),
    app.keys.server,
  );
  const match = i >= 0 ? rows[i] : undefined;
  if (!match) return false;
  const used = await trx
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', user.id)
    .where('idx', '=', match.idx)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return false;
  await audit(
    trx,
    app.keys.audit,
    {
      event: 'auth.recovery_code_used',
      actorId: user.id,
      centreId: user.centreId,
      objectType: 'app_user',
      objectId: user.id,
      details: { remaining: rows.length - 1 },
    },
    now,
  );
  return true;
}

/**
 * Verify a second factor of `user` inside `trx` (scope 'auth' or the user's
 * own) and consume it: a TOTP step or recovery code accepted here is never
 * accepted again. Disabled users never pass.
 */
export async function verifySecondFactor(
  trx: Tx,
  app: FastifyInstance,
  user: AuthUser,
  input: FactorInput,
  now: Date,
): Promise<FactorResult> {
  if (user.disabled) return { ok: false };
  if (input.method === 'totp')
    return (await verifyTotpFactor(trx, app, user, input.code, now)) ? { ok: true, method: 'totp' } : { ok: false };
  return (await verifyRecoveryFactor(trx, app, user, input.code, now))
    ? { ok: true, method: 'recovery_code' }
    : { ok: false };
}
