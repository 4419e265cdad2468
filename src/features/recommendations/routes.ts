/**
 * The recommendations tracker's routes.
 *
 * Public (no session, no cookie, read in the anonymous 'auth' scope, where
 * row-level security shows published recommendations only):
 * - `GET /:lang/recommendations`: the list, filtered by a GET form (an
 *   unknown filter value is a 400 with a message);
 * - `GET /:lang/recommendations.csv`: the same filtered list as CSV;
 * - `GET /:lang/recommendations/:slug`: one recommendation; a merged one
 *   answers 301 to the one it was merged into.
 *
 * Staff (`recommendations.manage`: the coordination office and
 * administrators): list, create, change, add sources, status entries and
 * evidence, remove evidence, publish, withdraw, merge. Every write is
 * audited in its transaction (queries.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { issueMessage } from '../../platform/http/validation.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { anonymousTx, staffRequest } from '../../platform/request/context.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { projectChoices, projectExists } from '../projects/queries.ts';
import { RECOMMENDATIONS_MANAGE } from './actions.ts';
import { filtered, recommendationsCsv } from './present.ts';
import {
  addEvidence,
  addSource,
  addStatus,
  allRecommendations,
  changeRecommendation,
  createRecommendation,
  dueAssessments,
  mergeRecommendations,
  recommendationById,
  recommendationBySlug,
  publishedWorkExists,
  publishedWorks,
  removeEvidence,
  setPublished,
  slugOf,
  slugTaken,
  type RecommendationFields,
} from './queries.ts';
import {
  csrfOnly,
  doneQuery,
  evidenceForm,
  filterSchema,
  mergeForm,
  recommendationForm,
  removeEvidenceForm,
  sourceForm,
  statusForm,
} from './schema.ts';
import { DetailPage, ListPage } from './views/PublicPages.tsx';
import { EditPage, StaffListPage, type FormValues } from './views/StaffPages.tsx';
import { SLUG_PATTERN, type Track } from './vocabulary.ts';

const slugParams = z.object({ slug: z.string().max(100) });
const idParams = z.object({ id: z.string().max(100) });

function slugOfPath(req: FastifyRequest): string {
  const { slug } = slugParams.parse(req.params);
  if (!SLUG_PATTERN.test(slug)) throw notFound();
  return slug;
}

function uuidOr404(value: string): string {
  if (!z.uuid().safeParse(value).success) throw notFound();
  return value.toLowerCase();
}

/** Recommendations belong to the network, not to a centre: the object rule sees them as such. */
function networkOwned<T extends object>(r: T | undefined): (T & { centreId: null }) | undefined {
  return r ? { ...r, centreId: null } : undefined;
}

/** A slug another recommendation has: a 400 that says so next to the field, in the reader's language. */
const takenSlug = z.strictObject({
  slug: z.string().refine(() => false, {
    message: 'is taken by another recommendation',
    params: issueMessage('recommendationsStaff', 'form.slugTaken'),
  }),
});
function slugIsTaken(slug: string): never {
  parseOr400(takenSlug, { slug }, 'form');
  throw new Error('unreachable: the slug schema refuses every value');
}

const fieldsOf = (f: z.infer<typeof recommendationForm>): RecommendationFields => ({
  slug: f.slug,
  title: f.title,
  challenge: f.challenge,
  body: f.body,
  addresseeKind: f.addressee_kind,
  addresseeName: f.addressee_name,
  themes: f.themes,
  affectedGroups: f.affected_groups,
  projectId: f.project ? f.project.toLowerCase() : null,
});

/** The projects and the library's published works the office's forms offer. */
const choicesOf = async (trx: Tx) => ({ projects: await projectChoices(trx), works: await publishedWorks(trx) });

/** A chosen project or publication that does not exist: a 400 next to the field, in the reader's language. */
function unknownReference(field: 'project' | 'publication_id'): never {
  const key = field === 'project' ? 'form.projectUnknown' : 'evidence.publicationUnknown';
  parseOr400(
    z.strictObject({
      [field]: z.string().refine(() => false, {
        message: field === 'project' ? 'there is no such project' : 'there is no published publication with this id',
        params: issueMessage('recommendationsStaff', key),
      }),
    }),
    { [field]: '' },
    'form',
  );
  throw new Error('unreachable: the schema refuses every value');
}

