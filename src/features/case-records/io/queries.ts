/**
 * The statements of the record import and export, in the caller's
 * transaction — always the centre's own scope, so row-level security shows
 * and accepts only the centre's records whatever the file says.
 */
import type { Insertable } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import type { Tx } from '../../../platform/db/tenant.ts';
import type { CaseRecord } from '../queries.ts';

/** Rows per INSERT: large enough to be quick, small enough for the statement's parameter limit. */
const INSERT_BATCH = 500;

export type Existing = Pick<CaseRecord, 'id' | 'first_contact_year' | 'released_at'>;

/** Those of `ids` that are the centre's records (another centre's look like none: RLS hides them). */
export async function ownRecords(trx: Tx, ids: readonly string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (let i = 0; i < ids.length; i += INSERT_BATCH) {
    const rows = await trx
      .selectFrom('case_record')
      .select(['id', 'first_contact_year', 'released_at'])
      .where('id', 'in', ids.slice(i, i + INSERT_BATCH))
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  return found;
}

/** The closed reporting years (their records are locked). */
export async function closedYears(trx: Tx): Promise<Set<number>> {
  const rows = await trx.selectFrom('reporting_year').select('year').where('status', '=', 'closed').execute();
  return new Set(rows.map((r) => r.year));
}

/** New records of the centre, in batches. */
export async function insertRecords(trx: Tx, rows: readonly Insertable<DB['case_record']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await trx
      .insertInto('case_record')
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
}

/** Every record of the centre, by year and then when it was added. */
export async function allRecords(trx: Tx, centreId: string): Promise<CaseRecord[]> {
  return trx
    .selectFrom('case_record')
    .selectAll()
    .where('centre_id', '=', centreId)
    .orderBy('first_contact_year')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
