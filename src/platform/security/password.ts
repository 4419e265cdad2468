/**
 * Password storage and password policy for staff accounts.
 *
 * Storage: argon2id (OWASP Password Storage Cheat Sheet, ASVS 11.4.2 [2.4.1]).
 * OWASP's floor is m = 19 MiB, t = 2, p = 1. We use m = 64 MiB, t = 3, p = 1
 * (RFC 9106's second recommended memory/pass setting, run single-lane):
 * about 3.4× the floor's memory and 5× its memory·time cost to an attacker,
 * while one hash takes ≈ 0.1 s on the 2-core reference machine. p = 1 because
 * with 2 cores the parallel lanes would only compete with other requests.
 * Hashes run on libuv's thread pool (4 threads by default), which caps
 * concurrent hashing — and so memory — at 4 × 64 MiB; bursts beyond that queue,
 * which the login rate limits (ASVS 6.3.1) keep short.
 *
 * Policy: NIST SP 800-63B / ASVS 6.2.x [2.1.x] — at least 12 code points, at
 * most 128 (well above the 64 that must be allowed), no composition rules, no
 * common/breached passwords, not the user's own e-mail or name.
 */
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Algorithm, Options, Version } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

/** The parameters new hashes get; `needsRehash` flags anything weaker. */
export const ARGON2_PARAMS = Object.freeze({
  algorithm: 'argon2id',
  memoryCost: 65536, // KiB = 64 MiB
  timeCost: 3,
  parallelism: 1,
  outputLen: 32,
});

// The package declares its enums as `const enum`, which isolatedModules cannot
// import as values; these are the documented numeric values.
const ARGON2ID = 2 as Algorithm.Argon2id;
const OPTIONS: Options = {
  algorithm: ARGON2ID,
  memoryCost: ARGON2_PARAMS.memoryCost,
  timeCost: ARGON2_PARAMS.timeCost,
  parallelism: ARGON2_PARAMS.parallelism,
  outputLen: ARGON2_PARAMS.outputLen,
};
const VERSION_0x13 = 1 as Version.V0x13;
const MIN_SALT_BYTES = 16;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Hard cap on what we feed to argon2, in UTF-16 code units. Longer input
 * cannot be a valid password (128 code points are at most 256 units) and is
 * refused before any work, so nobody can make us hash megabytes.
 */
const MAX_INPUT_UNITS = 1024;

/**
 * Unicode normalisation: "é" typed as one code point on one device and as
 * "e" + combining accent on another must be the same password (NIST 800-63B
 * 5.1.1.2). Applied before both hashing and verifying.
 */
function normalise(password: string): string {
  return password.normalize('NFC');
}

/**
 * Hash a password with argon2id at ARGON2_PARAMS and a random 16-byte salt.
 * Returns the PHC string (`$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>`) to store.
 * Check `checkPasswordPolicy` first; this function does not.
 * @throws RangeError for input longer than any allowed password could be
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length > MAX_INPUT_UNITS) throw new RangeError('Password input is too long to hash.');
  return hash(normalise(password), OPTIONS);
}

/**
 * Check a password against a stored PHC string. The library compares in
 * constant time. Never throws: a malformed hash or oversized input is simply
 * `false` (after the same amount of work as a real check, so timing does not
 * tell which case happened).
 */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (password.length > MAX_INPUT_UNITS) {
    await dummyVerify();
    return false;
  }
  try {
    return await verify(phc, normalise(password));
  } catch {
    await dummyVerify();
    return false;
  }
}

/**
 * True when a stored hash was made with weaker settings than ARGON2_PARAMS (or
 * is not parseable argon2id at all); callers rehash on the next successful login.
 */
export function needsRehash(phc: string): boolean {
  try {
    const o = parseOptions(phc);
    return (
      o.algorithm !== ARGON2ID ||
      o.version !== VERSION_0x13 ||
      o.memoryCost < ARGON2_PARAMS.memoryCost ||
      o.timeCost < ARGON2_PARAMS.timeCost ||
      o.parallelism !== ARGON2_PARAMS.parallelism ||
      o.outputLen < ARGON2_PARAMS.outputLen ||
      o.saltLen < MIN_SALT_BYTES
    );
  } catch {
    return true;
  }
}

