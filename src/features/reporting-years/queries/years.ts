/**
 * Reporting years as the coordination office keeps them: the list, one
 * year, opening, closing and reopening, and the history of what was done to
 * a year. Every write takes the caller's transaction, which runs in the
 * coordination scope (the only one row-level security lets write a year).
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../platform/db/tenant.ts';

type YearStatus = 'open' | 'closed';

export type ReportingYear = {
  year: number;
  status: YearStatus;
  /** 'YYYY-MM-DD'. */
  releaseDeadline: string;
  openedAt: Date;
  closedAt: Date | null;
  reopenedAt: Date | null;
  /** The reason of the latest reopening. */
  reopenReason: string | null;
};

export type YearEvent = {
  action: 'opened' | 'closed' | 'reopened';
  at: Date;
  actorId: string | null;
  actorName: string | null;
  releaseDeadline: string | null;
  reason: string | null;
};

const COLUMNS = [
  'year',
  'status',
  'release_deadline',
  'opened_at',
  'closed_at',
  'reopened_at',
  'reopen_reason',
] as const;

type Row = {
  year: number;
  status: YearStatus;
  release_deadline: string;
  opened_at: Date;
  closed_at: Date | null;
  reopened_at: Date | null;
  reopen_reason: string | null;
};

function toYear(r: Row): ReportingYear {
  return {
    year: r.year,
    status: r.status,
    releaseDeadline: r.release_deadline,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    reopenedAt: r.reopened_at,
    reopenReason: r.reopen_reason,
  };
}

/** Every reporting year, the newest first. */
export async function allYears(trx: Tx): Promise<ReportingYear[]> {
  const rows = await trx.selectFrom('reporting_year').select(COLUMNS).orderBy('year', 'desc').execute();
  return rows.map(toYear);
}

/** The open years, the nearest deadline first. */
export async function openYears(trx: Tx): Promise<ReportingYear[]> {
  const rows = await trx
    .selectFrom('reporting_year')
    .select(COLUMNS)
    .where('status', '=', 'open')
    .orderBy('release_deadline')
    .orderBy('year')
    .execute();
  return rows.map(toYear);
}

export async function yearById(trx: Tx, year: number): Promise<ReportingYear | null> {
  const r = await trx.selectFrom('reporting_year').select(COLUMNS).where('year', '=', year).executeTakeFirst();
  return r ? toYear(r) : null;
}

/** Who did it, and when; no actor for the operator's command line (synthetic demo years). */
type Who = { actorId: string | null; at: Date };

async function recordEvent(
  trx: Tx,
  year: number,
  action: YearEvent['action'],
  who: Who,
  extra: { releaseDeadline?: string; reason?: string } = {},
): Promise<void> {
  await trx
    .insertInto('reporting_year_event')
    .values({
      id: randomUUID(),
      year,
      action,
      at: who.at,
      actor_id: who.actorId,
      release_deadline: extra.releaseDeadline ?? null,
      reason: extra.reason ?? null,
    })
    .execute();
}

/** Open a new year; false when the year exists already (open or closed). */
export async function openYear(trx: Tx, year: number, releaseDeadline: string, who: Who): Promise<boolean> {
  const r = await trx
    .insertInto('reporting_year')
    .values({ year, status: 'open', release_deadline: releaseDeadline, opened_at: who.at })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
  if (!r) return false;
  await recordEvent(trx, year, 'opened', who, { releaseDeadline });
  return true;
}

/** Close an open year; false when it is not open (any more). */
export async function closeYear(trx: Tx, year: number, who: Who): Promise<boolean> {
  const r = await trx
    .updateTable('reporting_year')
    .set({ status: 'closed', closed_at: who.at })
    .where('year', '=', year)
    .where('status', '=', 'open')
    .returning('year')
    .executeTakeFirst();
  if (!r) return false;
  await recordEvent(trx, year, 'closed', who);
  return true;
}

/** Reopen a closed year for corrections, with a reason and a new deadline; false when it is not closed. */
export async function reopenYear(
  trx: Tx,
  year: number,
  change: { reason: string; releaseDeadline: string },
  who: Who,
): Promise<boolean> {
  const r = await trx
    .updateTable('reporting_year')
    .set({
      status: 'open',
      reopened_at: who.at,
      reopen_reason: change.reason,
      release_deadline: change.releaseDeadline,
    })
    .where('year', '=', year)
    .where('status', '=', 'closed')
    .returning('year')
    .executeTakeFirst();
  if (!r) return false;
  await recordEvent(trx, year, 'reopened', who, change);
  return true;
}

/** What was done to a year, in order, with the names of those who did it (coordination scope reads them). */
export async function yearHistory(trx: Tx, year: number): Promise<YearEvent[]> {
  const rows = await trx
    .selectFrom('reporting_year_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.at', 'e.actor_id', 'u.display_name', 'e.release_deadline', 'e.reason'])
    .where('e.year', '=', year)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name,
    releaseDeadline: r.release_deadline,
    reason: r.reason,
  }));
}
