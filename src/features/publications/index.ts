import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { PUBLICATIONS_MANAGE, PUBLICATIONS_READ } from './actions.ts';
import { publicationRoutes } from './routes.ts';
import { publicationStaffRoutes } from './staff-routes.ts';
import type publicationsCatalogue from './messages/de/publications.json';
import type publicationsStaffCatalogue from './messages/de/publicationsStaff.json';

/**
 * The network's library (ADR 040): works with language editions and PDF
 * versions, public or for members only; the full-text search over titles,
 * summaries and the text inside the PDFs; the Atom feed; and the office's
 * pages that upload and publish.
 */
export const publicationsFeature: Feature = {
  name: 'publications',
  routes: routesOf(publicationRoutes, publicationStaffRoutes),
  messages: messagesBeside(import.meta.url, { publications: 'network', publicationsStaff: 'staff' }),
  actions: [PUBLICATIONS_READ, PUBLICATIONS_MANAGE],
  staffLinks: [
    {
      action: PUBLICATIONS_READ,
      path: '/staff/publications',
      label: messageRef('publicationsStaff', 'staffLink'),
      order: 45,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    publications: typeof publicationsCatalogue;
    publicationsStaff: typeof publicationsStaffCatalogue;
  }
}