/**
 * A hash made with exactly ARGON2_PARAMS of a password nobody can submit
 * successfully (it only ever decides "false"). A test asserts its parameters
 * match ARGON2_PARAMS, so raising the parameters forces regenerating it.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=1$L73hFhxyuD1rb/TUl1S2qQ$5EQps+E8yIIe6IZKSSyd62D4MiUUASXNEV5xOnOws6c';

/**
 * Spend the same time as a real password check. Call it when the account is
 * unknown (or disabled) so the response time does not reveal whether an
 * account exists (ASVS 6.3.8 [2.2.x], no user enumeration).
 */
export async function dummyVerify(): Promise<void> {
  await verify(DUMMY_HASH, 'not the dummy password').catch(() => false);
}

type PasswordPolicyFailure = {
  ok: false;
  reason: 'too_short' | 'too_long' | 'common' | 'contains_identity';
  message_de: string;
  message_en: string;
};
export type PasswordPolicyResult = { ok: true } | PasswordPolicyFailure;

const MESSAGES: Record<PasswordPolicyFailure['reason'], { de: string; en: string }> = {
  too_short: {
    de: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein. Eine Folge mehrerer Wörter ist leicht zu merken.`,
    en: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long. A phrase of several words is easy to remember.`,
  },
  too_long: {
    de: `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`,
    en: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  },
  common: {
    de: 'Dieses Passwort ist sehr verbreitet und steht in Listen bekannter Passwörter. Bitte wählen Sie ein anderes.',
    en: 'This password is very common and appears in lists of known passwords. Please choose a different one.',
  },
  contains_identity: {
    de: 'Das Passwort darf Ihre E-Mail-Adresse oder Ihren Namen nicht enthalten.',
    en: 'The password must not contain your e-mail address or your name.',
  },
};

function fail(reason: PasswordPolicyFailure['reason']): PasswordPolicyFailure {
  return { ok: false, reason, message_de: MESSAGES[reason].de, message_en: MESSAGES[reason].en };
}

/** Number of Unicode code points after NFC — what users perceive as "characters" closely enough. */
function passwordLength(password: string): number {
  let n = 0;
  for (const _ of normalise(password)) n++;
  return n;
}

/**
 * Whole identifiers shorter than this are too unspecific to forbid as a
 * substring (a local part "jo" would reject "major-journey-…"); parts of names
 * and e-mail local parts need one more character for the same reason.
 */
const MIN_IDENTITY_TOKEN = 3;
const MIN_IDENTITY_PART = 4;

function identityTokens(context: { email?: string; name?: string }): string[] {
  const tokens: string[] = [];
  const add = (s: string, min: number) => {
    const t = s.normalize('NFC').toLowerCase();
    if (passwordLength(t) >= min) tokens.push(t);
  };
  if (context.email) {
    const at = context.email.lastIndexOf('@');
    const local = at >= 0 ? context.email.slice(0, at) : context.email;
    add(local, MIN_IDENTITY_TOKEN);
    for (const part of local.split(/[._+-]+/)) add(part, MIN_IDENTITY_PART);
  }
  if (context.name) {
    add(context.name.replace(/[\s\p{P}]+/gu, ''), MIN_IDENTITY_TOKEN);
    for (const part of context.name.split(/[\s\p{P}]+/u)) add(part, MIN_IDENTITY_PART);
  }
  return tokens;
}

/**
 * Decide whether a new password is acceptable. Only these rules apply — there
 * are deliberately NO composition rules (digits, symbols, upper case), which
 * NIST and ASVS 6.2.5 advise against because they make passwords harder to
 * remember, not harder to guess:
 * - 12 to 128 Unicode code points after NFC normalisation (any characters,
 *   spaces and emoji included);
 * - not in the shipped common-password list (case-insensitive);
 * - does not contain the e-mail local part or the user's name
 *   (case-insensitive; see MIN_IDENTITY_TOKEN for very short ones).
 */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string; name?: string } = {},
): PasswordPolicyResult {
  // Even Hangul syllable composition (3 units → 1) cannot bring this many
  // units down to 128 code points, so skip normalising megabytes.
  if (password.length > MAX_INPUT_UNITS) return fail('too_long');
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return fail('too_short');
  if (length > PASSWORD_MAX_LENGTH) return fail('too_long');
  if (isCommonPassword(password)) return fail('common');
  const lowered = normalise(password).toLowerCase();
  if (identityTokens(context).some((t) => lowered.includes(t))) return fail('contains_identity');
  return { ok: true };
}
