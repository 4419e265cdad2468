/**
 * "Einschätzungen fällig": the office's start page lists the published
 * recommendations whose latest assessment the reminder job found older than
 * the configured time (or missing), with a link to the tracker.
 */
import { translator } from '../../platform/i18n/index.ts';
import type { StartPanel } from '../../platform/staff/start-panels.ts';
import { RECOMMENDATIONS_MANAGE } from './actions.ts';
import { dueAssessments } from './queries.ts';

export const dueAssessmentsPanel: StartPanel = {
  action: RECOMMENDATIONS_MANAGE,
  order: 30,
  async load(trx, { locale }) {
    const due = await dueAssessments(trx);
    if (due.length === 0) return null;
    const t = translator(locale, 'recommendationsStaff');
    return {
      text: t('panel.due', { count: due.length, titles: due.map((d) => d.title).join('; ') }),
      path: '/staff/recommendations',
      attention: true,
    };
  },
};
