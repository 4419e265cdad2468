/**
 * `contact.purge`: a contact message is deleted 90 days after the office
 * marked it handled — it may name a person seeking help, and a message
 * dealt with has served its purpose. Open messages stay until someone
 * handles them. Runs hourly in the 'retention' scope, the only one
 * row-level security lets delete them (migrations/0032); logs a count only.
 */
import { withScope } from '../../../platform/db/tenant.ts';
import type { JobDefinition } from '../../../platform/jobs/runner.ts';
import { deleteHandled } from './queries.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export const CONTACT_KEPT_DAYS = 90;

export const contactPurgeJob: JobDefinition = {
  name: 'contact.purge',
  schedule: { every: HOUR },
  async run({ db, now }) {
    const cutoff = new Date(now.getTime() - CONTACT_KEPT_DAYS * DAY);
    return withScope(db, { kind: 'retention' }, async (trx) => ({ deleted: await deleteHandled(trx, cutoff) }));
  },
};
