/**
 * Who may edit the site's own content: the coordination office (and
 * administrators, who run the demo seed and stand in for the office).
 * Editing and publishing are separate rights so a role could later write
 * drafts without publishing them; today both go to the same roles.
 */
import { defineAction } from '../../platform/auth/policy.ts';

export const CONTENT_EDIT = defineAction({
  name: 'content.edit',
  roles: ['coordination', 'admin'],
  description:
    'Write and preview news posts and the office pages (about the network, contact, support, funders, legal notice); every save keeps a revision.',
});

export const CONTENT_PUBLISH = defineAction({
  name: 'content.publish',
  roles: ['coordination', 'admin'],
  description: 'Publish, schedule and withdraw news posts and office pages (every step audited).',
});

/**
 * The contact messages reach the office only: they may name a person who
 * seeks help. Administrators run the platform, not the office's post, and
 * row-level security (migrations/0032) gives the 'admin' scope no read.
 */
export const CONTACT_READ = defineAction({
  name: 'contact.read',
  roles: ['coordination'],
  description:
    'Read the messages sent through the public contact form and mark them handled (audited); handled messages are deleted after 90 days.',
});
