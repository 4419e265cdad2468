/**
 * Retention: what has served its purpose is deleted on a schedule, not kept
 * for ever. Expired links, throttle counters and challenges are refused on
 * use anyway; but the tables hold e-mail addresses, the outbox even working
 * links, and a table nobody empties grows without end (docs/security.md,
 * section 8, "Retention", lists the periods for operators).
 *
 * - throttle counters: 24 hours after their window started and any lock
 *   ended — the limits look back 15 minutes;
 * - outbox mails: 7 days after they were sent, and a mail never sent (no
 *   SMTP server, or delivery failed) 7 days after it was written: every link
 *   in it has expired by then (the longest, an invitation, after 72 hours),
 *   and an administrator forwarding mails by hand has had a week;
 * - invitations, password resets, e-mail changes: 30 days after they ended
 *   (expired, used, or closed by a newer link), so "my link did not work"
 *   can still be looked into for a month;
 * - passkey challenges: 30 days after they expired;
 * - readers' error reports about directory entries: 90 days after they
 *   were handled (the free text may name a person; open reports stay
 *   until someone handles them).
 *
 * Runs hourly, in the 'retention' scope as the application role — the one
 * scope row-level security lets delete links and outbox mails
 * (migrations/0015); never as the owner. Times come from the job's clock.
 */
import { withScope } from '../db/tenant.ts';
import type { JobDefinition } from '../jobs/runner.ts';
import {
  deleteEndedLinks,
  deleteExpiredChallenges,
  deleteHandledReports,
  deleteOutboxMails,
  deleteThrottleCounters,
} from './queries.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** How long each kind of row is kept after it ended (see the comment above). */
export const RETENTION = {
  throttleCounters: DAY,
  outboxMails: 7 * DAY,
  endedLinks: 30 * DAY,
  expiredChallenges: 30 * DAY,
  handledReports: 90 * DAY,
} as const;

export const retentionPurgeJob: JobDefinition = {
  name: 'retention.purge',
  schedule: { every: HOUR },
  async run({ db, now }) {
    const before = (ms: number) => new Date(now.getTime() - ms);
    return withScope(db, { kind: 'retention' }, async (trx) => ({
      throttle: await deleteThrottleCounters(trx, before(RETENTION.throttleCounters)),
      outbox: await deleteOutboxMails(trx, before(RETENTION.outboxMails)),
      invitations: await deleteEndedLinks(trx, 'invitation', before(RETENTION.endedLinks)),
      passwordResets: await deleteEndedLinks(trx, 'password_reset', before(RETENTION.endedLinks)),
      emailChanges: await deleteEndedLinks(trx, 'email_change', before(RETENTION.endedLinks)),
      challenges: await deleteExpiredChallenges(trx, before(RETENTION.expiredChallenges)),
      entryReports: await deleteHandledReports(trx, before(RETENTION.handledReports)),
    }));
  },
};
