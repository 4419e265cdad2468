/**
 * A user's passkeys (webauthn_credential), always selected by user id as well
 * as credential id, and the ceremonies' server-side challenges.
 */
import type { Tx } from '../../../platform/db/tenant.ts';
import { CEREMONY_TIMEOUT_MS } from './relying-party.ts';

export type StoredPasskey = {
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Transports as stored (comma-separated), limited to the values WebAuthn defines. */
export function encodeTransports(list: readonly string[] | undefined): string | null {
  const known = (list ?? []).filter((t) => TRANSPORTS.has(t));
  return known.length ? [...new Set(known)].join(',') : null;
}

function toPasskey(r: {
  id: string;
  public_key: Uint8Array;
  counter: string | number;
  transports: string | null;
  name: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
}): StoredPasskey {
  return {
    id: r.id,
    publicKey: new Uint8Array(r.public_key),
    counter: Number(r.counter),
    transports: r.transports ? r.transports.split(',') : [],
    name: r.name,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  };
}

const COLUMNS = ['id', 'public_key', 'counter', 'transports', 'name', 'created_at', 'last_used_at'] as const;

export async function listPasskeys(trx: Tx, userId: string): Promise<StoredPasskey[]> {
  const rows = await trx
    .selectFrom('webauthn_credential')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPasskey);
}

export async function findPasskey(trx: Tx, userId: string, credentialId: string): Promise<StoredPasskey | null> {
  const row = await trx
    .selectFrom('webauthn_credential')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return row ? toPasskey(row) : null;
}

/** Is this credential id registered to anyone? (Asked before inserting, so a clash never aborts the transaction.) */
/** The address and name a new passkey is registered under; null when the user is not visible. */
export async function passkeyUserName(trx: Tx, userId: string): Promise<{ email: string; displayName: string } | null> {
  const u = await trx
    .selectFrom('app_user')
    .select(['email', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ? { email: u.email, displayName: u.display_name } : null;
}

export async function passkeyIdTaken(trx: Tx, credentialId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('webauthn_credential')
    .select('id')
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPasskey(
  trx: Tx,
  p: {
    id: string;
    userId: string;
    centreId: string | null;
    publicKey: Uint8Array;
    counter: number;
    transports: string | null;
    name: string;
  },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('webauthn_credential')
    .values({
      id: p.id,
      user_id: p.userId,
      centre_id: p.centreId,
      public_key: Buffer.from(p.publicKey),
      counter: p.counter,
      transports: p.transports,
      name: p.name,
      created_at: now,
    })
    .execute();
}

/** Record a successful use: the new signature counter and when. */
export async function markPasskeyUsed(
  trx: Tx,
  userId: string,
  credentialId: string,
  counter: number,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('webauthn_credential')
    .set({ counter, last_used_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', credentialId)
    .execute();
}

/** Remove one of the user's passkeys. @returns whether it existed */
/** Whose passkey this is, or null when the scope sees no such passkey. */
export async function passkeyOwner(
  trx: Tx,
  credentialId: string,
): Promise<{ userId: string; centreId: string | null } | null> {
  const row = await trx
    .selectFrom('webauthn_credential')
    .select(['user_id', 'centre_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return row ? { userId: row.user_id, centreId: row.centre_id } : null;
}

export async function deletePasskey(trx: Tx, userId: string, credentialId: string): Promise<boolean> {
  const r = await trx
    .deleteFrom('webauthn_credential')
    .where('user_id', '=', userId)
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** A credential id as an audit object id (bounded to 200 characters; real ids practically always fit). */
export function auditCredentialId(id: string): string {
  return id.slice(0, 200);
}

// Server-side WebAuthn challenges: one per session and purpose, a few minutes
// long, consumed by the verification that reads it (successful or not), so a
// signed response can never be replayed.

export type ChallengePurpose = 'register' | 'authenticate';

/** Remember `challenge` (base64url) for this session and purpose, replacing any earlier one. */
export async function putChallenge(
  trx: Tx,
  c: { sessionHash: string; purpose: ChallengePurpose; userId: string; challenge: string },
  now: Date,
): Promise<void> {
  const db = trx;
  await db
    .deleteFrom('webauthn_challenge')
    .where('session_hash', '=', c.sessionHash)
    .where('purpose', '=', c.purpose)
    .execute();
  await db
    .insertInto('webauthn_challenge')
    .values({
      session_hash: c.sessionHash,
      purpose: c.purpose,
      user_id: c.userId,
      challenge: c.challenge,
      expires_at: new Date(now.getTime() + CEREMONY_TIMEOUT_MS),
    })
    .execute();
}

/** Take (delete and return) the session's unexpired challenge for `purpose` and `userId`, or null. */
export async function takeChallenge(
  trx: Tx,
  c: { sessionHash: string; purpose: ChallengePurpose; userId: string },
  now: Date,
): Promise<string | null> {
  const row = await trx
    .deleteFrom('webauthn_challenge')
    .where('session_hash', '=', c.sessionHash)
    .where('purpose', '=', c.purpose)
    .returning(['user_id', 'challenge', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.user_id !== c.userId || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return row.challenge;
}
