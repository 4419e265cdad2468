import type { Feature } from '../../platform/feature.ts';
import { directoryMessages } from './messages.ts';

/**
 * The directory of counselling centres as data: entries, taxonomies, the
 * in-memory index, drafts and their differences. No routes of its own: the
 * finder, the open-data API, the centres' self-service and the review show it.
 */
export const directoryFeature: Feature = {
  name: 'directory',
  messages: { directory: directoryMessages },
};
