/**
 * Server-side sessions in `user_session` (shared by every app instance).
 * The cookie carries a random token; the table keeps only its SHA-256, so a
 * leaked table holds nothing that signs anyone in. Every function takes the
 * caller's scoped transaction (withScope), never the bare connection.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, type LoadedSession, type SessionFactor } from '../session.ts';
import { summariseUserAgent } from '../user-agent.ts';

/**
 * Start a new session with a fresh token. Always a new token: a session id
 * is never carried over from before sign-in (session fixation, ASVS 7.2.4).
 * A 'full' session must name the second factor that completed it.
 * @returns the token for the cookie (shown once, never stored) and the CSRF secret
 */
export async function createSession(
  trx: Tx,
  s: { userId: string; centreId: string | null; now: Date; userAgent?: string | undefined; reauthAt?: Date | null } & (
    { stage: 'password' } | { stage: 'full'; secondFactor: SessionFactor }
  ),
): Promise<{ token: string; tokenHash: string; csrfSecret: string }> {
  const token = randomToken(32);
  const tokenHash = hashToken(token);
  const csrfSecret = randomToken(32);
  await trx
    .insertInto('user_session')
    .values({
      token_hash: tokenHash,
      user_id: s.userId,
      centre_id: s.centreId,
      stage: s.stage,
      csrf_secret: csrfSecret,
      created_at: s.now,
      last_seen_at: s.now,
      reauth_at: s.reauthAt ?? null,
      user_agent: summariseUserAgent(s.userAgent),
      second_factor: s.stage === 'full' ? s.secondFactor : null,
    })
    .execute();
  return { token, tokenHash, csrfSecret };
}

/** What `auth_session(text)` returns: the session and what a request needs of its user, no hash of anything. */
type SessionLookupRow = {
  user_id: string;
  centre_id: string | null;
  stage: LoadedSession['stage'];
  csrf_secret: string;
  created_at: Date;
  last_seen_at: Date;
  reauth_at: Date | null;
  second_factor: LoadedSession['secondFactor'];
  role: LoadedSession['role'];
  disabled: boolean;
  display_name: string;
};

/**
 * The session with this token hash and its user, or null. Does not check
 * timeouts. Reads through `auth_session(text)` (migration 0014, ADR 021):
 * the one function that runs with its owner's rights, returning only the
 * session the caller holds the token of, so the lookup works before the
 * tenant is known without any scope that could read other accounts.
 */
export async function findSession(trx: Tx, tokenHash: string): Promise<LoadedSession | null> {
  const { rows } = await sql<SessionLookupRow>`SELECT * FROM auth_session(${tokenHash})`.execute(trx);
  const row = rows[0];
  if (!row) return null;
  return {
    tokenHash,
    userId: row.user_id,
    // The user's current centre, not the one copied into the session row.
    centreId: row.centre_id,
    stage: row.stage,
    csrfSecret: row.csrf_secret,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    reauthAt: row.reauth_at ? new Date(row.reauth_at) : null,
    secondFactor: row.second_factor,
    role: row.role,
    disabled: row.disabled,
    displayName: row.display_name,
  };
}

export async function touchSession(trx: Tx, tokenHash: string, now: Date): Promise<void> {
  await trx.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** End one session. Returns whether a row was deleted. */
export async function deleteSession(trx: Tx, tokenHash: string): Promise<boolean> {
  const r = await trx.deleteFrom('user_session').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * End every session of a user (disabling, password reset, "sign out
 * everywhere"), optionally except one. Returns how many ended.
 */
export async function deleteUserSessions(trx: Tx, userId: string, except?: string): Promise<number> {
  let q = trx.deleteFrom('user_session').where('user_id', '=', userId);
  if (except) q = q.where('token_hash', '!=', except);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Record a fresh proof of identity (password + second factor) on a session. */
export async function markReauthenticated(trx: Tx, tokenHash: string, now: Date): Promise<void> {
  await trx.updateTable('user_session').set({ reauth_at: now }).where('token_hash', '=', tokenHash).execute();
}

/**
 * Delete every session past its idle or absolute timeout (of every user the
 * transaction's scope can see). Expired sessions are already refused on
 * use; this keeps abandoned ones from lying around in the table. Called at
 * each sign-in (the account scope: that account's sessions) and every 15
 * minutes by the scheduled job in session-purge-job.ts (every session).
 */
export async function purgeExpiredSessions(trx: Tx, now: Date): Promise<number> {
  const r = await trx
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<=', new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        eb('created_at', '<=', new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
