/**
 * A centre lead maintains the centre's directory entry: see it, propose
 * changes, withdraw a proposal. There is no centre id anywhere in these URLs
 * or forms: the centre is the signed-in lead's, from the server-side
 * session, and every query runs in that centre's row-level-security scope.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAccess } from '../../platform/auth/access.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest, type StaffRequest } from '../../platform/request/context.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { centreDrafts, centreLink, submitDraft, withdrawDraft, type Draft } from '../directory/drafts/queries.ts';
import { applyEdits } from '../directory/drafts/editable.ts';
import { DIRECTORY_EDIT_OWN } from './actions.ts';
import { entryFormBody, formFromBody, type EntryForm } from './form-schema.ts';
import { formFromEntry, validateEntryForm, type FieldProblem } from './form-model.ts';
import { EntryFormPage } from './views/EntryFormPage.tsx';
import { EntryPage } from './views/EntryPage.tsx';

const doneQuery = z.strictObject({ done: z.enum(['submitted', 'withdrawn']).optional() });
const withdrawBody = z.strictObject({ ...csrfField, draft: z.string().max(100) });
const UUID = z.uuid();

type LeadRequest = StaffRequest & { centreId: string };

/** The signed-in lead and their centre (the route's action already required the role). */
function leadOf(req: FastifyRequest): LeadRequest {
  const staff = staffRequest(req);
  if (!staff.actor.centreId) throw new AccessDenied('role');
  return { ...staff, centreId: staff.actor.centreId };
}

type Situation = { centreName: string; published: DirectoryEntry | null; pending?: Draft; lastDecided?: Draft };

async function situation(req: FastifyRequest, lead: LeadRequest): Promise<Situation> {
  const { link, drafts } = await lead.tx(async (trx) => {
    // Invisible only if the session's centre no longer exists.
    const link = requireAccess(lead.actor, DIRECTORY_EDIT_OWN, await centreLink(trx, lead.centreId));
    return { link, drafts: await centreDrafts(trx, lead.centreId) };
  });
  const directory = req.server.directory;
  const published = link.serviceId ? ((await directory.get()).byId.get(link.serviceId) ?? null) : null;
  return { centreName: link.name, published, ...drafts };
}

/** What the form starts from: the pending proposal, else a returned one being revised, else the published entry. */
/** The entry form with `form`'s values and the problems found in them, if any. */
function formPage(req: FastifyRequest, centreName: string, form: EntryForm, problems: FieldProblem[]) {
  return EntryFormPage({ ctx: pageContext(req), centreName, form, problems, csrf: csrfToken(req) });
}

function startingPoint(s: Situation & { published: DirectoryEntry }): DirectoryEntry {
  if (s.pending) return applyEdits(s.published, s.pending.entry);
  if (s.lastDecided?.status === 'returned') return applyEdits(s.published, s.lastDecided.entry);
  return s.published;
}

export const centreEntryRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { action: DIRECTORY_EDIT_OWN } };

  app.get('/:lang/staff/entry', opts, async (req, reply) => {
    const lead = leadOf(req);
    const { done } = parseOr400(doneQuery, req.query, 'query');
    const s = await situation(req, lead);
    return sendPage(reply, EntryPage({ ctx: pageContext(req), model: { ...s, done, csrf: csrfToken(req) } }));
  });

  app.get('/:lang/staff/entry/edit', opts, async (req, reply) => {
    const lead = leadOf(req);
    const s = await situation(req, lead);
    if (!s.published) return reply.redirect(`/${lead.locale}/staff/entry`, 303);
    const form = formFromEntry(startingPoint({ ...s, published: s.published }));
    return sendPage(reply, formPage(req, s.centreName, form, []));
  });

  app.post('/:lang/staff/entry/edit', opts, async (req, reply) => {
    const lead = leadOf(req);
    // Shape first (unknown field → 400, nothing else looked at), then the import's rules.
    const body = parseOr400(entryFormBody, req.body ?? {}, 'form') as Record<string, string | string[] | undefined>;
    const form = formFromBody(body);
    const s = await situation(req, lead);
    if (!s.published) throw new HttpError(409, 'This centre has no published entry to change.');
    const result = validateEntryForm(s.published, form);
    if (!result.ok) {
      return sendPage(reply, formPage(req, s.centreName, form, result.problems), 400);
    }
    const serviceId = s.published.service.id;
    await lead.tx((trx) =>
      submitDraft(trx, app.keys.audit, {
        centreId: lead.centreId,
        serviceId,
        entry: result.entry,
        actorId: lead.actor.userId,
        at: app.clock.now(),
      }),
    );
    return reply.redirect(`/${lead.locale}/staff/entry?done=submitted`, 303);
  });

  app.post('/:lang/staff/entry/withdraw', opts, async (req, reply) => {
    const lead = leadOf(req);
    const { draft } = parseOr400(withdrawBody, req.body ?? {}, 'form');
    // The id only guards against withdrawing a newer proposal than the one on
    // screen; which drafts exist at all is decided by the centre scope.
    if (!UUID.safeParse(draft).success) throw new HttpError(404, 'Not found');
    const done = await lead.tx((trx) =>
      withdrawDraft(trx, app.keys.audit, {
        centreId: lead.centreId,
        draftId: draft.toLowerCase(),
        actorId: lead.actor.userId,
        at: app.clock.now(),
      }),
    );
    // Not among the centre's pending drafts: another centre's id, or none at all.
    if (!done) throw new AccessDenied('object');
    return reply.redirect(`/${lead.locale}/staff/entry?done=withdrawn`, 303);
  });
};
