import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { KeyRing } from './keys.ts';
import {
  DecryptionError,
  decryptField,
  encryptField,
  generateDataKey,
  keyIdOf,
  rewrapDataKey,
  unwrapDataKey,
  unwrapKey,
  wrapDataKey,
  wrapKey,
  type FieldContext,
} from './field-encryption.ts';

const ring = (entries: [string, Buffer][]): KeyRing => ({ currentId: entries.at(-1)![0], keys: new Map(entries) });
const ctx: FieldContext = {
  tenantId: '3f0c9a52-0d7e-4c4b-9e36-2b1f0a7d8e11',
  table: 'referrals',
  column: 'notes',
  rowId: 'r-1001',
};
const d1 = generateDataKey();
const dataKeys = ring([['d1', d1]]);
const SECRET = 'Klientin A., geb. 2007, Unterkunft Musterstraße 5 — 🔒';

/** Decode, flip one bit of the given part, re-encode. */
function flip(serialised: string, part: 2 | 3 | 4): string {
  const parts = serialised.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

function expectDecryptionError(f: () => unknown, reason?: DecryptionError['reason']) {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DecryptionError);
  if (reason) expect((err as DecryptionError).reason).toBe(reason);
}

describe('encryptField / decryptField', () => {
  it('round-trips text, including empty and non-Latin text', () => {
    for (const text of [SECRET, '', 'ä'.repeat(10_000), 'مرحبا']) {
      expect(decryptField(encryptField(text, dataKeys, ctx), dataKeys, ctx)).toBe(text);
    }
  });

  it('serialises as v1.<version>.<iv>.<ciphertext>.<tag> with a 96-bit IV and a 128-bit tag', () => {
    const s = encryptField(SECRET, dataKeys, ctx);
    const [v, id, iv, ct, tag] = s.split('.');
    expect(v).toBe('v1');
    expect(id).toBe('d1');
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ct!, 'base64url')).toHaveLength(Buffer.byteLength(SECRET));
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(s).not.toContain('Klientin');
    expect(keyIdOf(s)).toBe('d1');
  });

  it('uses a fresh IV every time', () => {
    const ivs = new Set(Array.from({ length: 500 }, () => encryptField('x', dataKeys, ctx).split('.')[2]));
    expect(ivs.size).toBe(500);
  });

  it('detects tampering with ciphertext, tag or IV', () => {
    const s = encryptField(SECRET, dataKeys, ctx);
    for (const part of [2, 3, 4] as const)
      expectDecryptionError(() => decryptField(flip(s, part), dataKeys, ctx), 'authentication_failed');
  });

  it('refuses malformed values, including a truncated tag', () => {
    const s = encryptField(SECRET, dataKeys, ctx);
    const parts = s.split('.');
    const shortTag = [
      ...parts.slice(0, 4),
      Buffer.from(parts[4]!, 'base64url').subarray(0, 12).toString('base64url'),
    ].join('.');
    for (const bad of [
      shortTag,
      '',
      'v1',
      s.replace(/^v1/, 'v2'),
      `${s}.x`,
      s.replace(/\.([^.]+)$/, '.!!!'),
      'v1.d1.a.b.c',
    ]) {
      expectDecryptionError(() => decryptField(bad, dataKeys, ctx), 'malformed');
    }
  });

  it('refuses a value moved to another row, column, table or tenant (AAD)', () => {
    const s = encryptField(SECRET, dataKeys, ctx);
    for (const moved of [
      { ...ctx, rowId: 'r-1002' },
      { ...ctx, column: 'summary' },
      { ...ctx, table: 'cases' },
      { ...ctx, tenantId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      expectDecryptionError(() => decryptField(s, dataKeys, moved), 'authentication_failed');
    }
  });

  it('refuses a value whose key-version label was changed', () => {
    const both = ring([
      ['d1', d1],
      ['d2', generateDataKey()],
    ]);
    const relabelled = encryptField(SECRET, dataKeys, ctx).replace('.d1.', '.d2.');
    expectDecryptionError(() => decryptField(relabelled, both, ctx), 'authentication_failed');
  });

  it('keeps decrypting old versions after a data-key rotation', () => {
    const old = encryptField(SECRET, dataKeys, ctx);
    const rotated = ring([
      ['d1', d1],
      ['d2', generateDataKey()],
    ]);
    const fresh = encryptField('neu', rotated, ctx);
    expect(keyIdOf(fresh)).toBe('d2');
    expect(decryptField(old, rotated, ctx)).toBe(SECRET);
    expect(decryptField(fresh, rotated, ctx)).toBe('neu');
    expectDecryptionError(() => decryptField(fresh, dataKeys, ctx), 'unknown_key');
  });

  it('refuses AAD parts that could be confused', () => {
    expect(() => encryptField('x', dataKeys, { ...ctx, rowId: 'a|b' })).toThrow(TypeError);
    expect(() => encryptField('x', dataKeys, { ...ctx, table: '' })).toThrow(TypeError);
  });

  it('refuses keys that are not 256 bits', () => {
    expect(() => encryptField('x', ring([['d1', randomBytes(16)]]), ctx)).toThrow(TypeError);
  });
});

