/**
 * A centre lead maintains the centre's directory entry: see it, propose
 * changes, withdraw a proposal. There is no centre id anywhere in these URLs
 * or forms: the centre is the signed-in lead's, from the server-side
 * session, and every query runs in that centre's row-level-security scope.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { can } from '../../platform/auth/policy.ts';
import { scopeOf, type Actor } from '../../platform/auth/types.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { addMessages } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { addStaffLink } from '../auth/staff-menu.ts';
import { pageLocale } from '../auth/locale.ts';
import type { DirectoryIndex } from '../directory/directory-index.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { centreDrafts, centreLink, submitDraft, withdrawDraft, type Draft } from './drafts.ts';
import { applyEdits } from './editable.ts';
import { entryFormBody, formFromBody } from './form-schema.ts';
import { formFromEntry, validateEntryForm } from './form-model.ts';
import { centreEntryMessages } from './messages.ts';
import { EntryFormPage } from './views/EntryFormPage.tsx';
import { EntryPage } from './views/EntryPage.tsx';

addMessages('centreEntry', centreEntryMessages);
addStaffLink({
  key: 'directory.entry',
  action: 'directory.edit_own',
  path: '/staff/entry',
  label: { de: 'Unseren Eintrag in der Hilfesuche pflegen', en: 'Maintain our entry in the help finder' },
  order: 10,
});

const ACTION = 'directory.edit_own';
const doneQuery = z.strictObject({ done: z.enum(['submitted', 'withdrawn']).optional() });
const withdrawBody = z.strictObject({ ...csrfField, draft: z.string().max(100) });
const UUID = z.uuid();

/**
 * The signed-in lead with a centre. The authorisation hook has already
 * checked the action; this repeats it so the handler is safe on its own.
 */
function leadOf(req: FastifyRequest): Actor & { centreId: string } {
  const actor = req.actor;
  if (!actor || !can(actor, ACTION) || !actor.centreId) throw new AccessDenied('role');
  return actor as Actor & { centreId: string };
}

type Situation = { centreName: string; published: DirectoryEntry | null; pending?: Draft; lastDecided?: Draft };

async function situation(
  app: FastifyInstance,
  directory: DirectoryIndex,
  actor: Actor & { centreId: string },
): Promise<Situation> {
  const { link, drafts } = await withScope(app.database.db, scopeOf(actor), async (trx) => {
    const link = await centreLink(trx, actor.centreId);
    return { link, drafts: link ? await centreDrafts(trx, actor.centreId) : {} };
  });
  // The centre row is invisible only if the session's centre no longer exists.
  if (!link) throw new HttpError(404, 'Not found');
  const published = link.serviceId ? ((await directory.get()).byId.get(link.serviceId) ?? null) : null;
  return { centreName: link.name, published, ...drafts };
}

/** What the form starts from: the pending proposal, else a returned one being revised, else the published entry. */
function startingPoint(s: Situation & { published: DirectoryEntry }): DirectoryEntry {
  if (s.pending) return applyEdits(s.published, s.pending.entry);
  if (s.lastDecided?.status === 'returned') return applyEdits(s.published, s.lastDecided.entry);
  return s.published;
}

export const centreEntryRoutes: FastifyPluginAsync<{ directory: DirectoryIndex }> = async (app, { directory }) => {
  const opts = { config: { action: ACTION } } as const;

  app.get('/:lang/staff/entry', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = leadOf(req);
    const { done } = parseOr400(doneQuery, req.query, 'query');
    const s = await situation(app, directory, actor);
    return sendPage(reply, EntryPage({ ctx: pageContext(req, locale), model: { ...s, done, csrf: csrfToken(req) } }));
  });

  app.get('/:lang/staff/entry/edit', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = leadOf(req);
    const s = await situation(app, directory, actor);
    if (!s.published) return reply.redirect(`/${locale}/staff/entry`, 303);
    const form = formFromEntry(startingPoint({ ...s, published: s.published }));
    return sendPage(
      reply,
      EntryFormPage({
        ctx: pageContext(req, locale),
        centreName: s.centreName,
        form,
        problems: [],
        csrf: csrfToken(req),
      }),
    );
  });

  app.post('/:lang/staff/entry/edit', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = leadOf(req);
    // Shape first (unknown field → 400, nothing else looked at), then the import's rules.
    const body = parseOr400(entryFormBody, req.body ?? {}, 'form') as Record<string, string | string[] | undefined>;
    const form = formFromBody(body);
    const s = await situation(app, directory, actor);
    if (!s.published) throw new HttpError(409, 'This centre has no published entry to change.');
    const result = validateEntryForm(s.published, form);
    if (!result.ok) {
      return sendPage(
        reply,
        EntryFormPage({
          ctx: pageContext(req, locale),
          centreName: s.centreName,
          form,
          problems: result.problems,
          csrf: csrfToken(req),
        }),
        400,
      );
    }
    const serviceId = s.published.service.id;
    await withScope(app.database.db, scopeOf(actor), (trx) =>
      submitDraft(trx, app.keys.audit, {
        centreId: actor.centreId,
        serviceId,
        entry: result.entry,
        actorId: actor.userId,
        at: app.clock.now(),
      }),
    );
    return reply.redirect(`/${locale}/staff/entry?done=submitted`, 303);
  });

  app.post('/:lang/staff/entry/withdraw', opts, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = leadOf(req);
    const { draft } = parseOr400(withdrawBody, req.body ?? {}, 'form');
    // The id only guards against withdrawing a newer proposal than the one on
    // screen; which drafts exist at all is decided by the centre scope.
    if (!UUID.safeParse(draft).success) throw new HttpError(404, 'Not found');
    const done = await withScope(app.database.db, scopeOf(actor), (trx) =>
      withdrawDraft(trx, app.keys.audit, {
        centreId: actor.centreId,
        draftId: draft.toLowerCase(),
        actorId: actor.userId,
        at: app.clock.now(),
      }),
    );
    // Not among the centre's pending drafts: another centre's id, or none at all.
    if (!done) throw new AccessDenied('object');
    return reply.redirect(`/${locale}/staff/entry?done=withdrawn`, 303);
  });
};
