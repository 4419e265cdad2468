/**
 * Inviting a person. The answer never reveals whether the address already
 * has an account (ASVS 6.3.8): the inviter sees the same page either way,
 * and the address receives a mail either way — an invitation link, or a
 * note that it already has an account (with the sign-in and reset links).
 * An invitation row is written in both cases; in the second it is closed at
 * once, so the audit entry (which a centre lead can read) points at a real
 * record and looks the same.
 */
import type { FastifyInstance } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/types.ts';
import { scopeOf } from '../../platform/auth/types.ts';
import type { Role } from '../../platform/db/schema.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { sendMail } from '../../platform/mail/mailer.ts';
import { createInvitation, invitationLink } from '../../platform/auth/queries/invitations.ts';
import { closeOpenInvitations, consumeLink } from '../../platform/auth/queries/one-time-links.ts';
import { hashToken } from '../../platform/security/tokens.ts';
import { userIdByEmail } from '../../platform/auth/queries/users.ts';
import { USER_ADMIN_NS } from './messages.ts';

export type InviteRequest = {
  email: string;
  role: Exclude<Role, 'admin'>;
  centreId: string | null;
  displayName: string | null;
};

/**
 * Is there an account for this address? Looked up in the account scope bound
 * to the address: a lead's own scope would not see other centres' accounts,
 * and this one sees nothing but the account with that address.
 */
async function accountExists(app: FastifyInstance, email: string): Promise<boolean> {
  return withScope(
    app.database.db,
    { kind: 'account', email },
    async (trx) => (await userIdByEmail(trx, email)) !== null,
  );
}

/**
 * Send an invitation (or the "already has an account" note) on behalf of
 * `actor`. The caller has checked the actor's rights for role and centre;
 * the write runs in the actor's own scope, so row-level security checks the
 * centre a second time. Older open invitations to the same address (that
 * the actor may see) are closed: only the newest link works.
 */
export async function inviteUser(
  app: FastifyInstance,
  actor: Actor,
  req: InviteRequest,
  locale: Locale,
): Promise<void> {
  const exists = await accountExists(app, req.email);
  const t = translator(locale, USER_ADMIN_NS);
  const now = app.clock.now();
  const origin = app.config.publicOrigin;
  await withScope(app.database.db, scopeOf(actor), async (trx) => {
    // Only without an account: an open link for an existing one is a
    // re-enrolment link (`users reset-mfa`) and must survive.
    if (!exists) await closeOpenInvitations(trx, req.email, now);
    const inv = await createInvitation(
      trx,
      {
        email: req.email,
        role: req.role,
        centreId: req.centreId,
        invitedBy: actor.userId,
        displayName: req.displayName,
      },
      now,
    );
    if (exists) {
      await consumeLink(trx, 'invitation', hashToken(inv.token), now);
      await sendMail(app, trx, {
        to: req.email,
        subject: t('mail.existsSubject'),
        text: t('mail.existsBody', {
          signIn: `${origin}/${locale}/staff/sign-in`,
          reset: `${origin}/${locale}/staff/password-reset`,
        }),
      });
    } else {
      await sendMail(app, trx, {
        to: req.email,
        subject: t('mail.inviteSubject'),
        text: t('mail.inviteBody', {
          role: translator(locale, 'staff')(`roles.${req.role}`),
          link: invitationLink(origin, locale, inv.token),
        }),
      });
    }
    await audit(
      trx,
      app.keys.audit,
      {
        event: 'users.invited',
        actorId: actor.userId,
        centreId: req.centreId,
        objectType: 'invitation',
        objectId: inv.id,
        details: { role: req.role },
      },
      now,
    );
  });
}
