import { describe, expect, it } from 'vitest';
import { hashToken, randomToken, safeEqual } from './tokens.ts';

describe('randomToken', () => {
  it('is 256 bits of base64url by default', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('allows 128 bits, refuses less', () => {
    expect(Buffer.from(randomToken(16), 'base64url')).toHaveLength(16);
    expect(() => randomToken(15)).toThrow(RangeError);
    expect(() => randomToken(16.5)).toThrow(RangeError);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => randomToken()));
    expect(seen.size).toBe(2000);
  });
});

describe('hashToken', () => {
  it('is SHA-256 in lowercase hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(randomToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('safeEqual', () => {
  it('compares strings and bytes, including different lengths, without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual(Buffer.from('xyz'), Buffer.from('xyz'))).toBe(true);
    expect(safeEqual(Buffer.from('xyz'), 'xyz')).toBe(true);
    expect(safeEqual('ä', Buffer.from('ä', 'latin1'))).toBe(false);
  });
});
