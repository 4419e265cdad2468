import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { professionalsRoutes } from './routes.ts';
import type professionalsCatalogue from './messages/de/professionals.json';

/**
 * Public pages for professionals who meet refugees: what trafficking looks
 * like, referral and consent, the rules with their sources, and the
 * anonymous indicator guides (adults, minors) with the competent centres.
 * Network pages (ADR 030): German and English, German with a note elsewhere.
 */
export const professionalsFeature: Feature = {
  name: 'professionals',
  routes: professionalsRoutes,
  messages: messagesBeside(import.meta.url, { professionals: 'network' }),
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    professionals: typeof professionalsCatalogue;
  }
}
