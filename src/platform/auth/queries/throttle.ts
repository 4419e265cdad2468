/** The `auth_throttle` rows behind the brute-force limits (throttle.ts holds the rules). */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** Those of `keys` that are locked at `now`, with their lock ends. */
export async function activeLocks(
  trx: Tx,
  keys: readonly string[],
  now: Date,
): Promise<{ key: string; until: Date }[]> {
  const rows = await trx
    .selectFrom('auth_throttle')
    .select(['key', 'locked_until'])
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .execute();
  return rows.flatMap((r) => (r.locked_until ? [{ key: r.key, until: new Date(r.locked_until) }] : []));
}

/**
 * Count one failure for `key` and return the failures in its window; a
 * window that started at or before `windowCutoff` starts again at `now`.
 * One statement, so concurrent failures on several instances cannot lose a count.
 */
export async function countFailure(trx: Tx, key: string, now: Date, windowCutoff: Date): Promise<number> {
  const r = await sql<{ failures: number }>`
    INSERT INTO auth_throttle AS t (key, failures, window_start, locked_until)
    VALUES (${key}, 1, ${now}::timestamptz, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures     = CASE WHEN t.window_start <= ${windowCutoff}::timestamptz THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start <= ${windowCutoff}::timestamptz THEN ${now}::timestamptz ELSE t.window_start END,
      locked_until = CASE WHEN t.window_start <= ${windowCutoff}::timestamptz THEN NULL ELSE t.locked_until END
    RETURNING failures`.execute(trx);
  return Number(r.rows[0]?.failures ?? 0);
}

export async function lockKey(trx: Tx, key: string, until: Date): Promise<void> {
  await trx.updateTable('auth_throttle').set({ locked_until: until }).where('key', '=', key).execute();
}

export async function forgetKey(trx: Tx, key: string): Promise<void> {
  await trx.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
