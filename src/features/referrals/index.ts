import type { Feature } from '../../platform/feature.ts';

/**
 * Secure referrals (ADR 032): professionals refer a person to a counselling
 * centre through a public form; only the receiving centre can read it.
 */
export const referralsFeature: Feature = {
  name: 'referrals',
};
