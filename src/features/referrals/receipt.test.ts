import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KeyRing } from '../../platform/security/keys.ts';
import { newReceiptCode, normaliseReceiptCode, receiptHash, receiptHashCandidates } from './receipt.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring: KeyRing = { currentId: 'k1', keys: new Map([['k1', k1]]) };

describe('receipt codes', () => {
  it('are 20 base32 characters in groups of four, and do not repeat', () => {
    const codes = Array.from({ length: 2000 }, newReceiptCode);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the bits are spread over all 32.
    expect(new Set(codes.join('').replaceAll('-', '')).size).toBe(32);
  });

  it('forgive case, spaces, hyphens and look-alike letters, and refuse anything else', () => {
    const code = newReceiptCode();
    const typed = code.toLowerCase().replaceAll('-', ' ');
    expect(normaliseReceiptCode(typed)).toBe(code.replaceAll('-', ''));
    expect(normaliseReceiptCode('O1IL-0000-0000-0000-0000')).toBe('01110000000000000000');
    expect(normaliseReceiptCode(code.slice(0, -1))).toBeNull();
    expect(normaliseReceiptCode(`${code}0`)).toBeNull();
    expect(normaliseReceiptCode('UUUU-0000-0000-0000-0000')).toBeNull();
  });

  it('are stored as a keyed hash only, found again under every key still in the ring', () => {
    const code = newReceiptCode();
    const stored = receiptHash(ring, code);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code.replaceAll('-', '').toLowerCase());
    expect(receiptHashCandidates(ring, code.toLowerCase())).toEqual([stored]);
    // After a rotation the old code still matches; another key gives another hash.
    const rotated: KeyRing = {
      currentId: 'k2',
      keys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
    };
    expect(receiptHashCandidates(rotated, code)).toContain(stored);
    expect(receiptHash(rotated, code)).not.toBe(stored);
    expect(receiptHashCandidates(ring, 'nonsense')).toEqual([]);
  });
});
