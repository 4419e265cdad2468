/**
 * One failed sign-in attempt (password, second factor, passkey or
 * re-authentication), handled the same way wherever it happens: counted
 * against the account and the client address (throttle.ts) and written to
 * the audit log — in its own committed transaction, so a failure is never
 * rolled back with the request. An attempt that meets a lock is not
 * verified at all, but recorded too (checkLockout), under the flood guard.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit/audit.ts';
import { auditGuarded } from '../audit/flood-guard.ts';
import { withScope, type Scope, type Tx } from '../db/tenant.ts';
import { ACCOUNT_LIMIT, currentLock, IP_LIMIT, recordFailure, throttleKeys, type ThrottleKeys } from './throttle.ts';

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

/**
 * The lock-out check that comes before verifying anything. An attempt that
 * meets a lock is recorded as `auth.sign_in_blocked` (which limit, which
 * step; the account when it is known) under the flood guard, per lock:
 * the first blocked attempt of a lock writes a row, later ones are counted
 * and written again only at the 10th, 100th … with the count so far — so a
 * script hammering a locked account leaves a handful of rows per lock,
 * not one per attempt. Runs in the caller's transaction ('auth' scope).
 * @returns Retry-After seconds when the account or the address is locked, else null
 */
export async function checkLockout(
  app: FastifyInstance,
  trx: Tx,
  keys: ThrottleKeys,
  attempt: { user: { id: string; centreId: string | null } | null; step: AttemptStep },
  now: Date,
): Promise<number | null> {
  const lock = await currentLock(trx, keys, now);
  if (!lock) return null;
  const user = attempt.user;
  await auditGuarded(
    trx,
    app.keys,
    {
      event: 'auth.sign_in_blocked',
      actorId: null,
      centreId: user?.centreId ?? null,
      ...(user ? { objectType: 'app_user', objectId: user.id } : {}),
      details: { step: attempt.step, limit: lock.limit },
    },
    now,
    // One window per lock: the lock's key and end name it, and no lock lasts longer than this.
    { by: [lock.key, lock.until.toISOString()], windowMs: Math.max(ACCOUNT_LIMIT.lockMs, IP_LIMIT.lockMs) },
  );
  return lock.seconds;
}
