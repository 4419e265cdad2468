/**
 * The centre's start page says what is still missing for each open
 * reporting year and by when: drafts, complete records not released, and
 * consented drafts lacking mandatory answers — its own counts, read in its
 * own scope — with a link to its list of records. Nothing when no year is
 * open; a plain line with the deadline when nothing is missing.
 */
import { translator } from '../../platform/i18n/index.ts';
import type { StartPanel } from '../../platform/staff/start-panels.ts';
import { formatDay } from '../../platform/time/dates.ts';
import { REPORTING_YEARS_OWN } from './actions.ts';
import { CASES_PATH } from './paths.ts';
import { openYears } from './queries/years.ts';
import { anyMissing, NOTHING_MISSING, ownMissing } from './queries/progress.ts';

export const missingRecordsPanel: StartPanel = {
  action: REPORTING_YEARS_OWN,
  order: 20,
  async load(trx, { locale }) {
    const years = await openYears(trx);
    if (years.length === 0) return null;
    const t = translator(locale, 'reportingYears');
    const counts = await ownMissing(
      trx,
      years.map((y) => y.year),
    );
    let attention = false;
    const lines = years.map((y) => {
      const m = counts.get(y.year) ?? NOTHING_MISSING;
      const deadline = formatDay(y.releaseDeadline, locale);
      if (!anyMissing(m)) return t('panel.complete', { year: y.year, deadline });
      attention = true;
      return t('panel.missing', {
        year: y.year,
        deadline,
        drafts: t('panel.drafts', { count: m.drafts }),
        unreleased: t('panel.unreleased', { count: m.unreleased }),
        unanswered: t('panel.unanswered', { count: m.unanswered }),
      });
    });
    return { text: lines.join(' '), path: CASES_PATH, attention };
  },
};
