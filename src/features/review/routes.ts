/**
 * The coordination office reviews what centres propose for their directory
 * entries: a queue, the difference to the published version, accept
 * (publish, verified today) or return with a comment; and the list of
 * entries nobody has verified for 12 months.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { can } from '../../platform/auth/policy.ts';
import { scopeOf, type Actor } from '../../platform/auth/types.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { addMessages, translator, type Locale } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { pageLocale } from '../auth/locale.ts';
import { addStaffLink } from '../auth/staff-menu.ts';
import { applyEdits } from '../centre-entry/editable.ts';
import type { DirectoryIndex } from '../directory/directory-index.ts';
import { berlinDate } from './dates.ts';
import { diffEntries } from './diff.ts';
import { reviewMessages } from './messages.ts';
import { overdueEntries } from './overdue.ts';
import { acceptDraft, draftForReview, pendingDrafts, returnDraft, type DraftWithContext } from './queries.ts';
import { DraftPage, OverduePage, QueuePage } from './views/pages.tsx';

addMessages('review', reviewMessages);
addStaffLink({
  key: 'directory.review',
  action: 'directory.review',
  path: '/staff/review',
  label: { de: 'Vorschläge der Beratungsstellen prüfen', en: "Review the centres' proposals" },
  order: 10,
});
addStaffLink({
  key: 'directory.overdue',
  action: 'directory.review',
  path: '/staff/review/overdue',
  label: { de: 'Lange nicht bestätigte Einträge', en: 'Entries not verified for a long time' },
  order: 11,
});

const ACTION = 'directory.review';
export const MAX_COMMENT = 2000;

const doneQuery = z.strictObject({ done: z.enum(['accepted', 'returned']).optional() });
const idParams = z.object({ lang: z.string(), id: z.string().max(100) });
const acceptBody = z.strictObject({ ...csrfField });
const returnBody = z.strictObject({ ...csrfField, comment: z.string().max(50_000) });

function reviewerOf(req: FastifyRequest): Actor {
  const actor = req.actor;
  if (!actor || !can(actor, ACTION)) throw new AccessDenied('role');
  return actor;
}

/** The draft id from the path; anything that is not a UUID is as unknown as a missing one. */
function draftIdOf(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'Not found');
  return id.toLowerCase();
}

export const reviewRoutes: FastifyPluginAsync<{ directory: DirectoryIndex }> = async (app, { directory }) => {
  const opts = { config: { action: ACTION } } as const;

  async function renderDraft(
    req: FastifyRequest,
    locale: Locale,
    draft: DraftWithContext,
    form: { comment: string; commentError?: string },
  ) {
    const published = (await directory.get()).byId.get(draft.serviceId);
    const diff = published ? diffEntries(published, applyEdits(published, draft.entry), locale) : null;
    return DraftPage({ ctx: pageContext(req, locale), model: { draft, diff, ...form, csrf: csrfToken(req) } });
  }

  async function loadDraft(actor: Actor, id: string): Promise<DraftWithContext> {
    const draft = await withScope(app.database.db, scopeOf(actor), (trx) => draftForReview(trx, id));
    if (!draft) throw new HttpError(404, 'Not found');
    return draft;
  }

  app.get('/:lang/staff/review', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = reviewerOf(req);
    const { done } = parseOr400(doneQuery, req.query, 'query');
    const items = await withScope(app.database.db, scopeOf(actor), (trx) => pendingDrafts(trx));
    return sendPage(reply, QueuePage({ ctx: pageContext(req, locale), csrf: csrfToken(req), items, done }));
  });

  app.get('/:lang/staff/review/overdue', opts, async (req, reply) => {
    const locale = pageLocale(req);
    reviewerOf(req);
    const entries = overdueEntries((await directory.get()).entries, berlinDate(app.clock.now()));
    return sendPage(reply, OverduePage({ ctx: pageContext(req, locale), csrf: csrfToken(req), entries }));
  });

  app.get('/:lang/staff/review/:id', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = reviewerOf(req);
    const draft = await loadDraft(actor, draftIdOf(req));
    return sendPage(reply, await renderDraft(req, locale, draft, { comment: '' }));
  });

  app.post('/:lang/staff/review/:id/accept', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = reviewerOf(req);
    const id = draftIdOf(req);
    parseOr400(acceptBody, req.body ?? {}, 'form');
    const at = app.clock.now();
    const result = await withScope(app.database.db, scopeOf(actor), (trx) =>
      acceptDraft(trx, app.keys.audit, { draftId: id, actorId: actor.userId, at, today: berlinDate(at) }),
    );
    if (!result.ok) {
      const t = translator(locale, 'review');
      if (result.reason === 'not_found') throw new HttpError(404, 'Not found');
      if (result.reason === 'not_pending') throw new HttpError(409, t('draft.notPending'));
      if (result.reason === 'entry_gone') throw new HttpError(409, t('draft.noPublished'));
      throw new HttpError(409, t('draft.invalid', { detail: result.detail ?? '' }));
    }
    // This instance shows the change at once; others within their refresh interval.
    directory.invalidate();
    return reply.redirect(`/${locale}/staff/review?done=accepted`, 303);
  });

  app.post('/:lang/staff/review/:id/return', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = reviewerOf(req);
    const id = draftIdOf(req);
    const { comment: raw } = parseOr400(returnBody, req.body ?? {}, 'form');
    // PostgreSQL text cannot hold U+0000; it carries nothing a reader would miss.
    const comment = raw.replaceAll('\u0000', '').trim();
    const t = translator(locale, 'review');
    const problem =
      comment === ''
        ? t('draft.commentRequired')
        : comment.length > MAX_COMMENT
          ? t('draft.commentTooLong', { max: MAX_COMMENT })
          : undefined;
    if (problem) {
      const draft = await loadDraft(actor, id);
      return sendPage(reply, await renderDraft(req, locale, draft, { comment: raw, commentError: problem }), 400);
    }
    const result = await withScope(app.database.db, scopeOf(actor), (trx) =>
      returnDraft(trx, app.keys.audit, { draftId: id, actorId: actor.userId, at: app.clock.now(), comment }),
    );
    if (!result.ok) {
      if (result.reason === 'not_found') throw new HttpError(404, 'Not found');
      throw new HttpError(409, t('draft.notPending'));
    }
    return reply.redirect(`/${locale}/staff/review?done=returned`, 303);
  });
};
