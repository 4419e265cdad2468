import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { STATISTICS_CENTRE, STATISTICS_NETWORK, STATISTICS_PUBLISH } from './actions.ts';
import { ENGINE, type StatisticsEngine } from './compute.ts';
import { statisticsRoutes } from './routes.ts';
import { statisticsStaffRoutes } from './staff-routes.ts';
import type statisticsCatalogue from './messages/de/statistics.json';
import type statisticsNoticeCatalogue from './messages/de/statisticsNotice.json';
import type statisticsPagesCatalogue from './messages/de/statisticsPages.json';
import type statisticsStaffCatalogue from './messages/de/statisticsStaff.json';

/**
 * The network's statistics under disclosure control (ADR 034, 035): the
 * public page with the published tables of closed years and the trends,
 * the coordination office's internal tables and publishing, each centre's
 * own figures, and the files (CSV, XLSX, PDF report). `engine` is the
 * disclosure-control engine; tests may give a weaker one to see the audit
 * refuse it.
 */
export function statisticsFeatureWith(engine: StatisticsEngine): Feature {
  return {
    name: 'statistics',
    routes: routesOf(statisticsRoutes, statisticsStaffRoutes(engine)),
    messages: messagesBeside(import.meta.url, {
      statistics: 'network',
      statisticsPages: 'network',
      statisticsStaff: 'staff',
      // The notice that a published year is being corrected: a public text, in every language.
      statisticsNotice: 'public',
    }),
    actions: [STATISTICS_NETWORK, STATISTICS_PUBLISH, STATISTICS_CENTRE],
    staffLinks: [
      {
        action: STATISTICS_NETWORK,
        path: '/staff/statistics',
        label: messageRef('statisticsStaff', 'staffLink'),
        order: 40,
      },
      {
        action: STATISTICS_CENTRE,
        path: '/staff/statistics/centre',
        label: messageRef('statisticsStaff', 'centreLink'),
        order: 40,
      },
    ],
  };
}

export const statisticsFeature: Feature = statisticsFeatureWith(ENGINE);

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    statistics: typeof statisticsCatalogue;
    statisticsPages: typeof statisticsPagesCatalogue;
    statisticsStaff: typeof statisticsStaffCatalogue;
    statisticsNotice: typeof statisticsNoticeCatalogue;
  }
}
