/**
 * The last step of every sign-in, whichever second factor was used (TOTP,
 * recovery code, passkey). Only here does a session become 'full'.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.ts';
import type { Tx } from '../db/tenant.ts';
import { setSessionCookie } from './cookie.ts';
import { isPasskeyRestricted } from './session-hook.ts';
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
 * The session records `method`: for roles that must use a passkey
 * (policy.ts) a session completed otherwise is `restricted` — it may only
 * add a passkey. The caller then redirects: to the passkey set-up page when
 * restricted, otherwise usually to the validated `next`.
 *
 * @throws Error when the request has no password-stage session of `userId`
 *   — a programming error: the factor must belong to the pending sign-in.
 * @returns the new session's CSRF secret, and whether it is restricted
 */
export async function completeSecondFactor(
  req: FastifyRequest,
  reply: FastifyReply,
  trx: Tx,
  userId: string,
  method: SecondFactorMethod,
): Promise<{ csrfSecret: string; restricted: boolean }> {
  const pending = req.authSession;
  if (!pending || pending.stage !== 'password' || pending.userId !== userId) {
    throw new Error('completeSecondFactor: no pending sign-in of this user on this request');
  }
  const app = req.server;
  const now = app.clock.now();
  const user = await sessionOwner(trx, userId);
  if (user.disabled) throw new Error('completeSecondFactor: user is disabled');

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
  return {
    csrfSecret: session.csrfSecret,
    restricted: isPasskeyRestricted({ stage: 'full', role: user.role, secondFactor: method }),
  };
}
