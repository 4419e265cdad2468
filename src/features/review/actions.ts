import { defineAction } from '../../platform/auth/policy.ts';

/** Review what centres propose for their entries; see entries nobody verified for a long time. */
export const DIRECTORY_REVIEW = defineAction({
  name: 'directory.review',
  roles: ['coordination'],
  description: 'Review the centres’ proposed directory changes and the overdue entries.',
});
