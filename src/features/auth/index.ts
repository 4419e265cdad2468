import type { FastifyPluginAsync } from 'fastify';
import type { Feature } from '../../platform/feature.ts';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import { authMessages } from './messages.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { staffRoutes } from './staff-routes.ts';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(signInRoutes);
  await app.register(staffRoutes);
};

/** Sign-in (password and second factor), sign-out, the staff start page, own sessions, re-authentication. */
export const authFeature: Feature = {
  name: 'auth',
  routes,
  messages: { auth: authMessages },
  staffLinks: [{ action: ACCOUNT_MANAGE, path: '/staff/sessions', label: 'staff:menu.sessions', order: 90 }],
};
