import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { INDICATORS_EDIT, INDICATORS_PUBLISH, INDICATORS_REVIEW } from './actions.ts';
import { indicatorRoutes } from './routes.ts';
import type indicatorEditorCatalogue from './messages/de/indicatorEditor.json';

/** The indicator sets of the identification guides, kept by the coordination office as versioned data (ADR 033). */
export const indicatorsFeature: Feature = {
  name: 'indicators',
  routes: indicatorRoutes,
  messages: messagesBeside(import.meta.url, { indicatorEditor: 'staff' }),
  actions: [INDICATORS_EDIT, INDICATORS_REVIEW, INDICATORS_PUBLISH],
  staffLinks: [
    {
      action: INDICATORS_EDIT,
      path: '/staff/indicators',
      label: messageRef('indicatorEditor', 'staffLink'),
      order: 13,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    indicatorEditor: typeof indicatorEditorCatalogue;
  }
}
