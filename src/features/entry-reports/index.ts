import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { ENTRY_REPORTS_HANDLE, ENTRY_REPORTS_READ } from './actions.ts';
import { entryReportRoutes } from './routes.ts';
import type entryReportsCatalogue from './messages/de/entryReports.json';

/** Readers report errors in directory entries; the coordination office and the entry's centre handle them. */
export const entryReportsFeature: Feature = {
  name: 'entry-reports',
  routes: entryReportRoutes,
  messages: messagesBeside(import.meta.url, { entryReports: 'public' }),
  actions: [ENTRY_REPORTS_READ, ENTRY_REPORTS_HANDLE],
  staffLinks: [
    { action: ENTRY_REPORTS_READ, path: '/staff/reports', label: messageRef('entryReports', 'staff.link'), order: 12 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    entryReports: typeof entryReportsCatalogue;
  }
}
