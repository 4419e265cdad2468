/**
 * A centre's case records (its lead and counsellors only; nobody else holds
 * these actions, and row-level security shows nobody else a record):
 *
 * - `GET /:lang/staff/cases`: the list with filters and counts; for one
 *   year, the year's state, what is missing, and "release all".
 * - `GET|POST /:lang/staff/cases/new`, `GET|POST /:lang/staff/cases/:id`:
 *   the form. `intent=update` shows the form again with the questions the
 *   answers need and saves nothing; `draft` saves what is valid so far
 *   (every answer still checked); `save` needs every mandatory answer.
 * - `POST …/:id/release`, `…/:id/withdraw`, `…/release-year`: the release
 *   for the yearly analysis (complete and consented records only).
 * - `GET|POST …/:id/delete`: the deletion, after a confirmation page.
 *
 * Every write is audited with the record's random id and nothing else, and
 * refused (409) while the record's year — before or after the change — is
 * closed; the database's trigger refuses it too. Another centre's id is a
 * 404, recorded as an access denial.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { explainIssue } from '../../platform/http/validation.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { StaffMessagePage } from '../../platform/staff/StaffPage.tsx';
import { CASES_EDIT, CASES_LIST, CASES_RELEASE } from './actions.ts';
import {
  anyYearClosed,
  deleteRecord,
  insertRecord,
  listRecords,
  missingForYear,
  recordById,
  recordYears,
  releasableIds,
  reportingYear,
  setRelease,
  updateRecord,
  type CaseRecord,
  type ListFilter,
} from './queries.ts';
import {
  answersFromBody,
  answersOf,
  readAnswers,
  recordFormBody,
  VALUE_FIELDS,
  type Problem,
  type RawAnswers,
  type RecordValues,
} from './schema.ts';
import { CaseDeletePage, CaseFormPage, CaseListPage, type FormModel } from './views/CasePages.tsx';

const idParams = z.object({ lang: z.string(), id: z.string().max(100) });
const actionBody = z.strictObject({ ...csrfField });
const releaseYearBody = z.strictObject({ ...csrfField, year: z.string().regex(/^\d{4}$/) });
const DONE = ['created', 'saved', 'draft', 'released', 'withdrawn', 'deleted', 'releasedYear', 'releaseLost'] as const;
const formQuery = z.strictObject({ done: z.enum(DONE).optional() });
const listQuery = z.strictObject({
  year: z.union([z.string().regex(/^\d{4}$/), z.literal('none'), z.literal('')]).optional(),
  status: z.enum(['draft', 'complete', '']).optional(),
  released: z.enum(['yes', 'no', '']).optional(),
  consent: z.enum(['yes', 'no', 'unknown', '']).optional(),
  done: z.enum(DONE).optional(),
  count: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
});

type Refused = 'yearClosed' | 'notReleasable' | 'notReleased';

/** A write refused for a reason the person should read (rolled back, answered with a page). */
class Refusal extends Error {
  constructor(readonly key: Refused) {
    super(key);
  }
}

/** The database's own lock on a closed year (migrations/0026), should the route's check have raced a closing. */
function isYearLock(err: unknown): boolean {
  return (err as { constraint?: unknown }).constraint === 'case_record_year_closed';
}

