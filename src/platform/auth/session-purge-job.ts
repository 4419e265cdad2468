/**
 * Abandoned sessions are deleted on a schedule, not only when someone signs
 * in: expired sessions are refused on use anyway, but a quiet weekend must
 * not leave them lying in the table for days.
 */
import { withScope } from '../db/tenant.ts';
import type { JobDefinition } from '../jobs/runner.ts';
import { purgeExpiredSessions } from './queries/sessions.ts';

export const purgeExpiredSessionsJob: JobDefinition = {
  name: 'auth.purge-expired-sessions',
  schedule: { every: 15 * 60_000 },
  async run({ db, now }) {
    // Every centre's sessions: the admin scope (the operator's jobs) sees them all.
    const deleted = await withScope(db, { kind: 'admin' }, (trx) => purgeExpiredSessions(trx, now));
    return { deleted };
  },
};
