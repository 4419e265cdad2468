import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { staffRoutes } from './staff-routes.ts';
import type authCatalogue from './messages/de/auth.json';

/** Sign-in (password and second factor), sign-out, the staff start page, own sessions, re-authentication. */
export const authFeature: Feature = {
  name: 'auth',
  routes: routesOf(signInRoutes, staffRoutes),
  messages: messagesBeside(import.meta.url, { auth: 'staff' }),
  staffLinks: [
    { action: ACCOUNT_MANAGE, path: '/staff/sessions', label: messageRef('staff', 'menu.sessions'), order: 90 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    auth: typeof authCatalogue;
  }
}
