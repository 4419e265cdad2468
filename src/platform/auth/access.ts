/**
 * The one object-level check (in the spirit of Immich's `requireAccess`):
 * a handler loads the object in the actor's tenant transaction, then asks
 * here whether the actor may exercise the route's right on it.
 *
 * - Nothing found (it does not exist, or row-level security hid another
 *   centre's row): 404 "not found or no access", not audited — the database
 *   cannot tell the two apart, and neither do we.
 * - Found but not the actor's: the same 404, recorded as `access.denied`
 *   (reason 'object') by the auth plugin.
 *
 * For objects a request names by an id that only their owner ever sees
 * (one's own passkey, one's own draft), `missing: 'refused'` counts "not
 * found" as a refusal too: asking for somebody else's is then recorded,
 * whether row-level security hid the row or not.
 *
 * Deny by default: the action's object rule must say yes.
 */
import { HttpError } from '../http/errors.ts';
import { AccessDenied } from './access-denied.ts';
import { can, type ActionDefinition, type Owned } from './policy.ts';
import type { Actor } from './types.ts';

/** The answer for an object that does not exist or is not visible in the actor's scope. */
export function notFound(): HttpError {
  return new HttpError(404, 'Not found');
}

export function requireAccess<R extends Owned>(
  actor: Pick<Actor, 'role' | 'centreId' | 'userId'>,
  action: ActionDefinition<R>,
  resource: R | null | undefined,
  opts: { missing?: 'not_found' | 'refused' } = {},
): R {
  if (resource === null || resource === undefined) {
    throw opts.missing === 'refused' ? new AccessDenied('object') : notFound();
  }
  if (!can(actor, action, resource)) throw new AccessDenied('object');
  return resource;
}
