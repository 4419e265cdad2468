/**
 * The site's own content.
 *
 * Public (anonymous 'auth' scope, no cookie):
 * - `GET /:lang/news` — published news, newest first, by category, 10 a page;
 * - `GET /:lang/news/feed.atom` — the same as an Atom feed;
 * - `GET /:lang/news/:slug` — one post (a draft, scheduled or withdrawn post is a 404);
 * - `GET /:lang/network|contact|support|funders|imprint` — the office's pages.
 *
 * Staff (coordination office, administrators):
 * - `GET|POST /:lang/staff/news/new`, `GET|POST /:lang/staff/news/:id` — write,
 *   preview, save a draft, schedule, publish, withdraw;
 * - `GET /:lang/staff/news/:id/revisions/:rev` — a revision against the current one;
 * - the same for pages under `/:lang/staff/pages/:key/:locale`.
 *
 * Every save keeps a revision; every publish, schedule and withdrawal is
 * audited in the transaction that does it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { changed, revisionDiff } from '../../platform/content/diff.ts';
import { renderMarkdown } from '../../platform/content/markdown.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { explainIssue, issueMeaning } from '../../platform/http/validation.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { readOfficeContact, saveOfficeContact } from '../../platform/office-contact/queries.ts';
import { anonymousTx, staffRequest } from '../../platform/request/context.ts';
import { CONTENT_EDIT, CONTENT_PUBLISH } from './actions.ts';
import { newsFeed } from './feed.ts';
import {
  addNewsRevision,
  addPageRevision,
  allPosts,
  categories,
  createPost,
  newsRevisions,
  PAGE_KEYS,
  pageRevisions,
  pageState,
  postById,
  publicNews,
  publicPage,
  publicPost,
  publishPage,
  publishPost,
  slugTaken,
  updatePostMeta,
  withdrawPage,
  withdrawPost,
  type Category,
  type NewsLocale,
  type PageKey,
  type StaffPost,
} from './queries.ts';
import { fromBerlinLocal, publicState, toBerlinLocal } from './schedule.ts';
import {
  contactDetailsQuery,
  contactDetailsRules,
  contactDetailsShape,
  doneQuery,
  idParams,
  newsFormShape,
  newsListQuery,
  newsRules,
  pageFormShape,
  pageParams,
  pageRevisionParams,
  pageRules,
  revisionParams,
  slugParams,
  type Intent,
} from './schema.ts';
import { NewsListPage, NewsPostPage, OfficePage } from './views/Public.tsx';
import {
  ContactDetailsPage,
  DiffPage,
  EditPage,
  NewsListStaff,
  PagesListStaff,
  type ContactDetailsModel,
  type EditModel,
} from './views/Staff.tsx';

const PER_PAGE = 10;

/** The public path of each office page (after the language). */
const PAGE_PATHS: Record<PageKey, string> = {
  'about-network': 'network',
  contact: 'contact',
  support: 'support',
  funders: 'funders',
  imprint: 'imprint',
};

type Errors = Map<string, string[]>;
type Values = EditModel['values'];

function errorsOf(locale: Locale, error: z.ZodError): Errors {
  const errors: Errors = new Map();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors.set(field, [...(errors.get(field) ?? []), explainIssue(locale, issueMeaning(issue), issue.message)]);
  }
  return errors;
}

const categoryLabel = (cats: readonly Category[], locale: Locale) => (key: string) => {
  const c = cats.find((x) => x.key === key);
  return c ? (locale === 'de' ? c.label_de : c.label_en) : key;
};

type Step = 'publish' | 'schedule' | 'withdraw';

