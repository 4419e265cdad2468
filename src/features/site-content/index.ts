import { messagesBeside, routesOf, type Feature } from '../../platform/feature.ts';
import { messageRef, translator } from '../../platform/i18n/index.ts';
import { CONTACT_READ, CONTENT_EDIT, CONTENT_PUBLISH } from './actions.ts';
import { contactPurgeJob } from './contact/jobs.ts';
import { openCount } from './contact/queries.ts';
import { contactRoutes } from './contact/routes.ts';
import type contactFormCatalogue from './messages/de/contactForm.json';
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
 *
 * The contact page carries the public contact form (contact/): its words
 * are a public namespace, complete in every language, because people
 * seeking help may write through it. The messages reach the office's inbox
 * and are deleted 90 days after they were handled.
 */
export const siteContentFeature: Feature = {
  name: 'site-content',
  routes: routesOf(siteContentRoutes, contactRoutes),
  messages: messagesBeside(import.meta.url, { siteContent: 'network', contactForm: 'public' }),
  actions: [CONTENT_EDIT, CONTENT_PUBLISH, CONTACT_READ],
  staffLinks: [
    { action: CONTENT_EDIT, path: '/staff/news', label: messageRef('siteContent', 'staff.newsLink'), order: 50 },
    { action: CONTENT_EDIT, path: '/staff/pages', label: messageRef('siteContent', 'staff.pagesLink'), order: 51 },
    { action: CONTACT_READ, path: '/staff/contact', label: messageRef('siteContent', 'contact.link'), order: 13 },
  ],
  startPanels: [
    {
      action: CONTACT_READ,
      order: 30,
      async load(trx, { locale }) {
        const count = await openCount(trx);
        if (count === 0) return null;
        return {
          text: translator(locale, 'siteContent')('contact.panel', { count }),
          path: '/staff/contact',
          attention: true,
        };
      },
    },
  ],
  jobs: [contactPurgeJob],
};

declare module '../../platform/i18n/index.ts' {
  interface Catalogues {
    siteContent: typeof siteContentCatalogue;
    contactForm: typeof contactFormCatalogue;
  }
}
