import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { DIRECTORY_REVIEW } from './actions.ts';
import { reviewRoutes } from './routes.ts';
import type reviewCatalogue from './messages/de/review.json';

/** The coordination office's review of the centres' proposals and of entries not verified for a long time. */
export const reviewFeature: Feature = {
  name: 'review',
  routes: reviewRoutes,
  messages: messagesBeside(import.meta.url, { review: 'staff' }),
  actions: [DIRECTORY_REVIEW],
  staffLinks: [
    { action: DIRECTORY_REVIEW, path: '/staff/review', label: messageRef('review', 'staffLinks.queue'), order: 10 },
    {
      action: DIRECTORY_REVIEW,
      path: '/staff/review/overdue',
      label: messageRef('review', 'staffLinks.overdue'),
      order: 11,
    },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    review: typeof reviewCatalogue;
  }
}
