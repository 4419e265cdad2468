/**
 * Redeeming an invitation: the one transaction that turns a verified
 * enrolment state (enrolment-state.ts) into an account. Everything — the
 * account row, the encrypted TOTP secret with its first used step, the
 * recovery codes, closing the invitation (and every other pending link of
 * the account, one-time-links.ts endPendingLinks), the audit entries —
 * commits together or not at all.
 *
 * A link from `schutznetz users reset-mfa` is an invitation to an address
 * that already has an account whose factors were removed: redeeming it
 * re-enrols that account (new password and factors, same id, role and
 * centre) instead of creating one.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../../platform/audit/audit.ts';
import { requiresPasskey } from '../../../platform/auth/policy.ts';
import { storeTotpSecret } from '../../../platform/auth/totp-secret.ts';
import { enterScope, withScope, type Tx } from '../../../platform/db/tenant.ts';
import { replaceRecoveryCodes } from '../queries.ts';
import type { EnrolmentState } from './enrolment-state.ts';
import { setTotpLastStep } from '../../../platform/auth/queries/users.ts';
import { accountForEnrolment, insertEnrolledAccount, reEnrolAccount } from './queries.ts';
import type { OpenInvitation } from '../../../platform/auth/queries/invitations.ts';
import { consumeLink, endPendingLinks } from '../../../platform/auth/queries/one-time-links.ts';

export type RedeemResult = { ok: true; userId: string; recoveryCodes: string[] } | { ok: false };

/** Thrown inside the transaction to roll it back when the invitation can no longer be redeemed. */
class NotRedeemable extends Error {}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

/** The account the invitation will act on: a new one, or one waiting for re-enrolment. */
async function targetAccount(trx: Tx, inv: OpenInvitation): Promise<{ id: string; isNew: boolean }> {
  const existing = await accountForEnrolment(trx, inv.email);
  if (!existing) return { id: randomUUID(), isNew: true };
  const reEnrolment =
    !existing.enrolled && !existing.disabled && existing.role === inv.role && existing.centreId === inv.centreId;
  if (!reEnrolment) throw new NotRedeemable();
  return { id: existing.id, isNew: false };
}

/**
 * Create (or re-enrol) the account of `inv` from `state`, whose TOTP code
 * the caller has verified at time step `totpStep`.
 * @returns the recovery codes to show once, or `{ ok: false }` when the
 *   invitation was redeemed or expired meanwhile or the address is taken
 */
export async function redeemInvitation(
  app: FastifyInstance,
  inv: OpenInvitation,
  state: EnrolmentState,
  totpStep: number,
): Promise<RedeemResult> {
  const now = app.clock.now();
  try {
    // Bound to the invitation and its address; once the account is known, to it too (ADR 021).
    const scope = { kind: 'account', email: inv.email, linkTokenHash: inv.tokenHash } as const;
    return await withScope(app.database.db, scope, async (trx) => {
      if (!(await consumeLink(trx, 'invitation', inv.tokenHash, now))) throw new NotRedeemable();
      const account = await targetAccount(trx, inv);
      await enterScope(trx, { ...scope, userId: account.id });
      const owner = { id: account.id, centreId: inv.centreId };
      if (account.isNew) {
        await insertEnrolledAccount(trx, {
          id: account.id,
          email: inv.email,
          displayName: state.displayName,
          role: inv.role,
          centreId: inv.centreId,
          passwordHash: state.passwordHash,
          now,
        });
      } else {
        await reEnrolAccount(trx, {
          id: account.id,
          displayName: state.displayName,
          passwordHash: state.passwordHash,
          now,
        });
      }
      await storeTotpSecret(trx, app.keys.encryption, owner, state.totpSecret);
      // The code just typed must not work a second time (first sign-in).
      await setTotpLastStep(trx, account.id, totpStep);
      // Administrators sign in with a passkey only, so a recovery code would
      // promise a way back in that does not exist; they recover through the
      // operator's reset link (`schutznetz users reset-mfa`).
      const recoveryCodes = requiresPasskey(inv.role) ? [] : await replaceRecoveryCodes(trx, app.keys.server, owner);
      // Every other open invitation to the address, and for a re-enrolment any reset or address change still pending.
      await endPendingLinks(trx, account.id, now);
      const base = { actorId: account.id, centreId: inv.centreId } as const;
      await audit(
        trx,
        app.keys.audit,
        {
          ...base,
          event: 'users.invitation_accepted',
          objectType: 'invitation',
          objectId: inv.id,
          details: { role: inv.role, re_enrolment: !account.isNew },
        },
        now,
      );
      await audit(
        trx,
        app.keys.audit,
        { ...base, event: 'auth.mfa_totp_enrolled', objectType: 'app_user', objectId: account.id },
        now,
      );
      return { ok: true as const, userId: account.id, recoveryCodes };
    });
  } catch (err) {
    // A parallel acceptance of another invitation to the same address may win the unique index.
    if (err instanceof NotRedeemable || isUniqueViolation(err)) return { ok: false };
    throw err;
  }
}
