import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { referralRoutes } from './routes.ts';
import type referralsCatalogue from './messages/de/referrals.json';

/**
 * Secure referrals (ADR 032): professionals refer a person to a counselling
 * centre through a public form; only the receiving centre can read it.
 */
export const referralsFeature: Feature = {
  name: 'referrals',
  routes: referralRoutes,
  messages: messagesBeside(import.meta.url, { referrals: 'network' }),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    referrals: typeof referralsCatalogue;
  }
}
