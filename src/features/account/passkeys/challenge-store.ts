/**
 * Server-side WebAuthn challenges (table from migrations/0005): one per
 * session and purpose, a few minutes long, consumed by the verification that
 * reads it (successful or not), so a signed response can never be replayed.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../platform/db/tenant.ts';
import { CEREMONY_TIMEOUT_MS } from './relying-party.ts';

export type ChallengePurpose = 'register' | 'authenticate';

/** A fresh 256-bit challenge (base64url in the options the browser gets). */
export function newChallenge(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}

/** Remember `challenge` (base64url) for this session and purpose, replacing any earlier one. */
export async function putChallenge(
  trx: Tx,
  c: { sessionHash: string; purpose: ChallengePurpose; userId: string; challenge: string },
  now: Date,
): Promise<void> {
  await trx
    .deleteFrom('webauthn_challenge')
    .where('session_hash', '=', c.sessionHash)
    .where('purpose', '=', c.purpose)
    .execute();
  await trx
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
