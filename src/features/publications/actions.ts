import { defineAction } from '../../platform/auth/policy.ts';

/**
 * Read the library in the staff area: every published work with its
 * members-only editions and their files — the network's members (every
 * centre's staff, the office, administrators). The library belongs to the
 * network, not to a centre, so the object rule lets every holder see it.
 */
export const PUBLICATIONS_READ = defineAction({
  name: 'publications.read',
  roles: ['admin', 'coordination', 'centre_lead', 'counsellor'],
  description: 'Read the publications library with its members-only editions and download their files.',
  object: () => true,
});

/** Create works, editions and versions, upload PDFs, publish and withdraw: the coordination office and administrators. */
export const PUBLICATIONS_MANAGE = defineAction({
  name: 'publications.manage',
  roles: ['admin', 'coordination'],
  description:
    'Create publications, upload their PDFs and language editions, publish and withdraw them, set who may read them.',
});
