import { messagesBeside, type Feature } from '../../platform/feature.ts';
import { messageRef } from '../../platform/i18n/index.ts';
import { CONTENT_EDIT, CONTENT_PUBLISH } from './actions.ts';
import { siteContentRoutes } from './routes.ts';
import type siteContentCatalogue from './messages/de/siteContent.json';

/**
 * The coordination office's own content on the public site: news posts in
 * categories with an Atom feed, and the pages it edits (about the network,
 * contact, support and donations, funders, legal notice). Markdown,
 * sanitised on the server (platform/content), drafts, preview, scheduled
 * publishing, revisions with a diff, every publishing step audited (ADR 039).
 *
 * Its messages are a network namespace: the office writes in German (and
 * English where it chooses), so the pages around its text are German and
 * English too, and other languages see them in German, marked as such.
 */
export const siteContentFeature: Feature = {
  name: 'site-content',
  routes: siteContentRoutes,
  messages: messagesBeside(import.meta.url, { siteContent: 'network' }),
  actions: [CONTENT_EDIT, CONTENT_PUBLISH],
  staffLinks: [
    { action: CONTENT_EDIT, path: '/staff/news', label: messageRef('siteContent', 'staff.newsLink'), order: 50 },
    { action: CONTENT_EDIT, path: '/staff/pages', label: messageRef('siteContent', 'staff.pagesLink'), order: 51 },
  ],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    siteContent: typeof siteContentCatalogue;
  }
}
