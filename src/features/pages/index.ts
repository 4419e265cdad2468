import type { Feature } from '../../platform/feature.ts';
import { pagesRoutes } from './routes.ts';
import type pagesCatalogue from './messages/de/pages.json';

const MESSAGES = new URL('./messages/', import.meta.url);

/** The text pages: browse safely, about, Leichte Sprache, accessibility statement, privacy notice. */
export const pagesFeature: Feature = {
  name: 'pages',
  routes: pagesRoutes,
  messages: [{ name: 'pages', audience: 'public', dir: MESSAGES }],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    pages: typeof pagesCatalogue;
  }
}
