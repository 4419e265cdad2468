/**
 * The last step of every sign-in, whichever second factor was used (TOTP,
 * recovery code, passkey). Only here does a session become 'full'.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.ts';
import type { Tx } from '../db/tenant.ts';
import { setSessionCookie } from './cookie.ts';
import { requiresPasskey } from './policy.ts';
import { createSession, deleteSession } from './queries/sessions.ts';
import { type SecondFactorMethod } from './session.ts';
import { resetAccount, throttleKeys } from './throttle.ts';
import { sessionOwner } from './queries/users.ts';

export type { SecondFactorMethod };

/**
 * Complete a sign-in after the caller has verified a second factor of
 * `userId` inside `trx` (a withScope transaction in that account's scope):
 * the pending password-stage session is deleted and a NEW session with a
 * new token and CSRF secret is created with stage 'full' (so a token seen before the
 * second factor is worth nothing afterwards), the cookie is set, the
 * account's failure counter is cleared and `auth.sign_in` is audited. The
 * sign-in itself counts as a fresh authentication (reauth_at = now).
 * The session records `method`.
 *
 * Roles that must use a passkey (policy.ts) never get here with a code: the
 * sign-in refuses a code for them before checking it, because a session
 * opened by a phished password and one code must not be able to do anything
 * — not even add a passkey (that happens only while enrolling, see
 * openEnrolmentSession).
 *
 * @throws Error when the request has no password-stage session of `userId`,
 *   or when a code would complete a passkey role's sign-in — programming
 *   errors: the factor must belong to the pending sign-in and count for it.
 * @returns the new session's CSRF secret
 */
export async function completeSecondFactor(
  req: FastifyRequest,
  reply: FastifyReply,
  trx: Tx,
  userId: string,
  method: SecondFactorMethod,
): Promise<{ csrfSecret: string }> {
  const pending = req.authSession;
  if (!pending || pending.stage !== 'password' || pending.userId !== userId) {
    throw new Error('completeSecondFactor: no pending sign-in of this user on this request');
  }
  const app = req.server;
  const now = app.clock.now();
  const user = await sessionOwner(trx, userId);
  if (user.disabled) throw new Error('completeSecondFactor: user is disabled');
  if (requiresPasskey(user.role) && method !== 'passkey') {
    throw new Error('completeSecondFactor: this role signs in with a passkey only');
  }

  await deleteSession(trx, pending.tokenHash);
  const session = await createSession(trx, {
    userId,
    centreId: user.centreId,
    stage: 'full',
    secondFactor: method,
    now,
    userAgent: req.headers['user-agent'],
    reauthAt: now,
  });
  await resetAccount(trx, throttleKeys(app.keys.server, user.email, req.ip));
  await audit(
    trx,
    app.keys.audit,
    {
      event: 'auth.sign_in',
      actorId: userId,
      centreId: user.centreId,
      objectType: 'app_user',
      objectId: userId,
      details: { method },
    },
    now,
  );
  setSessionCookie(reply, session.token);
  return { csrfSecret: session.csrfSecret };
}

/**
 * Open the enrolment session of an administrator who has just redeemed an
 * enrolment link (invitation or the operator's reset link) inside `trx`:
 * a 'full' session with factor 'enrolment' that sets no actor
 * (session-hook.ts) and reaches only the passkey set-up, for
 * ENROLMENT_SESSION_MS, while the account has no passkey. The caller ends
 * any session the browser had before (in that session's own scope); the
 * cookie is set here.
 */
export async function openEnrolmentSession(
  req: FastifyRequest,
  reply: FastifyReply,
  trx: Tx,
  user: { id: string; centreId: string | null },
): Promise<void> {
  const now = req.server.clock.now();
  const session = await createSession(trx, {
    userId: user.id,
    centreId: user.centreId,
    stage: 'full',
    secondFactor: 'enrolment',
    now,
    userAgent: req.headers['user-agent'],
    reauthAt: now,
  });
  setSessionCookie(reply, session.token);
}
