/**
 * A staff session's rules that need no database: timeouts and the shape of
 * a loaded session. The rows live in `user_session` (queries/sessions.ts).
 */
import type { Role } from '../db/schema.ts';

/** Idle timeout: no request for this long ends the session (ASVS 7.3.1). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** Absolute timeout: no session lives longer, however active (ASVS 7.3.2). */
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages is not a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

type Stage = 'password' | 'full';

/** The second factor that completed a sign-in (recorded on the session, migrations/0010). */
export type SecondFactorMethod = 'totp' | 'recovery_code' | 'passkey';

/**
 * What opened a 'full' session: a second factor at sign-in, or — for an
 * administrator only — redeeming an enrolment link (migrations/0017), which
 * opens nothing but the registration of the first passkey.
 */
export type SessionFactor = SecondFactorMethod | 'enrolment';

/** How long an enrolment session may add the first passkey: long enough to find the security key. */
export const ENROLMENT_SESSION_MS = 30 * 60_000;

/** A session row joined with what the hooks need to know about its user (role and centre are the user's current ones). */
export type LoadedSession = {
  tokenHash: string;
  userId: string;
  centreId: string | null;
  stage: Stage;
  csrfSecret: string;
  createdAt: Date;
  lastSeenAt: Date;
  reauthAt: Date | null;
  /** What opened the full session; null for 'password' sessions and for full sessions older than the column. */
  secondFactor: SessionFactor | null;
  role: Role;
  disabled: boolean;
  /** The user's name as shown in the staff frame ("signed in as"). */
  displayName: string | null;
};

/** Has the session passed its idle or absolute timeout at `now`? */
export function isExpired(s: { createdAt: Date; lastSeenAt: Date }, now: Date): boolean {
  const t = now.getTime();
  return t - s.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS || t - s.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS;
}

/** Should last_seen_at be written now? (Spares a write on most requests.) */
export function needsTouch(s: { lastSeenAt: Date }, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
