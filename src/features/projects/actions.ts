/**
 * Who may do what with projects and measures. The coordination office
 * keeps the projects and their funders (administrators too, as operators of
 * the public pages); a centre's lead and counsellors register their own
 * centre's measures; only the office reviews them.
 */
import { defineAction } from '../../platform/auth/policy.ts';

export const PROJECTS_MANAGE = defineAction({
  name: 'projects.manage',
  roles: ['admin', 'coordination'],
  description:
    "Create, change and publish projects (goal, period, status, contact person's name and role), keep the funders with their credit lines and logos, and link funders to projects.",
});

export const MEASURES_REGISTER = defineAction({
  name: 'measures.register',
  roles: ['centre_lead', 'counsellor'],
  description:
    "Register the own centre's measures (kind, place, period), change them until they are accepted, withdraw them.",
});

export const MEASURES_REVIEW = defineAction({
  name: 'measures.review',
  roles: ['coordination'],
  description:
    "See every centre's measures, accept them or return them with a note, assign them to a project and decide whether the project page shows them.",
});
