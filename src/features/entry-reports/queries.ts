/**
 * Every statement on `entry_report`. Which rows a caller reaches is decided
 * by row-level security (migrations/0019): the public inserts in the 'auth'
 * scope and reads nothing; staff read and handle in their own scope the
 * reports about entries their centre maintains (the network roles: all).
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/tenant.ts';
import type { ReportKind } from './schema.ts';

export type NewReport = { serviceId: string; kind: ReportKind; message: string; locale: string };

/** Store a report (no RETURNING: the writing scope may not read it back). */
export async function insertReport(trx: Tx, r: NewReport, now: Date): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('entry_report')
    .values({ id, service_id: r.serviceId, kind: r.kind, message: r.message, locale: r.locale, created_at: now })
    .execute();
  return id;
}

export type StaffReport = {
  id: string;
  serviceId: string;
  /** The centre maintaining the entry now (null: nobody), for the object-level check. */
  centreId: string | null;
  serviceName: string;
  kind: ReportKind;
  message: string;
  locale: string;
  createdAt: Date;
  handledAt: Date | null;
  handledByName: string | null;
};

function reports(trx: Tx) {
  return trx
    .selectFrom('entry_report as r')
    .innerJoin('service as s', 's.id', 'r.service_id')
    .leftJoin('app_user as u', 'u.id', 'r.handled_by')
    .select([
      'r.id',
      'r.service_id',
      's.centre_id',
      's.name',
      'r.kind',
      'r.message',
      'r.locale',
      'r.created_at',
      'r.handled_at',
      'u.display_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof reports>['execute']>>[number];

function toReport(r: Row): StaffReport {
  return {
    id: r.id,
    serviceId: r.service_id,
    centreId: r.centre_id,
    serviceName: r.name,
    kind: r.kind,
    message: r.message,
    locale: r.locale,
    createdAt: new Date(r.created_at),
    handledAt: r.handled_at ? new Date(r.handled_at) : null,
    handledByName: r.display_name ?? null,
  };
}

/** Open reports (oldest first) and handled ones (latest first) the caller's scope may see. */
export async function visibleReports(trx: Tx): Promise<{ open: StaffReport[]; handled: StaffReport[] }> {
  const open = await reports(trx).where('r.handled_at', 'is', null).orderBy('r.created_at').limit(500).execute();
  const handled = await reports(trx)
    .where('r.handled_at', 'is not', null)
    .orderBy('r.handled_at', 'desc')
    .limit(200)
    .execute();
  return { open: open.map(toReport), handled: handled.map(toReport) };
}

/** One report, if the caller's scope sees it. */
export async function reportById(trx: Tx, id: string): Promise<StaffReport | undefined> {
  const row = await reports(trx).where('r.id', '=', id).executeTakeFirst();
  return row ? toReport(row) : undefined;
}

/** Mark handled (once: a handled report keeps its first handling time). True when this call marked it. */
export async function markHandled(trx: Tx, id: string, by: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('entry_report')
    .set({ handled_at: now, handled_by: by })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
