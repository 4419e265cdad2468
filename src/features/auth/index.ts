import type { FastifyPluginAsync } from 'fastify';
import type { Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { staffRoutes } from './staff-routes.ts';
import type authCatalogue from './messages/de/auth.json';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(signInRoutes);
  await app.register(staffRoutes);
};

const MESSAGES = new URL('./messages/', import.meta.url);

/** Sign-in (password and second factor), sign-out, the staff start page, own sessions, re-authentication. */
export const authFeature: Feature = {
  name: 'auth',
  routes,
  messages: [{ name: 'auth', audience: 'staff', dir: MESSAGES }],
  staffLinks: [
    { action: ACCOUNT_MANAGE, path: '/staff/sessions', label: messageRef('staff', 'menu.sessions'), order: 90 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    auth: typeof authCatalogue;
  }
}
