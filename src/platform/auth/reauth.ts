/**
 * Re-authentication for sensitive actions (ASVS 7.5.1/3): changing factors or
 * the e-mail address, exports, later opening referrals. A session that is
 * hours old may sit on an unlocked computer; these actions want proof that
 * the person at the keyboard is still the account's owner.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditGuarded } from '../audit/flood-guard.ts';
import type { Tx } from '../db/tenant.ts';
import { requestLocale, safeNextPath, staffHome } from './next-path.ts';
import { markReauthenticated } from './queries/sessions.ts';
import type { SecondFactorMethod } from './session.ts';
import type { Actor } from './types.ts';

/** Default freshness for sensitive actions. */
const REAUTH_MAX_AGE_MINUTES = 10;

/** Has the actor proved their identity within `maxAgeMinutes` (by app.clock)? */
export function hasRecentAuth(req: FastifyRequest, maxAgeMinutes = REAUTH_MAX_AGE_MINUTES): boolean {
  const at = req.actor?.reauthAt;
  if (!at) return false;
  const age = req.server.clock.now().getTime() - at.getTime();
  return age >= 0 && age < maxAgeMinutes * 60_000;
}

/** The re-authentication page that returns to `next` afterwards. */
export function reauthPath(req: FastifyRequest, next?: string): string {
  const locale = requestLocale(req);
  const back = safeNextPath(next ?? (req.method === 'GET' ? req.url : '')) ?? staffHome(locale);
  return `/${locale}/staff/reauth?next=${encodeURIComponent(back)}`;
}

/**
 * Guard for sensitive handlers. Returns true when the actor re-authenticated
 * recently; otherwise sends a 303 to the re-authentication page (which leads
 * back to this GET page, or to `next` — give the form's page for POST
 * handlers, as a POST body cannot be replayed) and returns false:
 *
 *     if (!requireRecentAuth(req, reply)) return reply;
 */
export function requireRecentAuth(
  req: FastifyRequest,
  reply: FastifyReply,
  maxAgeMinutes = REAUTH_MAX_AGE_MINUTES,
  next?: string,
): boolean {
  if (!req.actor) {
    // The authorisation hook runs first; reaching here unsigned is a wiring bug.
    throw new Error('requireRecentAuth on a request without an actor');
  }
  if (hasRecentAuth(req, maxAgeMinutes)) return true;
  void reply.redirect(reauthPath(req, next), 303);
  return false;
}

/**
 * A successful re-authentication of `actor`'s session with `method` (the
 * caller verified the password and the factor inside `trx`): the session
 * counts as freshly proven from `now`, and `auth.reauthenticated` is
 * recorded in the actor's chain, under the flood guard (one row per person
 * and minute, more only at the 10th, 100th … — a sensitive action always
 * follows one, so the log shows who proved themselves before it).
 */
export async function recordReauthentication(
  app: FastifyInstance,
  trx: Tx,
  actor: Pick<Actor, 'userId' | 'centreId' | 'sessionHash'>,
  method: SecondFactorMethod,
  now: Date,
): Promise<void> {
  await markReauthenticated(trx, actor.sessionHash, now);
  await auditGuarded(
    trx,
    app.keys,
    {
      event: 'auth.reauthenticated',
      actorId: actor.userId,
      centreId: actor.centreId,
      objectType: 'app_user',
      objectId: actor.userId,
      details: { method },
    },
    now,
    { by: [actor.userId] },
  );
}
