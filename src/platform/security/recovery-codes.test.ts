import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { KeyRing } from './keys.ts';
import {
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_BITS,
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
} from './recovery-codes.ts';

const ring = (entries: [string, Buffer][]): KeyRing => ({ currentId: entries.at(-1)![0], keys: new Map(entries) });
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring1 = ring([['r1', k1]]);

describe('generateRecoveryCodes', () => {
  it('makes 10 distinct human-friendly codes of at least 50 bits each', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    const sym = `[${RECOVERY_CODE_ALPHABET}]`;
    for (const c of codes) expect(c).toMatch(new RegExp(`^${sym}{4}-${sym}{4}-${sym}{4}-${sym}{4}$`));
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(50);
  });

  it('uses an alphabet without look-alikes', () => {
    for (const c of '01ilo') expect(RECOVERY_CODE_ALPHABET).not.toContain(c);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(RECOVERY_CODE_ALPHABET.length);
  });

  it('draws every symbol roughly uniformly', () => {
    const counts = new Map<string, number>();
    for (const code of generateRecoveryCodes(500))
      for (const c of code.replaceAll('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (500 * 16) / RECOVERY_CODE_ALPHABET.length; // ≈ 258
    expect(counts.size).toBe(RECOVERY_CODE_ALPHABET.length);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(expected * 0.6);
      expect(n).toBeLessThan(expected * 1.4);
    }
  });
});

describe('hashRecoveryCode / matchRecoveryCode', () => {
  const codes = generateRecoveryCodes();
  const hashes = codes.map((c) => hashRecoveryCode(c, ring1));

  it('stores only keyed hashes with the key id', () => {
    for (const h of hashes) expect(h).toMatch(/^r1\.[0-9a-f]{64}$/);
    expect(hashes.join()).not.toContain(codes[0]!.replaceAll('-', ''));
  });

  it('finds the index of a matching code', () => {
    codes.forEach((c, i) => expect(matchRecoveryCode(c, hashes, ring1)).toBe(i));
  });

  it('normalises case, dashes and spaces', () => {
    const c = codes[3]!;
    expect(matchRecoveryCode(c.toUpperCase(), hashes, ring1)).toBe(3);
    expect(matchRecoveryCode(c.replaceAll('-', ''), hashes, ring1)).toBe(3);
    expect(matchRecoveryCode(` ${c.replaceAll('-', ' ')} `, hashes, ring1)).toBe(3);
    expect(matchRecoveryCode(c.replaceAll('-', '–'), hashes, ring1)).toBe(3);
    expect(normaliseRecoveryCode('ABCD-efgh-JKMN-pqrs')).toBe('abcdefghjkmnpqrs');
  });

  it('returns -1 for unknown, malformed or used codes', () => {
    const other = generateRecoveryCodes(1)[0]!;
    expect(matchRecoveryCode(other, hashes, ring1)).toBe(-1);
    expect(matchRecoveryCode('', hashes, ring1)).toBe(-1);
    expect(matchRecoveryCode('0000-0000-0000-0000', hashes, ring1)).toBe(-1);
    expect(matchRecoveryCode(codes[0]!.slice(0, -1), hashes, ring1)).toBe(-1);
    expect(matchRecoveryCode('x'.repeat(10_000), hashes, ring1)).toBe(-1);
    const used: (string | null)[] = [...hashes];
    used[2] = null;
    expect(matchRecoveryCode(codes[2]!, used, ring1)).toBe(-1);
    expect(matchRecoveryCode(codes[4]!, used, ring1)).toBe(4);
    expect(matchRecoveryCode(codes[0]!, ['garbage', 'r1.zz', 'nokey.' + '0'.repeat(64)], ring1)).toBe(-1);
  });

  it('needs the server key: another key matches nothing, a rotated ring still matches', () => {
    expect(matchRecoveryCode(codes[0]!, hashes, ring([['r1', k2]]))).toBe(-1);
    const rotated = ring([
      ['r1', k1],
      ['r2', k2],
    ]);
    expect(matchRecoveryCode(codes[0]!, hashes, rotated)).toBe(0);
    expect(hashRecoveryCode(codes[0]!, rotated)).toMatch(/^r2\./);
  });

  it('refuses to hash a malformed code', () => {
    expect(() => hashRecoveryCode('not-a-code', ring1)).toThrow(TypeError);
  });
});
