import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { REFERRALS_DECIDE, REFERRALS_LIST, REFERRALS_OPEN } from './actions.ts';
import { REFERRAL_JOBS } from './jobs.ts';
import { referralStaffRoutes } from './routes-staff.ts';
import { waitingReferralsPanel } from './start-panel.ts';
import type referralsStaffCatalogue from './messages/de/referralsStaff.json';

/**
 * Secure referrals (ADR 032): professionals refer a person to a counselling
 * centre through a public form; only the receiving centre can read it.
 */
export const referralsFeature: Feature = {
  name: 'referrals',
  routes: referralStaffRoutes,
  messages: messagesBeside(import.meta.url, { referralsStaff: 'staff' }),
  actions: [REFERRALS_LIST, REFERRALS_OPEN, REFERRALS_DECIDE],
  staffLinks: [
    { action: REFERRALS_LIST, path: '/staff/referrals', label: messageRef('referralsStaff', 'staffLink'), order: 5 },
  ],
  startPanels: [waitingReferralsPanel],
  jobs: REFERRAL_JOBS,
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    referralsStaff: typeof referralsStaffCatalogue;
  }
}
