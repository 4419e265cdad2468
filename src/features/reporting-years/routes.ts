/**
 * The coordination office's reporting years:
 *
 * - `GET /:lang/staff/reporting-years`: every year, and the form that opens one;
 * - `POST /:lang/staff/reporting-years`: open a year with a release deadline;
 * - `GET /:lang/staff/reporting-years/:year`: the year, what each centre
 *   still has to do (counts from case_record_progress, never a record),
 *   the form that closes or reopens it, its history;
 * - `POST …/:year/close`: close it (its records are locked by the database);
 * - `POST …/:year/reopen`: reopen it for corrections, with a reason and a
 *   new deadline.
 *
 * Every opening, closing and reopening is audited in the network chain and
 * kept in the year's history (with the reason of a reopening).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import type { DetailValue } from '../../platform/audit/entry.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { explainIssue, issueMeaning } from '../../platform/http/validation.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { berlinDate } from '../../platform/time/dates.ts';
import { REPORTING_YEARS_MANAGE } from './actions.ts';
import { anyMissing, centreNames, missingByCentre, NOTHING_MISSING, type Missing } from './queries/progress.ts';
import {
  allYears,
  closeYear,
  openYear,
  reopenYear,
  yearById,
  yearHistory,
  type ReportingYear,
} from './queries/years.ts';
import {
  closeFormShape,
  closeRules,
  FIRST_YEAR,
  LAST_YEAR,
  listQuery,
  openFormShape,
  openRules,
  reopenFormShape,
  reopenRules,
  yearParams,
  yearQuery,
} from './schema.ts';
import { YearListPage, YearPage, type YearModel } from './views/YearPages.tsx';

type Errors = Map<string, string[]>;

/** The problems of a failed rule check, by field, in the reader's language. */
function errorsOf(locale: Locale, error: z.ZodError): Errors {
  const errors: Errors = new Map();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors.set(field, [...(errors.get(field) ?? []), explainIssue(locale, issueMeaning(issue), issue.message)]);
  }
  return errors;
}

/** The year in the path, or a 404: anything but a year the table can hold is as unknown as a missing one. */
function yearOf(req: FastifyRequest): number {
  const p = yearParams.safeParse(req.params);
  const n = p.success && /^\d{4}$/.test(p.data.year) ? Number(p.data.year) : NaN;
  if (!(n >= FIRST_YEAR && n <= LAST_YEAR)) throw notFound();
  return n;
}

/** A year is the network's: the office's own object (requireAccess's 404 for one that does not exist). */
function ownedYear(actor: Actor, y: ReportingYear | null): ReportingYear {
  return requireAccess(actor, REPORTING_YEARS_MANAGE, y ? { ...y, centreId: null } : null);
}

function sum(list: readonly Missing[]): Missing {
  return list.reduce(
    (a, m) => ({
      drafts: a.drafts + m.drafts,
      unreleased: a.unreleased + m.unreleased,
      unanswered: a.unanswered + m.unanswered,
    }),
    NOTHING_MISSING,
  );
}

