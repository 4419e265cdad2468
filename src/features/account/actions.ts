import { defineAction } from '../../platform/auth/policy.ts';

/** Read the mail outbox: it holds live one-time links to accounts, so administrators only. */
export const OUTBOX_READ = defineAction({
  name: 'outbox.read',
  roles: ['admin'],
  description: 'Read the mail outbox (one-time links) while no SMTP server is configured.',
});