export const siteContentRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };
  const edit = { config: { action: CONTENT_EDIT } };

  // ------------------------------------------------------------ public

  app.get('/:lang/news', pub, async (req, reply) => {
    const q = parseOr400(newsListQuery, req.query ?? {}, 'query');
    const page = q.page ?? 1;
    const now = app.clock.now();
    const { posts, total, cats } = await anonymousTx(req, async (trx) => ({
      ...(await publicNews(trx, now, { category: q.category, limit: PER_PAGE, offset: (page - 1) * PER_PAGE })),
      cats: await categories(trx),
    }));
    if (q.category && !cats.some((c) => c.key === q.category)) throw notFound();
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    if (page > pages) throw notFound();
    const base = `/${req.locale}/news`;
    const href = (category: string | undefined, p: number) => {
      const params = new URLSearchParams();
      if (category) params.set('category', category);
      if (p > 1) params.set('page', String(p));
      const s = params.toString();
      return s ? `${base}?${s}` : base;
    };
    const label = categoryLabel(cats, req.locale);
    return sendPage(
      reply,
      NewsListPage({
        ctx: pageContext(req),
        model: {
          posts: posts.map((p) => ({
            href: `${base}/${p.slug}`,
            lang: p.locale,
            title: p.title,
            summary: p.summary,
            category: label(p.category),
            publishAt: p.publishAt,
          })),
          categories: cats.map((c) => ({
            key: c.key,
            label: label(c.key),
            href: href(c.key, 1),
            current: c.key === q.category,
          })),
          allHref: base,
          feedHref: `${base}/feed.atom`,
          page,
          pages,
          newerHref: page > 1 ? href(q.category, page - 1) : null,
          olderHref: page < pages ? href(q.category, page + 1) : null,
        },
      }),
    );
  });

  app.get('/:lang/news/feed.atom', pub, async (req, reply) => {
    parseOr400(newsListQuery.pick({}), req.query ?? {}, 'query');
    const now = app.clock.now();
    const { posts, cats } = await anonymousTx(req, async (trx) => ({
      posts: (await publicNews(trx, now, { limit: 50, offset: 0 })).posts,
      cats: await categories(trx),
    }));
    const t = translator(req.locale, 'siteContent');
    const xml = newsFeed({
      origin: app.config.publicOrigin,
      locale: req.locale,
      title: t('news.feedTitle'),
      subtitle: t('news.feedSubtitle'),
      posts,
      categoryLabel: categoryLabel(cats, req.locale),
      now,
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/:lang/news/:slug', pub, async (req, reply) => {
    const { slug } = parseOr400(slugParams, req.params, 'path');
    const now = app.clock.now();
    const found = await anonymousTx(req, async (trx) => {
      const post = await publicPost(trx, slug, now);
      return post ? { post, cats: await categories(trx) } : null;
    });
    if (!found) throw notFound();
    const { post, cats } = found;
    return sendPage(
      reply,
      NewsPostPage({
        ctx: pageContext(req),
        model: {
          title: post.title,
          summary: post.summary,
          html: renderMarkdown(post.body),
          lang: post.locale,
          category: categoryLabel(cats, req.locale)(post.category),
          publishAt: post.publishAt,
          backHref: `/${req.locale}/news`,
        },
      }),
    );
  });

  // The contact page carries the contact form: contact/routes.ts serves it.
  for (const key of PAGE_KEYS.filter((k) => k !== 'contact')) {
    app.get(`/:lang/${PAGE_PATHS[key]}`, pub, async (req, reply) => {
      const page = await anonymousTx(req, (trx) => publicPage(trx, key, req.locale, app.clock.now()));
      return sendPage(
        reply,
        OfficePage({
          ctx: pageContext(req),
          model: page ? { ...page, html: renderMarkdown(page.body) } : null,
          fallbackTitle: translator(req.locale, 'siteContent')(`page.${key}`),
        }),
      );
    });
  }

  // ------------------------------------------------------------ staff: shared

  /** Publish, schedule or withdraw, audited in the same transaction; whether anything changed. */
  async function step(
    req: FastifyRequest,
    trx: Tx,
    object: { type: 'news_post' | 'office_page'; id: string },
    s: Step,
    at: Date,
    run: () => Promise<boolean>,
  ): Promise<boolean> {
    const { actor } = staffRequest(req);
    requireAccess(actor, CONTENT_PUBLISH, { centreId: null });
    if (!(await run())) return false;
    const event =
      s === 'publish'
        ? 'content.published_done'
        : s === 'schedule'
          ? 'content.scheduled_done'
          : 'content.withdrawn_done';
    await audit(
      trx,
      app.keys.audit,
      {
        event,
        actorId: actor.userId,
        centreId: null,
        objectType: object.type,
        objectId: object.id,
        ...(s === 'schedule' ? { details: { publish_at: at.toISOString() } } : {}),
      },
      app.clock.now(),
    );
    return true;
  }

  /** The publishing time a step asks for, or the field's error. */
  function stepTime(intent: Intent, value: string, now: Date, locale: Locale): Date | Errors {
    if (intent !== 'schedule') return now;
    const at = fromBerlinLocal(value.trim());
    if (at && at.getTime() > now.getTime()) return at;
    return new Map([['publish_at', [translator(locale, 'siteContent')('staff.problem.publishAt')]]]);
  }

  const doneOf = (intent: Intent) =>
    intent === 'publish'
      ? 'published'
      : intent === 'schedule'
        ? 'scheduled'
        : intent === 'withdraw'
          ? 'withdrawn'
          : 'saved';

  // ------------------------------------------------------------ staff: news

  const newsBase = (req: FastifyRequest) => `/${req.locale}/staff/news`;

  app.get('/:lang/staff/news', edit, async (req, reply) => {
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    const { tx } = staffRequest(req);
    const now = app.clock.now();
    const { posts, cats } = await tx(async (trx) => ({ posts: await allPosts(trx), cats: await categories(trx) }));
    const label = categoryLabel(cats, req.locale);
    return sendPage(
      reply,
      NewsListStaff({
        ctx: pageContext(req),
        model: {
          done,
          newHref: `${newsBase(req)}/new`,
          rows: posts.map((p) => ({
            href: `${newsBase(req)}/${p.id}`,
            title: p.latest.title,
            category: label(p.category),
            locale: p.locale,
            state: publicState(p, now),
            changed: p.publishedRevision !== null && p.publishedRevision !== p.latest.id,
            publishAt: p.publishAt,
          })),
        },
      }),
    );
  });

  async function newsEditPage(
    req: FastifyRequest,
    reply: FastifyReply,
    post: StaffPost | null,
    extra: { values?: Values; errors?: Errors; preview?: string; done?: EditModel['done'] },
    status = 200,
  ) {
    const { tx } = staffRequest(req);
    const t = translator(req.locale, 'siteContent');
    const now = app.clock.now();
    const { cats, revisions } = await tx(async (trx) => ({
      cats: await categories(trx),
      revisions: post ? await newsRevisions(trx, post.id) : [],
    }));
    const values: Values = extra.values ?? {
      slug: post?.slug ?? '',
      locale: post?.locale ?? 'de',
      category: post?.category ?? cats[0]?.key ?? '',
      title: post?.latest.title ?? '',
      summary: post?.latest.summary ?? '',
      body: post?.latest.body ?? '',
      publish_at: post?.publishAt && post.publishAt > now ? toBerlinLocal(post.publishAt) : '',
    };
    const state = post ? publicState(post, now) : null;
    return sendPage(
      reply,
      EditPage({
        ctx: pageContext(req),
        model: {
          title: post ? t('staff.editTitle') : t('staff.newTitle'),
          action: post ? `${newsBase(req)}/${post.id}` : `${newsBase(req)}/new`,
          csrf: csrfToken(req),
          post: { categories: cats.map((c) => ({ key: c.key, label: categoryLabel(cats, req.locale)(c.key) })) },
          values,
          errors: extra.errors ?? new Map(),
          state,
          changed: !!post && post.publishedRevision !== null && post.publishedRevision !== post.latest.id,
          publicHref: state === 'published' && post ? `/${req.locale}/news/${post.slug}` : null,
          preview: extra.preview === undefined ? null : renderMarkdown(extra.preview),
          revisions: revisions.slice(1).map((r) => ({
            href: `${newsBase(req)}/${post!.id}/revisions/${r.id}`,
            savedAt: r.savedAt,
          })),
          done: extra.done,
        },
      }),
      status,
    );
  }

  async function ownPost(req: FastifyRequest, id: string): Promise<StaffPost> {
    const { actor, tx } = staffRequest(req);
    const post = await tx((trx) => postById(trx, id));
    return requireAccess(actor, CONTENT_EDIT, post ? { ...post, centreId: null } : null);
  }

  async function saveNews(req: FastifyRequest, reply: FastifyReply, post: StaffPost | null) {
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(newsFormShape, req.body ?? {}, 'form');
    const values: Values = {
      slug: form.slug ?? '',
      locale: form.locale ?? '',
      category: form.category ?? '',
      title: form.title ?? '',
      summary: form.summary ?? '',
      body: form.body ?? '',
      publish_at: form.publish_at ?? '',
    };
    const now = app.clock.now();
    const t = translator(req.locale, 'siteContent');

    if (form.intent === 'withdraw') {
      if (!post) throw notFound();
      const done = await tx((trx) =>
        step(req, trx, { type: 'news_post', id: post.id }, 'withdraw', now, () => withdrawPost(trx, post.id, now)),
      );
      if (!done)
        return newsEditPage(
          req,
          reply,
          post,
          { values, errors: new Map([['intent', [t('staff.problem.nothingPublished')]]]) },
          409,
        );
      return reply.redirect(`${newsBase(req)}/${post.id}?done=withdrawn`, 303);
    }

    const cats = await tx(categories);
    const r = newsRules(cats.map((c) => c.key)).safeParse(values, { reportInput: true });
    const errors = r.success ? new Map<string, string[]>() : errorsOf(req.locale, r.error);
    if (r.success && (await tx((trx) => slugTaken(trx, r.data.slug, post?.id))))
      errors.set('slug', [t('staff.problem.slugTaken')]);
    const at = stepTime(form.intent, values.publish_at, now, req.locale);
    if (at instanceof Map) for (const [k, v] of at) errors.set(k, v);
    if (!r.success || errors.size > 0 || at instanceof Map)
      return newsEditPage(
        req,
        reply,
        post,
        { values, errors, ...(form.intent === 'preview' ? { preview: values.body } : {}) },
        400,
      );
    if (form.intent === 'preview') return newsEditPage(req, reply, post, { values, preview: r.data.body });

    const { slug, locale, category, title, summary, body } = r.data;
    const who = { actorId: actor.userId, at: now };
    const id = await tx(async (trx) => {
      let postId: string;
      let revision: string;
      if (post) {
        postId = post.id;
        await updatePostMeta(trx, post.id, { slug, locale: locale, category });
        const before = `${post.latest.title}\n${post.latest.summary}\n${post.latest.body}`;
        revision = changed(revisionDiff(before, `${title}\n${summary}\n${body}`))
          ? await addNewsRevision(trx, post.id, { title, summary, body }, who)
          : post.latest.id;
      } else {
        postId = await createPost(trx, { slug, locale: locale, category }, { title, summary, body }, who);
        revision = (await postById(trx, postId))!.latest.id;
      }
      if (form.intent === 'publish' || form.intent === 'schedule')
        await step(req, trx, { type: 'news_post', id: postId }, form.intent, at, async () => {
          await publishPost(trx, postId, revision, at);
          return true;
        });
      return postId;
    });
    return reply.redirect(`${newsBase(req)}/${id}?done=${doneOf(form.intent)}`, 303);
  }

  app.get('/:lang/staff/news/new', edit, async (req, reply) => {
    parseOr400(doneQuery.pick({}), req.query ?? {}, 'query');
    return newsEditPage(req, reply, null, {});
  });
  app.post('/:lang/staff/news/new', edit, async (req, reply) => saveNews(req, reply, null));

  app.get('/:lang/staff/news/:id', edit, async (req, reply) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw notFound();
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    return newsEditPage(req, reply, await ownPost(req, p.data.id), { done });
  });
  app.post('/:lang/staff/news/:id', edit, async (req, reply) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw notFound();
    return saveNews(req, reply, await ownPost(req, p.data.id));
  });

  app.get('/:lang/staff/news/:id/revisions/:rev', edit, async (req, reply) => {
    const p = revisionParams.safeParse(req.params);
    if (!p.success) throw notFound();
    const post = await ownPost(req, p.data.id);
    const { tx } = staffRequest(req);
    const revisions = await tx((trx) => newsRevisions(trx, post.id));
    const rev = revisions.find((r) => r.id === p.data.rev);
    if (!rev) throw notFound();
    const current = revisions[0]!;
    return sendPage(
      reply,
      DiffPage({
        ctx: pageContext(req),
        model: {
          savedAt: rev.savedAt,
          parts: revisionDiff(`${rev.title}\n\n${rev.body}`, `${current.title}\n\n${current.body}`),
          backHref: `${newsBase(req)}/${post.id}`,
          backLabel: translator(req.locale, 'siteContent')('staff.editTitle'),
        },
      }),
    );
  });

  // ------------------------------------------------------------ staff: pages

  const pagesBase = (req: FastifyRequest) => `/${req.locale}/staff/pages`;

  app.get('/:lang/staff/pages', edit, async (req, reply) => {
    parseOr400(doneQuery.pick({}), req.query ?? {}, 'query');
    const { tx } = staffRequest(req);
    const now = app.clock.now();
    const t = translator(req.locale, 'siteContent');
    const states = await tx(async (trx) => {
      const all = [];
      for (const key of PAGE_KEYS)
        for (const locale of ['de', 'en'] as const) all.push(await pageState(trx, key, locale));
      return all;
    });
    return sendPage(
      reply,
      PagesListStaff({
        ctx: pageContext(req),
        model: {
          rows: states.map((s) => ({
            href: `${pagesBase(req)}/${s.key}/${s.locale}`,
            label: t(`page.${s.key}`),
            locale: s.locale,
            state: publicState(s, now),
            changed: s.publishedRevision !== null && s.publishedRevision !== s.latest?.id,
          })),
          contactDetailsHref: `${pagesBase(req)}/contact-details`,
        },
      }),
    );
  });

  // The office's contact details for the footer of every public page.
  const contactDetailsPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ContactDetailsModel['values'],
    errors: ContactDetailsModel['errors'],
    saved: boolean,
    status = 200,
  ) =>
    sendPage(
      reply,
      ContactDetailsPage({
        ctx: pageContext(req),
        model: { action: `${pagesBase(req)}/contact-details`, csrf: csrfToken(req), values, errors, saved },
      }),
      status,
    );

  app.get('/:lang/staff/pages/contact-details', edit, async (req, reply) => {
    const q = parseOr400(contactDetailsQuery, req.query ?? {}, 'query');
    const { tx } = staffRequest(req);
    const current = await tx((trx) => readOfficeContact(trx));
    const values = {
      name: current?.name ?? '',
      address: current?.addressLines.join('\n') ?? '',
      phone: current?.phone ?? '',
    };
    return contactDetailsPage(req, reply, values, new Map(), q.done === 'saved');
  });

  app.post('/:lang/staff/pages/contact-details', edit, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(contactDetailsShape, req.body ?? {}, 'form');
    const values = { name: form.name ?? '', address: form.address ?? '', phone: form.phone ?? '' };
    const r = contactDetailsRules.safeParse(values, { reportInput: true });
    if (!r.success) return contactDetailsPage(req, reply, values, errorsOf(req.locale, r.error), false, 400);
    const now = app.clock.now();
    await tx(async (trx) => {
      await saveOfficeContact(
        trx,
        { name: r.data.name, addressLines: r.data.address, phone: r.data.phone },
        { actorId: actor.userId, at: now },
      );
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'content.contact_details_saved_done',
          actorId: actor.userId,
          centreId: null,
          objectType: 'office_contact',
          objectId: '1',
        },
        now,
      );
    });
    app.officeContact.invalidate();
    return reply.redirect(`${pagesBase(req)}/contact-details?done=saved`, 303);
  });

  function pageOf(req: FastifyRequest) {
    const p = pageParams.safeParse(req.params);
    if (!p.success) throw notFound();
    return { key: p.data.key as PageKey, locale: p.data.locale };
  }

  async function pageEditPage(
    req: FastifyRequest,
    reply: FastifyReply,
    key: PageKey,
    locale: NewsLocale,
    extra: { values?: Values; errors?: Errors; preview?: string; done?: EditModel['done'] },
    status = 200,
  ) {
    const { tx } = staffRequest(req);
    const t = translator(req.locale, 'siteContent');
    const now = app.clock.now();
    const { s, revisions } = await tx(async (trx) => ({
      s: await pageState(trx, key, locale),
      revisions: await pageRevisions(trx, key, locale),
    }));
    const state = publicState(s, now);
    const values: Values = extra.values ?? {
      slug: '',
      locale,
      category: '',
      title: s.latest?.title ?? '',
      summary: '',
      body: s.latest?.body ?? '',
      publish_at: s.publishAt && s.publishAt > now ? toBerlinLocal(s.publishAt) : '',
    };
    return sendPage(
      reply,
      EditPage({
        ctx: pageContext(req),
        model: {
          title: t('staff.pageEditTitle', { page: t(`page.${key}`), locale }),
          action: `${pagesBase(req)}/${key}/${locale}`,
          csrf: csrfToken(req),
          post: null,
          values,
          errors: extra.errors ?? new Map(),
          state,
          changed: s.publishedRevision !== null && s.publishedRevision !== s.latest?.id,
          publicHref: state === 'published' ? `/${locale}/${PAGE_PATHS[key]}` : null,
          preview: extra.preview === undefined ? null : renderMarkdown(extra.preview),
          revisions: revisions.slice(1).map((r) => ({
            href: `${pagesBase(req)}/${key}/${locale}/revisions/${r.id}`,
            savedAt: r.savedAt,
          })),
          done: extra.done,
        },
      }),
      status,
    );
  }

  app.get('/:lang/staff/pages/:key/:locale', edit, async (req, reply) => {
    const { key, locale } = pageOf(req);
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    return pageEditPage(req, reply, key, locale, { done });
  });

  app.post('/:lang/staff/pages/:key/:locale', edit, async (req, reply) => {
    const { key, locale } = pageOf(req);
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(pageFormShape, req.body ?? {}, 'form');
    const values: Values = {
      slug: '',
      locale,
      category: '',
      title: form.title ?? '',
      summary: '',
      body: form.body ?? '',
      publish_at: form.publish_at ?? '',
    };
    const now = app.clock.now();
    const t = translator(req.locale, 'siteContent');
    const self = `${pagesBase(req)}/${key}/${locale}`;
    const object = { type: 'office_page' as const, id: `${key}/${locale}` };
    if (form.intent === 'withdraw') {
      const done = await tx((trx) => step(req, trx, object, 'withdraw', now, () => withdrawPage(trx, key, locale)));
      if (!done)
        return pageEditPage(
          req,
          reply,
          key,
          locale,
          { values, errors: new Map([['intent', [t('staff.problem.nothingPublished')]]]) },
          409,
        );
      return reply.redirect(`${self}?done=withdrawn`, 303);
    }
    const r = pageRules.safeParse(values, { reportInput: true });
    const errors = r.success ? new Map<string, string[]>() : errorsOf(req.locale, r.error);
    const at = stepTime(form.intent, values.publish_at, now, req.locale);
    if (at instanceof Map) for (const [k, v] of at) errors.set(k, v);
    if (!r.success || at instanceof Map)
      return pageEditPage(
        req,
        reply,
        key,
        locale,
        { values, errors, ...(form.intent === 'preview' ? { preview: values.body } : {}) },
        400,
      );
    if (form.intent === 'preview') return pageEditPage(req, reply, key, locale, { values, preview: r.data.body });
    const who = { actorId: actor.userId, at: now };
    await tx(async (trx) => {
      const s = await pageState(trx, key, locale);
      const before = s.latest ? `${s.latest.title}\n${s.latest.body}` : null;
      const revision =
        s.latest && before !== null && !changed(revisionDiff(before, `${r.data.title}\n${r.data.body}`))
          ? s.latest.id
          : await addPageRevision(trx, key, locale, r.data, who);
      if (form.intent === 'publish' || form.intent === 'schedule')
        await step(req, trx, object, form.intent, at, async () => {
          await publishPage(trx, key, locale, revision, at);
          return true;
        });
    });
    return reply.redirect(`${self}?done=${doneOf(form.intent)}`, 303);
  });

  app.get('/:lang/staff/pages/:key/:locale/revisions/:rev', edit, async (req, reply) => {
    const p = pageRevisionParams.safeParse(req.params);
    if (!p.success) throw notFound();
    const key = p.data.key as PageKey;
    const { tx } = staffRequest(req);
    const revisions = await tx((trx) => pageRevisions(trx, key, p.data.locale));
    const rev = revisions.find((r) => r.id === p.data.rev);
    if (!rev) throw notFound();
    const current = revisions[0]!;
    return sendPage(
      reply,
      DiffPage({
        ctx: pageContext(req),
        model: {
          savedAt: rev.savedAt,
          parts: revisionDiff(`${rev.title}\n\n${rev.body}`, `${current.title}\n\n${current.body}`),
          backHref: `${pagesBase(req)}/${key}/${p.data.locale}`,
          backLabel: translator(req.locale, 'siteContent')(`page.${key}`),
        },
      }),
    );
  });
};
