/**
 * Accounts as user administration sees them, and the two changes it makes
 * to them: disabling, and moving an account between the two centre roles.
 *
 * Shared by the web pages (routes.tsx, in the actor's own scope) and the
 * `schutznetz users` command (operator.ts, in the network scope). Both
 * disable through the same `disableAccount`, so an account disabled either
 * way ends up in the same state with the same kind of audit row; only the
 * actor (null for the operator at the console) and `via` differ.
 *
 * Every function takes the caller's scoped transaction (withScope): what a
 * centre lead's transaction cannot see, these functions cannot find or
 * change — row-level security is the second wall behind rules.ts.
 */
import { audit } from '../../platform/audit/audit.ts';
import { ABSOLUTE_TIMEOUT_MS, deleteUserSessions, IDLE_TIMEOUT_MS } from '../../platform/auth/session-store.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { closeOpenInvitations } from '../account/invitations/invitation-store.ts';
import { closeOpenResets } from '../account/password-reset/reset-store.ts';

export type AccountSummary = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  centreName: string | null;
  disabled: boolean;
  /** A second factor is enrolled (without one the account cannot complete a sign-in). */
  enrolled: boolean;
  createdAt: Date;
};

/** The roles within a centre; the only ones that can change (into each other). */
export const CENTRE_ROLES = ['counsellor', 'centre_lead'] as const satisfies readonly Role[];
export type CentreRole = (typeof CENTRE_ROLES)[number];

export function isCentreRole(role: Role): role is CentreRole {
  return (CENTRE_ROLES as readonly Role[]).includes(role);
}

/** Who makes a change, and how it is recorded. actorId null: the operator at the console. */
export type ChangedBy = { actorId: string | null; via: 'cli' | 'web'; auditRing: KeyRing; now: Date };

function summaries(trx: Tx) {
  return trx
    .selectFrom('app_user as u')
    .leftJoin('centre as c', 'c.id', 'u.centre_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.centre_id',
      'c.name as centre_name',
      'u.disabled_at',
      'u.mfa_enrolled_at',
      'u.created_at',
    ]);
}

type SummaryRow = {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  centre_id: string | null;
  centre_name: string | null;
  disabled_at: Date | null;
  mfa_enrolled_at: Date | null;
  created_at: Date;
};

function toSummary(r: SummaryRow): AccountSummary {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    centreId: r.centre_id,
    centreName: r.centre_name,
    disabled: r.disabled_at !== null,
    enrolled: r.mfa_enrolled_at !== null,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Every account the transaction's scope can see, without secrets: by role
 * and address (the operator's list) or by name (the web list).
 */
export async function listAccountSummaries(trx: Tx, order: 'role' | 'name'): Promise<AccountSummary[]> {
  const q = summaries(trx);
  const ordered =
    order === 'role' ? q.orderBy('u.role').orderBy('u.email') : q.orderBy('u.display_name').orderBy('u.id');
  return (await ordered.execute()).map(toSummary);
}

/** One account by id (a UUID; the caller checks the shape), or null when unknown or outside the scope. */
export async function accountById(trx: Tx, id: string): Promise<AccountSummary | null> {
  const row = await summaries(trx).where('u.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** One account by its (stored, lower-case) address, or null. */
export async function accountByEmail(trx: Tx, email: string): Promise<AccountSummary | null> {
  const row = await summaries(trx).where('u.email', '=', email).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/**
 * The account's signed-in sessions that have not timed out at `now`.
 * Expired rows are refused on use and purged lazily, so they are not counted.
 */
export async function openSessionCount(trx: Tx, userId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('stage', '=', 'full')
    .where('last_seen_at', '>', new Date(now.getTime() - IDLE_TIMEOUT_MS))
    .where('created_at', '>', new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type DisableResult = { sessionsEnded: number; alreadyDisabled: boolean };

/**
 * Disable an account: it cannot sign in any more, and every session it has
 * ends at once (the session lookup refuses disabled users too, so even a
 * session this transaction cannot see is dead). Its open invitation and
 * password-reset links are closed. Audited as `users.disabled` in the
 * account's own chain, with pseudonymous ids only. Calling it again for a
 * disabled account changes nothing but is recorded again.
 */
export async function disableAccount(
  trx: Tx,
  account: Pick<AccountSummary, 'id' | 'email' | 'centreId'>,
  by: ChangedBy,
): Promise<DisableResult> {
  // Decided by the update itself, not by an earlier read: two parallel requests cannot both "disable".
  const updated = await trx
    .updateTable('app_user')
    .set({ disabled_at: by.now })
    .where('id', '=', account.id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const sessionsEnded = await deleteUserSessions(trx, account.id);
  await closeOpenInvitations(trx, account.email, by.now);
  await closeOpenResets(trx, account.id, by.now);
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
  return { sessionsEnded, alreadyDisabled: Number(updated.numUpdatedRows) === 0 };
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
  const updated = await trx
    .updateTable('app_user')
    .set({ role: to })
    .where('id', '=', account.id)
    .where('role', '=', account.role)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: 'changed_meanwhile' };
  const sessionsEnded = await deleteUserSessions(trx, account.id);
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
