import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { REFERRALS_DECIDE, REFERRALS_LIST, REFERRALS_OPEN } from './actions.ts';
import { REFERRAL_JOBS } from './jobs.ts';
import { referralRoutes } from './routes.ts';
import { referralStaffRoutes } from './staff-routes.ts';
import { waitingReferralsPanel } from './start-panel.ts';
import type referralsCatalogue from './messages/de/referrals.json';
import type referralsStaffCatalogue from './messages/de/referralsStaff.json';

/**
 * Secure referrals (ADR 032): professionals refer a person to a counselling
 * centre through a public form; only the receiving centre can read it.
 * The receiving centre's side (staff-routes.ts): inbox, opening after
 * re-authentication, decisions, forwarding; reminders, automatic closing
 * and deletion as jobs (jobs.ts).
 */
export const referralsFeature: Feature = {
  name: 'referrals',
  routes: routesOf(referralRoutes, referralStaffRoutes),
  messages: messagesBeside(import.meta.url, { referrals: 'network', referralsStaff: 'staff' }),
  actions: [REFERRALS_LIST, REFERRALS_OPEN, REFERRALS_DECIDE],
  staffLinks: [
    { action: REFERRALS_LIST, path: '/staff/referrals', label: messageRef('referralsStaff', 'staffLink'), order: 5 },
  ],
  startPanels: [waitingReferralsPanel],
  jobs: REFERRAL_JOBS,
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    referrals: typeof referralsCatalogue;
    referralsStaff: typeof referralsStaffCatalogue;
  }
}
