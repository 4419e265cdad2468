/**
 * Checking what a person presents at sign-in and re-authentication: the
 * password (always the same amount of work, known account or not) and the
 * second factor (TOTP single use, recovery codes single use).
 */
import type { FastifyInstance } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import { decryptTotpSecret, encryptTotpSecret, needsReencryption } from '../../platform/auth/totp-secret.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { DecryptionError } from '../../platform/security/field-encryption.ts';
import { dummyVerify, verifyPassword } from '../../platform/security/password.ts';
import { matchRecoveryCode } from '../../platform/security/recovery-codes.ts';
import { verifyTotp } from '../../platform/security/totp.ts';
import { totpColumns } from '../../platform/auth/queries/users.ts';
import { advanceTotpStep, unusedRecoveryCodes, useRecoveryCode, type AuthUser } from './queries.ts';

export type { AuthUser };

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

/** Checks one kind of second factor and consumes it; false when it does not pass. */
type FactorCheck = (trx: Tx, app: FastifyInstance, user: AuthUser, code: string, now: Date) => Promise<boolean>;

const verifyTotpFactor: FactorCheck = async (trx, app, user, code, now) => {
  const row = await totpColumns(trx, user.id);
  if (!row?.secret) return false;
  const owner = { id: user.id, centreId: user.centreId };
  let secret: string;
  try {
    secret = decryptTotpSecret(app.keys.encryption, owner, row.secret);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    // Tampered, moved or its key is gone: the factor cannot be used. Worth an
    // operator's attention, but the log line names no person.
    app.log.warn({ reason: err.reason }, 'stored TOTP secret does not decrypt');
    return false;
  }
  const result = verifyTotp(secret, code, { now, lastUsedStep: row.lastStep });
  if (!result.ok) return false;
  // Conditional write: of two parallel requests with the same code only one
  // moves the step forward; the other sees no row updated and fails (replay).
  const reencrypted = needsReencryption(app.keys.encryption, row.secret)
    ? encryptTotpSecret(app.keys.encryption, owner, secret)
    : null;
  return advanceTotpStep(trx, user.id, result.step, reencrypted);
};

const verifyRecoveryFactor: FactorCheck = async (trx, app, user, code, now) => {
  const rows = await unusedRecoveryCodes(trx, user.id);
  const i = matchRecoveryCode(
    code,
    rows.map((r) => r.code_hash),
    app.keys.server,
  );
  const match = i >= 0 ? rows[i] : undefined;
  if (!match) return false;
  if (!(await useRecoveryCode(trx, user.id, match.idx, now))) return false;
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
};

/**
 * Verify a second factor of `user` inside `trx` (the user's account scope,
 * or the user's tenant scope) and consume it: a TOTP step or recovery code accepted here is never
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