export const recommendationRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };
  const opts = { config: { action: RECOMMENDATIONS_MANAGE } };
  const staffBase = (req: FastifyRequest) => `/${req.locale}/staff/recommendations`;
  const who = (actorId: string) => ({ actorId, at: app.clock.now() });

  app.get('/:lang/recommendations', pub, async (req, reply) => {
    const filters = parseOr400(filterSchema, req.query ?? {}, 'query');
    const list = filtered(await anonymousTx(req, (trx) => allRecommendations(trx)), filters);
    return sendPage(reply, ListPage({ ctx: pageContext(req), list, filters }));
  });

  app.get('/:lang/recommendations.csv', pub, async (req, reply) => {
    const filters = parseOr400(filterSchema, req.query ?? {}, 'query');
    const list = filtered(await anonymousTx(req, (trx) => allRecommendations(trx)), filters);
    reply.header('content-disposition', 'attachment; filename="empfehlungen.csv"');
    return reply.type('text/csv; charset=utf-8').send(recommendationsCsv(list, req.locale, app.config.publicOrigin));
  });

  app.get('/:lang/recommendations/:slug', pub, async (req, reply) => {
    const slug = slugOfPath(req);
    const found = await anonymousTx(req, async (trx) => {
      const r = await recommendationBySlug(trx, slug);
      if (!r) return undefined;
      return { r, mergedSlug: r.mergedInto ? await slugOf(trx, r.mergedInto) : undefined };
    });
    if (!found) throw notFound();
    if (found.r.mergedInto) {
      if (!found.mergedSlug) throw notFound();
      return reply.redirect(`/${req.locale}/recommendations/${found.mergedSlug}`, 301);
    }
    return sendPage(reply, DetailPage({ ctx: pageContext(req), r: found.r }));
  });

  app.get('/:lang/staff/recommendations', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    const [list, due] = await tx(async (trx) => [await allRecommendations(trx), await dueAssessments(trx)] as const);
    return sendPage(reply, StaffListPage({ ctx: pageContext(req), list, due: new Set(due.map((d) => d.id)), done }));
  });

  const emptyValues: FormValues = {
    slug: '',
    title: '',
    challenge: '',
    body: '',
    addressee_kind: 'federal_ministry',
    addressee_name: '',
    themes: [],
    affected_groups: [],
    project: '',
  };

  app.get('/:lang/staff/recommendations/new', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const choices = await tx(choicesOf);
    return sendPage(
      reply,
      EditPage({
        ctx: pageContext(req),
        model: { r: null, others: [], values: emptyValues, choices, csrf: csrfToken(req) },
      }),
    );
  });

  app.post('/:lang/staff/recommendations/new', opts, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const form = parseOr400(recommendationForm, req.body ?? {}, 'form');
    const id = randomUUID();
    const fields = fieldsOf(form);
    const created = await tx(async (trx) => {
      if (await slugTaken(trx, form.slug, null)) return 'taken';
      if (fields.projectId && !(await projectExists(trx, fields.projectId))) return 'no-project';
      await createRecommendation(trx, app.keys.audit, id, fields, who(actor.userId));
      return 'ok';
    });
    if (created === 'taken') slugIsTaken(form.slug);
    if (created === 'no-project') unknownReference('project');
    return reply.redirect(`${staffBase(req)}/${id}?done=created`, 303);
  });

  /** The recommendation of the path, for the office, or 404. */
  async function ofPath(req: FastifyRequest) {
    const { actor, tx } = staffRequest(req);
    const id = uuidOr404(idParams.parse(req.params).id);
    const r = requireAccess(
      actor,
      RECOMMENDATIONS_MANAGE,
      networkOwned(await tx((trx) => recommendationById(trx, id))),
    );
    return { actor, tx, id, r };
  }

  app.get('/:lang/staff/recommendations/:id', opts, async (req, reply) => {
    const { r, tx, id } = await ofPath(req);
    parseOr400(doneQuery, req.query ?? {}, 'query');
    const others = (await tx((trx) => allRecommendations(trx))).filter((o) => o.id !== id && o.mergedInto === null);
    const choices = await tx(choicesOf);
    const values: FormValues = {
      slug: r.slug,
      title: r.title,
      challenge: r.challenge,
      body: r.body,
      addressee_kind: r.addresseeKind,
      addressee_name: r.addresseeName,
      themes: r.themes,
      affected_groups: r.affectedGroups,
      project: r.projectId ?? '',
    };
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    return sendPage(
      reply,
      EditPage({ ctx: pageContext(req), model: { r, others, values, choices, csrf: csrfToken(req), done } }),
    );
  });

  app.post('/:lang/staff/recommendations/:id', opts, async (req, reply) => {
    const form = parseOr400(recommendationForm, req.body ?? {}, 'form');
    const { actor, tx, id } = await ofPath(req);
    const fields = fieldsOf(form);
    const saved = await tx(async (trx) => {
      if (await slugTaken(trx, form.slug, id)) return 'taken';
      if (fields.projectId && !(await projectExists(trx, fields.projectId))) return 'no-project';
      return (await changeRecommendation(trx, app.keys.audit, id, fields, who(actor.userId))) ? 'ok' : 'gone';
    });
    if (saved === 'taken') slugIsTaken(form.slug);
    if (saved === 'no-project') unknownReference('project');
    if (saved === 'gone') throw notFound();
    return reply.redirect(`${staffBase(req)}/${id}?done=saved`, 303);
  });

  app.post('/:lang/staff/recommendations/:id/sources', opts, async (req, reply) => {
    const form = parseOr400(sourceForm, req.body ?? {}, 'form');
    const { actor, tx, id, r } = await ofPath(req);
    if (r.mergedInto) throw notFound();
    await tx((trx) =>
      addSource(
        trx,
        app.keys.audit,
        {
          id: randomUUID(),
          recommendation_id: id,
          source_kind: form.source_kind,
          strength: form.strength,
          title: form.title,
          reference: form.reference,
          url: form.url,
          issued_on: form.issued_on,
        },
        who(actor.userId),
      ),
    );
    return reply.redirect(`${staffBase(req)}/${id}?done=source`, 303);
  });

  app.post('/:lang/staff/recommendations/:id/statuses', opts, async (req, reply) => {
    const form = parseOr400(statusForm, req.body ?? {}, 'form');
    const { actor, tx, id, r } = await ofPath(req);
    if (r.mergedInto) throw notFound();
    await tx((trx) =>
      addStatus(
        trx,
        app.keys.audit,
        {
          id: randomUUID(),
          recommendation_id: id,
          track: form.track satisfies Track,
          status: form.status,
          stated_on: form.stated_on,
          source: form.source,
          url: form.url,
          note: form.note,
        },
        who(actor.userId),
      ),
    );
    return reply.redirect(`${staffBase(req)}/${id}?done=status`, 303);
  });

  app.post('/:lang/staff/recommendations/:id/evidence', opts, async (req, reply) => {
    const form = parseOr400(evidenceForm, req.body ?? {}, 'form');
    const { actor, tx, id, r } = await ofPath(req);
    if (r.mergedInto) throw notFound();
    // Only the kind's own target columns are stored: a link never carries another kind's leftovers.
    const target =
      form.kind === 'publication'
        ? { publication_id: form.publication_id ? form.publication_id.toLowerCase() : null }
        : form.kind === 'statistics_table'
          ? {
              statistics_year: form.statistics_year === '' ? null : (form.statistics_year ?? null),
              statistics_table: form.statistics_table || null,
            }
          : {
              external_title: form.external_title || null,
              external_reference: form.external_reference || null,
              external_url: form.external_url,
            };
    // The foreign key would refuse an unknown work with a 500; a draft it would let through, though the public
    // could not follow the link. Both are the office's mistake: a 400 next to the field.
    const added = await tx(async (trx) => {
      if (target.publication_id && !(await publishedWorkExists(trx, target.publication_id))) return false;
      await addEvidence(
        trx,
        app.keys.audit,
        { id: randomUUID(), recommendation_id: id, kind: form.kind, support: form.support, ...target },
        who(actor.userId),
      );
      return true;
    });
    if (!added) unknownReference('publication_id');
    return reply.redirect(`${staffBase(req)}/${id}?done=evidence`, 303);
  });

  app.post('/:lang/staff/recommendations/:id/evidence/remove', opts, async (req, reply) => {
    const { evidence } = parseOr400(removeEvidenceForm, req.body ?? {}, 'form');
    const { actor, tx, id } = await ofPath(req);
    const removed = await tx((trx) =>
      removeEvidence(trx, app.keys.audit, id, evidence.toLowerCase(), who(actor.userId)),
    );
    if (!removed) throw notFound();
    return reply.redirect(`${staffBase(req)}/${id}?done=removed`, 303);
  });

  for (const [path, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(`/:lang/staff/recommendations/:id/${path}`, opts, async (req, reply) => {
      parseOr400(csrfOnly, req.body ?? {}, 'form');
      const { actor, tx, id } = await ofPath(req);
      await tx((trx) => setPublished(trx, app.keys.audit, id, published, who(actor.userId)));
      return reply.redirect(`${staffBase(req)}/${id}?done=${published ? 'published' : 'unpublished'}`, 303);
    });
  }

  app.post('/:lang/staff/recommendations/:id/merge', opts, async (req, reply) => {
    const form = parseOr400(mergeForm, req.body ?? {}, 'form');
    const { actor, tx, id } = await ofPath(req);
    const merged = await tx((trx) =>
      mergeRecommendations(trx, app.keys.audit, id, form.merged.toLowerCase(), who(actor.userId)),
    );
    if (!merged) throw notFound();
    return reply.redirect(`${staffBase(req)}/${id}?done=merged`, 303);
  });
};
