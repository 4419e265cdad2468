/**
 * The one place that says who may do what (deny by default). Routes name an
 * action in their config; the authorisation hook asks `can()` before the
 * handler runs. Object-level checks (is this centre's row the actor's?) are
 * enforced twice: here through `canOnCentre`, and in the database by
 * row-level security. A refused object-level check answers 404, never 403,
 * so nobody learns that another centre's record exists (Immich-style
 * "not found or no access").
 */
import type { Actor, Role } from './types.ts';

export const ACTIONS = {
  /** Own account: sessions, second factors, password. */
  'account.manage': ['admin', 'coordination', 'centre_lead', 'counsellor'],
  /** Open the invitation form; which roles may be invited is decided by the two actions below. */
  'users.invite': ['admin', 'centre_lead'],
  /** Invite coordination-office staff and centre leads. */
  'users.invite_staff': ['admin'],
  /** Invite counsellors into one's own centre. */
  'users.invite_counsellor': ['centre_lead'],
  /** See users (own centre for leads; all for admin). */
  'users.list': ['admin', 'centre_lead'],
  /** Disable accounts (the route); whose is decided by the two actions below (src/features/user-admin/rules.ts). */
  'users.disable': ['admin', 'centre_lead'],
  /** Disable counsellors of one's own centre (object-level: canOnCentre). */
  'users.disable_counsellor': ['centre_lead'],
  /** Disable any account but one's own; change roles (counsellor ↔ centre lead). */
  'users.manage': ['admin'],
  /** Read the mail outbox (holds one-time links). */
  'outbox.read': ['admin'],
  /** Read the audit log: the network's for coordination/admin, the own centre's for leads. */
  'audit.read': ['admin', 'coordination', 'centre_lead'],
  /** Propose changes to the own centre's directory entry. */
  'directory.edit_own': ['centre_lead'],
  /** Review proposed directory changes; see overdue entries. */
  'directory.review': ['coordination'],
  /** Staff start page. */
  'staff.home': ['admin', 'coordination', 'centre_lead', 'counsellor'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/**
 * Roles whose sign-in counts only with a passkey (checklist #1, "passkeys
 * for admins"): a phished password plus TOTP code, or a recovery code, must
 * not open the platform operator's rights. Such a sign-in completed with
 * another factor gets a restricted session that may only add a passkey
 * (src/platform/auth/session-hook.ts). Not configurable on purpose.
 */
export const PASSKEY_ONLY_ROLES: readonly Role[] = ['admin'];

/** Must this role complete its sign-ins with a passkey? */
export function requiresPasskey(role: Role): boolean {
  return PASSKEY_ONLY_ROLES.includes(role);
}

/** May this actor perform this action at all? Unknown actions are denied. */
export function can(actor: Pick<Actor, 'role'> | null, action: Action): boolean {
  if (!actor) return false;
  const allowed = (ACTIONS as Record<string, readonly Role[]>)[action];
  return allowed !== undefined && allowed.includes(actor.role);
}

/**
 * Object-level check for centre-owned records: network roles see every
 * centre, centre roles only their own.
 */
export function canOnCentre(
  actor: Pick<Actor, 'role' | 'centreId'> | null,
  action: Action,
  centreId: string | null,
): boolean {
  if (!actor || !can(actor, action)) return false;
  if (actor.role === 'admin' || actor.role === 'coordination') return true;
  return centreId !== null && actor.centreId === centreId;
}
