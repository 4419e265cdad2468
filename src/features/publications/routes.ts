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
 * A scheduled work is unknown until its time, judged against the request's
 * clock by the queries and by row-level security alike (migrations/0038).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Tx } from '../../platform/db/tenant.ts';
import { notFound } from '../../platform/auth/access.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { anonymousTx } from '../../platform/request/context.ts';
import { atomFeed } from './feed.ts';
import { sendPdf } from './files.ts';
import { atRequestTime, fileOf, searchEditions, worksWithEditions } from './queries.ts';
import { searchQuery, slugParam, uuidParam } from './schema.ts';
import { ListPage, WorkPage } from './views/PublicPages.tsx';

const FEED_ENTRIES = 30;

export const publicationRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };
  /** The anonymous scope at the request's time (one clock for query and policies). */
  const publicTx = <T>(req: FastifyRequest, fn: (trx: Tx, now: Date) => Promise<T>): Promise<T> => {
    const now = app.clock.now();
    return anonymousTx(req, (trx) => atRequestTime(trx, now, (t) => fn(t, now)));
  };

  app.get('/:lang/publications', pub, async (req, reply) => {
    const q = parseOr400(searchQuery, req.query ?? {}, 'query');
    const hits = await publicTx(req, (trx, now) => searchEditions(trx, { ...q, now }));
    return sendPage(
      reply,
      ListPage({ ctx: pageContext(req), model: { q: q.q, type: q.type, language: q.language, hits } }),
    );
  });

  app.get('/:lang/publications/feed.atom', pub, async (req, reply) => {
    const works = await publicTx(req, (trx, now) =>
      worksWithEditions(trx, { published: true, limit: FEED_ENTRIES, now }),
    );
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(atomFeed(works, { locale: req.locale, origin: app.config.publicOrigin }));
  });

  app.get<{ Params: { slug: string } }>('/:lang/publications/:slug', pub, async (req, reply) => {
    const slug = slugParam.safeParse(req.params.slug);
    if (!slug.success) throw notFound();
    const [work] = await publicTx(req, (trx, now) => worksWithEditions(trx, { slug: slug.data, now }));
    if (!work || work.editions.length === 0) throw notFound();
    const url = `${app.config.publicOrigin}/${req.locale}/publications/${work.slug}`;
    return sendPage(reply, WorkPage({ ctx: pageContext(req), work, url }));
  });

  app.get<{ Params: { id: string } }>('/:lang/publications/files/:id', pub, async (req, reply) => {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw notFound();
    const file = await publicTx(req, (trx) => fileOf(trx, id.data));
    if (!file) throw notFound();
    return sendPdf(reply, file.filename, file.data);
  });
};
