/**
 * The reporting years (migrations/0026), as far as the statistics need
 * them: which exist, whether each is open or closed, and when it was last
 * closed and reopened. Readable in the centre, coordination and admin
 * scopes.
 */
import type { Tx } from '../../../platform/db/tenant.ts';

type YearStatus = 'open' | 'closed';
export type ReportingYear = {
  year: number;
  status: YearStatus;
  /** When the year was last closed; a year reopened and closed again has a later one. */
  closedAt: Date | null;
  /** When the year was last reopened for corrections; null if never. */
  reopenedAt: Date | null;
};

function statusOf(s: string): YearStatus {
  if (s !== 'open' && s !== 'closed') throw new Error(`unknown reporting year status ${s}`);
  return s;
}

const COLUMNS = ['year', 'status', 'closed_at', 'reopened_at'] as const;

function toYear(r: { year: number; status: string; closed_at: Date | null; reopened_at: Date | null }): ReportingYear {
  return { year: r.year, status: statusOf(r.status), closedAt: r.closed_at, reopenedAt: r.reopened_at };
}

/** Every reporting year, newest first. */
export async function reportingYears(trx: Tx): Promise<ReportingYear[]> {
  const rows = await trx.selectFrom('reporting_year').select(COLUMNS).orderBy('year', 'desc').execute();
  return rows.map(toYear);
}

export async function reportingYear(trx: Tx, year: number): Promise<ReportingYear | undefined> {
  const r = await trx.selectFrom('reporting_year').select(COLUMNS).where('year', '=', year).executeTakeFirst();
  return r ? toYear(r) : undefined;
}

/**
 * The year, locked until the transaction ends (coordination scope): storing
 * a publication holds it, so the year cannot be reopened, nor another
 * version of either audience stored, between the checks and the insert.
 */
export async function reportingYearLocked(trx: Tx, year: number): Promise<ReportingYear | undefined> {
  const r = await trx
    .selectFrom('reporting_year')
    .select(COLUMNS)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
  return r ? toYear(r) : undefined;
}

/**
 * The years reopened for corrections and open now. A year is published
 * only while closed (migrations/0027), so one of these that has a public
 * version is being corrected: its figures are the version as published.
 */
export async function reopenedYears(trx: Tx): Promise<Set<number>> {
  const rows = await trx
    .selectFrom('reporting_year')
    .select('year')
    .where('status', '=', 'open')
    .where('reopened_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.year));
}

/** Whether a year with a publication is being corrected now (see reopenedYears). */
export function beingCorrected(y: ReportingYear | undefined): boolean {
  return y?.status === 'open' && y.reopenedAt !== null;
}
