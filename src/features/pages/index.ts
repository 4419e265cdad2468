import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { pagesRoutes } from './routes.ts';
import type pagesCatalogue from './messages/de/pages.json';

/** The text pages: browse safely, about, Leichte Sprache, accessibility statement, privacy notice. */
export const pagesFeature: Feature = {
  name: 'pages',
  routes: pagesRoutes,
  messages: messagesBeside(import.meta.url, { pages: 'public' }),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    pages: typeof pagesCatalogue;
  }
}
