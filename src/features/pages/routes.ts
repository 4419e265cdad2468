/**
 * The static public pages: browse safely, about, Leichte Sprache,
 * accessibility statement, privacy notice — each under /de/… and /en/….
 *
 * /en/leichte-sprache shows an English easy-read version rather than
 * redirecting to German: the language switch then stays meaningful, and
 * many people looking for help read simple English better than German.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { VNode } from 'preact';
import { pageContext, type PageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { resolvePagesOptions, type PagesOptions, type ResolvedPagesOptions } from './options.ts';
import { AboutPage, AccessibilityPage, EasyReadPage, PrivacyPage, SafetyPage } from './views.tsx';

export type { PagesOptions } from './options.ts';

type View = (props: { ctx: PageContext; options: ResolvedPagesOptions }) => VNode;

/** Path segment after the language → page. */
export const PAGE_PATHS: Record<string, View> = {
  safety: SafetyPage,
  about: AboutPage,
  'leichte-sprache': EasyReadPage,
  accessibility: AccessibilityPage,
  privacy: PrivacyPage,
};

/**
 * Registers the pages. Options (all optional, validated at start-up): the
 * accessibility feedback contact, the privacy controller and the statement
 * date; see options.ts for the defaults.
 */
export const pagesRoutes: FastifyPluginAsync<PagesOptions> = async (app, opts) => {
  const options = resolvePagesOptions(opts);
  const pub = { config: { public: true } };
  for (const [path, View] of Object.entries(PAGE_PATHS)) {
    app.get(`/:lang/${path}`, pub, async (req, reply) => {
      return sendPage(reply, View({ ctx: pageContext(req), options }));
    });
  }
};
