import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { USER_ADMIN_ACTIONS, USERS_INVITE, USERS_LIST } from './actions.ts';
import { userAdminRoutes } from './routes.ts';
import { usersRoutes } from './users-routes.tsx';
import type userAdminCatalogue from './messages/de/userAdmin.json';

/** People: the list of accounts, invitations, one page per account, disabling and role changes. */
export const userAdminFeature: Feature = {
  name: 'user-admin',
  routes: routesOf(usersRoutes, userAdminRoutes),
  messages: messagesBeside(import.meta.url, { userAdmin: 'staff' }),
  actions: USER_ADMIN_ACTIONS,
  staffLinks: [
    { action: USERS_LIST, path: '/staff/users', label: messageRef('userAdmin', 'staffLinks.users'), order: 60 },
    {
      action: USERS_INVITE,
      path: '/staff/users/invite',
      label: messageRef('userAdmin', 'staffLinks.invite'),
      order: 61,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    userAdmin: typeof userAdminCatalogue;
  }
}
