/**
 * The public library: no session, no cookie, nothing from elsewhere.
 *
 * - `GET /:lang/publications?q=&type=&language=`: the search over titles,
 *   summaries and the text inside the PDFs (queries.ts), or the newest;
 * - `GET /:lang/publications/feed.atom`: the newest published editions as
 *   an Atom feed (feed.ts);
 * - `GET /:lang/publications/:slug`: a work with its public editions and
 *   versions, Dublin Core in the head, schema.org microdata;
 * - `GET /:lang/publications/files/:id`: a public version's PDF.
 *
 * Everything is read in the anonymous scope, where row-level security
 * shows only the public editions of published works (migrations/0033):
 * a draft's or a members-only edition's id is as unknown as a made-up one.
 */
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../platform/auth/access.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { anonymousTx } from '../../platform/request/context.ts';
import { atomFeed } from './feed.ts';
import { sendPdf } from './files.ts';
import { fileOf, searchEditions, worksWithEditions } from './queries.ts';
import { searchQuery, slugParam, uuidParam } from './schema.ts';
import { ListPage, WorkPage } from './views/PublicPages.tsx';

const FEED_ENTRIES = 30;

export const publicationRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };

  app.get('/:lang/publications', pub, async (req, reply) => {
    const q = parseOr400(searchQuery, req.query ?? {}, 'query');
    const hits = await anonymousTx(req, (trx) => searchEditions(trx, q));
    return sendPage(
      reply,
      ListPage({ ctx: pageContext(req), model: { q: q.q, type: q.type, language: q.language, hits } }),
    );
  });

  app.get('/:lang/publications/feed.atom', pub, async (req, reply) => {
    const works = await anonymousTx(req, (trx) => worksWithEditions(trx, { published: true, limit: FEED_ENTRIES }));
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(atomFeed(works, { locale: req.locale, origin: app.config.publicOrigin }));
  });

  app.get<{ Params: { slug: string } }>('/:lang/publications/:slug', pub, async (req, reply) => {
    const slug = slugParam.safeParse(req.params.slug);
    if (!slug.success) throw notFound();
    const [work] = await anonymousTx(req, (trx) => worksWithEditions(trx, { slug: slug.data }));
    if (!work || work.editions.length === 0) throw notFound();
    const url = `${app.config.publicOrigin}/${req.locale}/publications/${work.slug}`;
    return sendPage(reply, WorkPage({ ctx: pageContext(req), work, url }));
  });

  app.get<{ Params: { id: string } }>('/:lang/publications/files/:id', pub, async (req, reply) => {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw notFound();
    const file = await anonymousTx(req, (trx) => fileOf(trx, id.data));
    if (!file) throw notFound();
    return sendPdf(reply, file.filename, file.data);
  });
};
