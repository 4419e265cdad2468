/**
 * Bearer tokens (invitations, password resets, session ids). The database keeps
 * only a SHA-256 of each token: a leaked table then holds nothing an attacker can
 * present. A plain fast hash suffices because the tokens are ≥ 128-bit random
 * values, not guessable secrets like passwords (OWASP ASVS 11.5.1, 7.2.3).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Below 128 bits a token could be guessed online; refuse to make one. */
const MIN_TOKEN_BYTES = 16;

/**
 * A new random token: `bytes` bytes from the operating system's CSPRNG, base64url
 * (URL- and cookie-safe, no padding). The default 32 bytes gives 256 bits.
 * @throws RangeError for fewer than 16 bytes or a non-integer
 */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES) {
    throw new RangeError(`Tokens need at least ${MIN_TOKEN_BYTES} bytes (128 bits), got ${bytes}.`);
  }
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token as 64 lowercase hex characters — the only form that is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compare two secrets without leaking, through timing, where they differ or how
 * long they are: both sides are hashed to equal-length digests first, which
 * `timingSafeEqual` requires, and equal digests imply equal inputs.
 */
export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}
