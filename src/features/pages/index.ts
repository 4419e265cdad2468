import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { pagesRoutes } from './routes.ts';
import type pagesCatalogue from './messages/de/pages.json';

/** The text pages: browse safely, about, Leichte Sprache, accessibility statement, privacy notice. */
export const pagesFeature: Feature = {
  name: 'pages',
  routes: pagesRoutes,
  // About is the network's own page: complete in German and English, German with a note elsewhere.
  messages: messagesBeside(import.meta.url, { pages: 'public' }).map((ns) => ({
    ...ns,
    pageAudience: { about: 'network' as const },
  })),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    pages: typeof pagesCatalogue;
  }
}
