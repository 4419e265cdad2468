/**
 * One failed sign-in attempt (password, second factor, passkey or
 * re-authentication), handled the same way wherever it happens: counted
 * against the account and the client address (throttle.ts) and written to
 * the audit log — in its own committed transaction, so a failure is never
 * rolled back with the request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.ts';
import { withScope, type Scope } from '../db/tenant.ts';
import { recordFailure, throttleKeys } from './throttle.ts';

export type AttemptStep = 'password' | 'second_factor' | 'reauth';

/**
 * Count and audit a failed attempt. `email` is the address typed (or the
 * account's, after the password step); `user` the account when known.
 * @returns Retry-After seconds when this failure locked the account or address, else null
 */
export async function recordFailedAttempt(
  app: FastifyInstance,
  req: FastifyRequest,
  email: string,
  user: { id: string; centreId: string | null } | null,
  step: AttemptStep,
  reason: string,
): Promise<number | null> {
  const now = app.clock.now();
  // The account's own scope when it is known; otherwise 'auth', which may append to the network chain only.
  const scope: Scope = user ? { kind: 'account', userId: user.id } : { kind: 'auth' };
  return withScope(app.database.db, scope, async (trx) => {
    const retry = await recordFailure(trx, throttleKeys(app.keys.server, email, req.ip), now);
    await audit(
      trx,
      app.keys.audit,
      {
        event: 'auth.sign_in_failed',
        actorId: null,
        centreId: user?.centreId ?? null,
        ...(user ? { objectType: 'app_user', objectId: user.id } : {}),
        details: { step, reason, locked: retry !== null },
      },
      now,
    );
    return retry;
  });
}
