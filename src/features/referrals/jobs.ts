/**
 * What happens to referrals with time (ADR 016), with the periods from the
 * configuration (`REFERRAL_*_DAYS`, platform/config):
 *
 * - `referrals.remind`: a referral not closed `remindAfterDays` after it was
 *   received reminds its centre's active members, once (reminded_at), by a
 *   mail that says only that a referral is open and where the inbox is;
 * - `referrals.auto-close`: a referral not closed after `autoCloseAfterDays`
 *   is closed (history row, `referral.closed_done` with automatic: true);
 * - `referrals.delete`: a referral closed `deleteAfterDays` ago is deleted —
 *   its history, then the row with its ciphertext and wrapped data key —
 *   and `referral.deleted_done` records its random id in its centre's chain.
 *
 * Each job finds what is due in the 'retention' scope (the one that sees
 * referrals across centres without opening any, and the only one that may
 * delete them), then works centre by centre in that centre's own scope,
 * which its row-level security confines to the centre's referrals and
 * audit chain. Every step only touches rows still in the state it looked
 * for, so a run taken over after its lease does nothing twice. Logs carry
 * counts only.
 */
import { audit } from '../../platform/audit/audit.ts';
import { enterScope, withScope, type Tx } from '../../platform/db/tenant.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { JobContext, JobDefinition } from '../../platform/jobs/runner.ts';
import { sendMail, type MailContext } from '../../platform/mail/mailer.ts';
import { randomUUID } from 'node:crypto';
import {
  appendHistory,
  deleteReferral,
  dueForClosing,
  dueForDeletion,
  dueForReminder,
  markReminded,
  setStatus,
  type DueReferral,
} from './queries/inbox.ts';
import { recipientsOf } from './queries/intake.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Not closed: every status a referral may still leave. */
const OPEN = ['received', 'accepted', 'forwarded', 'declined'] as const;

/** The inbox every notification points to (German: the network's working language; the page offers English). */
export function inboxUrl(publicOrigin: string): string {
  return `${publicOrigin}/de/staff/referrals`;
}

function mailContext(ctx: Pick<JobContext, 'config' | 'logger'>): MailContext {
  return {
    config: ctx.config,
    log: { warn: (obj: object, msg: string) => ctx.logger.warn(obj, msg) } as MailContext['log'],
  };
}

/** Group due referrals by centre, in a stable order. */
function byCentre(due: readonly DueReferral[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const d of due) m.set(d.centreId, [...(m.get(d.centreId) ?? []), d.id]);
  return m;
}

/**
 * The "a referral is open" mail to each active member of the centre, in the
 * centre's scope (its own members' addresses only). No id, no content.
 */
async function mailCentre(
  mail: MailContext,
  trx: Tx,
  centreId: string,
  message: { subject: string; text: string },
): Promise<number> {
  const to = await recipientsOf(trx, centreId);
  for (const address of to) await sendMail(mail, trx, { to: address, ...message });
  return to.length;
}

const referralReminderJob: JobDefinition = {
  name: 'referrals.remind',
  schedule: { every: HOUR },
  async run(ctx) {
    const { db, now, config } = ctx;
    const days = config.referrals.remindAfterDays;
    const due = await withScope(db, { kind: 'retention' }, (trx) =>
      dueForReminder(trx, new Date(now.getTime() - days * DAY)),
    );
    const t = translator('de', 'referralsStaff');
    let reminded = 0;
    let mails = 0;
    for (const [centreId, ids] of byCentre(due)) {
      await withScope(db, { kind: 'centre', centreId }, async (trx) => {
        const marked = await markReminded(trx, ids, now);
        if (marked.length === 0) return;
        mails += await mailCentre(mailContext(ctx), trx, centreId, {
          subject: t('mail.overdueSubject'),
          text: t('mail.overdueBody', { days, url: inboxUrl(config.publicOrigin) }),
        });
        for (const id of marked)
          await audit(
            trx,
            ctx.keys.audit,
            { event: 'referral.reminded_done', actorId: null, centreId, objectType: 'referral', objectId: id },
            now,
          );
        reminded += marked.length;
      });
    }
    return { reminded, mails };
  },
};

const referralAutoCloseJob: JobDefinition = {
  name: 'referrals.auto-close',
  schedule: { every: HOUR },
  async run({ db, now, config, keys }) {
    const cutoff = new Date(now.getTime() - config.referrals.autoCloseAfterDays * DAY);
    const due = await withScope(db, { kind: 'retention' }, (trx) => dueForClosing(trx, cutoff));
    let closed = 0;
    for (const [centreId, ids] of byCentre(due)) {
      await withScope(db, { kind: 'centre', centreId }, async (trx) => {
        for (const id of ids) {
          if (!(await setStatus(trx, id, { status: 'closed', at: now }, OPEN))) continue;
          await appendHistory(trx, { id: randomUUID(), referralId: id, status: 'closed', at: now });
          await audit(
            trx,
            keys.audit,
            {
              event: 'referral.closed_done',
              actorId: null,
              centreId,
              objectType: 'referral',
              objectId: id,
              details: { automatic: true },
            },
            now,
          );
          closed++;
        }
      });
    }
    return { closed };
  },
};

const referralDeleteJob: JobDefinition = {
  name: 'referrals.delete',
  schedule: { every: HOUR },
  async run({ db, now, config, keys }) {
    const cutoff = new Date(now.getTime() - config.referrals.deleteAfterDays * DAY);
    const due = await withScope(db, { kind: 'retention' }, (trx) => dueForDeletion(trx, cutoff));
    let deleted = 0;
    for (const [centreId, ids] of byCentre(due)) {
      // One transaction per centre: deleted in the retention scope, recorded in the centre's chain.
      await withScope(db, { kind: 'retention' }, async (trx) => {
        const gone: string[] = [];
        for (const id of ids) if (await deleteReferral(trx, id, cutoff)) gone.push(id);
        await enterScope(trx, { kind: 'centre', centreId });
        for (const id of gone)
          await audit(
            trx,
            keys.audit,
            { event: 'referral.deleted_done', actorId: null, centreId, objectType: 'referral', objectId: id },
            now,
          );
        deleted += gone.length;
      });
    }
    return { deleted };
  },
};

export const REFERRAL_JOBS: readonly JobDefinition[] = [referralReminderJob, referralAutoCloseJob, referralDeleteJob];
