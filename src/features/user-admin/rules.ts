/**
 * Who may see, disable and re-role which account: the object-level half of
 * the rules, on top of the route-level actions (actions.ts)
 * (the hook has already refused roles the route's action does not list).
 *
 * - See an account: administrators every one; centre leads those of their
 *   own centre (USERS_LIST).
 * - Disable: administrators any account but their own (USERS_MANAGE);
 *   centre leads the counsellors of their own centre
 *   (USERS_DISABLE_COUNSELLOR) — not a fellow lead.
 * - Change the role: administrators only (USERS_MANAGE), and only between
 *   counsellor and centre lead within the account's centre. Network roles
 *   have no centre to keep, so they are not changed on the web.
 *
 * Pure functions, so the rules are tested without a database; the routes
 * run their queries in the actor's scope as well, so row-level security
 * enforces the centre boundary a second time.
 */
import { can } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/types.ts';
import { isCentreRole, type AccountSummary, type CentreRole } from './accounts.ts';
import { USERS_DISABLE_COUNSELLOR, USERS_LIST, USERS_MANAGE } from './actions.ts';

type Who = Pick<Actor, 'userId' | 'role' | 'centreId'>;
type Target = Pick<AccountSummary, 'id' | 'role' | 'centreId' | 'disabled'>;

/** May `actor` open this account's page? */
export function mayView(actor: Who, target: Target): boolean {
  return can(actor, USERS_LIST, target);
}

/**
 * 'allowed'; 'own_account' (nobody disables themselves: an administrator
 * could lock the platform's last operator out); or 'refused' (answered 404).
 */
export type DisableCheck = 'allowed' | 'own_account' | 'refused';

export function disableCheck(actor: Who, target: Target): DisableCheck {
  if (!mayView(actor, target)) return 'refused';
  if (target.id === actor.userId) return 'own_account';
  if (can(actor, USERS_MANAGE, target) || can(actor, USERS_DISABLE_COUNSELLOR, target)) return 'allowed';
  return 'refused';
}

/** The other centre role: the only one an account of a centre role can be given. */
export function otherCentreRole(role: CentreRole): CentreRole {
  return role === 'counsellor' ? 'centre_lead' : 'counsellor';
}

/**
 * Whether `actor` may give `target` the role `to`. 'refused' is answered
 * 404; the other reasons are shown on the page (the administrator sees the
 * account, so nothing is revealed by saying why).
 */
export type RoleChangeCheck =
  | { ok: true; from: CentreRole; to: CentreRole }
  | { ok: false; reason: 'refused' | 'not_centre_role' | 'disabled' | 'same_role' };

export function roleChangeCheck(actor: Who, target: Target, to: CentreRole): RoleChangeCheck {
  if (!can(actor, USERS_MANAGE, target) || !mayView(actor, target)) return { ok: false, reason: 'refused' };
  if (!isCentreRole(target.role)) return { ok: false, reason: 'not_centre_role' };
  if (target.disabled) return { ok: false, reason: 'disabled' };
  if (target.role === to) return { ok: false, reason: 'same_role' };
  return { ok: true, from: target.role, to };
}

/** What the account page offers an actor about the role (null: nothing, the actor may not change roles). */
export type RoleOffer = { kind: 'offer'; to: CentreRole } | { kind: 'not_centre_role' } | { kind: 'disabled' } | null;

export function roleOffer(actor: Who, target: Target): RoleOffer {
  if (!can(actor, USERS_MANAGE, target) || !mayView(actor, target)) return null;
  if (!isCentreRole(target.role)) return { kind: 'not_centre_role' };
  if (target.disabled) return { kind: 'disabled' };
  return { kind: 'offer', to: otherCentreRole(target.role) };
}