/** The id from the path, lower case; anything that is not a uuid is a plain 404 (nothing to look up). */
function recordId(req: FastifyRequest): string {
  const { id } = idParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

/** The signed-in member's centre (the actions belong to centre roles only). */
function centreOf(actor: Actor): string {
  if (!actor.centreId) throw new AccessDenied('role');
  return actor.centreId;
}

/** The actor's record, or a 404 recorded as an access denial (another centre's, or none). */
function ownRecord(actor: Actor, action: typeof CASES_LIST, r: CaseRecord | null): CaseRecord {
  if (r) requireAccess(actor, action, { centreId: r.centre_id }, { missing: 'refused' });
  else requireAccess(actor, action, null, { missing: 'refused' });
  return r!;
}

const valuesOf = (r: CaseRecord): RecordValues =>
  Object.fromEntries(VALUE_FIELDS.map((f) => [f, r[f]])) as RecordValues;

export const caseRecordRoutes: FastifyPluginAsync = async (app) => {
  const base = (locale: string) => `/${locale}/staff/cases`;

  function refusalPage(req: FastifyRequest, reply: FastifyReply, key: Refused, id: string | null) {
    const t = translator(req.locale, 'caseRecords');
    return sendPage(
      reply,
      StaffMessagePage({
        ctx: pageContext(req),
        title: t('refusal.title'),
        message: t(`refusal.${key}`),
        next: id
          ? { href: `${base(req.locale)}/${id}`, label: t('refusal.back') }
          : { href: base(req.locale), label: t('refusal.backToList') },
      }),
      409,
    );
  }

  /** Run a write; a closed year (the route's check or the database's) becomes a 409 page. */
  async function writing(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    write: () => Promise<string>,
  ): Promise<FastifyReply> {
    try {
      return reply.redirect(await write(), 303);
    } catch (err) {
      if (err instanceof Refusal) return refusalPage(req, reply, err.key, id);
      if (isYearLock(err)) return refusalPage(req, reply, 'yearClosed', id);
      throw err;
    }
  }

  const event = (trx: Tx, actor: Actor, centreId: string, name: string, recordId: string, at: Date) =>
    audit(
      trx,
      app.keys.audit,
      { event: name, actorId: actor.userId, centreId, objectType: 'case_record', objectId: recordId },
      at,
    );

  function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    model: Omit<FormModel, 'csrf' | 'thisYear'>,
    status = 200,
  ) {
    return sendPage(
      reply,
      CaseFormPage({
        ctx: pageContext(req),
        model: { ...model, csrf: csrfToken(req), thisYear: app.clock.now().getUTCFullYear() },
      }),
      status,
    );
  }

  /** Problems by field in the reader's language. */
  function explained(req: FastifyRequest, problems: Problem[]): Map<string, string[]> {
    const byField = new Map<string, string[]>();
    for (const p of problems)
      byField.set(p.field, [...(byField.get(p.field) ?? []), explainIssue(req.locale, p.meaning, p.meaning.ref)]);
    return byField;
  }

  app.get('/:lang/staff/cases', { config: { action: CASES_LIST } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const centreId = centreOf(actor);
    const q = parseOr400(listQuery, req.query ?? {}, 'query');
    const filter: ListFilter = {
      ...(q.year ? { year: q.year === 'none' ? null : Number(q.year) } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.released ? { released: q.released === 'yes' } : {}),
      ...(q.consent ? { consent: q.consent } : {}),
    };
    const data = await tx(async (trx) => {
      const year =
        typeof filter.year === 'number'
          ? {
              year: filter.year,
              info: await reportingYear(trx, filter.year),
              missing: await missingForYear(trx, centreId, filter.year),
              releasable: (await releasableIds(trx, centreId, filter.year)).length,
            }
          : null;
      return { ...(await listRecords(trx, centreId, filter)), years: await recordYears(trx, centreId), year };
    });
    return sendPage(
      reply,
      CaseListPage({
        ctx: pageContext(req),
        model: {
          filter,
          ...data,
          done: q.done ?? null,
          doneCount: q.count === undefined ? null : Number(q.count),
          csrf: csrfToken(req),
        },
      }),
    );
  });

  app.get('/:lang/staff/cases/new', { config: { action: CASES_EDIT } }, async (req, reply) => {
    staffRequest(req);
    parseOr400(formQuery, req.query ?? {}, 'query');
    return formPage(req, reply, { record: null, answers: {}, problems: new Map(), lockedYear: null, done: null });
  });

  /**
   * A posted form: shown again for `update` or when the answers fail, else
   * written by `save` (which returns where to go next).
   */
  async function postedForm(
    req: FastifyRequest,
    reply: FastifyReply,
    record: FormModel['record'],
    save: (status: 'draft' | 'complete', values: RecordValues) => Promise<string>,
  ): Promise<FastifyReply> {
    const body = parseOr400(recordFormBody, req.body ?? {}, 'form');
    const answers: RawAnswers = answersFromBody(body);
    const show = (problems: Problem[], status: number) =>
      formPage(
        req,
        reply,
        { record, answers, problems: explained(req, problems), lockedYear: null, done: null },
        status,
      );
    if (body.intent === 'update') return show([], 200);
    const complete = body.intent === 'save';
    const { values, problems } = readAnswers(answers, { complete, now: app.clock.now() });
    if (problems.length > 0) return show(problems, 400);
    return writing(req, reply, record?.id ?? null, () => save(complete ? 'complete' : 'draft', values));
  }

  app.post('/:lang/staff/cases/new', { config: { action: CASES_EDIT } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const centreId = centreOf(actor);
    return postedForm(req, reply, null, (status, values) =>
      tx(async (trx) => {
        if (await anyYearClosed(trx, [values.first_contact_year])) throw new Refusal('yearClosed');
        const id = randomUUID();
        const at = app.clock.now();
        await insertRecord(trx, { id, centreId, status, values, at });
        await event(trx, actor, centreId, 'case_record.created_done', id, at);
        return `${base(locale)}/${id}?done=created`;
      }),
    );
  });

  app.get('/:lang/staff/cases/:id', { config: { action: CASES_LIST } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = recordId(req);
    const q = parseOr400(formQuery, req.query ?? {}, 'query');
    const { r, closed } = await tx(async (trx) => {
      const r = ownRecord(actor, CASES_LIST, await recordById(trx, id));
      return { r, closed: await anyYearClosed(trx, [r.first_contact_year]) };
    });
    return formPage(req, reply, {
      record: {
        id: r.id,
        status: r.status,
        releasedAt: r.released_at,
        releasable: r.status === 'complete' && r.consent_statistics === true,
      },
      answers: answersOf(valuesOf(r)),
      problems: new Map(),
      lockedYear: closed ? r.first_contact_year : null,
      done: q.done ?? null,
    });
  });

  app.post('/:lang/staff/cases/:id', { config: { action: CASES_EDIT } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = recordId(req);
    const r = await tx(async (trx) => ownRecord(actor, CASES_EDIT, await recordById(trx, id)));
    const record = {
      id: r.id,
      status: r.status,
      releasedAt: r.released_at,
      releasable: r.status === 'complete' && r.consent_statistics === true,
    };
    return postedForm(req, reply, record, (status, values) =>
      tx(async (trx) => {
        const now = ownRecord(actor, CASES_EDIT, await recordById(trx, id));
        if (await anyYearClosed(trx, [now.first_contact_year, values.first_contact_year]))
          throw new Refusal('yearClosed');
        const keepRelease = now.released_at !== null && status === 'complete' && values.consent_statistics === true;
        const at = app.clock.now();
        await updateRecord(trx, id, { status, values, keepRelease, at });
        await event(trx, actor, now.centre_id, 'case_record.changed_done', id, at);
        if (now.released_at !== null && !keepRelease)
          await event(trx, actor, now.centre_id, 'case_record.release_withdrawn_done', id, at);
        const done = now.released_at !== null && !keepRelease ? 'releaseLost' : status === 'draft' ? 'draft' : 'saved';
        return `${base(locale)}/${id}?done=${done}`;
      }),
    );
  });

  /** Release or withdraw one record. */
  function releaseRoute(path: 'release' | 'withdraw') {
    app.post(`/:lang/staff/cases/:id/${path}`, { config: { action: CASES_RELEASE } }, async (req, reply) => {
      const { actor, locale, tx } = staffRequest(req);
      const id = recordId(req);
      parseOr400(actionBody, req.body ?? {}, 'form');
      await tx(async (trx) => ownRecord(actor, CASES_RELEASE, await recordById(trx, id)));
      return writing(req, reply, id, () =>
        tx(async (trx) => {
          const r = ownRecord(actor, CASES_RELEASE, await recordById(trx, id));
          if (await anyYearClosed(trx, [r.first_contact_year])) throw new Refusal('yearClosed');
          const at = app.clock.now();
          if (path === 'release') {
            if (r.released_at === null) {
              if (!(await setRelease(trx, id, at))) throw new Refusal('notReleasable');
              await event(trx, actor, r.centre_id, 'case_record.released_done', id, at);
            }
            return `${base(locale)}/${id}?done=released`;
          }
          if (r.released_at === null) throw new Refusal('notReleased');
          await setRelease(trx, id, null);
          await event(trx, actor, r.centre_id, 'case_record.release_withdrawn_done', id, at);
          return `${base(locale)}/${id}?done=withdrawn`;
        }),
      );
    });
  }
  releaseRoute('release');
  releaseRoute('withdraw');

  app.post('/:lang/staff/cases/release-year', { config: { action: CASES_RELEASE } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const centreId = centreOf(actor);
    const { year: y } = parseOr400(releaseYearBody, req.body ?? {}, 'form');
    const year = Number(y);
    return writing(req, reply, null, () =>
      tx(async (trx) => {
        if (await anyYearClosed(trx, [year])) throw new Refusal('yearClosed');
        const at = app.clock.now();
        const ids = await releasableIds(trx, centreId, year);
        // One audit row per record, like a release one by one.
        for (const id of ids) {
          if (!(await setRelease(trx, id, at))) throw new Refusal('notReleasable');
          await event(trx, actor, centreId, 'case_record.released_done', id, at);
        }
        return `${base(locale)}?year=${year}&done=releasedYear&count=${ids.length}`;
      }),
    );
  });

  app.get('/:lang/staff/cases/:id/delete', { config: { action: CASES_EDIT } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = recordId(req);
    const closed = await tx(async (trx) => {
      const r = ownRecord(actor, CASES_EDIT, await recordById(trx, id));
      return anyYearClosed(trx, [r.first_contact_year]);
    });
    if (closed) return refusalPage(req, reply, 'yearClosed', id);
    return sendPage(reply, CaseDeletePage({ ctx: pageContext(req), id, csrf: csrfToken(req) }));
  });

  app.post('/:lang/staff/cases/:id/delete', { config: { action: CASES_EDIT } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = recordId(req);
    parseOr400(actionBody, req.body ?? {}, 'form');
    await tx(async (trx) => ownRecord(actor, CASES_EDIT, await recordById(trx, id)));
    return writing(req, reply, id, () =>
      tx(async (trx) => {
        const r = ownRecord(actor, CASES_EDIT, await recordById(trx, id));
        if (await anyYearClosed(trx, [r.first_contact_year])) throw new Refusal('yearClosed');
        const at = app.clock.now();
        await deleteRecord(trx, id);
        await event(trx, actor, r.centre_id, 'case_record.deleted_done', id, at);
        return `${base(locale)}?done=deleted`;
      }),
    );
  });
};
