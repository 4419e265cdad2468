/**
 * Storage of TOTP shared secrets (app_user.totp_secret), field-encrypted.
 *
 * A TOTP secret is a password equivalent for the second factor: whoever reads
 * it can produce codes forever. It is therefore stored encrypted with
 * AES-256-GCM (field-encryption.ts), bound by AAD to
 * `tenant|app_user|totp_secret|<user id>|<key version>`, where tenant is the
 * user's centre id or `network` for network staff. A value copied to another
 * user's row, another column or another tenant fails to decrypt.
 *
 * Key choice (decision, documented here because the schema has no table of
 * wrapped data keys yet): the per-tenant data keys are DERIVED from the
 * key-encryption keys (`app.keys.encryption`) with HKDF-SHA256, info =
 * `schutznetz/field-key/v1|<tenant>`, one derived key per KEK id. That keeps
 * the properties the envelope model is for where it matters here — every
 * tenant encrypts under its own key, nothing usable is stored in the
 * database, old key versions keep decrypting — without a key table. What it
 * gives up: rotating a KEK cannot just re-wrap data keys; values must be
 * re-encrypted. For TOTP secrets (one short value per user) that is cheap,
 * and `needsReencryption` lets the sign-in flow do it lazily. When a wrapped
 * data-key table arrives, only this file changes.
 */
import { hkdfSync } from 'node:crypto';
import type { Tx } from '../db/tenant.ts';
import { decryptField, encryptField, keyIdOf } from '../security/field-encryption.ts';
import type { KeyRing } from '../security/keys.ts';
import { setTotpSecret, totpColumns } from './queries/users.ts';

const INFO_PREFIX = 'schutznetz/field-key/v1|';
const SALT = Buffer.from('schutznetz field keys', 'utf8');

/** Who owns the secret: the row id and tenant the ciphertext is bound to. */
export type TotpOwner = { id: string; centreId: string | null };

function tenantOf(owner: TotpOwner): string {
  return owner.centreId ?? 'network';
}

/**
 * The tenant's data-key ring: one HKDF-derived key per KEK, same ids, same
 * current id. Derivation is deterministic, so nothing needs storing.
 */
export function tenantDataKeys(kek: KeyRing, tenant: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const [id, key] of kek.keys) {
    keys.set(id, Buffer.from(hkdfSync('sha256', key, SALT, `${INFO_PREFIX}${tenant}`, 32)));
  }
  return { currentId: kek.currentId, keys };
}

function context(owner: TotpOwner) {
  return { tenantId: tenantOf(owner), table: 'app_user', column: 'totp_secret', rowId: owner.id };
}

/**
 * Encrypt a Base32 TOTP secret for `owner`'s row.
 * @param kek `app.keys.encryption`
 * @returns the value to store in app_user.totp_secret
 */
export function encryptTotpSecret(kek: KeyRing, owner: TotpOwner, secret: string): string {
  return encryptField(secret, tenantDataKeys(kek, tenantOf(owner)), context(owner));
}

/**
 * Decrypt a stored TOTP secret.
 * @throws DecryptionError when tampered with, moved from another row/tenant, or its key is gone
 */
export function decryptTotpSecret(kek: KeyRing, owner: TotpOwner, stored: string): string {
  return decryptField(stored, tenantDataKeys(kek, tenantOf(owner)), context(owner));
}

/** True when `stored` was encrypted under a key that is no longer current (rotate on next use). */
export function needsReencryption(kek: KeyRing, stored: string): boolean {
  return keyIdOf(stored) !== kek.currentId;
}

/**
 * Store a (new) TOTP secret for a user, encrypted, and forget the last used
 * step (it belongs to the old secret). Does not set mfa_enrolled_at: the
 * enrolment flow decides when enrolment is complete.
 */
export async function storeTotpSecret(trx: Tx, kek: KeyRing, owner: TotpOwner, secret: string): Promise<void> {
  await setTotpSecret(trx, owner.id, encryptTotpSecret(kek, owner, secret));
}

/**
 * Read and decrypt a user's TOTP secret with the last accepted time step, or
 * null when the user has none (or is not visible in the transaction's scope).
 * @throws DecryptionError when the stored value does not belong to this row
 */
export async function readTotpSecret(
  trx: Tx,
  kek: KeyRing,
  userId: string,
): Promise<{ secret: string; lastStep: number | null } | null> {
  const row = await totpColumns(trx, userId);
  if (!row?.secret) return null;
  return { secret: decryptTotpSecret(kek, { id: row.id, centreId: row.centreId }, row.secret), lastStep: row.lastStep };
}