describe('wrapDataKey / unwrapDataKey / rewrapDataKey (envelope, KEK rotation)', () => {
  const kek1 = randomBytes(32);
  const kek2 = randomBytes(32);
  const wrapCtx = { tenantId: ctx.tenantId, dataKeyVersion: 'd1' };

  it('wraps under the current KEK and unwraps to the same key', () => {
    const wrapped = wrapDataKey(d1, ring([['k1', kek1]]), wrapCtx);
    expect(wrapped).toMatch(/^v1\.k1\./);
    expect(wrapped).not.toContain(d1.toString('base64url'));
    expect(unwrapDataKey(wrapped, ring([['k1', kek1]]), wrapCtx).equals(d1)).toBe(true);
  });

  it('a wrapped key cannot be moved to another tenant or version, or tampered with', () => {
    const wrapped = wrapDataKey(d1, ring([['k1', kek1]]), wrapCtx);
    const kek = ring([['k1', kek1]]);
    expectDecryptionError(
      () => unwrapDataKey(wrapped, kek, { ...wrapCtx, tenantId: 'other' }),
      'authentication_failed',
    );
    expectDecryptionError(
      () => unwrapDataKey(wrapped, kek, { ...wrapCtx, dataKeyVersion: 'd2' }),
      'authentication_failed',
    );
    expectDecryptionError(() => unwrapDataKey(flip(wrapped, 3), kek, wrapCtx), 'authentication_failed');
    expectDecryptionError(() => unwrapDataKey(wrapped, ring([['k1', kek2]]), wrapCtx), 'authentication_failed');
    expectDecryptionError(() => unwrapDataKey(wrapped, ring([['k9', kek1]]), wrapCtx), 'unknown_key');
  });

  it('rewrapping under a new KEK keeps old data decryptable, without re-encrypting it', () => {
    const before = ring([['k1', kek1]]);
    const during = ring([
      ['k1', kek1],
      ['k2', kek2],
    ]);
    const after = ring([['k2', kek2]]);
    const wrapped = wrapDataKey(d1, before, wrapCtx);
    const field = encryptField(SECRET, ring([['d1', unwrapDataKey(wrapped, before, wrapCtx)]]), ctx);

    const rewrapped = rewrapDataKey(wrapped, during, wrapCtx);
    expect(keyIdOf(rewrapped)).toBe('k2');
    // The old KEK can now leave the ring; the unchanged field still decrypts.
    const dataKey = unwrapDataKey(rewrapped, after, wrapCtx);
    expect(decryptField(field, ring([['d1', dataKey]]), ctx)).toBe(SECRET);
    expectDecryptionError(() => unwrapDataKey(wrapped, after, wrapCtx), 'unknown_key');
  });
});

describe('wrapKey / unwrapKey (deeper key hierarchies)', () => {
  const kek = ring([['k1', randomBytes(32)]]);
  const key = generateDataKey();
  const context = ['centre-a', 'v1'];

  it('round-trips a key bound to its purpose and context', () => {
    const wrapped = wrapKey(key, kek, 'centre-key', context);
    expect(keyIdOf(wrapped)).toBe('k1');
    expect(unwrapKey(wrapped, kek, 'centre-key', context).equals(key)).toBe(true);
  });

  it('refuses another purpose, another context, tampering, and a wrapped tenant data key', () => {
    const wrapped = wrapKey(key, kek, 'centre-key', context);
    expectDecryptionError(() => unwrapKey(wrapped, kek, 'referral-key', context), 'authentication_failed');
    expectDecryptionError(() => unwrapKey(wrapped, kek, 'centre-key', ['centre-b', 'v1']), 'authentication_failed');
    expectDecryptionError(() => unwrapKey(wrapped, kek, 'centre-key', ['centre-a', 'v2']), 'authentication_failed');
    expectDecryptionError(() => unwrapKey(wrapped, kek, 'centre-key', ['centre-a']), 'authentication_failed');
    expectDecryptionError(() => unwrapKey(flip(wrapped, 3), kek, 'centre-key', context), 'authentication_failed');
    expectDecryptionError(() => unwrapKey(flip(wrapped, 4), kek, 'centre-key', context), 'authentication_failed');
    // A tenant data key wrapped by the same KEK is no key of this kind.
    const dek = wrapDataKey(key, kek, { tenantId: 'centre-a', dataKeyVersion: 'v1' });
    expectDecryptionError(() => unwrapKey(dek, kek, 'centre-key', ['centre-a', 'v1']), 'authentication_failed');
  });

  it('refuses context parts that could be confused', () => {
    expect(() => wrapKey(key, kek, 'centre-key', ['a|b'])).toThrow(TypeError);
    expect(() => wrapKey(key, kek, '', ['a'])).toThrow(TypeError);
    expect(() => wrapKey(randomBytes(16), kek, 'centre-key', ['a'])).toThrow(TypeError);
  });
});