export const reportingYearRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { action: REPORTING_YEARS_MANAGE } };
  const base = (req: FastifyRequest) => `/${req.locale}/staff/reporting-years`;
  const today = () => berlinDate(app.clock.now());

  /**
   * One of the office's steps on a year, in the request's transaction, and
   * its audit entry on the network chain when it happened: whether it did.
   */
  function auditedStep(
    req: FastifyRequest,
    year: number,
    step: (trx: Tx, who: { actorId: string; at: Date }) => Promise<boolean>,
    event: 'reporting_year.opened_done' | 'reporting_year.closed_done' | 'reporting_year.reopened_done',
    details?: Record<string, DetailValue>,
  ): Promise<boolean> {
    const { actor, tx } = staffRequest(req);
    const at = app.clock.now();
    return tx(async (trx) => {
      if (!(await step(trx, { actorId: actor.userId, at }))) return false;
      const entry = {
        event,
        actorId: actor.userId,
        centreId: null,
        objectType: 'reporting_year',
        objectId: String(year),
      };
      await audit(trx, app.keys.audit, details ? { ...entry, details } : entry, at);
      return true;
    });
  }

  /** Everything the year's page shows, read in the office's scope. */
  async function yearModel(
    trx: Tx,
    y: ReportingYear,
    extra: Pick<YearModel, 'done' | 'errors' | 'reopen' | 'csrf'>,
  ): Promise<YearModel> {
    const counts = await missingByCentre(trx, y.year);
    // Centres with something missing first, then the others, each by name.
    const centres = (await centreNames(trx))
      .map((c) => ({ name: c.name, missing: counts.get(c.id) ?? NOTHING_MISSING }))
      .sort((a, b) => Number(anyMissing(b.missing)) - Number(anyMissing(a.missing)));
    return { year: y, centres, totals: sum([...counts.values()]), history: await yearHistory(trx, y.year), ...extra };
  }

  async function yearPage(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    extra: Omit<Parameters<typeof yearModel>[2], 'csrf'>,
    status = 200,
  ) {
    const { actor, tx } = staffRequest(req);
    const model = await tx(async (trx) =>
      yearModel(trx, ownedYear(actor, await yearById(trx, year)), { ...extra, csrf: csrfToken(req) }),
    );
    return sendPage(reply, YearPage({ ctx: pageContext(req), model }), status);
  }

  app.get('/:lang/staff/reporting-years', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(listQuery, req.query ?? {}, 'query');
    const years = await tx(allYears);
    return sendPage(
      reply,
      YearListPage({
        ctx: pageContext(req),
        model: {
          years,
          done,
          form: { values: { year: '', release_deadline: '' }, errors: new Map() },
          csrf: csrfToken(req),
        },
      }),
    );
  });

  app.post('/:lang/staff/reporting-years', opts, async (req, reply) => {
    const { tx } = staffRequest(req);
    const form = parseOr400(openFormShape, req.body ?? {}, 'form');
    const values = { year: form.year ?? '', release_deadline: form.release_deadline ?? '' };
    const r = openRules(today()).safeParse(values, { reportInput: true });
    const again = async (errors: Errors, status: number) =>
      sendPage(
        reply,
        YearListPage({
          ctx: pageContext(req),
          model: { years: await tx(allYears), done: undefined, form: { values, errors }, csrf: csrfToken(req) },
        }),
        status,
      );
    if (!r.success) return again(errorsOf(req.locale, r.error), 400);
    const { year, release_deadline: deadline } = r.data;
    const opened = await auditedStep(
      req,
      year,
      (trx, who) => openYear(trx, year, deadline, who),
      'reporting_year.opened_done',
      { release_deadline: deadline },
    );
    if (!opened) return again(new Map([['year', [translator(req.locale, 'reportingYears')('open.exists')]]]), 409);
    return reply.redirect(`${base(req)}/${year}?done=opened`, 303);
  });

  app.get('/:lang/staff/reporting-years/:year', opts, async (req, reply) => {
    const year = yearOf(req);
    const { done } = parseOr400(yearQuery, req.query ?? {}, 'query');
    return yearPage(req, reply, year, { done, errors: new Map(), reopen: { reason: '', release_deadline: '' } });
  });

  app.post('/:lang/staff/reporting-years/:year/close', opts, async (req, reply) => {
    const { actor } = staffRequest(req);
    const year = yearOf(req);
    const form = parseOr400(closeFormShape, req.body ?? {}, 'form');
    const blank = { reason: '', release_deadline: '' };
    const r = closeRules.safeParse({ confirm: form.confirm }, { reportInput: true });
    if (!r.success) {
      return yearPage(req, reply, year, { done: undefined, errors: errorsOf(req.locale, r.error), reopen: blank }, 400);
    }
    const closed = await auditedStep(
      req,
      year,
      async (trx, who) => {
        ownedYear(actor, await yearById(trx, year));
        return closeYear(trx, year, who);
      },
      'reporting_year.closed_done',
    );
    if (!closed) {
      const notOpen = translator(req.locale, 'reportingYears')('problem.notOpen');
      return yearPage(
        req,
        reply,
        year,
        { done: undefined, errors: new Map([['confirm', [notOpen]]]), reopen: blank },
        409,
      );
    }
    return reply.redirect(`${base(req)}/${year}?done=closed`, 303);
  });

  app.post('/:lang/staff/reporting-years/:year/reopen', opts, async (req, reply) => {
    const { actor } = staffRequest(req);
    const year = yearOf(req);
    const form = parseOr400(reopenFormShape, req.body ?? {}, 'form');
    const values = { reason: form.reason ?? '', release_deadline: form.release_deadline ?? '' };
    const r = reopenRules(today()).safeParse(values, { reportInput: true });
    if (!r.success) {
      return yearPage(
        req,
        reply,
        year,
        { done: undefined, errors: errorsOf(req.locale, r.error), reopen: values },
        400,
      );
    }
    const { reason, release_deadline: deadline } = r.data;
    const reopened = await auditedStep(
      req,
      year,
      async (trx, who) => {
        ownedYear(actor, await yearById(trx, year));
        return reopenYear(trx, year, { reason, releaseDeadline: deadline }, who);
      },
      'reporting_year.reopened_done',
      { release_deadline: deadline },
    );
    if (!reopened) {
      const notClosed = translator(req.locale, 'reportingYears')('problem.notClosed');
      return yearPage(
        req,
        reply,
        year,
        { done: undefined, errors: new Map([['reason', [notClosed]]]), reopen: values },
        409,
      );
    }
    return reply.redirect(`${base(req)}/${year}?done=reopened`, 303);
  });
};
