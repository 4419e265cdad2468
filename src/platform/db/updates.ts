/**
 * Guarded updates: an UPDATE whose WHERE re-checks what the caller read
 * (still open, still enabled, still the old value), so that of two parallel
 * requests only one changes the row and the other learns that it lost.
 */
import type { UpdateResult } from 'kysely';

/** Runs a guarded UPDATE: true when it changed exactly one row, false when its guard no longer held. */
export async function updatedOne(update: { executeTakeFirst(): Promise<UpdateResult> }): Promise<boolean> {
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
