/**
 * CSRF refusals in the audit log (`auth.csrf_refused`). A form refused for
 * its Origin, its Sec-Fetch-Site or a missing or wrong token is what a
 * forged cross-site request looks like, so each refusal is recorded:
 *
 * - In the chain of the account whose session the request carried — the
 *   person whose browser was used — with that account as actor; without a
 *   live session, in the network chain without an actor.
 * - With the route PATTERN, the HTTP method and the reason (`origin`,
 *   `sec_fetch_site`, `token`) — never the URL, the foreign origin, a token
 *   or the client address.
 * - Origin refusals happen before the session is loaded (the body is not
 *   read, the session is not touched, so a forged request does not keep it
 *   alive); the session is then looked up read-only here, on non-public
 *   routes only (public routes never read cookies).
 * - Flood guard (flood-guard.ts): per account, route, method and reason one
 *   row a minute (more only at the 10th, 100th … with the count); every
 *   refusal without a session shares one guard, so a script sending forged
 *   forms leaves a handful of rows a minute in all.
 * - Written in a transaction of its own after the request's work has ended:
 *   the session is looked up in the 'auth' scope (through auth_session()),
 *   and the row appended in the owner's account scope, which may write that
 *   account's chain — or, without a session, in 'auth', which may write the
 *   network chain only (ADR 021). Never throws: a failure to record is
 *   logged without details and the refusal stands.
 */
import type { FastifyRequest } from 'fastify';
import { auditGuarded } from '../audit/flood-guard.ts';
import { enterScope, withScope, type Tx } from '../db/tenant.ts';
import { isPublicRoute } from '../http/route-kind.ts';
import { hashToken } from '../security/tokens.ts';
import { readSessionToken } from './cookie.ts';
import type { CsrfReason } from './csrf.ts';
import { findSession } from './queries/sessions.ts';
import { isExpired } from './session.ts';

type Owner = { userId: string; centreId: string | null };

/** Whose live session the request carries, if any (read-only: nothing is touched or deleted). */
async function sessionOwner(req: FastifyRequest, trx: Tx, now: Date): Promise<Owner | null> {
  const loaded = req.authSession;
  if (loaded) return { userId: loaded.userId, centreId: loaded.centreId };
  if (isPublicRoute(req)) return null;
  const token = readSessionToken(req);
  if (!token) return null;
  const s = await findSession(trx, hashToken(token));
  if (!s || s.disabled || isExpired(s, now)) return null;
  return { userId: s.userId, centreId: s.centreId };
}

/**
 * Record the CSRF refusal of this request (see above).
 * @returns whether a row was written (false: held back by the flood guard, or not recordable)
 */
export async function recordCsrfRefusal(req: FastifyRequest, reason: CsrfReason): Promise<boolean> {
  const route = req.routeOptions.url;
  // An unknown URL is a plain 404 whatever its headers: nothing to record.
  if (!route) return false;
  const app = req.server;
  const now = app.clock.now();
  const method = req.method;
  try {
    return await withScope(app.database.db, { kind: 'auth' }, async (trx) => {
      const owner = await sessionOwner(req, trx, now);
      if (owner) await enterScope(trx, { kind: 'account', userId: owner.userId });
      return auditGuarded(
        trx,
        app.keys,
        {
          event: 'auth.csrf_refused',
          actorId: owner?.userId ?? null,
          centreId: owner?.centreId ?? null,
          details: { route, http_method: method, reason },
        },
        now,
        { by: owner ? [owner.userId, route, method, reason] : ['without-session'] },
      );
    });
  } catch (err) {
    req.log.error({ err: { type: (err as Error).name } }, 'could not audit a CSRF refusal');
    return false;
  }
}
