/**
 * Files of a centre's own records (its lead and counsellors only):
 *
 * - `GET /:lang/staff/cases/files`: the page — the columns documented, the
 *   upload form, the exports; after an import its counts;
 * - `GET …/files/template?format=csv|xlsx`: an empty file with the columns;
 * - `POST …/files/import`: a CSV or XLSX file of up to 5 MB (on this route
 *   only), checked like the form and stored all or nothing (import.ts);
 *   every problem is listed with row, column and reason in the reader's
 *   language;
 * - `GET …/files/export?format=csv|xlsx[&standard=htcds]`: every record of
 *   the centre, after re-authentication, audited.
 *
 * The centre comes from the session only; row-level security confines
 * every statement to it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { requireRecentAuth } from '../../../platform/auth/reauth.ts';
import type { Actor } from '../../../platform/auth/types.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { intlLocale, translateRef, translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { staffRequest } from '../../../platform/request/context.ts';
import { berlinDate } from '../../../platform/time/dates.ts';
import { CASES_EXPORT, CASES_IMPORT } from './actions.ts';
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from './columns.ts';
import { HTCDS_COLUMNS, htcdsRow } from './htcds.ts';
import { importRecords, MAX_IMPORT_ROWS, type ImportOutcome } from './import.ts';
import { allRecords } from './queries.ts';
import { exportRow, type RowProblem } from './records.ts';
import { writeCsv, writeXlsx } from './sheet.ts';
import { acceptUploads, uploadOf } from '../../../platform/http/upload.ts';
import { FilesPage, type FilesModel, type ShownProblem } from './views/FilesPage.tsx';

/** An import page lists at most this many problems (and says how many more there were). */
const SHOWN_PROBLEMS = 2000;
/** The largest file an import takes. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Room for the multipart framing around the file. */
const UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024;

const count = z.coerce.number().int().min(0).max(MAX_IMPORT_ROWS);
const pageQuery = z.strictObject({
  done: z.literal('imported').optional(),
  created: count.optional(),
  updated: count.optional(),
});
const templateQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });
const exportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  standard: z.enum(['network', 'htcds']).default('network'),
});
const importBody = z.strictObject({ ...csrfField });

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The actor's centre (the action's roles always have one). */
function centreOf(actor: Actor): string {
  if (!actor.centreId) throw new Error('a centre member without a centre');
  return actor.centreId;
}

function shown(locale: Locale, problems: readonly RowProblem[]): ShownProblem[] {
  return problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => ({ row: p.row, column: p.column, reason: translateRef(locale, p.meaning.ref, p.meaning.values) }));
}

function sendFile(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', TYPES[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

async function fileOf(format: 'csv' | 'xlsx', header: readonly string[], rows: (string | number)[][]): Promise<Buffer> {
  return format === 'csv'
    ? writeCsv(
        header,
        rows.map((r) => r.map(String)),
      )
    : writeXlsx('Datensätze', header, rows);
}

export const caseRecordFileRoutes: FastifyPluginAsync = async (app) => {
  // Multipart bodies, up to 5 MB, on this plugin's routes only.
  await acceptUploads(app, {
    maxBytes: MAX_UPLOAD_BYTES,
    message: (req, problem) => translator(req.locale, 'caseRecordFiles')(`upload.${problem}`),
  });

  function page(req: FastifyRequest, reply: FastifyReply, model: Partial<FilesModel>, status = 200) {
    return sendPage(
      reply,
      FilesPage({
        ctx: pageContext(req),
        model: {
          csrf: csrfToken(req),
          maxRows: MAX_IMPORT_ROWS,
          imported: null,
          refusal: null,
          problems: { shown: [], total: 0 },
          ...model,
        },
      }),
      status,
    );
  }

  app.get('/:lang/staff/cases/files', { config: { action: CASES_IMPORT } }, async (req, reply) => {
    staffRequest(req);
    const q = parseOr400(pageQuery, req.query ?? {}, 'query');
    const imported = q.done ? { created: q.created ?? 0, updated: q.updated ?? 0 } : null;
    return page(req, reply, { imported });
  });

  app.get('/:lang/staff/cases/files/template', { config: { action: CASES_IMPORT } }, async (req, reply) => {
    staffRequest(req);
    const { format } = parseOr400(templateQuery, req.query ?? {}, 'query');
    return sendFile(reply, format, 'vorlage-datensaetze', await fileOf(format, IMPORT_COLUMNS, []));
  });

  app.post(
    '/:lang/staff/cases/files/import',
    { bodyLimit: UPLOAD_BODY_LIMIT, config: { action: CASES_IMPORT } },
    async (req, reply) => {
      const { actor, locale } = staffRequest(req);
      parseOr400(importBody, req.body ?? {}, 'form');
      const t = translator(locale, 'caseRecordFiles');
      const file = uploadOf(req);
      if (!file || file.data.length === 0) return page(req, reply, { refusal: t('upload.noFile') }, 400);
      const outcome: ImportOutcome = await importRecords(
        { db: app.database.db, auditKeys: app.keys.audit },
        { centreId: centreOf(actor), actorId: actor.userId },
        file.data,
        app.clock.now(),
      );
      if (outcome.kind === 'file') {
        const status = outcome.problem === 'wrong_type' ? 415 : 400;
        const rows = new Intl.NumberFormat(intlLocale(locale)).format(MAX_IMPORT_ROWS);
        return page(req, reply, { refusal: t(`upload.${outcome.problem}`, { rows }) }, status);
      }
      if (outcome.kind === 'rows') {
        const closedOnly = outcome.problems.every((p) => p.meaning.ref.endsWith('problem.yearClosed'));
        return page(
          req,
          reply,
          { problems: { shown: shown(locale, outcome.problems), total: outcome.problems.length } },
          closedOnly ? 409 : 400,
        );
      }
      return reply.redirect(
        `/${locale}/staff/cases/files?done=imported&created=${outcome.created}&updated=${outcome.updated}`,
        303,
      );
    },
  );

  app.get('/:lang/staff/cases/files/export', { config: { action: CASES_EXPORT } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const { format, standard } = parseOr400(exportQuery, req.query ?? {}, 'query');
    if (!requireRecentAuth(req, reply)) return reply;
    const centreId = centreOf(actor);
    const now = app.clock.now();
    const records = await tx(async (trx) => {
      const all = await allRecords(trx, centreId);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'case_record.exported_done',
          actorId: actor.userId,
          centreId,
          objectType: 'centre',
          objectId: centreId,
          details: { records: all.length, format, standard },
        },
        now,
      );
      return all;
    });
    const htcds = standard === 'htcds';
    const body = await fileOf(
      format,
      htcds ? HTCDS_COLUMNS : EXPORT_COLUMNS,
      records.map((r) => (htcds ? htcdsRow(r) : exportRow(r))),
    );
    return sendFile(reply, format, `${htcds ? 'htcds' : 'datensaetze'}-${berlinDate(now)}`, body);
  });
};
