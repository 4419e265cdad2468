import { defineAction } from '../../platform/auth/policy.ts';

/** Keep the list of national helplines and emergency numbers the public pages show. */
export const HELPLINES_EDIT = defineAction({
  name: 'helplines.edit',
  roles: ['admin', 'coordination'],
  description: 'List, add, change and remove the helplines and emergency numbers shown on the public pages.',
});
