/**
 * The coordination office keeps the helplines: list, add, change, remove.
 * Every write is audited and refreshes this instance's helpline cache at
 * once (other instances within their refresh interval).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { explainIssue, issueMeaning } from '../../platform/http/validation.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { berlinDate } from '../../platform/time/dates.ts';
import { HELPLINES_EDIT } from './actions.ts';
import { allHelplines } from '../../platform/helplines/queries.ts';
import {
  addHelpline,
  changeHelpline,
  helplineById,
  helplineWithTranslations,
  removeHelpline,
  saveTranslations,
} from './queries.ts';
import {
  crossFieldProblems,
  helplineFormShape,
  helplineRules,
  rulesInput,
  translationFields,
  translationLocales,
  translationSchema,
  typedValues,
  type HelplineFormInput,
} from './schema.ts';
import { HelplineFormPage, HelplineListPage, valuesOf, type HelplineFormValues } from './views/HelplinesPages.tsx';
import { TranslationsPage, translationValues } from './views/TranslationsPage.tsx';

const doneQuery = z.strictObject({ done: z.enum(['added', 'saved', 'removed', 'translated']).optional() });
const idParams = z.object({ lang: z.string(), id: z.string().max(100) });
const deleteBody = z.strictObject({ ...csrfField });

/** The helpline id from the path; anything that is not a UUID is as unknown as a missing one. */
function helplineIdOf(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

export const helplineRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { action: HELPLINES_EDIT } };
  const base = (req: FastifyRequest) => `/${req.locale}/staff/helplines`;

  /** Checks a shaped form's rules: the fields to store, or the page to show again with its problems (400). */
  function validate(req: FastifyRequest, form: HelplineFormInput, id: string | null, savedName: string | null) {
    const input = rulesInput(form);
    const r = helplineRules.safeParse(input, { reportInput: true });
    const cross = crossFieldProblems(input, berlinDate(app.clock.now()));
    if (r.success && cross.length === 0) return { ok: true as const, fields: r.data };
    const errors = new Map<string, string[]>();
    const add = (field: string, text: string) => errors.set(field, [...(errors.get(field) ?? []), text]);
    for (const issue of r.error?.issues ?? []) {
      add(String(issue.path[0] ?? ''), explainIssue(req.locale, issueMeaning(issue), issue.message));
    }
    for (const p of cross) add(p.field, explainIssue(req.locale, { ref: p.params.message, values: {} }, p.message));
    const page = HelplineFormPage({
      ctx: pageContext(req),
      model: { id, savedName, values: typedValues(form), errors, csrf: csrfToken(req) },
    });
    return { ok: false as const, page };
  }

  app.get('/:lang/staff/helplines', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    // The list as stored, not as cached: the office must see its own change at once.
    const list = await tx(allHelplines);
    return sendPage(reply, HelplineListPage({ ctx: pageContext(req), list, done }));
  });

  app.get('/:lang/staff/helplines/new', opts, async (req, reply) => {
    staffRequest(req);
    const values: HelplineFormValues = {
      kind: 'phone',
      contact: '',
      name_de: '',
      name_en: '',
      description_de: '',
      description_en: '',
      around_the_clock: false,
      hours_de: '',
      hours_en: '',
      emergency: false,
      first_screen: false,
      sort_order: '100',
      checked_on: berlinDate(app.clock.now()),
    };
    return sendPage(
      reply,
      HelplineFormPage({
        ctx: pageContext(req),
        model: { id: null, savedName: null, values, errors: new Map(), csrf: csrfToken(req) },
      }),
    );
  });

  app.post('/:lang/staff/helplines/new', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(helplineFormShape, req.body ?? {}, 'form');
    const v = validate(req, form, null, null);
    if (!v.ok) return sendPage(reply, v.page, 400);
    await tx((trx) =>
      addHelpline(trx, app.keys.audit, randomUUID(), v.fields, { actorId: actor.userId, at: app.clock.now() }),
    );
    app.helplines.invalidate();
    return reply.redirect(`${base(req)}?done=added`, 303);
  });

  app.get('/:lang/staff/helplines/:id', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = helplineIdOf(req);
    const h = requireAccess(actor, HELPLINES_EDIT, withOwner(await tx((trx) => helplineById(trx, id))));
    return sendPage(
      reply,
      HelplineFormPage({
        ctx: pageContext(req),
        model: { id, savedName: h.name.de, values: valuesOf(h), errors: new Map(), csrf: csrfToken(req) },
      }),
    );
  });

  app.post('/:lang/staff/helplines/:id', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = helplineIdOf(req);
    const form = parseOr400(helplineFormShape, req.body ?? {}, 'form');
    const saved = requireAccess(actor, HELPLINES_EDIT, withOwner(await tx((trx) => helplineById(trx, id))));
    const v = validate(req, form, id, saved.name.de);
    if (!v.ok) return sendPage(reply, v.page, 400);
    const changed = await tx((trx) =>
      changeHelpline(trx, app.keys.audit, id, v.fields, { actorId: actor.userId, at: app.clock.now() }),
    );
    if (!changed) throw notFound();
    app.helplines.invalidate();
    return reply.redirect(`${base(req)}?done=saved`, 303);
  });

  app.get('/:lang/staff/helplines/:id/translations', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = helplineIdOf(req);
    const h = requireAccess(actor, HELPLINES_EDIT, withOwner(await tx((trx) => helplineWithTranslations(trx, id))));
    const locales = translationLocales();
    return sendPage(
      reply,
      TranslationsPage({
        ctx: pageContext(req),
        model: { helpline: h, locales, values: translationValues(h, locales), errors: new Map(), csrf: csrfToken(req) },
      }),
    );
  });

  app.post('/:lang/staff/helplines/:id/translations', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = helplineIdOf(req);
    const locales = translationLocales();
    const schema = translationSchema(locales);
    const form = parseOr400(schema.shape, req.body ?? {}, 'form');
    const h = requireAccess(actor, HELPLINES_EDIT, withOwner(await tx((trx) => helplineWithTranslations(trx, id))));
    // A field the form did not send is an empty one.
    const typed: Record<string, string> = {};
    for (const l of locales) {
      for (const f of Object.values(translationFields(l))) typed[f] = form[f] ?? '';
    }
    const r = schema.rules.safeParse(typed, { reportInput: true });
    if (!r.success) {
      const errors = new Map<string, string[]>();
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors.set(field, [...(errors.get(field) ?? []), explainIssue(req.locale, issueMeaning(issue), issue.message)]);
      }
      return sendPage(
        reply,
        TranslationsPage({
          ctx: pageContext(req),
          model: { helpline: h, locales, values: typed, errors, csrf: csrfToken(req) },
        }),
        400,
      );
    }
    const translations = Object.fromEntries(
      locales.map((l) => {
        const f = translationFields(l);
        return [l, { name: r.data[f.name] ?? '', description: r.data[f.description] ?? '' }];
      }),
    );
    const saved = await tx((trx) =>
      saveTranslations(trx, app.keys.audit, id, translations, { actorId: actor.userId, at: app.clock.now() }),
    );
    if (!saved) throw notFound();
    app.helplines.invalidate();
    return reply.redirect(`${base(req)}?done=translated`, 303);
  });

  app.post('/:lang/staff/helplines/:id/delete', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = helplineIdOf(req);
    parseOr400(deleteBody, req.body ?? {}, 'form');
    requireAccess(actor, HELPLINES_EDIT, withOwner(await tx((trx) => helplineById(trx, id))));
    const removed = await tx((trx) =>
      removeHelpline(trx, app.keys.audit, id, { actorId: actor.userId, at: app.clock.now() }),
    );
    if (!removed) throw notFound();
    app.helplines.invalidate();
    return reply.redirect(`${base(req)}?done=removed`, 303);
  });
};

/** Helplines belong to the network, not to a centre: the object rule sees them as such. */
function withOwner<T extends object>(h: T | undefined): (T & { centreId: null }) | undefined {
  return h ? { ...h, centreId: null } : undefined;
}
