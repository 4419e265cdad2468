import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { HELPLINES_EDIT } from './actions.ts';
import { helplineRoutes } from './routes.ts';
import type helplineEditorCatalogue from './messages/de/helplineEditor.json';

/** The coordination office keeps the helplines and emergency numbers the public pages show. */
export const helplinesFeature: Feature = {
  name: 'helplines',
  routes: helplineRoutes,
  messages: messagesBeside(import.meta.url, { helplineEditor: 'staff' }),
  actions: [HELPLINES_EDIT],
  staffLinks: [
    {
      action: HELPLINES_EDIT,
      path: '/staff/helplines',
      label: messageRef('helplineEditor', 'staffLinks.list'),
      order: 12,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    helplineEditor: typeof helplineEditorCatalogue;
  }
}
