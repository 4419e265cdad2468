/**
 * The staff side of the statistics.
 *
 * Coordination office (`statistics.network`, `statistics.publish`):
 * - `GET /:lang/staff/statistics?year=`: a reporting year's tables computed
 *   now through `case_statistics` → protect → LP audit at the internal
 *   threshold (5), protected against every version of the year the office
 *   has seen (internal and public), shown only if the audit passes; the
 *   year's publications with their files; the form to publish a closed
 *   year. Counted on every view; the protection is computed once per
 *   distinct count and set of versions (live-cache.ts).
 * - `POST /:lang/staff/statistics/publish`: publish.ts; a failed audit
 *   publishes nothing (409, with the reason).
 * - `GET …/publications/:id/tables.csv | tables.xlsx | report.pdf`: a
 *   publication (public or internal) as a file, each export audited.
 *
 * A centre (`statistics.centre`, leads and counsellors):
 * - `GET /:lang/staff/statistics/centre?year=&released=`: the centre's own
 *   counts, read in its own row-level-security scope (queries/counts.ts),
 *   never through `case_statistics`.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { can } from '../../platform/auth/policy.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { StaffMessagePage } from '../../platform/staff/StaffPage.tsx';
import { translator } from '../../platform/i18n/index.ts';
import { STATISTICS_CENTRE, STATISTICS_NETWORK, STATISTICS_PUBLISH } from './actions.ts';
import { NOTHING_SEEN, type StatisticsEngine } from './compute.ts';
import { countsFromRows } from './engine/catalogue.ts';
import { LiveYearCache } from './live-cache.ts';
import { countsReport, publicationReport, textLang } from './present.ts';
import { publishYear, THRESHOLD } from './publish.ts';
import { centreRows, centreYears, centreYearSummary, networkRows } from './queries/counts.ts';
import { publicationById, publicationsOfYear, seenOf } from './queries/publications.ts';
import { beingCorrected, reportingYear, reportingYears } from './queries/years.ts';
import { fileQuery, sendReportFile, type FileFormat } from './routes.ts';
import { CentrePage, NetworkPage, type Live } from './views/StaffPages.tsx';

const yearField = z.coerce.number().int().min(2000).max(2100);

const networkQuery = z.strictObject({
  year: yearField.optional(),
  done: z.literal('published').optional(),
  version: z.coerce.number().int().min(1).max(1000).optional(),
  audience: z.enum(['public', 'internal']).optional(),
  suppressed: z.coerce.number().int().min(0).max(100_000).optional(),
});

const publishForm = z.strictObject({ ...csrfField, year: yearField, audience: z.enum(['public', 'internal']) });

const centreQuery = z.strictObject({ year: yearField.optional(), released: z.enum(['yes', 'no']).optional() });

const idParams = z.object({ id: z.uuid() });

/** The publication id from the path; anything but a UUID is as unknown as a missing one. */
function publicationIdOf(req: FastifyRequest): string {
  const r = idParams.safeParse(req.params);
  if (!r.success) throw notFound();
  return r.data.id.toLowerCase();
}

