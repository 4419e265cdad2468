import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { CASES_EDIT, CASES_LIST, CASES_RELEASE } from './actions.ts';
import { caseRecordRoutes } from './routes.ts';
import { caseRecordFileRoutes, FILE_ACTIONS, FILE_LINKS, FILE_MESSAGES } from './io/module.ts';
import type caseRecordsCatalogue from './messages/de/caseRecords.json';

/**
 * Anonymous case documentation (ADR 034): each centre documents the persons
 * it counsels as records without names or free text, releases the consented
 * ones for the yearly analysis, and sees only its own; the network counts
 * them only through case_statistics. Import and export of a centre's own
 * records as CSV and XLSX (also with the IOM HTCDS names): io/.
 */
export const caseRecordsFeature: Feature = {
  name: 'case-records',
  routes: routesOf(caseRecordRoutes, caseRecordFileRoutes),
  messages: [...messagesBeside(import.meta.url, { caseRecords: 'staff' }), ...FILE_MESSAGES],
  actions: [CASES_LIST, CASES_EDIT, CASES_RELEASE, ...FILE_ACTIONS],
  staffLinks: [
    { action: CASES_LIST, path: '/staff/cases', label: messageRef('caseRecords', 'staffLink'), order: 6 },
    ...FILE_LINKS,
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    caseRecords: typeof caseRecordsCatalogue;
  }
}
