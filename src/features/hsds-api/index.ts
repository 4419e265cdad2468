import type { Feature } from '../../platform/feature.ts';
import { hsdsRoutes } from './routes.ts';

/** The open-data HSDS 3.0 read API under /api/hsds. */
export const hsdsApiFeature: Feature = { name: 'hsds-api', routes: hsdsRoutes };
