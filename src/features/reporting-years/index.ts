import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { REPORTING_YEARS_MANAGE, REPORTING_YEARS_OWN } from './actions.ts';
import { REPORTING_YEAR_JOBS } from './jobs.ts';
import { reportingYearRoutes } from './routes.ts';
import { missingRecordsPanel } from './start-panel.ts';
import type reportingYearsCatalogue from './messages/de/reportingYears.json';

/**
 * Reporting years of the anonymous case documentation: the coordination
 * office opens a year with a release deadline, sees per centre what is
 * missing (counts only), closes it — the database then locks its records —
 * and reopens it for corrections with a reason. The centres see what they
 * still have to do on their start page; their leads are reminded before the
 * deadline; the records are deleted CASE_RETENTION_YEARS after their year
 * closed (jobs.ts).
 */
export const reportingYearsFeature: Feature = {
  name: 'reporting-years',
  routes: reportingYearRoutes,
  messages: messagesBeside(import.meta.url, { reportingYears: 'staff' }),
  actions: [REPORTING_YEARS_MANAGE, REPORTING_YEARS_OWN],
  staffLinks: [
    {
      action: REPORTING_YEARS_MANAGE,
      path: '/staff/reporting-years',
      label: messageRef('reportingYears', 'staffLink'),
      order: 40,
    },
  ],
  startPanels: [missingRecordsPanel],
  jobs: REPORTING_YEAR_JOBS,
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    reportingYears: typeof reportingYearsCatalogue;
  }
}
