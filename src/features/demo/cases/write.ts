/**
 * Writing generated records the way a centre would: each centre's records in
 * that centre's own scope, so row-level security checks every row exactly as
 * for a counsellor's form (nothing here is the owner writing past it).
 */
import { enterScope, type Tx } from '../../../platform/db/tenant.ts';
import type { SyntheticCase } from './generator.ts';
import { INSERT_BATCH, insertCaseRecords } from './queries.ts';

/**
 * Write every record of `records` in the caller's transaction, batched per
 * centre. Leaves the transaction in the scope of the last centre written
 * (callers switch to the scope they need next). Returns the number written
 * per centre.
 */
export async function writeCases(trx: Tx, records: Iterable<SyntheticCase>): Promise<Map<string, number>> {
  const pending = new Map<string, SyntheticCase[]>();
  const written = new Map<string, number>();
  const flush = async (centreId: string, rows: SyntheticCase[]) => {
    if (rows.length === 0) return;
    await enterScope(trx, { kind: 'centre', centreId });
    await insertCaseRecords(trx, rows);
    written.set(centreId, (written.get(centreId) ?? 0) + rows.length);
  };
  for (const r of records) {
    let rows = pending.get(r.centre_id);
    if (!rows) pending.set(r.centre_id, (rows = []));
    rows.push(r);
    if (rows.length >= INSERT_BATCH) {
      await flush(r.centre_id, rows);
      pending.set(r.centre_id, []);
    }
  }
  for (const [centreId, rows] of pending) await flush(centreId, rows);
  return written;
}
