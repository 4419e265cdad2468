/**
 * The library in the staff area.
 *
 * Every member of the network (centre staff, the office, administrators;
 * `publications.read`):
 * - `GET /:lang/staff/publications`: the works (the office sees drafts too);
 * - `GET …/publications/:workId`: a work with its editions and versions;
 * - `GET …/publications/files/:versionId`: a version's PDF, members-only
 *   editions included — row-level security decides what the scope sees.
 *
 * The office and administrators (`publications.manage`):
 * - `POST …/publications`: a new work with its first edition and PDF;
 * - `POST …/publications/:workId/editions`: another language edition;
 * - `POST …/publications/editions/:editionId/versions`: a new version;
 * - `POST …/publications/:workId/status`: publish or withdraw;
 * - `POST …/publications/:workId/project`: the project the work came out of;
 * - `POST …/publications/editions/:editionId/visibility`: public or members-only;
 * - `GET|POST …/publications/editions/:editionId/edit`: an edition's metadata
 *   and its work's type (the search columns follow in the same transaction);
 * - `POST …/publications/:workId/schedule`: published from a Berlin time on.
 *
 * The three upload routes live in their own plugin, the only one that
 * takes multipart bodies, up to 20 MB. A file is a PDF by its bytes, not its
 * name; its text is read before the transaction (pdf-text.ts); a PDF whose
 * text cannot be read is stored all the same and the uploader told so.
 * Every step is audited on the network chain in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/auth/access.ts';
import { CSRF_FIELD, csrfToken } from '../../platform/auth/csrf.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { fileKindOf } from '../../platform/http/file-kind.ts';
import { acceptUploads, uploadOf } from '../../platform/http/upload.ts';
import { explainIssue, issueMeaning } from '../../platform/http/validation.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { projectChoices, projectExists } from '../projects/queries.ts';
import { PUBLICATIONS_MANAGE, PUBLICATIONS_READ } from './actions.ts';
import { safeFilename, sendPdf, slugOf } from './files.ts';
import { pdfText, type PdfText } from './pdf-text.ts';
import { fromBerlinLocal } from '../site-content/schedule.ts';
import {
  EDITION_LANGUAGES,
  editionById,
  fileOf,
  insertEdition,
  insertVersion,
  insertWork,
  scheduleWork,
  setVisibility,
  setWorkProject,
  updateEdition,
  setWorkStatus,
  workExists,
  worksWithEditions,
  type WorkWithEditions,
} from './queries.ts';
import {
  createForm,
  editForm,
  editionForm,
  listQuery,
  MAX_PDF_BYTES,
  projectForm,
  scheduleForm,
  statusForm,
  uuidParam,
  versionForm,
  visibilityForm,
  workQuery,
} from './schema.ts';
import { EditPage, EMPTY_EDITION, LibraryPage, WorkPage, type EditionValues } from './views/StaffPages.tsx';

type Errors = Map<string, string[]>;

/** Room for the multipart framing and the form's fields around the file. */
const UPLOAD_BODY_LIMIT = MAX_PDF_BYTES + 64 * 1024;

function errorsOf(locale: Locale, error: z.ZodError): Errors {
  const errors: Errors = new Map();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors.set(field, [...(errors.get(field) ?? []), explainIssue(locale, issueMeaning(issue), issue.message)]);
  }
  return errors;
}

/** The form's values to show again (strings only; anything else is dropped). */
function valuesOf(body: unknown): EditionValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const v = { ...EMPTY_EDITION };
  for (const k of Object.keys(v) as (keyof EditionValues)[]) {
    const x = b[k];
    if (typeof x === 'string') v[k] = x.slice(0, 4000);
  }
  return v;
}

function idOf(raw: string): string {
  const r = uuidParam.safeParse(raw);
  if (!r.success) throw notFound();
  return r.data;
}

type Pdf = { filename: string; data: Buffer; text: PdfText };

/**
 * The request's PDF, its text read: or the problem in the reader's words
 * with its status (no file 400, not a PDF 415).
 */
