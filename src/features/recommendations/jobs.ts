/**
 * `recommendations.assessments-due` (ADR 016): once an hour, the published
 * recommendations whose latest assessment is older than
 * RECOMMENDATION_ASSESSMENT_DUE_DAYS (or that have none) become the office's
 * due list, which its start page shows. The run replaces the list as a
 * whole, so running it twice changes nothing. Logs carry a count.
 */
import { withScope } from '../../platform/db/tenant.ts';
import type { JobDefinition } from '../../platform/jobs/runner.ts';
import { berlinDate } from '../../platform/time/dates.ts';
import { refreshDueAssessments } from './queries.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The day before which an assessment is due ('YYYY-MM-DD', in Germany). */
export function dueCutoff(now: Date, days: number): string {
  return berlinDate(new Date(now.getTime() - days * DAY));
}

const dueJob: JobDefinition = {
  name: 'recommendations.assessments-due',
  schedule: { every: HOUR },
  async run({ db, now, config }) {
    const cutoff = dueCutoff(now, config.recommendations.assessmentDueDays);
    const due = await withScope(db, { kind: 'retention' }, (trx) => refreshDueAssessments(trx, cutoff, now));
    return { due };
  },
};

export const RECOMMENDATION_JOBS: readonly JobDefinition[] = [dueJob];
