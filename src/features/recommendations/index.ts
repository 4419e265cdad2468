import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { RECOMMENDATIONS_MANAGE } from './actions.ts';
import { RECOMMENDATION_JOBS } from './jobs.ts';
import { recommendationRoutes } from './routes.ts';
import { dueAssessmentsPanel } from './start-panel.ts';
import type recommendationsCatalogue from './messages/de/recommendations.json';
import type recommendationsStaffCatalogue from './messages/de/recommendationsStaff.json';

/**
 * The recommendations tracker (ADR 041): the network's recommendations with
 * their sources and strengths, what the addressee says and what the network
 * assesses (two dated histories), the evidence behind them; a public list
 * with filters and CSV, a page per recommendation, and a reminder to the
 * office when an assessment has grown old.
 */
export const recommendationsFeature: Feature = {
  name: 'recommendations',
  routes: recommendationRoutes,
  messages: messagesBeside(import.meta.url, { recommendations: 'network', recommendationsStaff: 'staff' }),
  actions: [RECOMMENDATIONS_MANAGE],
  staffLinks: [
    {
      action: RECOMMENDATIONS_MANAGE,
      path: '/staff/recommendations',
      label: messageRef('recommendationsStaff', 'staffLink'),
      order: 14,
    },
  ],
  startPanels: [dueAssessmentsPanel],
  jobs: RECOMMENDATION_JOBS,
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    recommendations: typeof recommendationsCatalogue;
    recommendationsStaff: typeof recommendationsStaffCatalogue;
  }
}
