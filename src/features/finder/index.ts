import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { finderRoutes } from './routes.ts';
import type finderCatalogue from './messages/de/finder.json';
import type placeCatalogue from './messages/de/place.json';

/** The public help finder: search by place, state and filters; centre and state pages; the map. */
export const finderFeature: Feature = {
  name: 'finder',
  routes: finderRoutes,
  messages: messagesBeside(import.meta.url, { finder: 'public', place: 'public' }),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    finder: typeof finderCatalogue;
    place: typeof placeCatalogue;
  }
}
