import type { Feature } from '../../platform/feature.ts';
import { DIRECTORY_REVIEW } from './actions.ts';
import { reviewMessages } from './messages.ts';
import { reviewRoutes } from './routes.ts';

/** The coordination office's review of the centres' proposals and of entries not verified for a long time. */
export const reviewFeature: Feature = {
  name: 'review',
  routes: reviewRoutes,
  messages: { review: reviewMessages },
  actions: [DIRECTORY_REVIEW],
  staffLinks: [
    { action: DIRECTORY_REVIEW, path: '/staff/review', label: 'review:staffLinks.queue', order: 10 },
    { action: DIRECTORY_REVIEW, path: '/staff/review/overdue', label: 'review:staffLinks.overdue', order: 11 },
  ],
};
