/**
 * What happens to reporting years with time (ADR 016):
 *
 * - `reporting-years.remind`: 14 and 3 days before an open year's release
 *   deadline (dates in Germany), the leads of every centre that still has
 *   drafts, unreleased or incomplete consented records for that year get one
 *   mail — counts and the deadline, never a record. Each reminder goes out
 *   once per deadline (reporting_year_reminder); a year reopened with a new
 *   deadline is reminded again. When the job first sees a year inside the
 *   last 3 days, only the 3-day reminder goes out.
 * - `reporting-years.retention`: the records of a year are deleted
 *   `CASE_RETENTION_YEARS` years after the year was (last) closed; the
 *   published aggregates stay, the year itself stays closed. Each centre's
 *   audit chain records how many of its records went.
 *
 * Both find what is due in the 'retention' scope (a job, never a request),
 * counting through case_record_progress, and write each centre's mail and
 * audit row in that centre's own scope. Logs carry counts only.
 */
import { audit } from '../../platform/audit/audit.ts';
import { enterScope, withScope } from '../../platform/db/tenant.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { JobContext, JobDefinition } from '../../platform/jobs/runner.ts';
import { sendMail, type MailContext } from '../../platform/mail/mailer.ts';
import { berlinDate, formatDay } from '../../platform/time/dates.ts';
import { CASES_PATH } from './paths.ts';
import {
  claimReminder,
  deleteYearRecords,
  leadAddresses,
  openYearDeadlines,
  yearsClosedBefore,
} from './queries/jobs.ts';
import { anyMissing, missingByCentre } from './queries/progress.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** How many days before the deadline the reminders go out, the earliest first. */
const REMINDER_DAYS = [14, 3] as const;

/** Records deleted per statement, so a large year does not hold one huge statement. */
const DELETE_BATCH = 5000;

/** Whole days from `today` to `deadline` (both 'YYYY-MM-DD'; negative once it has passed). */
export function daysUntil(today: string, deadline: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
}

/** The reminder due `daysLeft` days before a deadline: the nearest stage reached, or none. */
export function dueReminder(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const reached = REMINDER_DAYS.filter((d) => daysLeft <= d);
  return reached.length ? Math.min(...reached) : null;
}

/** N calendar years before `at` (29 February → 28 February). */
export function yearsBefore(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCDate() !== at.getUTCDate()) d.setUTCDate(0);
  return d;
}

function mailContext(ctx: Pick<JobContext, 'config' | 'logger'>): MailContext {
  return {
    config: ctx.config,
    log: { warn: (obj: object, msg: string) => ctx.logger.warn(obj, msg) } as MailContext['log'],
  };
}

const reminderJob: JobDefinition = {
  name: 'reporting-years.remind',
  schedule: { every: HOUR },
  async run(ctx) {
    const { db, now, config, keys } = ctx;
    const today = berlinDate(now);
    // The mail is in German, the network's working language; the page it links to offers English.
    const t = translator('de', 'reportingYears');
    let reminders = 0;
    let centres = 0;
    let mails = 0;
    await withScope(db, { kind: 'retention' }, async (trx) => {
      for (const y of await openYearDeadlines(trx)) {
        const days = dueReminder(daysUntil(today, y.releaseDeadline));
        if (days === null) continue;
        const missing = [...(await missingByCentre(trx, y.year))].filter(([, m]) => anyMissing(m));
        if (!(await claimReminder(trx, { ...y, daysBefore: days, centres: missing.length }, now))) continue;
        reminders++;
        for (const [centreId, m] of missing) {
          await enterScope(trx, { kind: 'centre', centreId });
          const to = await leadAddresses(trx, centreId);
          const message = {
            subject: t('mail.subject', { year: y.year, deadline: formatDay(y.releaseDeadline, 'de') }),
            text: t('mail.body', {
              year: y.year,
              deadline: formatDay(y.releaseDeadline, 'de'),
              days: daysUntil(today, y.releaseDeadline),
              drafts: m.drafts,
              unreleased: m.unreleased,
              unanswered: m.unanswered,
              url: `${config.publicOrigin}/de${CASES_PATH}`,
            }),
          };
          for (const address of to) await sendMail(mailContext(ctx), trx, { to: address, ...message });
          await audit(
            trx,
            keys.audit,
            {
              event: 'reporting_year.reminded_done',
              actorId: null,
              centreId,
              objectType: 'reporting_year',
              objectId: String(y.year),
              details: { days_before: days, leads: to.length },
            },
            now,
          );
          centres++;
          mails += to.length;
        }
        await enterScope(trx, { kind: 'retention' });
      }
    });
    return { reminders, centres, mails };
  },
};

const retentionJob: JobDefinition = {
  name: 'reporting-years.retention',
  schedule: { every: HOUR },
  async run({ db, now, config, keys, signal }) {
    const cutoff = yearsBefore(now, config.cases.retentionYears);
    const years = await withScope(db, { kind: 'retention' }, (trx) => yearsClosedBefore(trx, cutoff));
    let deleted = 0;
    let emptied = 0;
    for (const year of years) {
      // One transaction per year: the records go, and each centre's chain says how many, together.
      const n = await withScope(db, { kind: 'retention' }, async (trx) => {
        const perCentre = new Map<string, number>();
        for (;;) {
          if (signal.aborted) throw new Error('retention run aborted: its lease ended');
          const gone = await deleteYearRecords(trx, year, DELETE_BATCH);
          for (const c of gone) perCentre.set(c, (perCentre.get(c) ?? 0) + 1);
          if (gone.length < DELETE_BATCH) break;
        }
        for (const [centreId, records] of [...perCentre].sort(([a], [b]) => a.localeCompare(b))) {
          await enterScope(trx, { kind: 'centre', centreId });
          await audit(
            trx,
            keys.audit,
            {
              event: 'reporting_year.records_deleted_done',
              actorId: null,
              centreId,
              objectType: 'reporting_year',
              objectId: String(year),
              details: { records, retention_years: config.cases.retentionYears },
            },
            now,
          );
        }
        return [...perCentre.values()].reduce((a, b) => a + b, 0);
      });
      deleted += n;
      if (n > 0) emptied++;
    }
    // Years whose records went in this run (a year emptied before is looked at again, cheaply, and skipped).
    return { years: emptied, deleted };
  },
};

export const REPORTING_YEAR_JOBS: readonly JobDefinition[] = [reminderJob, retentionJob];
