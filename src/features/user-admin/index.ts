import type { FastifyPluginAsync } from 'fastify';
import type { Feature } from '../../platform/feature.ts';
import { USER_ADMIN_ACTIONS, USERS_INVITE, USERS_LIST } from './actions.ts';
import { USER_ADMIN_NS, userAdminMessages } from './messages.ts';
import { userAdminRoutes } from './routes.ts';
import { usersRoutes } from './users-routes.tsx';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(usersRoutes);
  await app.register(userAdminRoutes);
};

/** People: the list of accounts, invitations, one page per account, disabling and role changes. */
export const userAdminFeature: Feature = {
  name: 'user-admin',
  routes,
  messages: { [USER_ADMIN_NS]: userAdminMessages },
  actions: USER_ADMIN_ACTIONS,
  staffLinks: [
    { action: USERS_LIST, path: '/staff/users', label: 'userAdmin:staffLinks.users', order: 60 },
    { action: USERS_INVITE, path: '/staff/users/invite', label: 'userAdmin:staffLinks.invite', order: 61 },
  ],
};
