import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { MEASURES_REGISTER, MEASURES_REVIEW, PROJECTS_MANAGE } from './actions.ts';
import { funderLogoRoutes } from './logo-routes.ts';
import { projectRoutes } from './routes.ts';
import type projectsCatalogue from './messages/de/projects.json';
import type projectsStaffCatalogue from './messages/de/projectsStaff.json';

/**
 * Projects (ADR 042): the office's funded projects with their funders'
 * credit lines and logos, public when published, with their activities and
 * outputs collected from where they are kept (outputs.ts); and the member
 * centres' own measures, which the office reviews and may show on a
 * project's page.
 */
export const projectsFeature: Feature = {
  name: 'projects',
  routes: routesOf(projectRoutes, funderLogoRoutes),
  messages: messagesBeside(import.meta.url, { projects: 'network', projectsStaff: 'staff' }),
  actions: [PROJECTS_MANAGE, MEASURES_REGISTER, MEASURES_REVIEW],
  staffLinks: [
    { action: PROJECTS_MANAGE, path: '/staff/projects', label: messageRef('projectsStaff', 'staffLink'), order: 50 },
    {
      action: MEASURES_REVIEW,
      path: '/staff/measure-review',
      label: messageRef('projectsStaff', 'reviewLink'),
      order: 50,
    },
    {
      action: MEASURES_REGISTER,
      path: '/staff/measures',
      label: messageRef('projectsStaff', 'measuresLink'),
      order: 50,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    projects: typeof projectsCatalogue;
    projectsStaff: typeof projectsStaffCatalogue;
  }
}
