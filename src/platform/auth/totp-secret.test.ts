import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../security/field-encryption.ts';
import { loadKeyRing } from '../security/keys.ts';
import { generateTotpSecret } from '../security/totp.ts';
import { decryptTotpSecret, encryptTotpSecret, needsReencryption, tenantDataKeys } from './totp-secret.ts';

const k1 = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const k2 = `k2:${Buffer.alloc(32, 9).toString('base64')}`;
const ring1 = loadKeyRing(k1);
const ring12 = loadKeyRing(`${k1},${k2}`);
const alice = { id: '00000000-0000-4000-8000-000000000001', centreId: '00000000-0000-4000-8000-0000000000c1' };
const bob = { id: '00000000-0000-4000-8000-000000000002', centreId: alice.centreId };

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecryptionError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('TOTP secret storage', () => {
  it('round-trips and never stores the secret in clear', () => {
    const secret = generateTotpSecret();
    const stored = encryptTotpSecret(ring1, alice, secret);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^v1\.k1\./);
    expect(decryptTotpSecret(ring1, alice, stored)).toBe(secret);
  });

  it('refuses a tampered value', () => {
    const stored = encryptTotpSecret(ring1, alice, generateTotpSecret());
    const parts = stored.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(reason(() => decryptTotpSecret(ring1, alice, parts.join('.')))).toBe('authentication_failed');
  });

  it('refuses a value moved to another user or another tenant', () => {
    const stored = encryptTotpSecret(ring1, alice, generateTotpSecret());
    expect(reason(() => decryptTotpSecret(ring1, bob, stored))).toBe('authentication_failed');
    expect(reason(() => decryptTotpSecret(ring1, { ...alice, centreId: null }, stored))).toBe('authentication_failed');
  });

  it('derives a different key per tenant and per KEK', () => {
    const a = tenantDataKeys(ring12, 'network').keys;
    const b = tenantDataKeys(ring12, alice.centreId).keys;
    expect(a.get('k1')!.equals(b.get('k1')!)).toBe(false);
    expect(a.get('k1')!.equals(a.get('k2')!)).toBe(false);
    expect(a.get('k1')!.equals(ring12.keys.get('k1')!)).toBe(false);
  });

  it('keeps decrypting under an old key version after rotation and flags re-encryption', () => {
    const secret = generateTotpSecret();
    const old = encryptTotpSecret(ring1, alice, secret);
    expect(needsReencryption(ring12, old)).toBe(true);
    expect(decryptTotpSecret(ring12, alice, old)).toBe(secret);
    const fresh = encryptTotpSecret(ring12, alice, secret);
    expect(fresh).toMatch(/^v1\.k2\./);
    expect(needsReencryption(ring12, fresh)).toBe(false);
    // Once the old key leaves the ring, old values no longer decrypt.
    expect(reason(() => decryptTotpSecret(loadKeyRing(k2), alice, old))).toBe('unknown_key');
  });
});
