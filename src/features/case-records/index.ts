import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { CASES_EDIT, CASES_LIST, CASES_RELEASE } from './actions.ts';
import { caseRecordRoutes } from './routes.ts';
import type caseRecordsCatalogue from './messages/de/caseRecords.json';

/**
 * Anonymous case documentation (ADR 034): each centre documents the persons
 * it counsels as records without names or free text, releases the consented
 * ones for the yearly analysis, and sees only its own; the network counts
 * them only through case_statistics.
 */
export const caseRecordsFeature: Feature = {
  name: 'case-records',
  routes: caseRecordRoutes,
  messages: messagesBeside(import.meta.url, { caseRecords: 'staff' }),
  actions: [CASES_LIST, CASES_EDIT, CASES_RELEASE],
  staffLinks: [{ action: CASES_LIST, path: '/staff/cases', label: messageRef('caseRecords', 'staffLink'), order: 6 }],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    caseRecords: typeof caseRecordsCatalogue;
  }
}
