/**
 * The state of an invitation acceptance between its steps (password → TOTP).
 *
 * Decision: nothing is written to the database until the invitee has proved
 * that their authenticator works. Until then the chosen display name, the
 * argon2id hash of the chosen password and the new TOTP secret travel with
 * the form as one opaque value, sealed with AES-256-GCM under a key derived
 * from the server key (HKDF, own purpose label) and bound by AAD to the
 * invitation's token hash — so it cannot be read, altered, or replayed
 * against another invitation, and expires after 30 minutes. An abandoned or
 * failed acceptance therefore leaves no half-made account behind, and the
 * invitation stays usable until it is actually redeemed.
 *
 * Carrying the TOTP secret in the page is no new exposure: the same page
 * shows it as a QR code and in text. The password hash never leaves the
 * server unencrypted. Pages holding the state are sent with no-store.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { currentKey, type KeyRing } from '../../../platform/security/keys.ts';

const ENROLMENT_STATE_TTL_MS = 30 * 60_000;

export type EnrolmentState = {
  displayName: string;
  passwordHash: string;
  totpSecret: string;
};

const payloadSchema = z
  .object({
    n: z.string().min(1).max(200),
    p: z.string().startsWith('$argon2id$').max(200),
    s: z.string().regex(/^[A-Z2-7]{32}$/),
    e: z.number().int(),
  })
  .strict();

const INFO = 'schutznetz/enrolment-state/v1';
const SALT = Buffer.from('schutznetz enrolment state', 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A state value is a few hundred characters; anything far longer is not ours. */
export const MAX_STATE_LENGTH = 2048;

function derive(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, SALT, INFO, 32));
}

/** Seal `state` for the invitation whose token hashes to `tokenHash`. */
export function sealEnrolmentState(ring: KeyRing, tokenHash: string, state: EnrolmentState, now: Date): string {
  const { keyId, key } = currentKey(ring);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${keyId}|${tokenHash}`, 'utf8'));
  const payload = {
    n: state.displayName,
    p: state.passwordHash,
    s: state.totpSecret,
    e: now.getTime() + ENROLMENT_STATE_TTL_MS,
  };
  const ct = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return [keyId, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    '.',
  );
}

/**
 * Open a sealed state. Null for anything that is not an intact, unexpired
 * state of this very invitation (tampered, foreign, expired, malformed).
 */
export function openEnrolmentState(ring: KeyRing, tokenHash: string, sealed: string, now: Date): EnrolmentState | null {
  if (typeof sealed !== 'string' || sealed.length > MAX_STATE_LENGTH) return null;
  const parts = sealed.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  const [keyId, iv, ct, tag] = parts as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) return null;
  const ivBuf = Buffer.from(iv, 'base64url');
  const tagBuf = Buffer.from(tag, 'base64url');
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) return null;
  let json: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(key), ivBuf, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${keyId}|${tokenHash}`, 'utf8'));
    decipher.setAuthTag(tagBuf);
    json = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const r = payloadSchema.safeParse(parsed);
  if (!r.success || r.data.e <= now.getTime()) return null;
  return { displayName: r.data.n, passwordHash: r.data.p, totpSecret: r.data.s };
}
