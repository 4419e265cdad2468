import { defineAction } from '../../platform/auth/policy.ts';

/** Propose changes to the own centre's directory entry (the coordination office reviews them). */
export const DIRECTORY_EDIT_OWN = defineAction({
  name: 'directory.edit_own',
  roles: ['centre_lead'],
  description: 'Propose changes to the own centre’s entry in the help finder.',
});
