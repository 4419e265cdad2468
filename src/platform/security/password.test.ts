import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hash } from '@node-rs/argon2';
import {
  ARGON2_PARAMS,
  DUMMY_HASH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkPasswordPolicy,
  dummyVerify,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './password.ts';
import { commonPasswordCount, isCommonPassword } from './common-passwords.ts';

/** Independent PHC parser, so the test does not trust the library it checks. */
function parsePhc(phc: string) {
  const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!m) throw new Error(`not a PHC string: ${phc}`);
  return {
    algorithm: m[1],
    version: Number(m[2]),
    m: Number(m[3]),
    t: Number(m[4]),
    p: Number(m[5]),
    saltBytes: Buffer.from(m[6]!, 'base64').length,
    hashBytes: Buffer.from(m[7]!, 'base64').length,
  };
}

/** Code points after NFC, computed independently of the implementation. */
const codePoints = (s: string) => [...s.normalize('NFC')].length;

describe('hashPassword (ASVS 11.4.2: argon2id, m ≥ 19 MiB, t ≥ 2, p = 1)', () => {
  it('produces argon2id v=19 at or above the OWASP minimum, exactly our parameters', async () => {
    const phc = parsePhc(await hashPassword('correct horse battery staple'));
    expect(phc.algorithm).toBe('argon2id');
    expect(phc.version).toBe(19);
    expect(phc.m).toBeGreaterThanOrEqual(19456);
    expect(phc.t).toBeGreaterThanOrEqual(2);
    expect(phc.p).toBe(1);
    expect({ m: phc.m, t: phc.t, p: phc.p }).toEqual({
      m: ARGON2_PARAMS.memoryCost,
      t: ARGON2_PARAMS.timeCost,
      p: ARGON2_PARAMS.parallelism,
    });
    expect(phc.saltBytes).toBeGreaterThanOrEqual(16);
    expect(phc.hashBytes).toBe(32);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password twice')).not.toBe(await hashPassword('same password twice'));
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const phc = await hashPassword('Fahrrad Kaffee Regenbogen');
    expect(await verifyPassword(phc, 'Fahrrad Kaffee Regenbogen')).toBe(true);
    expect(await verifyPassword(phc, 'fahrrad kaffee regenbogen')).toBe(false);
    expect(await verifyPassword(phc, '')).toBe(false);
  });

  it('treats composed and decomposed Unicode as the same password (NFC)', async () => {
    const composed = 'Schöne Grüße aus Köln';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(decomposed), composed)).toBe(true);
  });

  it('never throws on a malformed stored hash or oversized input', async () => {
    await expect(verifyPassword('not a hash', 'whatever password')).resolves.toBe(false);
    await expect(verifyPassword(await hashPassword('a long enough pw'), 'x'.repeat(100_000))).resolves.toBe(false);
    await expect(hashPassword('x'.repeat(100_000))).rejects.toThrow(RangeError);
  });
});

