/**
 * The reporting years (migrations/0026), as far as the statistics need
 * them: which exist and whether each is open or closed. Readable in the
 * centre, coordination and admin scopes.
 */
import type { Tx } from '../../../platform/db/tenant.ts';

type YearStatus = 'open' | 'closed';
export type ReportingYear = { year: number; status: YearStatus };

function statusOf(s: string): YearStatus {
  if (s !== 'open' && s !== 'closed') throw new Error(`unknown reporting year status ${s}`);
  return s;
}

/** Every reporting year, newest first. */
export async function reportingYears(trx: Tx): Promise<ReportingYear[]> {
  const rows = await trx.selectFrom('reporting_year').select(['year', 'status']).orderBy('year', 'desc').execute();
  return rows.map((r) => ({ year: r.year, status: statusOf(r.status) }));
}

export async function reportingYear(trx: Tx, year: number): Promise<ReportingYear | undefined> {
  const r = await trx
    .selectFrom('reporting_year')
    .select(['year', 'status'])
    .where('year', '=', year)
    .executeTakeFirst();
  return r ? { year: r.year, status: statusOf(r.status) } : undefined;
}
