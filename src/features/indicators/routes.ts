/**
 * The coordination office keeps the indicator sets: both guides with their
 * history, a new version as a draft, its form, review and publication by a
 * second person. Every step is audited; a published version is never
 * changed by any of these routes (and the database refuses it, 0022).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import type { ActionDefinition } from '../../platform/auth/policy.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { explainIssue } from '../../platform/http/validation.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { INDICATORS_EDIT, INDICATORS_PUBLISH, INDICATORS_REVIEW } from './actions.ts';
import { publishProblems } from './content.ts';
import { diffContent } from './diff.ts';
import {
  allVersions,
  approveVersion,
  createDraft,
  discardDraft,
  publishedGuide,
  publishVersion,
  returnToDraft,
  saveDraft,
  submitDraft,
  versionById,
  type VersionDetail,
} from './queries.ts';
import { editCheck, isAuthor, publishCheck, reviewCheck, type Check, type Refusal } from './rules.ts';
import { contentFromForm, createDraftForm, draftFormShape, exactDraftForm, stepForm, valuesOf } from './schema.ts';
import { OverviewPage, VersionPage, type Done, type VersionModel } from './views/IndicatorPages.tsx';

const DONE = ['created', 'exists', 'saved', 'submitted', 'approved', 'returned', 'published', 'discarded'] as const;
const doneQuery = z.strictObject({ done: z.enum(DONE).optional() });
const idParams = z.object({ lang: z.string(), id: z.string().max(100) });

/** The version id from the path; anything that is not a UUID is as unknown as a missing one. */
function versionIdOf(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

/** Indicator sets belong to the network, not to a centre: the object rule sees them as such. */
const owned = <T extends object>(v: T | undefined) => (v ? { ...v, centreId: null } : undefined);

export const indicatorRoutes: FastifyPluginAsync = async (app) => {
  const base = (req: FastifyRequest) => `/${req.locale}/staff/indicators`;
  const who = (actorId: string) => ({ actorId, at: app.clock.now() });

  /** A version the actor may see with `action`, or 404. */
  async function load(req: FastifyRequest, action: ActionDefinition): Promise<VersionDetail> {
    const { actor, tx } = staffRequest(req);
    const id = versionIdOf(req);
    return requireAccess(actor, action, owned(await tx((trx) => versionById(trx, id))));
  }

  /** The version page with what this reader may do there. */
  async function versionPage(
    req: FastifyRequest,
    reply: FastifyReply,
    v: VersionDetail,
    extra: Partial<Pick<VersionModel, 'done' | 'refusal' | 'missingEnglish' | 'values' | 'errors'>> = {},
    status = 200,
  ) {
    const { actor, tx } = staffRequest(req);
    const open = v.status === 'draft' || v.status === 'in_review';
    const published = open ? await tx((trx) => publishedGuide(trx, v.guide)) : undefined;
    const offers = {
      edit: editCheck(v).ok,
      submit: editCheck(v).ok,
      discard: editCheck(v).ok,
      approve: reviewCheck(actor.userId, v, 'approve').ok,
      return: reviewCheck(actor.userId, v, 'return').ok,
      publish: publishCheck(actor.userId, v).ok,
      ownVersion: v.status === 'in_review' && isAuthor(actor.userId, v),
    };
    const model: VersionModel = {
      version: v,
      offers,
      changes: published ? diffContent(published.content, v.content) : null,
      values: extra.values ?? valuesOf(v.content),
      errors: extra.errors ?? new Map(),
      csrf: csrfToken(req),
      done: extra.done,
      refusal: extra.refusal,
      missingEnglish: extra.missingEnglish ?? [],
    };
    return sendPage(reply, VersionPage({ ctx: pageContext(req), model }), status);
  }

  /** A step the rules refuse: the page again, saying why (409: the version is not in a state for it). */
  const refuse = (req: FastifyRequest, reply: FastifyReply, v: VersionDetail, reason: Refusal) =>
    versionPage(req, reply, v, { refusal: reason }, 409);

  const done = (req: FastifyRequest, reply: FastifyReply, id: string, what: Done) =>
    reply.redirect(`${base(req)}/${id}?done=${what}`, 303);

  app.get('/:lang/staff/indicators', { config: { action: INDICATORS_EDIT } }, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done: d } = parseOr400(doneQuery, req.query ?? {}, 'query');
    const versions = await tx(allVersions);
    return sendPage(reply, OverviewPage({ ctx: pageContext(req), versions, done: d, csrf: csrfToken(req) }));
  });

  app.post('/:lang/staff/indicators/drafts', { config: { action: INDICATORS_EDIT } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const { guide } = parseOr400(createDraftForm, req.body ?? {}, 'form');
    const r = await tx((trx) => createDraft(trx, app.keys.audit, randomUUID(), guide, who(actor.userId)));
    if (!r) throw notFound();
    return done(req, reply, r.id, r.created ? 'created' : 'exists');
  });

  app.get('/:lang/staff/indicators/:id', { config: { action: INDICATORS_EDIT } }, async (req, reply) => {
    const { done: d } = parseOr400(doneQuery, req.query ?? {}, 'query');
    const v = await load(req, INDICATORS_EDIT);
    return versionPage(req, reply, v, { done: d });
  });

  app.post('/:lang/staff/indicators/:id', { config: { action: INDICATORS_EDIT } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const shaped = parseOr400(draftFormShape, req.body ?? {}, 'form');
    const v = await load(req, INDICATORS_EDIT);
    const form = parseOr400(exactDraftForm(v.content), shaped, 'form') as Record<string, string | undefined>;
    const check = editCheck(v);
    if (!check.ok) return refuse(req, reply, v, check.reason);
    const r = contentFromForm(v.content, form);
    if (!r.ok) {
      const errors = new Map(
        [...r.problems].map(([field, list]) => [
          field,
          list.map((p) => explainIssue(req.locale, p.meaning, p.message)),
        ]),
      );
      const values = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
      return versionPage(req, reply, v, { values, errors }, 400);
    }
    const saved = await tx((trx) => saveDraft(trx, app.keys.audit, v, r.content, who(actor.userId)));
    if (!saved) return refuse(req, reply, await load(req, INDICATORS_EDIT), 'not_draft');
    return done(req, reply, v.id, 'saved');
  });

  /** A step of the version's life: check the body, load, check the rule, change (or say why not). */
  function stepRoute(
    path: string,
    action: ActionDefinition,
    rule: (actorId: string, v: VersionDetail) => Check,
    run: typeof submitDraft,
    what: Done,
    before?: (v: VersionDetail) => Partial<Pick<VersionModel, 'refusal' | 'missingEnglish'>> | null,
  ) {
    app.post(`/:lang/staff/indicators/:id/${path}`, { config: { action } }, async (req, reply) => {
      const { actor, tx } = staffRequest(req);
      parseOr400(stepForm, req.body ?? {}, 'form');
      const v = await load(req, action);
      const check = rule(actor.userId, v);
      if (!check.ok) return refuse(req, reply, v, check.reason);
      const problem = before?.(v);
      if (problem) return versionPage(req, reply, v, problem, 409);
      const changed = await tx((trx) => run(trx, app.keys.audit, v, who(actor.userId)));
      // Someone else took a step on this version meanwhile: show where it stands now.
      if (!changed) return versionPage(req, reply, await load(req, action), {}, 409);
      if (what === 'discarded') return reply.redirect(`${base(req)}?done=discarded`, 303);
      return done(req, reply, v.id, what);
    });
  }

  // Nobody reviews a text that is not complete in English: the guides must offer it in both.
  const englishComplete = (v: VersionDetail) => {
    const missing = publishProblems(v.content);
    return missing.length ? { refusal: 'english_missing' as const, missingEnglish: missing } : null;
  };
  stepRoute('submit', INDICATORS_EDIT, (_a, v) => editCheck(v), submitDraft, 'submitted', englishComplete);
  stepRoute('discard', INDICATORS_EDIT, (_a, v) => editCheck(v), discardDraft, 'discarded');
  stepRoute('approve', INDICATORS_REVIEW, (a, v) => reviewCheck(a, v, 'approve'), approveVersion, 'approved');
  stepRoute('return', INDICATORS_REVIEW, (a, v) => reviewCheck(a, v, 'return'), returnToDraft, 'returned');
  stepRoute('publish', INDICATORS_PUBLISH, publishCheck, publishVersion, 'published', englishComplete);
};
