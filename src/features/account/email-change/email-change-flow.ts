/**
 * Changing the sign-in address. The new address must prove it belongs to
 * the person: the change happens only when the link mailed there is used.
 * Whether the address already has an account is never shown on the page
 * (the answer is the same); its owner learns it by mail instead. Once the
 * address changes, the old one is told — if someone else made the change,
 * the real owner hears of it — and every other session ends.
 */
import type { FastifyInstance } from 'fastify';
import { audit } from '../../../platform/audit/audit.ts';
import { auditGuarded } from '../../../platform/audit/flood-guard.ts';
import { deleteUserSessions } from '../../../platform/auth/queries/sessions.ts';
import { changeEmail, userIdByEmail } from '../../../platform/auth/queries/users.ts';
import type { Actor } from '../../../platform/auth/types.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { sendMail } from '../../../platform/mail/mailer.ts';
import {
  consumeLink,
  createLink,
  endPendingLinks,
  type OpenEmailChange,
} from '../../../platform/auth/queries/one-time-links.ts';
import { EMAIL_NS } from './messages.ts';

/** The link in the mail to the new address. */
function emailChangeLink(publicOrigin: string, locale: Locale, token: string): string {
  return `${publicOrigin}/${locale}/staff/email-change/${token}`;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

/**
 * Mail the new address either a confirmation link or — when another account
 * already uses it — a note saying so. `newEmail` is normalised and differs
 * from the actor's current address. The account scope bound to the actor
 * and the new address: the uniqueness check sees the account that has it,
 * in whichever tenant, and nothing else (ADR 021).
 */
export async function requestEmailChange(
  app: FastifyInstance,
  actor: Actor,
  newEmail: string,
  locale: Locale,
): Promise<void> {
  const now = app.clock.now();
  const t = translator(locale, EMAIL_NS);
  await withScope(app.database.db, { kind: 'account', userId: actor.userId, email: newEmail }, async (trx) => {
    // Recorded the same whether or not the address is taken, and without it (flood-guarded).
    await auditGuarded(
      trx,
      app.keys,
      {
        event: 'auth.email_change_requested',
        actorId: actor.userId,
        centreId: actor.centreId,
        objectType: 'app_user',
        objectId: actor.userId,
      },
      now,
      { by: [actor.userId] },
    );
    if ((await userIdByEmail(trx, newEmail)) !== null) {
      await sendMail(app, trx, { to: newEmail, subject: t('mail.takenSubject'), text: t('mail.takenBody') });
      return;
    }
    const link = { kind: 'email_change', newEmail } as const;
    const token = await createLink(trx, link, { id: actor.userId, centreId: actor.centreId }, now);
    await sendMail(app, trx, {
      to: newEmail,
      subject: t('mail.confirmSubject'),
      text: t('mail.confirmBody', { link: emailChangeLink(app.config.publicOrigin, locale, token) }),
    });
  });
}

export type CompleteResult = 'changed' | 'gone' | 'taken';

/**
 * Make the change if the link is still open. Ends every session of the
 * account except `keepSession` (the confirming browser's own session, when
 * it belongs to the same account).
 */
export async function completeEmailChange(
  app: FastifyInstance,
  change: OpenEmailChange,
  keepSession: string | undefined,
  locale: Locale,
): Promise<CompleteResult> {
  const now = app.clock.now();
  const t = translator(locale, EMAIL_NS);
  try {
    const scope = {
      kind: 'account',
      userId: change.userId,
      email: change.newEmail,
      linkTokenHash: change.tokenHash,
    } as const;
    return await withScope(app.database.db, scope, async (trx): Promise<CompleteResult> => {
      if (!(await consumeLink(trx, 'email_change', change.tokenHash, now))) return 'gone';
      if ((await userIdByEmail(trx, change.newEmail)) !== null) return 'taken';
      // The recovery channel moves: no link pending for the old address (or another new one) may outlive that.
      await endPendingLinks(trx, change.userId, now);
      if (!(await changeEmail(trx, change.userId, change.email, change.newEmail))) return 'gone';
      const ended = await deleteUserSessions(trx, change.userId, keepSession);
      await sendMail(app, trx, { to: change.email, subject: t('mail.changedSubject'), text: t('mail.changedBody') });
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.email_changed',
          actorId: change.userId,
          centreId: change.centreId,
          objectType: 'app_user',
          objectId: change.userId,
          details: { sessions_ended: ended },
        },
        now,
      );
      return 'changed';
    });
  } catch (err) {
    // Another account took the address between the check and the update.
    if (isUniqueViolation(err)) return 'taken';
    throw err;
  }
}
