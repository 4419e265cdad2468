import type { Feature } from '../../platform/feature.ts';
import { finderMessages } from './messages.ts';
import { finderRoutes } from './routes.ts';

/** The public help finder: search by place, state and filters; centre and state pages; the map. */
export const finderFeature: Feature = {
  name: 'finder',
  routes: finderRoutes,
  messages: { finder: finderMessages },
};
