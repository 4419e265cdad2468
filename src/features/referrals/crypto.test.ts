import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../platform/security/field-encryption.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import {
  decryptDeclineNote,
  decryptReferral,
  encryptDeclineNote,
  encryptReferral,
  newCentreKey,
  openCentreKey,
  reencryptForCentre,
  type SealedReferral,
} from './crypto.ts';
import type { ReferralPayload } from './schema.ts';

const kek: KeyRing = { currentId: 'k1', keys: new Map([['k1', randomBytes(32)]]) };
const centreA = randomUUID();
const centreB = randomUUID();
const keyA = newCentreKey(kek, centreA, 1).key;
const keyB = newCentreKey(kek, centreB, 1).key;

const payload: ReferralPayload = {
  sender: {
    name: 'Frau Dr. Erika Mustermann',
    organisation: 'Jugendamt Musterstadt',
    organisationType: 'jugendamt',
    phone: '+49 30 123456',
    email: 'erika@example.org',
  },
  person: { languages: ['ti', 'ar'], consent: 'none', noConsentReason: 'minor' },
  guide: { versionId: randomUUID(), observed: ['minor.no_guardian', 'minor.coached_story'] },
  message: 'Jugendliche, 15, wohnt in Unterkunft Musterstraße 5 — 🔒',
  locale: 'de',
};

function expectFails(fn: () => unknown): void {
  expect(fn).toThrow(DecryptionError);
}

/** Flip one bit in the ciphertext part of a `v1.<id>.<iv>.<ct>.<tag>` value. */
function tamper(serialised: string, part = 3): string {
  const parts = serialised.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0]! ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('referral envelope encryption', () => {
  it('round-trips the payload, and stores none of it in clear', () => {
    const id = randomUUID();
    const sealed = encryptReferral(payload, keyA, id);
    expect(decryptReferral(sealed, keyA, id)).toEqual(payload);
    const stored = JSON.stringify(sealed);
    for (const secret of [
      'Mustermann',
      'Jugendamt',
      '123456',
      'erika@',
      'Musterstraße',
      'noConsentReason',
      'minor.no_guardian',
      'languages',
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(sealed.centreKeyVersion).toBe(1);
    expect(sealed.payload).toMatch(/^v1\.c1\./);
    expect(sealed.wrappedKey).toMatch(/^v1\.c1\./);
  });

  it('uses a fresh data key per referral', () => {
    const id = randomUUID();
    const a = encryptReferral(payload, keyA, id);
    const b = encryptReferral(payload, keyA, id);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    // Each payload opens only with its own wrapped data key.
    expectFails(() => decryptReferral({ ...a, wrappedKey: b.wrappedKey }, keyA, id));
  });

  it('detects tampering with the ciphertext, its tag, the wrapped key and the key-version label', () => {
    const id = randomUUID();
    const sealed = encryptReferral(payload, keyA, id);
    expectFails(() => decryptReferral({ ...sealed, payload: tamper(sealed.payload) }, keyA, id));
    expectFails(() => decryptReferral({ ...sealed, payload: tamper(sealed.payload, 4) }, keyA, id));
    expectFails(() => decryptReferral({ ...sealed, wrappedKey: tamper(sealed.wrappedKey) }, keyA, id));
    expectFails(() => decryptReferral({ ...sealed, payload: sealed.payload.replace('v1.c1.', 'v1.c2.') }, keyA, id));
  });

  it('a ciphertext or wrapped key moved to another referral or centre fails (AAD)', () => {
    const id = randomUUID();
    const other = randomUUID();
    const sealed = encryptReferral(payload, keyA, id);
    const otherSealed = encryptReferral(payload, keyA, other);
    // Same centre, another row: both the whole set and single columns.
    expectFails(() => decryptReferral(sealed, keyA, other));
    expectFails(() => decryptReferral({ ...otherSealed, payload: sealed.payload }, keyA, other));
    expectFails(() => decryptReferral({ ...otherSealed, wrappedKey: sealed.wrappedKey }, keyA, other));
    // Another centre: its key does not open it, nor does A's key under B's name.
    expectFails(() => decryptReferral(sealed, keyB, id));
    expectFails(() => decryptReferral(sealed, { ...keyA, centreId: centreB }, id));
    // The payload moved into the decline-note column does not decrypt there.
    const note = encryptDeclineNote('Keine Kapazität', sealed, keyA, id);
    expectFails(() => decryptDeclineNote({ ...sealed, declineNote: sealed.payload }, keyA, id));
    expect(decryptDeclineNote({ ...sealed, declineNote: note }, keyA, id)).toBe('Keine Kapazität');
  });

  it('each centre has its own key, bound to the centre and version by the KEK', () => {
    const first = newCentreKey(kek, centreA, 1);
    const second = newCentreKey(kek, centreB, 1);
    expect(first.key.key.equals(second.key.key)).toBe(false);
    expect(openCentreKey(kek, centreA, 1, first.wrapped).key.equals(first.key.key)).toBe(true);
    expectFails(() => openCentreKey(kek, centreB, 1, first.wrapped));
    expectFails(() => openCentreKey(kek, centreA, 2, first.wrapped));
    expectFails(() => openCentreKey(kek, centreA, 1, tamper(first.wrapped)));
    const otherKek: KeyRing = { currentId: 'k1', keys: new Map([['k1', randomBytes(32)]]) };
    expectFails(() => openCentreKey(otherKek, centreA, 1, first.wrapped));
    expect(first.wrapped).not.toContain(first.key.key.toString('base64url'));
  });

  it('re-encrypting for another centre works, and the old centre key opens nothing of it', () => {
    const id = randomUUID();
    const sealed: SealedReferral = encryptReferral(payload, keyA, id);
    const withNote = { ...sealed, declineNote: encryptDeclineNote('Sprache fehlt', sealed, keyA, id) };
    const keyB2 = newCentreKey(kek, centreB, 2).key;
    const moved = reencryptForCentre(withNote, keyA, keyB2, id);
    expect(moved.centreKeyVersion).toBe(2);
    expect(decryptReferral(moved, keyB2, id)).toEqual(payload);
    expect(decryptDeclineNote(moved, keyB2, id)).toBe('Sprache fehlt');
    expect(moved.wrappedKey).not.toBe(sealed.wrappedKey);
    expectFails(() => decryptReferral({ ...moved, centreKeyVersion: 1 }, keyA, id));
    expectFails(() => decryptReferral(moved, { ...keyA, version: 2 }, id));
    // The old row's ciphertext does not open with the new centre's key either.
    expectFails(() => decryptReferral({ ...sealed, centreKeyVersion: 2 }, keyB2, id));
  });

  it('refuses to encrypt a payload outside the schema, and a decrypted one outside it', () => {
    const id = randomUUID();
    expect(() => encryptReferral({ ...payload, message: 'x'.repeat(2001) }, keyA, id)).toThrow();
    expect(() => encryptReferral({ ...payload, extra: 1 } as unknown as ReferralPayload, keyA, id)).toThrow();
  });
});
