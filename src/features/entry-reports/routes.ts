/**
 * Readers report errors in directory entries; staff handle the reports.
 *
 * Public (no session, no cookie): `GET /:lang/centres/:id/report` shows the
 * form with a signed issue time; `POST` validates (400 with the form again,
 * in the reader's language, nothing written), drops honeypot hits
 * silently, asks again for a form sent too fast or with a bad signature,
 * counts the sender's network and the entry against their limits (429),
 * and stores the report in the 'auth' scope — the only scope that may
 * insert one, and one that can read none (migrations/0019). Then
 * Post/Redirect/Get to the thanks page. The report text and the entry a
 * person reported are never logged.
 *
 * Staff: `GET /:lang/staff/reports` lists what the reader's scope sees (the
 * coordination office every report, a centre lead those about their own
 * entry); `POST /:lang/staff/reports/:id/handled` marks one handled, audited
 * in the chain of the centre that maintains the entry. Another centre's
 * report id is a 404, as if it did not exist.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { RETENTION } from '../../platform/retention/purge-job.ts';
import { anonymousTx, staffRequest } from '../../platform/request/context.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { ENTRY_REPORTS_HANDLE, ENTRY_REPORTS_READ } from './actions.ts';
import { insertReport, markHandled, reportById, visibleReports } from './queries.ts';
import { HONEYPOT, MAX_MESSAGE, REPORT_KINDS, reportFormSchema, type ReportKind } from './schema.ts';
import { checkStamp, issueStamp, overLimit } from './spam.ts';
import { ReportFormPage, ReportSentPage, type ReportProblem } from './views/ReportPages.tsx';
import { ReportsPage } from './views/ReportsPage.tsx';

const entryParams = z.object({ lang: z.string(), id: z.string().max(100) });
const sentQuery = z.object({ sent: z.literal('1').optional() });
const handleBody = z.strictObject({ ...csrfField });

/** How long a handled report is kept, in days, as the purge job deletes it. */
const KEPT_DAYS = Math.round(RETENTION.handledReports / (24 * 60 * 60_000));

/** Raised inside the storing transaction to roll the count back and answer 429. */
class OverLimit extends Error {}

export const entryReportRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };

  /** The public entry a report may be about: known and not defunct; anything else is a plain 404. */
  async function publicEntry(req: FastifyRequest): Promise<DirectoryEntry> {
    const r = entryParams.safeParse(req.params);
    const id = r.success && z.uuid().safeParse(r.data.id).success ? r.data.id.toLowerCase() : null;
    const entry = id ? (await app.directory.get()).byId.get(id) : undefined;
    if (!entry || entry.service.status === 'defunct') throw new HttpError(404, 'Not found');
    return entry;
  }

  function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    entry: DirectoryEntry,
    form: { kind?: ReportKind | undefined; message: string; problem?: ReportProblem | undefined },
    status = 200,
  ) {
    const stamp = issueStamp(app.keys.server, entry.service.id, app.clock.now());
    return sendPage(
      reply,
      ReportFormPage({
        ctx: pageContext(req),
        model: { serviceId: entry.service.id, serviceName: entry.service.name, stamp, ...form },
      }),
      status,
    );
  }

  app.get('/:lang/centres/:id/report', pub, async (req, reply) => {
    const entry = await publicEntry(req);
    const { sent } = parseOr400(sentQuery, req.query ?? {}, 'query');
    if (sent)
      return sendPage(
        reply,
        ReportSentPage({
          ctx: pageContext(req),
          model: { serviceId: entry.service.id, serviceName: entry.service.name },
        }),
      );
    return formPage(req, reply, entry, { message: '' });
  });

  app.post('/:lang/centres/:id/report', pub, async (req, reply) => {
    const entry = await publicEntry(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // What the person wrote, kept for the form shown again (bounded: it goes back into the page).
    const typed = typeof body.message === 'string' ? body.message.slice(0, MAX_MESSAGE) : '';
    const typedKind = REPORT_KINDS.find((k) => k === body.kind);
    const again = (problem: ReportProblem, status: number) =>
      formPage(req, reply, entry, { kind: typedKind, message: typed, problem }, status);

    const parsed = reportFormSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const problem: ReportProblem = issues.some((i) => i.path[0] === 'message' && i.code === 'too_big')
        ? 'tooLong'
        : issues.every((i) => i.path[0] === 'kind')
          ? 'kind'
          : 'invalid';
      return again(problem, 400);
    }
    const form = parsed.data;
    const sentTo = `/${req.locale}/centres/${entry.service.id}/report?sent=1`;
    // A robot filled the field nobody sees: it gets the usual answer, and nothing is kept.
    if (form[HONEYPOT] !== '') return reply.redirect(sentTo, 303);

    const now = app.clock.now();
    const stamp = checkStamp(app.keys.server, entry.service.id, form.issued, now);
    if (stamp !== 'ok') return again(stamp === 'too_fast' ? 'tooFast' : 'stale', 400);

    try {
      await anonymousTx(req, async (trx) => {
        if (await overLimit(trx, app.keys.server, { ip: req.ip, serviceId: entry.service.id }, now))
          throw new OverLimit();
        await insertReport(
          trx,
          { serviceId: entry.service.id, kind: form.kind, message: form.message, locale: req.locale },
          now,
        );
      });
    } catch (err) {
      if (err instanceof OverLimit) return again('limit', 429);
      // The entry was removed or closed for good since the directory snapshot was taken.
      if ((err as { code?: string }).code === '23503') throw new HttpError(404, 'Not found');
      throw err;
    }
    return reply.redirect(sentTo, 303);
  });

  app.get('/:lang/staff/reports', { config: { action: ENTRY_REPORTS_READ } }, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(z.strictObject({ done: z.literal('1').optional() }), req.query ?? {}, 'query');
    const data = await tx(visibleReports);
    return sendPage(
      reply,
      ReportsPage({
        ctx: pageContext(req),
        model: { ...data, keptDays: KEPT_DAYS, csrf: csrfToken(req), done: !!done },
      }),
    );
  });

  app.post('/:lang/staff/reports/:id/handled', { config: { action: ENTRY_REPORTS_HANDLE } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const { id } = entryParams.parse(req.params);
    if (!z.uuid().safeParse(id).success) throw notFound();
    parseOr400(handleBody, req.body ?? {}, 'form');
    const now = app.clock.now();
    await tx(async (trx) => {
      const report = requireAccess(actor, ENTRY_REPORTS_HANDLE, await reportById(trx, id.toLowerCase()));
      if (await markHandled(trx, report.id, actor.userId, now))
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'entry_report.handled',
            actorId: actor.userId,
            centreId: report.centreId,
            objectType: 'entry_report',
            objectId: report.id,
            details: { service_id: report.serviceId, kind: report.kind },
          },
          now,
        );
    });
    return reply.redirect(`/${locale}/staff/reports?done=1`, 303);
  });
};
