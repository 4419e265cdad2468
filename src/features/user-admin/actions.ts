/**
 * The rights of user administration. Who may act on which account is the
 * object rule of each action (see also rules.ts, which combines them):
 * administrators any account, centre leads those of their own centre.
 */
import { defineAction, sameCentre } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/db/schema.ts';

type Account = { centreId: string | null; role: Role };

/** Open the invitation form; which roles may be invited is decided by the two actions below. */
export const USERS_INVITE = defineAction({
  name: 'users.invite',
  roles: ['admin', 'centre_lead'],
  description: 'Open the invitation form.',
});

/** Invite coordination-office staff and centre leads (into any centre). */
export const USERS_INVITE_STAFF = defineAction({
  name: 'users.invite_staff',
  roles: ['admin'],
  description: 'Invite coordination-office staff and centre leads.',
});

/** Invite counsellors into one's own centre. */
export const USERS_INVITE_COUNSELLOR = defineAction({
  name: 'users.invite_counsellor',
  roles: ['centre_lead'],
  description: 'Invite counsellors into one’s own centre.',
});

/** See accounts: every one for administrators, their own centre's for centre leads. */
export const USERS_LIST = defineAction({
  name: 'users.list',
  roles: ['admin', 'centre_lead'],
  description: 'See accounts (the own centre’s for centre leads).',
});

/** Disable accounts (the route); whose is decided by the two actions below. */
export const USERS_DISABLE = defineAction({
  name: 'users.disable',
  roles: ['admin', 'centre_lead'],
  description: 'Disable accounts (which ones: users.manage, users.disable_counsellor).',
});

/** Disable a counsellor of one's own centre — not a fellow lead. */
export const USERS_DISABLE_COUNSELLOR = defineAction<Account>({
  name: 'users.disable_counsellor',
  roles: ['centre_lead'],
  description: 'Disable counsellors of the own centre.',
  object: (actor, target) => target.role === 'counsellor' && sameCentre(actor, target),
});

/** Disable any account but one's own; change roles (counsellor ↔ centre lead). */
export const USERS_MANAGE = defineAction({
  name: 'users.manage',
  roles: ['admin'],
  description: 'Disable any account but one’s own; change roles within a centre.',
});

export const USER_ADMIN_ACTIONS = [
  USERS_INVITE,
  USERS_INVITE_STAFF,
  USERS_INVITE_COUNSELLOR,
  USERS_LIST,
  USERS_DISABLE,
  USERS_DISABLE_COUNSELLOR,
  USERS_MANAGE,
];
