import type { Feature } from '../../platform/feature.ts';
import { pagesMessages } from './messages.ts';
import { pagesRoutes } from './routes.ts';

/** The text pages: browse safely, about, Leichte Sprache, accessibility statement, privacy notice. */
export const pagesFeature: Feature = {
  name: 'pages',
  routes: pagesRoutes,
  messages: { pages: pagesMessages },
};
