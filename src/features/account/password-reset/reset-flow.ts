/**
 * Password reset. Resetting proves control of the mailbox only, so it sets
 * a new password and nothing more: the second factor stays required at the
 * next sign-in (ASVS 6.4.3), and no session is created here. Every existing
 * session of the account ends, since whoever forgot — or stole — the old
 * password may still hold one, and so does every other pending link (an
 * address change asked for from such a session above all).
 */
import type { FastifyInstance } from 'fastify';
import { audit } from '../../../platform/audit/audit.ts';
import { deleteUserSessions } from '../../../platform/auth/queries/sessions.ts';
import { enterScope, withScope } from '../../../platform/db/tenant.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { sendMail } from '../../../platform/mail/mailer.ts';
import {
  consumeLink,
  createLink,
  endPendingLinks,
  recentResetCount,
  RESET_REQUESTS_PER_HOUR,
  type OpenLink,
} from '../../../platform/auth/queries/one-time-links.ts';
import { enrolledAccountByEmail, setPasswordOfEnrolledAccount } from '../../../platform/auth/queries/users.ts';
import { sendSecurityNotice } from '../../../platform/auth/security-notice.ts';

/** The link in the mail. */
function resetLink(publicOrigin: string, locale: Locale, token: string): string {
  return `${publicOrigin}/${locale}/staff/password-reset/${token}`;
}

/**
 * Handle a reset request for `email` (already normalised). Does nothing —
 * silently — for unknown, disabled or not yet enrolled accounts and beyond
 * RESET_REQUESTS_PER_HOUR; the caller answers the same in every case and
 * runs this after responding (background.ts).
 */
export async function requestReset(app: FastifyInstance, email: string, locale: Locale): Promise<void> {
  const now = app.clock.now();
  const t = translator(locale, 'account');
  await withScope(app.database.db, { kind: 'account', email }, async (trx) => {
    const user = await enrolledAccountByEmail(trx, email);
    if (!user) return;
    // Found: its links too (ADR 021).
    await enterScope(trx, { kind: 'account', userId: user.id, email });
    if ((await recentResetCount(trx, user.id, now)) >= RESET_REQUESTS_PER_HOUR) return;
    const token = await createLink(trx, { kind: 'password_reset' }, user, now);
    await sendMail(app, trx, {
      to: email,
      subject: t('reset.mailSubject'),
      text: t('reset.mailBody', { link: resetLink(app.config.publicOrigin, locale, token) }),
    });
    await audit(
      trx,
      app.keys.audit,
      {
        event: 'auth.password_reset_requested',
        actorId: null,
        centreId: user.centreId,
        objectType: 'app_user',
        objectId: user.id,
      },
      now,
    );
  });
}

/**
 * Set the new password (already checked against the policy and hashed) if
 * the reset is still open. @returns false when it was used or expired meanwhile
 */
export async function completeReset(app: FastifyInstance, reset: OpenLink, passwordHash: string): Promise<boolean> {
  const now = app.clock.now();
  const scope = { kind: 'account', userId: reset.userId, linkTokenHash: reset.tokenHash } as const;
  return withScope(app.database.db, scope, async (trx) => {
    if (!(await consumeLink(trx, 'password_reset', reset.tokenHash, now))) return false;
    // Disabled (or reset) since the link was opened: change nothing. Nothing
    // else was written yet except marking the link used, which may stand.
    if (!(await setPasswordOfEnrolledAccount(trx, reset.userId, passwordHash))) return false;
    // Other resets, and an address change someone may have asked for with the old password.
    await endPendingLinks(trx, reset.userId, now);
    const ended = await deleteUserSessions(trx, reset.userId);
    await sendSecurityNotice(app, trx, reset.userId, 'passwordReset', now);
    await audit(
      trx,
      app.keys.audit,
      {
        event: 'auth.password_reset',
        actorId: reset.userId,
        centreId: reset.centreId,
        objectType: 'app_user',
        objectId: reset.userId,
        details: { sessions_ended: ended },
      },
      now,
    );
    return true;
  });
}
