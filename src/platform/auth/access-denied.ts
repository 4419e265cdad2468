/**
 * Authorisation refusals in the audit log (checklist #23: "log … authz
 * failures"). A signed-in person who asks for a page their role may not use,
 * or for an object outside their centre, gets the same 404 "not found or no
 * access" as ever — and the refusal is recorded as `access.denied` in their
 * own chain (their centre's, or the network chain for network roles).
 *
 * - Only explicit refusals count: the authorisation hook's (reason 'role')
 *   and handlers' object-level ones (reason 'object'), both thrown as
 *   `AccessDenied`. An ordinary 404 (a malformed id, an unknown language)
 *   is not a refusal and is not logged.
 * - The row names the route PATTERN (`/:lang/staff/review/:id`), the HTTP
 *   method and the actor — never the URL, its query or the asked-for id
 *   (another centre's ids are theirs, and a typed URL can hold anything).
 * - It is written in a transaction of its own after the refused request's
 *   work has ended (the onError hook in plugin.ts runs once the handler's
 *   transaction has rolled back), so it survives that rollback.
 * - Flood guard: at most one row per actor, method and route per minute
 *   (app clock). A script hammering a refused URL leaves one row a minute per
 *   route, not one per request, so it cannot fill the log or drown the other
 *   events; a person who is refused once is still recorded once. The check
 *   runs under the chain head's row lock, so parallel refusals of one actor
 *   cannot both pass it.
 */
import type { FastifyRequest } from 'fastify';
import { audit, chainOf } from '../audit/audit.ts';
import { lockChainHead, recentRefusal } from '../audit/queries.ts';
import { withScope } from '../db/tenant.ts';
import { HttpError } from '../http/errors.ts';
import { scopeOf } from './types.ts';

const ACCESS_DENIED_EVENT = 'access.denied';
/** One `access.denied` row per actor, method and route within this time. */
export const ACCESS_DENIED_INTERVAL_MS = 60_000;

/** 'role': the route's policy action is not the actor's; 'object': the object is not theirs (or does not exist). */
export type AccessDeniedReason = 'role' | 'object';

/**
 * The refusal of a signed-in actor: answered like any 404, audited by the
 * auth plugin. Throw it where a request is refused for lack of a right, not
 * for a malformed or simply unknown value.
 */
export class AccessDenied extends HttpError {
  constructor(readonly reason: AccessDeniedReason = 'object') {
    super(404, 'Not found or no access');
    this.name = 'AccessDenied';
  }
}

/**
 * Append `access.denied` for the request's actor, unless the same actor was
 * refused the same method and route within the last minute. Never throws: a
 * failure to write the row is logged (without details) and the refusal
 * itself stands.
 * @returns whether a row was written
 */
export async function recordAccessDenied(req: FastifyRequest, reason: AccessDeniedReason): Promise<boolean> {
  const actor = req.actor;
  const route = req.routeOptions.url;
  if (!actor || !route) return false;
  const app = req.server;
  const now = app.clock.now();
  const method = req.method;
  try {
    return await withScope(app.database.db, scopeOf(actor), async (trx) => {
      const chain = chainOf(actor.centreId);
      // Taken again (re-entrantly) by audit(); taking it first makes check-then-append atomic.
      await lockChainHead(trx, chain, actor.centreId);
      const recent = await recentRefusal(trx, {
        chain,
        event: ACCESS_DENIED_EVENT,
        actorId: actor.userId,
        route,
        method,
        since: new Date(now.getTime() - ACCESS_DENIED_INTERVAL_MS),
      });
      if (recent) return false;
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'access.denied',
          actorId: actor.userId,
          centreId: actor.centreId,
          details: { route, http_method: method, reason },
        },
        now,
      );
      return true;
    });
  } catch (err) {
    req.log.error({ err: { type: (err as Error).name } }, 'could not audit an access refusal');
    return false;
  }
}
