/** The auth feature's pages under /:lang/staff (sign-in flow, start page, sessions, re-authentication). */
import type { FastifyInstance } from 'fastify';
import { addMessages } from '../../platform/i18n/index.ts';
import { accountRoutes } from './account-routes.ts';
import { authMessages } from './messages.ts';
import { signInRoutes } from './sign-in-routes.ts';

addMessages('auth', authMessages);

export async function authRoutes(app: FastifyInstance): Promise<void> {
  await signInRoutes(app);
  await accountRoutes(app);
}