async function pdfOf(req: FastifyRequest): Promise<Pdf | { status: number; problem: string }> {
  const s = translator(req.locale, 'publicationsStaff');
  const file = uploadOf(req);
  if (!file || file.data.length === 0) return { status: 400, problem: s('upload.noFile') };
  if ((await fileKindOf(file.data)) !== 'pdf') return { status: 415, problem: s('upload.notPdf') };
  return { filename: safeFilename(file.filename), data: file.data, text: await pdfText(file.data) };
}

const isProblem = (p: Pdf | { status: number; problem: string }): p is { status: number; problem: string } =>
  'problem' in p;

export const publicationStaffRoutes: FastifyPluginAsync = async (app) => {
  const read = { config: { action: PUBLICATIONS_READ } };
  const manage = { config: { action: PUBLICATIONS_MANAGE } };
  const base = (req: FastifyRequest) => `/${req.locale}/staff/publications`;

  function libraryPage(
    req: FastifyRequest,
    reply: FastifyReply,
    works: WorkWithEditions[],
    extra: { values?: EditionValues; errors?: Errors; refusal?: string },
    status = 200,
  ) {
    const { actor } = staffRequest(req);
    const form = can(actor, PUBLICATIONS_MANAGE)
      ? { values: extra.values ?? EMPTY_EDITION, errors: extra.errors ?? new Map() }
      : null;
    return sendPage(
      reply,
      LibraryPage({
        ctx: pageContext(req),
        model: { works, form, refusal: extra.refusal ?? null, csrf: csrfToken(req) },
      }),
      status,
    );
  }

  async function workPage(
    req: FastifyRequest,
    reply: FastifyReply,
    workId: string,
    extra: { done?: string; values?: EditionValues; errors?: Errors; refusal?: string; scheduleErrors?: Errors },
    status = 200,
  ) {
    const { actor, tx } = staffRequest(req);
    const manage = can(actor, PUBLICATIONS_MANAGE);
    const [[work], projects] = await tx(
      async (trx) => [await worksWithEditions(trx, { workId }), manage ? await projectChoices(trx) : []] as const,
    );
    if (!work) throw notFound();
    const missing = EDITION_LANGUAGES.filter((l) => !work.editions.some((e) => e.language === l));
    const first = missing[0] ?? 'de';
    return sendPage(
      reply,
      WorkPage({
        ctx: pageContext(req),
        model: {
          work,
          manage,
          done: extra.done ?? null,
          refusal: extra.refusal ?? null,
          missing,
          projects,
          form: manage
            ? { values: extra.values ?? { ...EMPTY_EDITION, language: first }, errors: extra.errors ?? new Map() }
            : null,
          csrf: csrfToken(req),
          now: app.clock.now(),
          scheduleErrors: extra.scheduleErrors ?? new Map(),
        },
      }),
      status,
    );
  }

  /** The edition's edit form, filled from the edition or from what was sent. */
  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    editionId: string,
    extra: { values?: EditionValues; errors?: Errors },
    status = 200,
  ) {
    const { tx } = staffRequest(req);
    const edition = await tx((trx) => editionById(trx, editionId));
    if (!edition) throw notFound();
    const [work] = await tx((trx) => worksWithEditions(trx, { workId: edition.workId }));
    const e = work?.editions.find((x) => x.id === editionId);
    if (!work || !e) throw notFound();
    const values: EditionValues = extra.values ?? {
      type: work.type,
      language: e.language,
      title: e.title,
      summary: e.summary,
      authors: e.authors,
      issued: String(e.issued).slice(0, 10),
      licence: e.licence,
      visibility: e.visibility,
    };
    return sendPage(
      reply,
      EditPage({
        ctx: pageContext(req),
        model: {
          work,
          edition: e,
          form: { values: { ...values, language: e.language }, errors: extra.errors ?? new Map() },
          csrf: csrfToken(req),
        },
      }),
      status,
    );
  }

  app.get('/:lang/staff/publications', read, async (req, reply) => {
    const { tx } = staffRequest(req);
    parseOr400(listQuery, req.query ?? {}, 'query');
    const works = await tx((trx) => worksWithEditions(trx));
    return libraryPage(req, reply, works, {});
  });

  app.get<{ Params: { id: string } }>('/:lang/staff/publications/:id', read, async (req, reply) => {
    staffRequest(req);
    const workId = idOf(req.params.id);
    const q = parseOr400(workQuery, req.query ?? {}, 'query');
    const s = translator(req.locale, 'publicationsStaff');
    const done = q.done ? s(`done.${q.done}`) + (q.text ? ` ${s(`text.${q.text}`)}` : '') : undefined;
    return workPage(req, reply, workId, done === undefined ? {} : { done });
  });

  app.get<{ Params: { id: string } }>('/:lang/staff/publications/files/:id', read, async (req, reply) => {
    const { tx } = staffRequest(req);
    const versionId = idOf(req.params.id);
    const file = await tx((trx) => fileOf(trx, versionId));
    if (!file) throw notFound();
    return sendPdf(reply, file.filename, file.data);
  });

  /** One of the office's steps, audited on the network chain in the same transaction when it changed something. */
  function audited(
    req: FastifyRequest,
    step: (trx: Tx, at: Date) => Promise<boolean>,
    entry: { event: string; objectType: string; objectId: string; details?: Record<string, string | number> },
  ): Promise<boolean> {
    const { actor, tx } = staffRequest(req);
    const at = app.clock.now();
    return tx(async (trx) => {
      if (!(await step(trx, at))) return false;
      await audit(trx, app.keys.audit, { ...entry, actorId: actor.userId, centreId: null }, at);
      return true;
    });
  }

  app.post<{ Params: { id: string } }>('/:lang/staff/publications/:id/status', manage, async (req, reply) => {
    staffRequest(req);
    const workId = idOf(req.params.id);
    const { status } = parseOr400(statusForm, req.body ?? {}, 'form');
    const [work] = await staffRequest(req).tx((trx) => worksWithEditions(trx, { workId }));
    if (!work) throw notFound();
    await audited(req, (trx, at) => setWorkStatus(trx, workId, status, at), {
      event: status === 'published' ? 'publication.published_done' : 'publication.unpublished_done',
      objectType: 'publication_work',
      objectId: workId,
    });
    return reply.redirect(`${base(req)}/${workId}?done=${status}`, 303);
  });

  app.post<{ Params: { id: string } }>('/:lang/staff/publications/:id/project', manage, async (req, reply) => {
    const { tx } = staffRequest(req);
    const workId = idOf(req.params.id);
    const { project } = parseOr400(projectForm, req.body ?? {}, 'form');
    const projectId = project === '' ? null : project.toLowerCase();
    const found = await tx(
      async (trx) =>
        [await workExists(trx, workId), projectId === null || (await projectExists(trx, projectId))] as const,
    );
    if (!found[0]) throw notFound();
    if (!found[1])
      return workPage(
        req,
        reply,
        workId,
        { refusal: translator(req.locale, 'publicationsStaff')('project.unknown') },
        400,
      );
    await audited(req, async (trx) => setWorkProject(trx, workId, projectId), {
      event: 'publication.project_changed_done',
      objectType: 'publication_work',
      objectId: workId,
      details: { project: projectId ?? 'none' },
    });
    return reply.redirect(`${base(req)}/${workId}?done=project`, 303);
  });

  app.post<{ Params: { id: string } }>(
    '/:lang/staff/publications/editions/:id/visibility',
    manage,
    async (req, reply) => {
      const { tx } = staffRequest(req);
      const editionId = idOf(req.params.id);
      const { visibility } = parseOr400(visibilityForm, req.body ?? {}, 'form');
      const edition = await tx((trx) => editionById(trx, editionId));
      if (!edition) throw notFound();
      await audited(req, (trx, at) => setVisibility(trx, editionId, visibility, at), {
        event: 'publication.visibility_changed_done',
        objectType: 'publication_edition',
        objectId: editionId,
        details: { visibility, language: edition.language },
      });
      return reply.redirect(`${base(req)}/${edition.workId}?done=visibility`, 303);
    },
  );

  app.get<{ Params: { id: string } }>('/:lang/staff/publications/editions/:id/edit', manage, async (req, reply) => {
    staffRequest(req);
    return editPage(req, reply, idOf(req.params.id), {});
  });

  app.post<{ Params: { id: string } }>('/:lang/staff/publications/editions/:id/edit', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const editionId = idOf(req.params.id);
    const edition = await tx((trx) => editionById(trx, editionId));
    if (!edition) throw notFound();
    const form = editForm.safeParse(req.body ?? {});
    if (!form.success)
      return editPage(
        req,
        reply,
        editionId,
        { values: valuesOf(req.body), errors: errorsOf(req.locale, form.error) },
        400,
      );
    const { [CSRF_FIELD]: _csrf, ...edit } = form.data;
    const at = app.clock.now();
    const changed = await tx(async (trx) => {
      const fields = await updateEdition(trx, editionId, edit, at);
      if (fields.length > 0)
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'publication.edition_edited_done',
            actorId: actor.userId,
            centreId: null,
            objectType: 'publication_edition',
            objectId: editionId,
            // Which fields, not their words: the edition holds the text.
            details: { language: edition.language, changed: fields.join(',') },
          },
          at,
        );
      return fields;
    });
    return reply.redirect(`${base(req)}/${edition.workId}?done=${changed.length > 0 ? 'edited' : 'unchanged'}`, 303);
  });

  app.post<{ Params: { id: string } }>('/:lang/staff/publications/:id/schedule', manage, async (req, reply) => {
    const { tx } = staffRequest(req);
    const workId = idOf(req.params.id);
    const form = parseOr400(scheduleForm, req.body ?? {}, 'form');
    const [work] = await tx((trx) => worksWithEditions(trx, { workId }));
    if (!work) throw notFound();
    const now = app.clock.now();
    const at = fromBerlinLocal(form.publish_at);
    if (!at || at.getTime() <= now.getTime()) {
      const problem = translator(req.locale, 'publicationsStaff')('schedule.problem');
      return workPage(req, reply, workId, { scheduleErrors: new Map([['publish_at', [problem]]]) }, 400);
    }
    // A public work is not scheduled back into hiding: withdraw it first.
    const changed = await audited(req, (trx) => scheduleWork(trx, workId, at, now), {
      event: 'publication.scheduled_done',
      objectType: 'publication_work',
      objectId: workId,
      details: { publish_at: at.toISOString() },
    });
    return reply.redirect(`${base(req)}/${workId}?done=${changed ? 'scheduled' : 'unchanged'}`, 303);
  });

  await app.register(uploadRoutes);

  /** The routes that take a PDF: multipart bodies up to 20 MB here and nowhere else. */
  async function uploadRoutes(up: typeof app): Promise<void> {
    await acceptUploads(up, {
      maxBytes: MAX_PDF_BYTES,
      message: (req, problem) => translator(req.locale, 'publicationsStaff')(`upload.${problem}`),
    });
    const uploading = { bodyLimit: UPLOAD_BODY_LIMIT, config: { action: PUBLICATIONS_MANAGE } };

    up.post('/:lang/staff/publications', uploading, async (req, reply) => {
      const { actor, tx } = staffRequest(req);
      const form = createForm.safeParse(req.body ?? {});
      const values = valuesOf(req.body);
      const works = () => tx((trx) => worksWithEditions(trx));
      if (!form.success)
        return libraryPage(req, reply, await works(), { values, errors: errorsOf(req.locale, form.error) }, 400);
      const pdf = await pdfOf(req);
      if (isProblem(pdf))
        return libraryPage(
          req,
          reply,
          await works(),
          { values, errors: new Map([['file', [pdf.problem]]]) },
          pdf.status,
        );
      const f = form.data;
      const workId = randomUUID();
      const editionId = randomUUID();
      const at = app.clock.now();
      await tx(async (trx) => {
        await insertWork(trx, { id: workId, slug: slugOf(f.title, workId), type: f.type, at, by: actor.userId });
        await insertEdition(trx, { id: editionId, workId, ...f, at });
        await insertVersion(trx, {
          id: randomUUID(),
          editionId,
          filename: pdf.filename,
          data: pdf.data,
          text: pdf.text.text,
          textStatus: pdf.text.status,
          at,
          by: actor.userId,
        });
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'publication.created_done',
            actorId: actor.userId,
            centreId: null,
            objectType: 'publication_work',
            objectId: workId,
            details: { type: f.type, language: f.language, visibility: f.visibility },
          },
          at,
        );
      });
      return reply.redirect(`${base(req)}/${workId}?done=created&text=${pdf.text.status}`, 303);
    });

    up.post<{ Params: { id: string } }>('/:lang/staff/publications/:id/editions', uploading, async (req, reply) => {
      const { actor, tx } = staffRequest(req);
      const workId = idOf(req.params.id);
      const [work] = await tx((trx) => worksWithEditions(trx, { workId }));
      if (!work) throw notFound();
      const form = editionForm.safeParse(req.body ?? {});
      const values = valuesOf(req.body);
      if (!form.success) return workPage(req, reply, workId, { values, errors: errorsOf(req.locale, form.error) }, 400);
      const f = form.data;
      if (work.editions.some((e) => e.language === f.language)) {
        const exists = translator(req.locale, 'publicationsStaff')('edition.exists');
        return workPage(req, reply, workId, { values, errors: new Map([['language', [exists]]]) }, 409);
      }
      const pdf = await pdfOf(req);
      if (isProblem(pdf))
        return workPage(req, reply, workId, { values, errors: new Map([['file', [pdf.problem]]]) }, pdf.status);
      const editionId = randomUUID();
      const at = app.clock.now();
      await tx(async (trx) => {
        await insertEdition(trx, { id: editionId, workId, ...f, at });
        await insertVersion(trx, {
          id: randomUUID(),
          editionId,
          filename: pdf.filename,
          data: pdf.data,
          text: pdf.text.text,
          textStatus: pdf.text.status,
          at,
          by: actor.userId,
        });
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'publication.edition_added_done',
            actorId: actor.userId,
            centreId: null,
            objectType: 'publication_edition',
            objectId: editionId,
            details: { language: f.language, visibility: f.visibility },
          },
          at,
        );
      });
      return reply.redirect(`${base(req)}/${workId}?done=edition&text=${pdf.text.status}`, 303);
    });

    up.post<{ Params: { id: string } }>(
      '/:lang/staff/publications/editions/:id/versions',
      uploading,
      async (req, reply) => {
        const { actor, tx } = staffRequest(req);
        const editionId = idOf(req.params.id);
        parseOr400(versionForm, req.body ?? {}, 'form');
        const edition = await tx((trx) => editionById(trx, editionId));
        if (!edition) throw notFound();
        const pdf = await pdfOf(req);
        if (isProblem(pdf)) return workPage(req, reply, edition.workId, { refusal: pdf.problem }, pdf.status);
        const at = app.clock.now();
        await tx(async (trx) => {
          const versionId = randomUUID();
          const version = await insertVersion(trx, {
            id: versionId,
            editionId,
            filename: pdf.filename,
            data: pdf.data,
            text: pdf.text.text,
            textStatus: pdf.text.status,
            at,
            by: actor.userId,
          });
          await audit(
            trx,
            app.keys.audit,
            {
              event: 'publication.version_added_done',
              actorId: actor.userId,
              centreId: null,
              objectType: 'publication_version',
              objectId: versionId,
              details: { language: edition.language, version },
            },
            at,
          );
        });
        return reply.redirect(`${base(req)}/${edition.workId}?done=version&text=${pdf.text.status}`, 303);
      },
    );
  }
};
