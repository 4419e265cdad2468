/**
 * One-time recovery codes: the way back in when the authenticator is lost.
 * Ten codes, each 16 characters from a 31-symbol alphabet without look-alikes
 * (no 0/o, 1/l/i): 16 · log2(31) ≈ 79 bits from node:crypto, shown as
 * `xxxx-xxxx-xxxx-xxxx`.
 *
 * Stored as HMAC-SHA256 under a server key kept outside the database, not
 * argon2id. A slow hash exists to protect low-entropy human choices; these are
 * random 79-bit values, and checking a login against ten argon2 hashes would
 * cost ~1 s of CPU per attempt on 2 cores — an easy denial-of-service lever.
 * The key means a stolen database alone allows no offline guessing at all; the
 * 79 bits mean that even with the key, and unsalted, brute-forcing any one of
 * thousands of stored codes stays out of reach (2^79 / 10^4 ≈ 6·10^19 tries).
 * Stored form: `<keyId>.<hex>`, so the HMAC key can be rotated like the others.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './keys.ts';
import { currentKey } from './keys.ts';

export const RECOVERY_CODE_COUNT = 10;
/** Distinct symbols; lower case because it is what people read back most reliably. */
export const RECOVERY_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 4;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH;
/** Domain separation: the same key ring may one day serve another purpose. */
const HMAC_CONTEXT = 'schutznetz/recovery-code/v1\u0000';

/** Bits of entropy per code (≈ 79.3). */
export const RECOVERY_CODE_BITS = CODE_LENGTH * Math.log2(RECOVERY_CODE_ALPHABET.length);

function randomCode(): string {
  let raw = '';
  // randomInt draws uniformly (rejection sampling inside), so no symbol is favoured.
  for (let i = 0; i < CODE_LENGTH; i++) raw += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return raw.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
}

/** A fresh set of distinct recovery codes to show the user once, formatted `xxxx-xxxx-xxxx-xxxx`. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/**
 * The canonical form of what a user typed: lower case, with spaces, dashes
 * (including typographic ones) and underscores removed. Null when the result
 * is not a well-formed code, so garbage never reaches the comparison.
 */
export function normaliseRecoveryCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const s = input.toLowerCase().replace(/[\s\-_\u2010-\u2015\u2212]+/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const c of s) if (!RECOVERY_CODE_ALPHABET.includes(c)) return null;
  return s;
}

function mac(key: Buffer, normalised: string): Buffer {
  return createHmac('sha256', key).update(HMAC_CONTEXT).update(normalised, 'utf8').digest();
}

/**
 * The stored form of one code, `<keyId>.<64 hex>`, under the ring's current key.
 * @throws TypeError if `code` is not a well-formed recovery code
 */
export function hashRecoveryCode(code: string, ring: KeyRing): string {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === null) throw new TypeError('Not a well-formed recovery code.');
  const { keyId, key } = currentKey(ring);
  return `${keyId}.${mac(key, normalised).toString('hex')}`;
}

/**
 * Index of the stored hash that `code` matches, or -1. Case, spaces and dashes
 * in the input do not matter. Every stored hash is compared, in constant time,
 * so timing reveals neither whether nor where a code matched. Entries set to
 * null (codes already used, if the caller keeps their slots) never match. The
 * caller must then invalidate that entry in the same transaction (single use).
 */
export function matchRecoveryCode(code: string, hashes: readonly (string | null)[], ring: KeyRing): number {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === null) return -1;
  const macs = new Map<string, Buffer>();
  let found = -1;
  hashes.forEach((stored, i) => {
    if (stored == null) return;
    const dot = stored.indexOf('.');
    const keyId = stored.slice(0, dot);
    const key = dot > 0 ? ring.keys.get(keyId) : undefined;
    const expected = Buffer.from(stored.slice(dot + 1), 'hex');
    if (!key || expected.length !== 32) return;
    let actual = macs.get(keyId);
    if (!actual) macs.set(keyId, (actual = mac(key, normalised)));
    if (timingSafeEqual(actual, expected) && found === -1) found = i;
  });
  return found;
}
