import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { AUDIT_READ } from './actions.ts';
import { auditLogRoutes } from './routes.ts';
import type auditLogCatalogue from './messages/de/auditLog.json';

/** The tamper-evident audit log in the web interface (reading and filtering). */
export const auditLogFeature: Feature = {
  name: 'audit-log',
  routes: auditLogRoutes,
  messages: messagesBeside(import.meta.url, { auditLog: 'staff' }),
  actions: [AUDIT_READ],
  staffLinks: [{ action: AUDIT_READ, path: '/staff/audit', label: messageRef('auditLog', 'staffLink'), order: 80 }],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    auditLog: typeof auditLogCatalogue;
  }
}
