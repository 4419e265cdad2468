import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { DIRECTORY_EDIT_OWN } from './actions.ts';
import { centreEntryRoutes } from './routes.ts';
import type centreEntryCatalogue from './messages/de/centreEntry.json';

/** A centre lead keeps the centre's own entry in the help finder: propose changes, withdraw them. */
export const centreEntryFeature: Feature = {
  name: 'centre-entry',
  routes: centreEntryRoutes,
  messages: messagesBeside(import.meta.url, { centreEntry: 'staff' }),
  actions: [DIRECTORY_EDIT_OWN],
  staffLinks: [
    { action: DIRECTORY_EDIT_OWN, path: '/staff/entry', label: messageRef('centreEntry', 'staffLink'), order: 10 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    centreEntry: typeof centreEntryCatalogue;
  }
}
