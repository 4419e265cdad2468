import type { Feature } from '../../platform/feature.ts';
import { healthRoutes } from './routes.ts';

/** `GET /healthz` for load balancers and monitors. */
export const healthFeature: Feature = { name: 'health', routes: healthRoutes };
