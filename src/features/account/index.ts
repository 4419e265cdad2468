import type { FastifyPluginAsync } from 'fastify';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { OUTBOX_READ } from './actions.ts';
import { accountPageRoutes } from './account-page/account-routes.tsx';
import { awaitBackgroundTasksOnClose } from './background.ts';
import { emailChangeRoutes } from './email-change/email-change-routes.tsx';
import { acceptanceRoutes } from './invitations/acceptance-routes.tsx';
import { outboxRoutes } from './outbox/outbox-routes.tsx';
import { passkeyRoutes } from './passkeys/passkey-routes.ts';
import { passkeySetupRoutes } from './passkeys/passkey-setup-routes.ts';
import { resetRoutes } from './password-reset/reset-routes.tsx';
import { totpChangeRoutes } from './totp-change/totp-change-routes.tsx';
import type accountCatalogue from './messages/de/account.json';
import type mailCatalogue from './messages/de/mail.json';
import type accountEmailCatalogue from './messages/de/account-email.json';
import type accountTotpCatalogue from './messages/de/account-totp.json';

const routes: FastifyPluginAsync = async (app) => {
  awaitBackgroundTasksOnClose(app);
  await app.register(acceptanceRoutes);
  await app.register(resetRoutes);
  await app.register(accountPageRoutes);
  await app.register(passkeyRoutes);
  await app.register(passkeySetupRoutes);
  await app.register(emailChangeRoutes);
  await app.register(totpChangeRoutes);
  await app.register(outboxRoutes);
};

/**
 * One's own account: accepting an invitation with second-factor enrolment,
 * the account page (password, passkeys, recovery codes, authenticator,
 * e-mail address), passkey sign-in, password reset, and the mail outbox.
 */
export const accountFeature: Feature = {
  name: 'account',
  routes,
  messages: messagesBeside(import.meta.url, {
    account: 'staff',
    mail: 'staff',
    'account-email': 'staff',
    'account-totp': 'staff',
  }),
  actions: [OUTBOX_READ],
  staffLinks: [
    { action: ACCOUNT_MANAGE, path: '/staff/account', label: messageRef('account', 'staffLinks.account'), order: 80 },
    { action: OUTBOX_READ, path: '/staff/outbox', label: messageRef('account', 'staffLinks.outbox'), order: 70 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    account: typeof accountCatalogue;
    mail: typeof mailCatalogue;
    'account-email': typeof accountEmailCatalogue;
    'account-totp': typeof accountTotpCatalogue;
  }
}
