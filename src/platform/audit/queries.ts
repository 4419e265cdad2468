/**
 * The audit log's rows: `audit_log` (append only, a trigger refuses UPDATE
 * and DELETE) and `audit_chain_head` (one row per chain, locked by writers).
 * The rules — sealing, linking, verifying — live in audit.ts and verify.ts.
 */
import { sql, type Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { GENESIS_HASH } from '../security/audit-chain.ts';

export type AuditLogRow = Selectable<DB['audit_log']>;

/** The row to append, in the table's columns (details already canonical JSON text). */
export type NewAuditRow = {
  chain: string;
  seq: number;
  centreId: string | null;
  at: Date;
  actorId: string | null;
  event: string;
  objectType: string | null;
  objectId: string | null;
  details: string;
  keyId: string;
  prevHash: string;
  hash: string;
};

/**
 * Lock the chain's head row, creating it (seq 0, genesis hash) on the
 * chain's first use. ON CONFLICT DO NOTHING makes two first writers agree:
 * the second waits for the first's insert and then locks the same row.
 * Null when the scope may not write this chain.
 */
export async function lockChainHead(
  trx: Tx,
  chain: string,
  centreId: string | null,
): Promise<{ seq: number; hash: string } | null> {
  const select = () =>
    trx
      .selectFrom('audit_chain_head')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .forUpdate()
      .executeTakeFirst();
  let head = await select();
  if (!head) {
    await sql`INSERT INTO audit_chain_head (chain, centre_id, seq, hash)
              VALUES (${chain}, ${centreId}, 0, ${GENESIS_HASH})
              ON CONFLICT (chain) DO NOTHING`.execute(trx);
    head = await select();
  }
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/**
 * Insert a sealed row. Its sequence number and previous hash must extend the
 * chain's head, which the database then moves to it (trigger
 * audit_log_extends_head): a head is never moved any other way. No
 * RETURNING: it needs the SELECT policy, and the 'auth' and account scopes
 * may append to the log but not read it.
 */
export async function insertAuditRow(trx: Tx, row: NewAuditRow): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      chain: row.chain,
      seq: row.seq,
      centre_id: row.centreId,
      at: row.at,
      actor_id: row.actorId,
      event: row.event,
      object_type: row.objectType,
      object_id: row.objectId,
      details: row.details,
      key_id: row.keyId,
      prev_hash: row.prevHash,
      hash: row.hash,
    })
    .execute();
}

/** Has `actorId` been recorded with this event, route and method in `chain` since `since`? */
export async function recentRefusal(
  trx: Tx,
  q: { chain: string; event: string; actorId: string; route: string; method: string; since: Date },
): Promise<boolean> {
  const row = await trx
    .selectFrom('audit_log')
    .select('seq')
    .where('at', '>', q.since)
    .where('chain', '=', q.chain)
    .where('event', '=', q.event)
    .where('actor_id', '=', q.actorId)
    .where(sql<string>`details->>'route'`, '=', q.route)
    .where(sql<string>`details->>'http_method'`, '=', q.method)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every chain head, by chain. */
export async function chainHeads(trx: Tx): Promise<Map<string, { seq: number; hash: string }>> {
  const rows = await trx.selectFrom('audit_chain_head').select(['chain', 'seq', 'hash']).execute();
  return new Map(rows.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));
}

/** Distinct chains by skipping through the primary key index, not scanning every row. */
export async function chainsWithRows(trx: Tx): Promise<string[]> {
  const r = await sql<{ chain: string }>`
    WITH RECURSIVE c(chain) AS (
      SELECT min(chain) FROM audit_log
      UNION ALL
      SELECT (SELECT min(chain) FROM audit_log WHERE chain > c.chain) FROM c WHERE c.chain IS NOT NULL
    )
    SELECT chain FROM c WHERE chain IS NOT NULL`.execute(trx);
  return r.rows.map((x) => x.chain);
}

/** The next `limit` rows of `chain` after sequence number `afterSeq`, in order. */
export async function chainRowsAfter(trx: Tx, chain: string, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return trx
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * Count one event for a flood-guard key (migrations/0016) and return the
 * events in its window; a window that started at or before `windowCutoff`
 * starts again at `now` with this event. One statement, so parallel events
 * on several instances cannot lose a count or both see the same number.
 */
export async function countGuardedEvent(trx: Tx, key: string, now: Date, windowCutoff: Date): Promise<number> {
  const r = await sql<{ events: number }>`
    INSERT INTO audit_flood_guard AS g (key, window_start, events)
    VALUES (${key}, ${now}::timestamptz, 1)
    ON CONFLICT (key) DO UPDATE SET
      events       = CASE WHEN g.window_start <= ${windowCutoff}::timestamptz THEN 1 ELSE least(g.events, 2147483646) + 1 END,
      window_start = CASE WHEN g.window_start <= ${windowCutoff}::timestamptz THEN ${now}::timestamptz ELSE g.window_start END
    RETURNING events`.execute(trx);
  return Number(r.rows[0]?.events ?? 0);
}

/** Forget flood-guard windows that started before `before` (they can no longer hold anything back). */
export async function forgetGuardWindows(trx: Tx, before: Date): Promise<void> {
  await trx.deleteFrom('audit_flood_guard').where('window_start', '<', before).execute();
}
