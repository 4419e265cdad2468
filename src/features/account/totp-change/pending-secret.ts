/**
 * The new TOTP secret between "show QR code" and "confirm with a code".
 *
 * Decision: nothing is written until the person proves the new app works, so
 * an abandoned change leaves the old authenticator in force. Until then the
 * secret travels with the form, sealed with AES-256-GCM (field-encryption.ts)
 * under a key derived from the server key with its own HKDF label, bound by
 * AAD to the user AND the session — a sealed value from another account or
 * another session does not open — and valid for 10 minutes (the
 * re-authentication window). Carrying it in the page is no new exposure:
 * the same page shows it as QR code and text (and is sent with no-store).
 */
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { DecryptionError, decryptField, encryptField } from '../../../platform/security/field-encryption.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';

const PENDING_SECRET_TTL_MS = 10 * 60_000;
/** A sealed value is about two hundred characters; anything far longer is not ours. */
export const MAX_PENDING_LENGTH = 1024;

const SALT = Buffer.from('schutznetz totp change', 'utf8');
const INFO = 'schutznetz/totp-change/v1';

const payload = z.object({ s: z.string().regex(/^[A-Z2-7]{32}$/), e: z.number().int() }).strict();

export type PendingOwner = { userId: string; centreId: string | null; sessionHash: string };

function ring(server: KeyRing): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const [id, key] of server.keys) keys.set(id, Buffer.from(hkdfSync('sha256', key, SALT, INFO, 32)));
  return { currentId: server.currentId, keys };
}

function context(owner: PendingOwner) {
  return {
    tenantId: owner.centreId ?? 'network',
    table: 'totp_change',
    column: 'pending_secret',
    rowId: `${owner.userId}:${owner.sessionHash}`,
  };
}

/** Seal a freshly generated secret for this user's current session. */
export function sealPendingSecret(server: KeyRing, owner: PendingOwner, secret: string, now: Date): string {
  return encryptField(
    JSON.stringify({ s: secret, e: now.getTime() + PENDING_SECRET_TTL_MS }),
    ring(server),
    context(owner),
  );
}

/** The secret, or null for anything that is not an intact, unexpired value of this user and session. */
export function openPendingSecret(server: KeyRing, owner: PendingOwner, sealed: string, now: Date): string | null {
  if (sealed.length > MAX_PENDING_LENGTH) return null;
  let json: string;
  try {
    json = decryptField(sealed, ring(server), context(owner));
  } catch (err) {
    if (err instanceof DecryptionError) return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const r = payload.safeParse(parsed);
  if (!r.success || r.data.e <= now.getTime()) return null;
  return r.data.s;
}
