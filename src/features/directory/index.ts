import { messagesBeside, type Feature } from '../../platform/feature.ts';
import type directoryCatalogue from './messages/de/directory.json';

/**
 * The directory of counselling centres as data: entries, taxonomies, the
 * in-memory index, drafts and their differences. No routes of its own: the
 * finder, the open-data API, the centres' self-service and the review show it.
 */
export const directoryFeature: Feature = {
  name: 'directory',
  messages: messagesBeside(import.meta.url, { directory: 'staff' }),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    directory: typeof directoryCatalogue;
  }
}
