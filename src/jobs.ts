/**
 * Every scheduled job the platform and the features define, for the server
 * (main.ts starts a runner with them) and `schutznetz jobs`. Each job lives
 * with the module that owns it; this is only the list.
 */
import { purgeExpiredSessionsJob } from './platform/auth/session-purge-job.ts';
import type { JobDefinition } from './platform/jobs/runner.ts';

export const scheduledJobs: readonly JobDefinition[] = [purgeExpiredSessionsJob];
