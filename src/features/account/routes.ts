/**
 * Accounts (issue 3): invitations and their acceptance with second-factor
 * enrolment, the users list, the own account page (password, passkeys,
 * recovery codes), passkey sign-in, password reset and the mail outbox.
 * Registered in app.ts after the auth plugin, whose hooks guard every route
 * here (see each route's `action` or `authFlow`).
 */
import type { FastifyInstance } from 'fastify';
import { addMessages } from '../../platform/i18n/index.ts';
import { addStaffLink } from '../auth/staff-menu.ts';
import { accountPageRoutes } from './account-page/account-routes.tsx';
import { awaitBackgroundTasksOnClose } from './background.ts';
import { emailChangeRoutes } from './email-change/email-change-routes.tsx';
import { acceptanceRoutes } from './invitations/acceptance-routes.tsx';
import { usersRoutes } from './invitations/users-routes.tsx';
import { accountNamespace } from './messages.ts';
import { mailMessages } from './outbox/messages.ts';
import { outboxRoutes } from './outbox/outbox-routes.tsx';
import { passkeyRoutes } from './passkeys/passkey-routes.ts';
import { passkeySetupRoutes } from './passkeys/passkey-setup-routes.ts';
import { resetRoutes } from './password-reset/reset-routes.tsx';
import { totpChangeRoutes } from './totp-change/totp-change-routes.tsx';

addMessages('account', accountNamespace);
addMessages('mail', mailMessages);

addStaffLink({
  key: 'account.account',
  action: 'account.manage',
  path: '/staff/account',
  label: {
    de: 'Mein Konto: Passwort, Passkeys, Wiederherstellungscodes',
    en: 'My account: password, passkeys, recovery codes',
  },
  order: 80,
});
addStaffLink({
  key: 'account.users',
  action: 'users.list',
  path: '/staff/users',
  label: { de: 'Personen', en: 'People' },
  order: 60,
});
addStaffLink({
  key: 'account.invite',
  action: 'users.invite',
  path: '/staff/users/invite',
  label: { de: 'Person einladen', en: 'Invite a person' },
  order: 61,
});
addStaffLink({
  key: 'account.outbox',
  action: 'outbox.read',
  path: '/staff/outbox',
  label: { de: 'Postausgang (E-Mails ohne Mailserver)', en: 'Outbox (e-mails without a mail server)' },
  order: 70,
});

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  awaitBackgroundTasksOnClose(app);
  await app.register(acceptanceRoutes);
  await app.register(resetRoutes);
  await app.register(usersRoutes);
  await app.register(accountPageRoutes);
  await app.register(passkeyRoutes);
  await app.register(passkeySetupRoutes);
  await app.register(emailChangeRoutes);
  await app.register(totpChangeRoutes);
  await app.register(outboxRoutes);
}
