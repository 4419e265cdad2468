/**
 * The public statistics: no session, no cookie, nothing from elsewhere.
 *
 * - `GET /:lang/statistics`: the trends over the closed, published years
 *   (charts drawn on the server, each with its data table) and the list of
 *   years.
 * - `GET /:lang/statistics/:year`: the latest public version of a year's
 *   tables: the yearly report as a printable page.
 * - `GET …/:year/tables.csv`, `tables.xlsx` (all tables, or `?table=<id>`),
 *   `…/:year/report.pdf`: the same as files.
 *
 * Only public publications are read (row-level security shows nothing
 * else in the 'auth' scope), and the database lets a year be published
 * only while it is closed (0027). A year reopened for corrections keeps its
 * published figures on the pages and in the files, marked as being
 * corrected (year-status.ts). Every download is audited on the network
 * chain without an actor, without an address or anything else about the
 * visitor; a script downloading in a loop is counted by the flood guard
 * (one row a minute per file, more at the 10th, 100th …).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditGuarded } from '../../platform/audit/flood-guard.ts';
import { notFound } from '../../platform/auth/access.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { anonymousTx } from '../../platform/request/context.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { DISPLAY_TABLES, displayId, publicationReport, textLang } from './present.ts';
import { latestOf, latestPublic, type Publication } from './queries/publications.ts';
import { fileName, type Report } from './report.ts';
import { publicTrends } from './trends.ts';
import { OverviewPage, YearPage } from './views/PublicPages.tsx';
import { yearsBeingCorrected } from './year-status.ts';

const yearParams = z.object({ year: z.string().regex(/^\d{4}$/) });

/** The year from the path; anything but a plausible year is as unknown as a year without publication. */
function yearOf(req: FastifyRequest): number {
  const r = yearParams.safeParse(req.params);
  if (!r.success) throw notFound();
  return Number(r.data.year);
}

const TABLE_IDS = DISPLAY_TABLES.map(displayId) as [string, ...string[]];
/** Files of all tables, or of one (by its display id). */
export const fileQuery = z.strictObject({ table: z.enum(TABLE_IDS).optional() });

export type FileFormat = 'csv' | 'xlsx' | 'pdf';

/** The tables a file holds: all, or the one asked for. */
function fileTables(report: Report, table: string | undefined) {
  return table === undefined ? report.tables : report.tables.filter((t) => t.id === table);
}

/** Send a report as a file: CSV or XLSX (all tables or one), or the PDF report. */
export async function sendReportFile(
  reply: FastifyReply,
  report: Report,
  format: FileFormat,
  table: string | undefined,
  lang: string,
): Promise<FastifyReply> {
  const tables = fileTables(report, table);
  const name = fileName(report, format, table);
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'csv') {
    const { reportCsv } = await import('./exports/csv.ts');
    return reply.type('text/csv; charset=utf-8').send(reportCsv(report, tables));
  }
  if (format === 'xlsx') {
    const { reportXlsx } = await import('./exports/xlsx.ts');
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await reportXlsx(report, tables));
  }
  const { reportPdf } = await import('./exports/pdf.ts');
  return reply.type('application/pdf').send(await reportPdf(report, lang));
}

export const statisticsRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };

  /** The latest public version of the year in the path, or 404. */
  async function published(trx: Tx, req: FastifyRequest): Promise<Publication> {
    const p = await latestOf(trx, yearOf(req), 'public');
    if (!p) throw notFound();
    return p;
  }

  app.get('/:lang/statistics', pub, async (req, reply) => {
    const [all, correcting] = await anonymousTx(req, async (trx) => [
      await latestPublic(trx),
      await yearsBeingCorrected(trx),
    ]);
    const trends = publicTrends(
      all.map((p) => ({ year: p.year, cells: p.cells })),
      req.locale,
    );
    const years = [...all].reverse().map((p) => ({
      year: p.year,
      version: p.version,
      publishedAt: p.publishedAt,
      correcting: correcting.has(p.year),
    }));
    return sendPage(reply, OverviewPage({ ctx: pageContext(req), model: { years, trends } }));
  });

  app.get('/:lang/statistics/:year', pub, async (req, reply) => {
    const [p, correcting] = await anonymousTx(req, async (trx) => [
      await published(trx, req),
      await yearsBeingCorrected(trx),
    ]);
    const reopened = correcting.has(p.year);
    const report = publicationReport(p, p.cells, req.locale, { reopened });
    return sendPage(reply, YearPage({ ctx: pageContext(req), report, correcting: reopened ? p : undefined }));
  });

  const files: readonly [string, FileFormat][] = [
    ['tables.csv', 'csv'],
    ['tables.xlsx', 'xlsx'],
    ['report.pdf', 'pdf'],
  ];
  for (const [file, format] of files) {
    app.get(`/:lang/statistics/:year/${file}`, pub, async (req, reply) => {
      const q = parseOr400(fileQuery, req.query ?? {}, 'query');
      const table = format === 'pdf' ? undefined : q.table;
      const [p, correcting] = await anonymousTx(req, async (trx) => {
        const found = await published(trx, req);
        await auditGuarded(
          trx,
          app.keys,
          {
            event: 'statistics.downloaded_done',
            actorId: null,
            centreId: null,
            objectType: 'statistics_publication',
            objectId: found.id,
            details: { year: found.year, version: found.version, format, table: table ?? 'all' },
          },
          app.clock.now(),
          { by: [found.id, format, table ?? 'all'] },
        );
        return [found, await yearsBeingCorrected(trx)] as const;
      });
      const reopened = correcting.has(p.year);
      const report = publicationReport(p, p.cells, req.locale, { reopened });
      return sendReportFile(reply, report, format, table, textLang(req.locale));
    });
  }
};
