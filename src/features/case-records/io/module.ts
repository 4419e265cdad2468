/**
 * Import and export of a centre's own records, as a part of the
 * case-records feature: its manifest (../index.ts) takes the routes, the
 * message namespace and the actions from here.
 */
import { messagesBeside } from '../../../platform/feature.ts';
import { messageRef } from '../../../platform/i18n/index.ts';
import type { StaffLink } from '../../../platform/staff/menu.ts';
import { CASES_EXPORT, CASES_IMPORT } from './actions.ts';
import type caseRecordFilesCatalogue from './messages/de/caseRecordFiles.json';

export { caseRecordFileRoutes } from './routes.ts';

export const FILE_MESSAGES = messagesBeside(import.meta.url, { caseRecordFiles: 'staff' });
export const FILE_ACTIONS = [CASES_IMPORT, CASES_EXPORT] as const;
export const FILE_LINKS: readonly StaffLink[] = [
  { action: CASES_IMPORT, path: '/staff/cases/files', label: messageRef('caseRecordFiles', 'link'), order: 7 },
];

declare module '../../../platform/i18n/index.ts' {
  interface Catalogues {
    caseRecordFiles: typeof caseRecordFilesCatalogue;
  }
}
