/**
 * Operator actions on accounts, shared by the `schutznetz users` command
 * and the demo start-up: issue an administrator's setup link, list and
 * disable accounts, reset an account's second factors. Each runs in one
 * network-scope transaction and is audited (actor null: the operator at the
 * console is not an account). Listing and disabling use the same queries as
 * the web pages (accounts.ts).
 */
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import { deleteUserSessions } from '../../platform/auth/queries/sessions.ts';
import type { DB } from '../../platform/db/schema.ts';
import { withScope, type Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { createInvitation, invitationLink } from '../../platform/auth/queries/invitations.ts';
import { closeOpenInvitations, endPendingLinks } from '../../platform/auth/queries/one-time-links.ts';
import {
  accountByEmail,
  disableAccount,
  listAccountSummaries,
  type AccountSummary,
  type DisableResult,
} from './accounts.ts';
import { enableWithoutPassword, removeSecondFactors } from './queries.ts';
import { sendSecurityNotice } from '../../platform/auth/security-notice.ts';
import type { MailContext } from '../../platform/mail/mailer.ts';

export type { AccountSummary } from './accounts.ts';

export type OperatorContext = {
  db: Kysely<DB>;
  auditRing: KeyRing;
  publicOrigin: string;
  /** Where security notices to the accounts acted on go (security-notice.ts). */
  mail: MailContext;
  now: Date;
};

const OPERATOR = { kind: 'admin' } as const;

/** Every account, without secrets, ordered by role and address. */
export async function listAccounts(db: Kysely<DB>): Promise<AccountSummary[]> {
  return withScope(db, OPERATOR, (trx) => listAccountSummaries(trx, 'role'));
}

export type AdminInvitationResult = { ok: true; link: string } | { ok: false; reason: 'account_exists' };

/**
 * A one-time setup link (72 h) for a platform administrator. Earlier open
 * links to the address stop working.
 */
export async function issueAdminInvitation(
  ctx: OperatorContext,
  email: string,
  displayName: string,
  via: 'cli' | 'demo' = 'cli',
): Promise<AdminInvitationResult> {
  return withScope(ctx.db, OPERATOR, async (trx) => {
    if (await accountByEmail(trx, email)) return { ok: false as const, reason: 'account_exists' as const };
    await closeOpenInvitations(trx, email, ctx.now);
    const inv = await createInvitation(
      trx,
      { email, role: 'admin', centreId: null, invitedBy: null, displayName },
      ctx.now,
    );
    await audit(
      trx,
      ctx.auditRing,
      {
        event: 'users.invited',
        actorId: null,
        centreId: null,
        objectType: 'invitation',
        objectId: inv.id,
        details: { role: 'admin', via },
      },
      ctx.now,
    );
    return { ok: true as const, link: invitationLink(ctx.publicOrigin, 'de', inv.token) };
  });
}

export type OperatorDisableResult = ({ ok: true } & DisableResult) | { ok: false; reason: 'not_found' };

/** `schutznetz users disable`: disableAccount (accounts.ts) for the account with this address. */
export async function disableAccountByEmail(ctx: OperatorContext, email: string): Promise<OperatorDisableResult> {
  return withScope(ctx.db, OPERATOR, async (trx) => {
    const account = await accountByEmail(trx, email);
    if (!account) return { ok: false as const, reason: 'not_found' as const };
    const result = await disableAccount(trx, account, {
      actorId: null,
      via: 'cli',
      auditRing: ctx.auditRing,
      mail: ctx.mail,
      now: ctx.now,
    });
    return { ok: true as const, ...result };
  });
}

export type MfaResetResult =
  | { ok: true; link: string; sessionsEnded: number; passkeysRemoved: number }
  | { ok: false; reason: 'not_found' | 'disabled' };
export type EnableResult = { ok: true; link: string } | { ok: false; reason: 'not_found' | 'not_disabled' };

type FreshStart = { link: string; sessionsEnded: number; passkeysRemoved: number };

/**
 * End every pending link of the account (an address change someone asked
 * for earlier must not outlive the reset), remove every second factor, end
 * its sessions, and issue a new setup link (an invitation to the same
 * confirmed address, role and centre, 72 h) with which the person sets a
 * new password and enrols again. Until then the account cannot complete a
 * sign-in. Null, with nothing changed but the links ended, when the
 * account's address is no longer the one the operator named: an address
 * change was confirmed in the moment between looking the account up and
 * ending its links, and the link must never go to that new address.
 */
async function startAfresh(trx: Tx, ctx: OperatorContext, user: AccountSummary): Promise<FreshStart | null> {
  const confirmed = await endPendingLinks(trx, user.id, ctx.now);
  if (confirmed !== user.email) return null;
  const passkeysRemoved = await removeSecondFactors(trx, user.id);
  const sessionsEnded = await deleteUserSessions(trx, user.id);
  const inv = await createInvitation(
    trx,
    { email: confirmed, role: user.role, centreId: user.centreId, invitedBy: null, displayName: user.displayName },
    ctx.now,
  );
  return {
    link: invitationLink(ctx.publicOrigin, 'de', inv.token),
    sessionsEnded,
    passkeysRemoved,
  };
}

/**
 * Reset an account's second factors (after the person lost them and proved
 * who they are outside the system): see startAfresh.
 */
export async function resetAccountMfa(ctx: OperatorContext, email: string): Promise<MfaResetResult> {
  return withScope(ctx.db, OPERATOR, async (trx) => {
    const user = await accountByEmail(trx, email);
    if (!user) return { ok: false as const, reason: 'not_found' as const };
    if (user.disabled) return { ok: false as const, reason: 'disabled' as const };
    const fresh = await startAfresh(trx, ctx, user);
    if (!fresh) return { ok: false as const, reason: 'not_found' as const };
    await sendSecurityNotice(ctx.mail, trx, user.id, 'factorsReset', ctx.now);
    await audit(
      trx,
      ctx.auditRing,
      {
        event: 'auth.mfa_reset',
        actorId: null,
        centreId: user.centreId,
        objectType: 'app_user',
        objectId: user.id,
        details: { sessions_ended: fresh.sessionsEnded, passkeys_removed: fresh.passkeysRemoved, via: 'cli' },
      },
      ctx.now,
    );
    return { ok: true as const, ...fresh };
  });
}

/**
 * Re-admit a disabled account (someone back from leave, or disabled by
 * mistake). Deliberately an operator action at the console, not a button:
 * the account is enabled with none of its old factors — whoever may have
 * held them when it was disabled cannot use them — and the person must set
 * a new password and enrol again through a new setup link.
 */
export async function enableAccount(ctx: OperatorContext, email: string): Promise<EnableResult> {
  return withScope(ctx.db, OPERATOR, async (trx) => {
    const user = await accountByEmail(trx, email);
    if (!user) return { ok: false as const, reason: 'not_found' as const };
    if (!user.disabled) return { ok: false as const, reason: 'not_disabled' as const };
    const fresh = await startAfresh(trx, ctx, { ...user, disabled: false });
    if (!fresh) return { ok: false as const, reason: 'not_found' as const };
    await enableWithoutPassword(trx, user.id);
    await sendSecurityNotice(ctx.mail, trx, user.id, 'accountEnabled', ctx.now);
    await audit(
      trx,
      ctx.auditRing,
      {
        event: 'users.enabled',
        actorId: null,
        centreId: user.centreId,
        objectType: 'app_user',
        objectId: user.id,
        details: { via: 'cli' },
      },
      ctx.now,
    );
    return { ok: true as const, link: fresh.link };
  });
}