describe('needsRehash', () => {
  it('is false for current hashes, true for weaker or foreign ones', async () => {
    expect(needsRehash(await hashPassword('current parameters'))).toBe(false);
    const owaspMinimum = await hash('old parameters', { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(owaspMinimum)).toBe(true);
    const argon2i = await hash('other algorithm', {
      algorithm: 1 as never,
      memoryCost: ARGON2_PARAMS.memoryCost,
      timeCost: ARGON2_PARAMS.timeCost,
    });
    expect(needsRehash(argon2i)).toBe(true);
    expect(needsRehash('$2b$12$somebcrypthashvalue')).toBe(true);
    expect(needsRehash('')).toBe(true);
  });
});

describe('dummyVerify (no user enumeration through timing)', () => {
  it('uses a hash with exactly the current parameters', () => {
    const phc = parsePhc(DUMMY_HASH);
    expect(phc).toMatchObject({
      algorithm: 'argon2id',
      version: 19,
      m: ARGON2_PARAMS.memoryCost,
      t: ARGON2_PARAMS.timeCost,
      p: ARGON2_PARAMS.parallelism,
    });
    expect(needsRehash(DUMMY_HASH)).toBe(false);
  });

  it('costs about as much as a real verification', async () => {
    const phc = await hashPassword('a real users password');
    // Interleaved runs and the fastest of each: the least noisy estimate on a shared machine.
    let real = Infinity;
    let dummy = Infinity;
    for (let i = 0; i < 4; i++) {
      let start = performance.now();
      await verifyPassword(phc, 'a wrong password');
      real = Math.min(real, performance.now() - start);
      start = performance.now();
      await dummyVerify();
      dummy = Math.min(dummy, performance.now() - start);
    }
    // Generous bounds: only a gross mismatch (e.g. a cheap dummy) should fail on a busy CI machine.
    expect(dummy / real).toBeGreaterThan(0.33);
    expect(dummy / real).toBeLessThan(3);
  });
});

describe('common-password list', () => {
  it('ships at least 10,000 entries', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it('matches case-insensitively', () => {
    expect(isCommonPassword('password1234')).toBe(true);
    expect(isCommonPassword('PassWord1234')).toBe(true);
    expect(isCommonPassword('fahrrad kaffee regenbogen')).toBe(false);
  });
});

describe('checkPasswordPolicy (ASVS 6.2.1/9/12)', () => {
  it('rejects 11 code points and accepts 12', () => {
    expect(checkPasswordPolicy('abcdefghijk')).toMatchObject({ ok: false, reason: 'too_short' });
    expect(checkPasswordPolicy('abcdefghijkm')).toEqual({ ok: true });
  });

  it(`allows 64 and ${PASSWORD_MAX_LENGTH} code points, rejects more`, () => {
    expect(checkPasswordPolicy('Ein langer Satz als Passwort ist gut zu merken und schwer zu raten')).toEqual({
      ok: true,
    });
    expect(checkPasswordPolicy('x'.repeat(64))).toEqual({ ok: true });
    expect(checkPasswordPolicy('xy'.repeat(64))).toEqual({ ok: true });
    expect(checkPasswordPolicy('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toMatchObject({ ok: false, reason: 'too_long' });
    expect(checkPasswordPolicy('x'.repeat(1_000_000))).toMatchObject({ ok: false, reason: 'too_long' });
  });

  it('counts code points after NFC, not UTF-16 units or bytes', () => {
    // Emoji outside the BMP are two UTF-16 units each.
    expect(checkPasswordPolicy('🔒'.repeat(11))).toMatchObject({ reason: 'too_short' });
    expect(checkPasswordPolicy('🔒'.repeat(12))).toEqual({ ok: true });
    expect(checkPasswordPolicy('🔒'.repeat(PASSWORD_MAX_LENGTH))).toEqual({ ok: true });
    // "é" decomposed is 2 code points before NFC, 1 after.
    expect(checkPasswordPolicy('é'.normalize('NFD').repeat(11))).toMatchObject({ reason: 'too_short' });
    expect(checkPasswordPolicy('é'.normalize('NFD').repeat(12))).toEqual({ ok: true });
    expect(checkPasswordPolicy('Привет мир пароль')).toEqual({ ok: true });
    expect(checkPasswordPolicy('كلمة سر طويلة جدا')).toEqual({ ok: true });
    expect(checkPasswordPolicy('안녕하세요 반갑습니다 친구')).toEqual({ ok: true });
  });

  it('rejects common passwords, whatever their case', () => {
    for (const pw of [
      'password1234',
      'Password1234',
      'PASSWORD1234',
      '123456789012',
      'qwerty123456',
      '1q2w3e4r5t6y',
      'passwordpassword',
    ]) {
      expect(checkPasswordPolicy(pw), pw).toMatchObject({ ok: false, reason: 'common' });
    }
  });

  it('rejects passwords containing the e-mail local part or the name', () => {
    const ctx = { email: 'maria.schmidt@beratung.example', name: 'Maria Schmidt' };
    expect(checkPasswordPolicy('maria.schmidt-2024', ctx)).toMatchObject({ reason: 'contains_identity' });
    expect(checkPasswordPolicy('Garten-SCHMIDT-Sommer', ctx)).toMatchObject({ reason: 'contains_identity' });
    expect(checkPasswordPolicy('MariaSchmidt!!', ctx)).toMatchObject({ reason: 'contains_identity' });
    expect(checkPasswordPolicy('ich bin maria und so', { email: 'maria@x.example' })).toMatchObject({
      reason: 'contains_identity',
    });
    expect(checkPasswordPolicy('Fahrrad Kaffee Regenbogen', ctx)).toEqual({ ok: true });
    // Very short identifiers are too unspecific to forbid as substrings.
    expect(checkPasswordPolicy('major-journey-home', { email: 'jo@x.example' })).toEqual({ ok: true });
  });

  it('gives a German and an English message for every failure', () => {
    for (const pw of ['kurz', 'x'.repeat(200), 'password1234']) {
      const r = checkPasswordPolicy(pw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message_de.length).toBeGreaterThan(10);
        expect(r.message_en.length).toBeGreaterThan(10);
      }
    }
  });

  it('property: the only rules are length and the common list (no composition rules)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 0, maxLength: 160 }), (pw) => {
        const n = codePoints(pw);
        const r = checkPasswordPolicy(pw);
        if (n < PASSWORD_MIN_LENGTH) return r.ok === false && r.reason === 'too_short';
        if (n > PASSWORD_MAX_LENGTH) return r.ok === false && r.reason === 'too_long';
        if (isCommonPassword(pw)) return r.ok === false && r.reason === 'common';
        return r.ok;
      }),
      { numRuns: 300 },
    );
  });

  it('property: any 12..128 code points of a single character class, not in the list, are accepted', () => {
    const classes = [
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      fc.constantFrom(...'0123456789'),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.constantFrom(' ', '!', '-', '.', '?'),
      fc.constantFrom('ä', 'ö', 'ü', 'ß', '€', '😀', '🔒', 'ш', 'ع'),
    ];
    fc.assert(
      fc.property(fc.oneof(...classes.map((unit) => fc.string({ unit, minLength: 12, maxLength: 128 }))), (pw) => {
        fc.pre(!isCommonPassword(pw));
        return checkPasswordPolicy(pw).ok;
      }),
      { numRuns: 300 },
    );
  });
});
