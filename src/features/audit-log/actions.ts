import { defineAction } from '../../platform/auth/policy.ts';

/**
 * Read the audit log: coordination office and administrators every chain
 * (the network's and each centre's), centre leads their own centre's.
 */
export const AUDIT_READ = defineAction({
  name: 'audit.read',
  roles: ['admin', 'coordination', 'centre_lead'],
  description: 'Read the audit log: every chain for the network roles, the own centre’s for centre leads.',
});
