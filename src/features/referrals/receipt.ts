/**
 * Receipt codes: what the professional notes to look up a referral's status
 * later, shown once and never stored. 20 characters of Crockford's base32
 * (100 bits from the CSPRNG), in five groups of four. The database keeps
 * HMAC-SHA256 of the normalised code under the server key: a dump without
 * the key lets no one test guesses offline, and online guessing meets the
 * status page's throttle (100 bits make it hopeless anyway).
 *
 * Typing is forgiving: case, spaces and hyphens do not matter, and the
 * letters people confuse with digits (O, I, L) read as 0 and 1.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { currentKey, type KeyRing } from '../../platform/security/keys.ts';

/** Crockford's base32: no I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;
const DOMAIN = 'schutznetz/referral-receipt/v1\u0000';

/** A new receipt code, e.g. `7K3M-Q9TZ-…` (5 × 4 characters). */
export function newReceiptCode(): string {
  // 5 random bits per character; 20 characters take 100 bits of 13 bytes.
  const bytes = randomBytes(13);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return code.match(/.{4}/g)!.join('-');
}

/** The canonical form of what someone typed, or null when it cannot be a code. */
export function normaliseReceiptCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

function mac(key: Buffer, normalised: string): string {
  return createHmac('sha256', key).update(DOMAIN).update(normalised, 'utf8').digest('hex');
}

/** The hash to store for a new code (under the ring's current key). */
export function receiptHash(ring: KeyRing, code: string): string {
  const normalised = normaliseReceiptCode(code);
  if (normalised === null) throw new TypeError('Not a receipt code.');
  return mac(currentKey(ring).key, normalised);
}

/** Every hash the code may be stored under: one per key still in the ring (codes outlive a key rotation). */
export function receiptHashCandidates(ring: KeyRing, typed: string): string[] {
  const normalised = normaliseReceiptCode(typed);
  if (normalised === null) return [];
  return [...ring.keys.values()].map((key) => mac(key, normalised));
}
