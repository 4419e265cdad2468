/**
 * Time-based one-time passwords (RFC 6238) for staff MFA (ASVS 6.3.3, 6.5.x).
 * Settings are the ones every authenticator app understands: HMAC-SHA-1,
 * 6 digits, 30-second steps. SHA-1's collision weakness does not matter inside
 * HMAC, and several popular apps ignore the URI's algorithm parameter and
 * compute SHA-1 anyway, which would make SHA-256 enrolments silently fail.
 *
 * Single use (ASVS 6.5.1): verification returns the time step the code belongs
 * to; the caller stores it and passes it back as `lastUsedStep`, and any code of
 * that step or an earlier one is refused — so a code seen over a shoulder or
 * captured on the way cannot be used a second time, not even within its own
 * 30 seconds.
 */
import { randomBytes } from 'node:crypto';
import { ScureBase32Plugin, generateSync, generateURI, verifySync } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** 160 bits: RFC 4226 §4 requires ≥ 128 and recommends 160 for HMAC-SHA-1. */
const TOTP_SECRET_BYTES = 20;
/** ±1 step: tolerates 30 s of clock drift or typing time, no more (RFC 6238 §5.2). */
export const TOTP_WINDOW_STEPS = 1;

const base32 = new ScureBase32Plugin();

/** A new shared secret: 160 random bits from node:crypto, Base32 (32 characters, no padding). */
export function generateTotpSecret(): string {
  return base32.encode(randomBytes(TOTP_SECRET_BYTES));
}

/**
 * The `otpauth://totp/…` URI an authenticator app imports (usually via QR code).
 * Algorithm, digits and period are the defaults apps assume, so the library
 * leaves them out of the URI.
 * @param accountName shown in the app next to the issuer, typically the e-mail
 */
export function totpUri(secret: string, accountName: string, issuer = 'Schutznetz'): string {
  return generateURI({
    issuer,
    label: accountName,
    secret,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

function epochSeconds(now: Date | number): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) throw new TypeError('Invalid clock value.');
  return Math.floor(ms / 1000);
}

/** The RFC 6238 time step (counter) at `now` (a Date or milliseconds since the epoch). */
export function totpStep(now: Date | number = Date.now()): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/** The code for `now`. Meant for tests and development tooling, not for login flows. */
export function generateTotp(secret: string, now: Date | number = Date.now()): string {
  return generateSync({
    secret,
    epoch: epochSeconds(now),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: 'sha1',
  });
}

export type TotpResult = { ok: true; step: number } | { ok: false };

/**
 * Check a code typed by the user. Accepts the current step and one step either
 * side, but never a step ≤ `lastUsedStep`; on success returns the matched step,
 * which the caller MUST persist as the new `lastUsedStep` (in the same
 * transaction that completes the login, so two parallel requests cannot both
 * use one code). Spaces are ignored ("123 456"); anything that is not then
 * exactly six ASCII digits is refused without throwing. Comparison is
 * constant-time (otplib).
 *
 * @param opts.now the clock (Date or ms since epoch), injectable for tests
 * @param opts.lastUsedStep the step returned by the last successful check, or null
 */
export function verifyTotp(
  secret: string,
  code: string,
  opts: { now?: Date | number; lastUsedStep?: number | null } = {},
): TotpResult {
  if (typeof code !== 'string') return { ok: false };
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return { ok: false };

  const epoch = epochSeconds(opts.now ?? Date.now());
  const current = Math.floor(epoch / TOTP_PERIOD_SECONDS);
  const last = opts.lastUsedStep;
  if (last != null && !Number.isSafeInteger(last)) throw new TypeError('lastUsedStep must be an integer or null.');
  // otplib throws when afterTimeStep lies beyond the window; that case simply
  // means every code in the window is already used.
  if (last != null && last >= current + TOTP_WINDOW_STEPS) return { ok: false };

  const result = verifySync({
    secret,
    token,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: 'sha1',
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
    ...(last != null && last >= 0 ? { afterTimeStep: last } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return { ok: false };
  // Belt and braces: the replay rule is the point of this function, so it is
  // enforced here too rather than trusted to an option of the library.
  if (last != null && result.timeStep <= last) return { ok: false };
  return { ok: true, step: result.timeStep };
}
