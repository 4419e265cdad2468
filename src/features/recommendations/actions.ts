import { defineAction } from '../../platform/auth/policy.ts';

/** Keep the recommendations tracker: recommendations, sources, both status tracks, evidence, merging, publishing. */
export const RECOMMENDATIONS_MANAGE = defineAction({
  name: 'recommendations.manage',
  roles: ['admin', 'coordination'],
  description:
    'Create and change recommendations, record their sources, statuses and evidence, merge and publish them.',
});
