import { defineAction } from '../../platform/auth/policy.ts';

/**
 * The indicator sets are the network's statement of what may point to
 * trafficking: the coordination office writes them, and no one else, not
 * even an administrator (who runs the platform, not its content).
 */
export const INDICATORS_EDIT = defineAction({
  name: 'indicators.edit',
  roles: ['coordination'],
  description: 'See the indicator sets with their history; write a new version as a draft and submit it for review.',
});

/** The second pair of eyes: approve a submitted version or send it back (never one's own). */
export const INDICATORS_REVIEW = defineAction({
  name: 'indicators.review',
  roles: ['coordination'],
  description: 'Approve a version of an indicator set someone else wrote, or send it back to draft.',
});

/** Make an approved version the one the guide shows (never one's own). */
export const INDICATORS_PUBLISH = defineAction({
  name: 'indicators.publish',
  roles: ['coordination'],
  description: 'Publish an approved version of an indicator set someone else wrote; it replaces the previous one.',
});
