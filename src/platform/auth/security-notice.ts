/**
 * Security notices: a mail to an account's confirmed address whenever
 * something changes how the account signs in or what it may do — a passkey
 * added or removed, the password changed or reset, the authenticator app
 * replaced, recovery codes regenerated, the second factors reset, the role
 * changed, the account re-enabled. An attacker who got in and changed a
 * factor is then no longer invisible to the owner.
 *
 * The mail carries no link at all: a notice that signs in, or that merely
 * looks like one that might, teaches people to click links in "security"
 * mails — which is how they get phished. It names what happened and when,
 * and whom to turn to. The account's preferred language is not stored, so
 * every notice is German followed by English.
 *
 * Sent in the caller's transaction (it goes out only if the change
 * commits); call it before `audit()` (see sendMail).
 */
import type { Tx } from '../db/tenant.ts';
import { translator } from '../i18n/index.ts';
import { sendMail, type MailContext } from '../mail/mailer.ts';
import { emailOf } from './queries/users.ts';

export type SecurityNoticeKind =
  | 'passkeyAdded'
  | 'passkeyRemoved'
  | 'passwordChanged'
  | 'passwordReset'
  | 'authenticatorReplaced'
  | 'recoveryCodesRegenerated'
  | 'factorsReset'
  | 'roleChanged'
  | 'accountEnabled';

const NOTICE_LOCALES = ['de', 'en'] as const;

function when(locale: string, at: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
    at,
  );
}

/** The notice's subject and text (German, then English). */
export function securityNotice(kind: SecurityNoticeKind, at: Date): { subject: string; text: string } {
  const parts = NOTICE_LOCALES.map((locale) => {
    const t = translator(locale, 'security-notices');
    return {
      subject: t(`subject.${kind}`),
      text: t('body', { event: t(`event.${kind}`), when: when(locale, at) }),
    };
  });
  return {
    subject: parts.map((p) => p.subject).join(' / '),
    text: parts.map((p) => p.text).join('\n----\n\n'),
  };
}

/**
 * Mail the notice of `kind` to the confirmed address of `userId` (never to
 * a pending new address) inside `trx`, whose scope must see that account.
 */
export async function sendSecurityNotice(
  app: MailContext,
  trx: Tx,
  userId: string,
  kind: SecurityNoticeKind,
  at: Date,
): Promise<void> {
  const to = await emailOf(trx, userId);
  await sendMail(app, trx, { to, ...securityNotice(kind, at) });
}
