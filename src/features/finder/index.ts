import type { Feature } from '../../platform/feature.ts';
import { finderRoutes } from './routes.ts';
import type finderCatalogue from './messages/de/finder.json';

const MESSAGES = new URL('./messages/', import.meta.url);

/** The public help finder: search by place, state and filters; centre and state pages; the map. */
export const finderFeature: Feature = {
  name: 'finder',
  routes: finderRoutes,
  messages: [{ name: 'finder', audience: 'public', dir: MESSAGES }],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    finder: typeof finderCatalogue;
  }
}
