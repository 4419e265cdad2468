/**
 * The coordination office reviews what centres propose for their directory
 * entries: a queue, the difference to the published version, accept
 * (publish, verified today) or return with a comment; and the list of
 * entries nobody has verified for 12 months.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { applyEdits } from '../directory/drafts/editable.ts';
import { berlinDate } from '../../platform/time/dates.ts';
import { diffEntries } from '../directory/drafts/diff.ts';
import { DIRECTORY_REVIEW } from './actions.ts';
import { overdueEntries } from './overdue.ts';
import { acceptDraft, draftForReview, pendingDrafts, returnDraft, type DraftWithContext } from './queries.ts';
import { DraftPage, OverduePage, QueuePage } from './views/pages.tsx';

const MAX_COMMENT = 2000;

const doneQuery = z.strictObject({ done: z.enum(['accepted', 'returned']).optional() });
const idParams = z.object({ lang: z.string(), id: z.string().max(100) });
const acceptBody = z.strictObject({ ...csrfField });
const returnBody = z.strictObject({ ...csrfField, comment: z.string().max(50_000) });

/** The draft id from the path; anything that is not a UUID is as unknown as a missing one. */
function draftIdOf(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

export const reviewRoutes: FastifyPluginAsync = async (app) => {
  const directory = app.directory;
  const opts = { config: { action: DIRECTORY_REVIEW } };

  async function renderDraft(
    req: FastifyRequest,
    draft: DraftWithContext,
    form: { comment: string; commentError?: string },
  ) {
    const published = (await directory.get()).byId.get(draft.serviceId);
    const diff = published ? diffEntries(published, applyEdits(published, draft.entry), req.locale) : null;
    return DraftPage({ ctx: pageContext(req), model: { draft, diff, ...form, csrf: csrfToken(req) } });
  }

  async function loadDraft(req: FastifyRequest, id: string): Promise<DraftWithContext> {
    const { actor, tx } = staffRequest(req);
    return requireAccess(actor, DIRECTORY_REVIEW, await tx((trx) => draftForReview(trx, id)));
  }

  app.get('/:lang/staff/review', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(doneQuery, req.query, 'query');
    const items = await tx(pendingDrafts);
    return sendPage(reply, QueuePage({ ctx: pageContext(req), items, done }));
  });

  app.get('/:lang/staff/review/overdue', opts, async (req, reply) => {
    staffRequest(req);
    const entries = overdueEntries((await directory.get()).entries, berlinDate(app.clock.now()));
    return sendPage(reply, OverduePage({ ctx: pageContext(req), entries }));
  });

  app.get('/:lang/staff/review/:id', opts, async (req, reply) => {
    const draft = await loadDraft(req, draftIdOf(req));
    return sendPage(reply, await renderDraft(req, draft, { comment: '' }));
  });

  app.post('/:lang/staff/review/:id/accept', opts, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = draftIdOf(req);
    parseOr400(acceptBody, req.body ?? {}, 'form');
    const at = app.clock.now();
    const result = await tx((trx) =>
      acceptDraft(trx, app.keys.audit, { draftId: id, actorId: actor.userId, at, today: berlinDate(at) }),
    );
    if (!result.ok) {
      const t = translator(locale, 'review');
      if (result.reason === 'not_found') throw notFound();
      if (result.reason === 'not_pending') throw new HttpError(409, t('draft.notPending'));
      if (result.reason === 'entry_gone') throw new HttpError(409, t('draft.noPublished'));
      throw new HttpError(409, t('draft.invalid', { detail: result.detail ?? '' }));
    }
    // This instance shows the change at once; others within their refresh interval.
    directory.invalidate();
    return reply.redirect(`/${locale}/staff/review?done=accepted`, 303);
  });

  app.post('/:lang/staff/review/:id/return', opts, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
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
      const draft = await loadDraft(req, id);
      return sendPage(reply, await renderDraft(req, draft, { comment: raw, commentError: problem }), 400);
    }
    const result = await tx((trx) =>
      returnDraft(trx, app.keys.audit, { draftId: id, actorId: actor.userId, at: app.clock.now(), comment }),
    );
    if (!result.ok) {
      if (result.reason === 'not_found') throw notFound();
      throw new HttpError(409, t('draft.notPending'));
    }
    return reply.redirect(`/${locale}/staff/review?done=returned`, 303);
  });
};