export function statisticsStaffRoutes(engine: StatisticsEngine): FastifyPluginAsync {
  return async (app) => {
    const base = (req: FastifyRequest) => `/${req.locale}/staff/statistics`;
    // Per app: protecting a year is computed once per distinct input (live-cache.ts).
    const live = new LiveYearCache(engine);

    app.get('/:lang/staff/statistics', { config: { action: STATISTICS_NETWORK } }, async (req, reply) => {
      const { actor, tx } = staffRequest(req);
      const q = parseOr400(networkQuery, req.query ?? {}, 'query');
      const threshold = THRESHOLD.internal;
      const data = await tx(async (trx) => {
        const years = await reportingYears(trx);
        // The year asked for, else the newest closed one, else the newest.
        const chosen =
          q.year === undefined
            ? (years.find((y) => y.status === 'closed') ?? years[0])
            : years.find((y) => y.year === q.year);
        if (!chosen) return { years, chosen: undefined };
        return {
          years,
          chosen,
          rows: await networkRows(trx, chosen.year),
          // The office reads the public versions too: the live tables are protected against both.
          seen: await seenOf(trx, chosen.year, 'internal'),
          publications: await publicationsOfYear(trx, chosen.year),
        };
      });
      if (q.year !== undefined && !data.chosen) throw notFound();
      let year;
      if (data.chosen) {
        const result = await live.protect(data.chosen.year, threshold, data.rows ?? [], data.seen ?? NOTHING_SEEN);
        const shown: Live =
          result.kind === 'passed'
            ? {
                kind: 'passed',
                report: countsReport(result.cells, data.chosen.year, threshold, req.locale),
                suppressed: result.summary.suppressed,
                threshold,
              }
            : result;
        year = {
          year: data.chosen,
          live: shown,
          publications: data.publications ?? [],
          publicThreshold: THRESHOLD.public,
          internalThreshold: threshold,
        };
      }
      const done =
        q.done === 'published' && q.version !== undefined && q.audience !== undefined && q.suppressed !== undefined
          ? { version: q.version, audience: q.audience, suppressed: q.suppressed }
          : undefined;
      return sendPage(
        reply,
        NetworkPage({
          ctx: pageContext(req),
          model: { years: data.years, year, done, csrf: csrfToken(req), canPublish: can(actor, STATISTICS_PUBLISH) },
        }),
      );
    });

    app.post('/:lang/staff/statistics/publish', { config: { action: STATISTICS_PUBLISH } }, async (req, reply) => {
      const { actor } = staffRequest(req);
      const form = parseOr400(publishForm, req.body ?? {}, 'form');
      const outcome = await publishYear(app.database.db, app.keys.audit, engine, {
        year: form.year,
        audience: form.audience,
        actorId: actor.userId,
        now: app.clock.now(),
      });
      if (outcome.kind === 'published') {
        const done = new URLSearchParams({
          year: String(form.year),
          done: 'published',
          version: String(outcome.version),
          audience: form.audience,
          suppressed: String(outcome.suppressed),
        });
        return reply.redirect(`${base(req)}?${done.toString()}`, 303);
      }
      const s = translator(req.locale, 'statisticsStaff');
      const message =
        outcome.reason === 'auditFailed'
          ? s('refused.auditFailed', { count: outcome.failing, threshold: outcome.threshold })
          : s(`refused.${outcome.reason}`, { year: form.year });
      const status = outcome.reason === 'noYear' ? 404 : 409;
      return sendPage(
        reply,
        StaffMessagePage({
          ctx: pageContext(req),
          title: s('refused.title'),
          message,
          status: true,
          next: { href: `${base(req)}?year=${form.year}`, label: s('refused.back', { year: form.year }) },
        }),
        status,
      );
    });

    const files: readonly [string, FileFormat][] = [
      ['tables.csv', 'csv'],
      ['tables.xlsx', 'xlsx'],
      ['report.pdf', 'pdf'],
    ];
    for (const [file, format] of files) {
      app.get(
        `/:lang/staff/statistics/publications/:id/${file}`,
        { config: { action: STATISTICS_NETWORK } },
        async (req, reply) => {
          const { actor, tx } = staffRequest(req);
          const id = publicationIdOf(req);
          const q = parseOr400(fileQuery, req.query ?? {}, 'query');
          const table = format === 'pdf' ? undefined : q.table;
          const { p, reopened } = await tx(async (trx) => {
            const found = await publicationById(trx, id);
            if (!found) throw notFound();
            // Publications belong to the network, not to a centre.
            requireAccess(actor, STATISTICS_NETWORK, { centreId: null });
            await audit(
              trx,
              app.keys.audit,
              {
                event: 'statistics.exported_done',
                actorId: actor.userId,
                centreId: null,
                objectType: 'statistics_publication',
                objectId: found.id,
                details: {
                  year: found.year,
                  audience: found.audience,
                  version: found.version,
                  format,
                  table: table ?? 'all',
                },
              },
              app.clock.now(),
            );
            return { p: found, reopened: beingCorrected(await reportingYear(trx, found.year)) };
          });
          // A version of a year being corrected says so, as the public files do.
          const report = publicationReport(p, p.cells, req.locale, { reopened });
          return sendReportFile(reply, report, format, table, textLang(req.locale));
        },
      );
    }

    app.get('/:lang/staff/statistics/centre', { config: { action: STATISTICS_CENTRE } }, async (req, reply) => {
      const { actor, tx } = staffRequest(req);
      const q = parseOr400(centreQuery, req.query ?? {}, 'query');
      const centreId = actor.centreId;
      // The action is for centre roles only; a role without a centre has nothing to show.
      if (!centreId) throw notFound();
      const released = q.released === 'yes';
      const data = await tx(async (trx) => {
        const years = await centreYears(trx, centreId);
        const year = q.year ?? years[0];
        if (year === undefined) return { years };
        return {
          years: years.includes(year) ? years : [year, ...years].sort((a, b) => b - a),
          year,
          summary: await centreYearSummary(trx, centreId, year),
          rows: await centreRows(trx, centreId, year, released),
        };
      });
      let year;
      if (data.year !== undefined && data.summary && data.rows) {
        const counts = countsFromRows(data.rows);
        const cells = Object.fromEntries(counts);
        const report = counts.get('total') ? countsReport(cells, data.year, 0, req.locale) : undefined;
        year = { year: data.year, released, summary: data.summary, report };
      }
      return sendPage(reply, CentrePage({ ctx: pageContext(req), model: { years: data.years, year } }));
    });
  };
}
