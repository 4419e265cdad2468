import type { Feature } from '../../platform/feature.ts';
import { DIRECTORY_EDIT_OWN } from './actions.ts';
import { centreEntryMessages } from './messages.ts';
import { centreEntryRoutes } from './routes.ts';

/** A centre lead keeps the centre's own entry in the help finder: propose changes, withdraw them. */
export const centreEntryFeature: Feature = {
  name: 'centre-entry',
  routes: centreEntryRoutes,
  messages: { centreEntry: centreEntryMessages },
  actions: [DIRECTORY_EDIT_OWN],
  staffLinks: [{ action: DIRECTORY_EDIT_OWN, path: '/staff/entry', label: 'centreEntry:staffLink', order: 10 }],
};
