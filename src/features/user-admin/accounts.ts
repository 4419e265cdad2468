/**
 * Accounts as user administration sees them, and the two changes it makes
 * to them: disabling, and moving an account between the two centre roles.
 *
 * Shared by the web pages (routes.tsx, in the actor's own scope) and the
 * `schutznetz users` command (operator.ts, in the admin scope). Both
 * disable through the same `disableAccount`, so an account disabled either
 * way ends up in the same state with the same kind of audit row; only the
 * actor (null for the operator at the console) and `via` differ.
 *
 * Every function takes the caller's scoped transaction (withScope): what a
 * centre lead's transaction cannot see, these functions cannot find or
 * change — row-level security is the second wall behind rules.ts.
 */
import { audit } from '../../platform/audit/audit.ts';
import { deleteUserSessions } from '../../platform/auth/queries/sessions.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { endPendingLinks } from '../../platform/auth/queries/one-time-links.ts';
import { markDisabled, switchRole } from './queries.ts';

export { accountByEmail, accountById, listAccountSummaries, openSessionCount, type AccountSummary } from './queries.ts';
import type { AccountSummary } from './queries.ts';
import { sendSecurityNotice } from '../../platform/auth/security-notice.ts';
import type { MailContext } from '../../platform/mail/mailer.ts';

/** The roles within a centre; the only ones that can change (into each other). */
export const CENTRE_ROLES = ['counsellor', 'centre_lead'] as const satisfies readonly Role[];
export type CentreRole = (typeof CENTRE_ROLES)[number];

export function isCentreRole(role: Role): role is CentreRole {
  return (CENTRE_ROLES as readonly Role[]).includes(role);
}

/** Who makes a change, and how it is recorded. actorId null: the operator at the console. */
export type ChangedBy = {
  actorId: string | null;
  via: 'cli' | 'web';
  auditRing: KeyRing;
  /** Where the security notice to the changed account goes (security-notice.ts). */
  mail: MailContext;
  now: Date;
};

export type DisableResult = { sessionsEnded: number; alreadyDisabled: boolean };

/**
 * Disable an account: it cannot sign in any more, and every session it has
 * ends at once (the session lookup refuses disabled users too, so even a
 * session this transaction cannot see is dead). Every pending one-time link
 * of the account ends (invitation, password reset, e-mail change), so none
 * works again after a later re-admission. Audited as `users.disabled` in the
 * account's own chain, with pseudonymous ids only. Calling it again for a
 * disabled account changes nothing but is recorded again.
 */
export async function disableAccount(
  trx: Tx,
  account: Pick<AccountSummary, 'id' | 'email' | 'centreId'>,
  by: ChangedBy,
): Promise<DisableResult> {
  // Decided by the update itself, not by an earlier read: two parallel requests cannot both "disable".
  const newlyDisabled = await markDisabled(trx, account.id, by.now);
  const sessionsEnded = await deleteUserSessions(trx, account.id);
  await endPendingLinks(trx, account.id, by.now);
  await audit(
    trx,
    by.auditRing,
    {
      event: 'users.disabled',
      actorId: by.actorId,
      centreId: account.centreId,
      objectType: 'app_user',
      objectId: account.id,
      details: { sessions_ended: sessionsEnded, via: by.via },
    },
    by.now,
  );
  return { sessionsEnded, alreadyDisabled: !newlyDisabled };
}

export type RoleChangeResult = { ok: true; sessionsEnded: number } | { ok: false; reason: 'changed_meanwhile' };

/**
 * Move an active account between the centre roles, within its centre. Every
 * session of the account ends, so the new rights (more or fewer) apply from
 * its next sign-in rather than in a session opened under the old role.
 * Audited as `users.role_changed` with the old and the new role.
 */
export async function changeCentreRole(
  trx: Tx,
  account: Pick<AccountSummary, 'id' | 'centreId'> & { role: CentreRole },
  to: CentreRole,
  by: ChangedBy,
): Promise<RoleChangeResult> {
  // Only from the role the actor saw, and never for a disabled account (a parallel change wins).
  if (!(await switchRole(trx, account.id, account.role, to))) return { ok: false, reason: 'changed_meanwhile' };
  const sessionsEnded = await deleteUserSessions(trx, account.id);
  await sendSecurityNotice(by.mail, trx, account.id, 'roleChanged', by.now);
  await audit(
    trx,
    by.auditRing,
    {
      event: 'users.role_changed',
      actorId: by.actorId,
      centreId: account.centreId,
      objectType: 'app_user',
      objectId: account.id,
      details: { old_role: account.role, new_role: to, sessions_ended: sessionsEnded, via: by.via },
    },
    by.now,
  );
  return { ok: true, sessionsEnded };
}
