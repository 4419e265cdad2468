import type { FastifyPluginAsync } from 'fastify';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import type { Feature } from '../../platform/feature.ts';
import { OUTBOX_READ } from './actions.ts';
import { accountPageRoutes } from './account-page/account-routes.tsx';
import { awaitBackgroundTasksOnClose } from './background.ts';
import { emailChangeRoutes } from './email-change/email-change-routes.tsx';
import { EMAIL_NS, emailChangeMessages } from './email-change/messages.ts';
import { acceptanceRoutes } from './invitations/acceptance-routes.tsx';
import { accountNamespace } from './messages.ts';
import { mailMessages } from './outbox/messages.ts';
import { outboxRoutes } from './outbox/outbox-routes.tsx';
import { passkeyRoutes } from './passkeys/passkey-routes.ts';
import { passkeySetupRoutes } from './passkeys/passkey-setup-routes.ts';
import { resetRoutes } from './password-reset/reset-routes.tsx';
import { TOTP_NS, totpChangeMessages } from './totp-change/messages.ts';
import { totpChangeRoutes } from './totp-change/totp-change-routes.tsx';

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
  messages: {
    account: accountNamespace,
    mail: mailMessages,
    [EMAIL_NS]: emailChangeMessages,
    [TOTP_NS]: totpChangeMessages,
  },
  actions: [OUTBOX_READ],
  staffLinks: [
    { action: ACCOUNT_MANAGE, path: '/staff/account', label: 'account:staffLinks.account', order: 80 },
    { action: OUTBOX_READ, path: '/staff/outbox', label: 'account:staffLinks.outbox', order: 70 },
  ],
};
