import type { Feature } from '../../platform/feature.ts';
import { AUDIT_READ } from './actions.ts';
import { auditLogMessages } from './messages.ts';
import { auditLogRoutes } from './routes.ts';

/** The tamper-evident audit log in the web interface (reading and filtering). */
export const auditLogFeature: Feature = {
  name: 'audit-log',
  routes: auditLogRoutes,
  messages: { auditLog: auditLogMessages },
  actions: [AUDIT_READ],
  staffLinks: [{ action: AUDIT_READ, path: '/staff/audit', label: 'auditLog:staffLink', order: 80 }],
};
