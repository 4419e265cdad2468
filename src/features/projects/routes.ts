/**
 * Projects and measures:
 *
 * - public: `/:lang/projects` and `/:lang/projects/:slug` (published
 *   projects only, read in the anonymous scope), `/media/funders/:file`
 *   (a published project's funder's logo, from our own origin);
 * - the office: `/:lang/staff/projects…` and `/:lang/staff/funders…`
 *   (projects.manage; the logo upload is in logo-routes.ts);
 * - a centre: `/:lang/staff/measures…` (measures.register; its own only:
 *   the session names the centre, row-level security and the object rule
 *   confine every statement to it);
 * - the office's review: `/:lang/staff/measure-review…` (measures.review).
 *
 * Every write is audited in its transaction: projects and funders on the
 * network's chain, measures on their centre's.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { anonymousTx, staffRequest } from '../../platform/request/context.ts';
import { MEASURES_REGISTER, MEASURES_REVIEW, PROJECTS_MANAGE } from './actions.ts';
import { logoPath, parseLogoFile } from './logo.ts';
import { projectOutputs } from './outputs.ts';
import {
  funderById,
  funderLogo,
  funders,
  fundersOf,
  insertFunder,
  insertMeasure,
  insertProject,
  measureById,
  measures,
  projectById,
  projectBySlug,
  projects,
  reviewMeasure,
  setProjectFunders,
  slugTaken,
  updateFunder,
  updateMeasure,
  updateProject,
  withdrawMeasure,
  type FunderFields,
  type MeasureFields,
  type ProjectFields,
} from './queries.ts';
import { emptyForm, funderForm, measureForm, projectForm, reviewForm } from './schema.ts';
import { centreMayEdit, centreMayWithdraw, officeMayReview } from './vocabulary.ts';
import { ProjectListPage, ProjectPage } from './views/PublicPages.tsx';
import {
  FunderFormPage,
  MeasureFormPage,
  MeasureListPage,
  ProjectFormPage,
  ProjectsOfficePage,
  ReviewPage,
} from './views/StaffPages.tsx';

const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const officeDone = z.strictObject({ done: z.enum(['saved', 'funder', 'logo']).optional() });
const measureDone = z.strictObject({ done: z.enum(['registered', 'changed', 'withdrawn', 'reviewed']).optional() });

/** The object id from the path; anything that is not a UUID is as unknown as a missing one. */
export function idOf(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

/** Projects and funders belong to the network, not to a centre. */
function networkOwned<T extends object>(o: T | undefined): (T & { centreId: null }) | undefined {
  return o ? { ...o, centreId: null } : undefined;
}

function projectFields(f: z.infer<typeof projectForm>): ProjectFields {
  return {
    slug: f.slug,
    title: f.title,
    goal: f.goal,
    summary: f.summary,
    startsOn: f.starts_on,
    endsOn: f.ends_on,
    status: f.status,
    published: f.published,
    contactName: f.contact_name,
    contactRole: f.contact_name ? f.contact_role : null,
  };
}

function funderFields(f: z.infer<typeof funderForm>): FunderFields {
  return { name: f.name, creditLine: f.credit_line, url: f.url };
}

function measureFields(f: z.infer<typeof measureForm>): MeasureFields {
  return {
    title: f.title,
    description: f.description,
    kind: f.kind,
    region: f.region,
    startsOn: f.starts_on,
    endsOn: f.ends_on,
  };
}

export const projectRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };
  const manage = { config: { action: PROJECTS_MANAGE } };
  const register = { config: { action: MEASURES_REGISTER } };
  const review = { config: { action: MEASURES_REVIEW } };
  const staffT = (req: FastifyRequest) => translator(req.locale, 'projectsStaff');

  // ---- public ----

  app.get('/:lang/projects', pub, async (req, reply) => {
    const list = await anonymousTx(req, projects);
    return sendPage(reply, ProjectListPage({ ctx: pageContext(req), projects: list }));
  });

  app.get('/:lang/projects/:slug', pub, async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const found = await anonymousTx(req, async (trx) => {
      const p = await projectBySlug(trx, slug);
      if (!p) return null;
      return {
        p,
        funders: await fundersOf(trx, p.id),
        outputs: await projectOutputs(trx, { id: p.id, slug: p.slug, locale: req.locale }),
      };
    });
    if (!found) throw notFound();
    return sendPage(
      reply,
      ProjectPage({
        ctx: pageContext(req),
        project: found.p,
        funders: found.funders.map((f) => ({
          name: f.name,
          creditLine: f.creditLine,
          url: f.url,
          logoSrc: f.logo ? logoPath(f.id, f.logo) : null,
        })),
        outputs: found.outputs,
      }),
    );
  });

  app.get(
    '/media/funders/:file',
    {
      ...pub,
      // The global headers allow the page's own scripts and styles; a logo
      // needs nothing, so its response forbids everything.
      onSend: async (_req, reply, payload) => {
        reply.header('content-security-policy', "default-src 'none'; sandbox");
        return payload;
      },
    },
    async (req, reply) => {
      const { file } = z.object({ file: z.string().max(200) }).parse(req.params);
      const parsed = parseLogoFile(file);
      if (!parsed) throw notFound();
      // Read as the public reads: only the logos of published projects'
      // funders are served, to anybody (an unpublished funder's stays unseen).
      const logo = await anonymousTx(req, (trx) => funderLogo(trx, parsed.funderId));
      if (!logo || logo.kind !== parsed.kind || !logo.hash.startsWith(parsed.hashPrefix)) throw notFound();
      return reply
        .header('content-type', logo.kind === 'png' ? 'image/png' : 'image/jpeg')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(logo.data);
    },
  );

  // ---- the office: projects and funders ----

  app.get('/:lang/staff/projects', manage, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(officeDone, req.query ?? {}, 'query');
    const [p, f] = await tx(async (trx) => [await projects(trx), await funders(trx)] as const);
    return sendPage(reply, ProjectsOfficePage({ ctx: pageContext(req), projects: p, funders: f, done }));
  });

  app.get('/:lang/staff/projects/new', manage, async (req, reply) => {
    const { tx } = staffRequest(req);
    const f = await tx(funders);
    return sendPage(
      reply,
      ProjectFormPage({ ctx: pageContext(req), project: null, linked: [], funders: f, csrf: csrfToken(req) }),
    );
  });

  /** Store a project's form (new: id null); refuses a taken slug or an unknown funder with a 400. */
  async function saveProject(req: FastifyRequest, id: string | null): Promise<void> {
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(projectForm, req.body ?? {}, 'form');
    const fields = projectFields(form);
    const t = staffT(req);
    const at = app.clock.now();
    await tx(async (trx) => {
      let wasPublished = false;
      if (id) {
        const saved = requireAccess(actor, PROJECTS_MANAGE, networkOwned(await projectById(trx, id)));
        wasPublished = saved.published;
      }
      if (await slugTaken(trx, fields.slug, id)) throw new HttpError(400, t('projectForm.slugTaken'));
      const known = new Set((await funders(trx)).map((f) => f.id));
      if (form.funders.some((f) => !known.has(f))) throw new HttpError(400, t('projectForm.unknownFunder'));
      const projectId = id ?? randomUUID();
      if (id) {
        if (!(await updateProject(trx, id, fields, at))) throw notFound();
      } else {
        await insertProject(trx, projectId, fields, at);
      }
      await setProjectFunders(trx, projectId, form.funders);
      const entry = { actorId: actor.userId, centreId: null, objectType: 'project', objectId: projectId };
      await audit(
        trx,
        app.keys.audit,
        { ...entry, event: 'project.saved_done', details: { funders: form.funders.length } },
        at,
      );
      if (fields.published !== wasPublished) {
        const event = fields.published ? 'project.published_done' : 'project.unpublished_done';
        await audit(trx, app.keys.audit, { ...entry, event }, at);
      }
    });
  }

  app.post('/:lang/staff/projects/new', manage, async (req, reply) => {
    await saveProject(req, null);
    return reply.redirect(`/${req.locale}/staff/projects?done=saved`, 303);
  });

  app.get('/:lang/staff/projects/:id', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const data = await tx(async (trx) => {
      const p = requireAccess(actor, PROJECTS_MANAGE, networkOwned(await projectById(trx, id)));
      return { p, linked: (await fundersOf(trx, id)).map((f) => f.id), all: await funders(trx) };
    });
    return sendPage(
      reply,
      ProjectFormPage({
        ctx: pageContext(req),
        project: data.p,
        linked: data.linked,
        funders: data.all,
        csrf: csrfToken(req),
      }),
    );
  });

  app.post('/:lang/staff/projects/:id', manage, async (req, reply) => {
    await saveProject(req, idOf(req));
    return reply.redirect(`/${req.locale}/staff/projects?done=saved`, 303);
  });

  app.get('/:lang/staff/funders/new', manage, async (req, reply) => {
    staffRequest(req);
    return sendPage(reply, FunderFormPage({ ctx: pageContext(req), funder: null, csrf: csrfToken(req) }));
  });

  app.post('/:lang/staff/funders/new', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const fields = funderFields(parseOr400(funderForm, req.body ?? {}, 'form'));
    const id = randomUUID();
    const at = app.clock.now();
    await tx(async (trx) => {
      await insertFunder(trx, id, fields, at);
      await audit(
        trx,
        app.keys.audit,
        { event: 'funder.saved_done', actorId: actor.userId, centreId: null, objectType: 'funder', objectId: id },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/funders/${id}`, 303);
  });

  app.get('/:lang/staff/funders/:id', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const f = requireAccess(actor, PROJECTS_MANAGE, networkOwned(await tx((trx) => funderById(trx, id))));
    return sendPage(reply, FunderFormPage({ ctx: pageContext(req), funder: f, csrf: csrfToken(req) }));
  });

  app.post('/:lang/staff/funders/:id', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const fields = funderFields(parseOr400(funderForm, req.body ?? {}, 'form'));
    const at = app.clock.now();
    await tx(async (trx) => {
      requireAccess(actor, PROJECTS_MANAGE, networkOwned(await funderById(trx, id)));
      if (!(await updateFunder(trx, id, fields, at))) throw notFound();
      await audit(
        trx,
        app.keys.audit,
        { event: 'funder.saved_done', actorId: actor.userId, centreId: null, objectType: 'funder', objectId: id },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/projects?done=funder`, 303);
  });

  // ---- a centre's own measures ----

  app.get('/:lang/staff/measures', register, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(measureDone, req.query ?? {}, 'query');
    const list = await tx(measures);
    return sendPage(reply, MeasureListPage({ ctx: pageContext(req), measures: list, done, office: false }));
  });

  app.get('/:lang/staff/measures/new', register, async (req, reply) => {
    staffRequest(req);
    return sendPage(
      reply,
      MeasureFormPage({
        ctx: pageContext(req),
        measure: null,
        editable: true,
        withdrawable: false,
        csrf: csrfToken(req),
      }),
    );
  });

  app.post('/:lang/staff/measures/new', register, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const fields = measureFields(parseOr400(measureForm, req.body ?? {}, 'form'));
    const centreId = actor.centreId;
    if (!centreId) throw notFound();
    const id = randomUUID();
    const at = app.clock.now();
    await tx(async (trx) => {
      await insertMeasure(trx, id, centreId, fields, at);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'measure.registered_done',
          actorId: actor.userId,
          centreId,
          objectType: 'measure',
          objectId: id,
          details: { kind: fields.kind },
        },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/measures?done=registered`, 303);
  });

  app.get('/:lang/staff/measures/:id', register, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const m = requireAccess(actor, MEASURES_REGISTER, await tx((trx) => measureById(trx, id)));
    return sendPage(
      reply,
      MeasureFormPage({
        ctx: pageContext(req),
        measure: m,
        editable: centreMayEdit(m.status),
        withdrawable: centreMayWithdraw(m.status),
        csrf: csrfToken(req),
      }),
    );
  });

  app.post('/:lang/staff/measures/:id', register, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const fields = measureFields(parseOr400(measureForm, req.body ?? {}, 'form'));
    const at = app.clock.now();
    await tx(async (trx) => {
      const m = requireAccess(actor, MEASURES_REGISTER, await measureById(trx, id));
      if (!centreMayEdit(m.status) || !(await updateMeasure(trx, id, fields, at)))
        throw new HttpError(409, staffT(req)('measureForm.locked'));
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'measure.changed_done',
          actorId: actor.userId,
          centreId: m.centreId,
          objectType: 'measure',
          objectId: id,
        },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/measures?done=changed`, 303);
  });

  app.post('/:lang/staff/measures/:id/withdraw', register, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    parseOr400(emptyForm, req.body ?? {}, 'form');
    const at = app.clock.now();
    await tx(async (trx) => {
      const m = requireAccess(actor, MEASURES_REGISTER, await measureById(trx, id));
      // Withdrawing twice changes nothing and records nothing.
      if (!(await withdrawMeasure(trx, id, at))) return;
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'measure.withdrawn_done',
          actorId: actor.userId,
          centreId: m.centreId,
          objectType: 'measure',
          objectId: id,
        },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/measures?done=withdrawn`, 303);
  });

  // ---- the office's review ----

  app.get('/:lang/staff/measure-review', review, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(measureDone, req.query ?? {}, 'query');
    const list = await tx(measures);
    return sendPage(reply, MeasureListPage({ ctx: pageContext(req), measures: list, done, office: true }));
  });

  app.get('/:lang/staff/measure-review/:id', review, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const data = await tx(async (trx) => ({
      m: requireAccess(actor, MEASURES_REVIEW, await measureById(trx, id)),
      projects: await projects(trx),
    }));
    return sendPage(
      reply,
      ReviewPage({ ctx: pageContext(req), measure: data.m, projects: data.projects, csrf: csrfToken(req) }),
    );
  });

  app.post('/:lang/staff/measure-review/:id', review, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    const form = parseOr400(reviewForm, req.body ?? {}, 'form');
    const at = app.clock.now();
    await tx(async (trx) => {
      const m = requireAccess(actor, MEASURES_REVIEW, await measureById(trx, id));
      if (!officeMayReview(m.status)) throw new HttpError(409, staffT(req)('review.withdrawn'));
      if (form.project_id && !(await projectById(trx, form.project_id))) throw notFound();
      const decision = { decision: form.decision, note: form.note, projectId: form.project_id, shown: form.shown };
      if (!(await reviewMeasure(trx, id, decision, at))) throw notFound();
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'measure.reviewed_done',
          actorId: actor.userId,
          centreId: m.centreId,
          objectType: 'measure',
          objectId: id,
          details: { decision: form.decision, shown: form.shown, project: form.project_id },
        },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/measure-review?done=reviewed`, 303);
  });
};
