/**
 * onRequest: who is asking. Public routes are answered without looking at
 * cookies at all. Everywhere else the session cookie is looked up in the
 * database (through `auth_session`, the one narrowly granted path that
 * works before the session's tenant is known; its touch or deletion then
 * runs in the session owner's account scope, ADR 021), the idle
 * and absolute timeouts are enforced against `app.clock`, and `req.actor` is
 * set only for complete (two-factor) sessions of users that are not
 * disabled — and, for roles that must use a passkey (policy.ts), only when
 * the sign-in was completed with one. An expired or orphaned session is
 * deleted at once, and so is a passkey role's full session that was opened
 * otherwise and is not a live enrolment session (one completed with a code
 * before such sign-ins were refused, or an enrolment left unfinished).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { enterScope, withScope } from '../db/tenant.ts';
import { isPublicRoute } from '../http/route-kind.ts';
import { hashToken } from '../security/tokens.ts';
import { requiresPasskey } from './policy.ts';
import { clearSessionCookie, readSessionToken } from './cookie.ts';
import { deleteSession, findSession, touchSession } from './queries/sessions.ts';
import { ENROLMENT_SESSION_MS, isExpired, needsTouch, type LoadedSession } from './session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The request's session row (any stage), for the CSRF check and the
     * sign-in flow. Authorisation uses `actor`, never this.
     */
    authSession: LoadedSession | null;
  }
}

/**
 * A full session of a passkey role not opened by a passkey. The only such
 * session that survives loading is a live enrolment session
 * (isEnrolmentSession): it sets no `actor` and reaches only the passkey
 * set-up routes (authFlow 'passkey_setup'); every other staff route sends
 * it there.
 */
export function isPasskeyRestricted(s: Pick<LoadedSession, 'stage' | 'role' | 'secondFactor'>): boolean {
  if (s.stage !== 'full') return false;
  return s.secondFactor === 'enrolment' || (requiresPasskey(s.role) && s.secondFactor !== 'passkey');
}

/** An administrator's enrolment session (second-factor.ts openEnrolmentSession) still within its window at `now`. */
function isLiveEnrolment(s: Pick<LoadedSession, 'secondFactor' | 'createdAt' | 'role'>, now: Date): boolean {
  const age = now.getTime() - s.createdAt.getTime();
  return s.secondFactor === 'enrolment' && requiresPasskey(s.role) && age >= 0 && age < ENROLMENT_SESSION_MS;
}

export async function loadSession(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  req.actor = null;
  req.authSession = null;
  if (isPublicRoute(req)) return;
  const token = readSessionToken(req);
  if (!token) return;
  const app = req.server;
  const now = app.clock.now();
  const session = await withScope(app.database.db, { kind: 'auth' }, async (trx) => {
    const s = await findSession(trx, hashToken(token));
    if (!s) return null;
    const expired = s.disabled || isExpired(s, now) || (isPasskeyRestricted(s) && !isLiveEnrolment(s, now));
    if (expired || needsTouch(s, now)) await enterScope(trx, { kind: 'account', userId: s.userId });
    if (expired) {
      await deleteSession(trx, s.tokenHash);
      return null;
    }
    if (needsTouch(s, now)) {
      await touchSession(trx, s.tokenHash, now);
      s.lastSeenAt = now;
    }
    return s;
  });
  if (!session) {
    // Tell the browser to drop a cookie that no longer means anything.
    clearSessionCookie(reply);
    return;
  }
  req.authSession = session;
  if (session.stage === 'full' && !isPasskeyRestricted(session)) {
    req.actor = {
      userId: session.userId,
      role: session.role,
      centreId: session.centreId,
      sessionHash: session.tokenHash,
      reauthAt: session.reauthAt,
    };
  }
}
