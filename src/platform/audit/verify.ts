/**
 * Verifying every audit chain (`schutznetz audit verify`, tests, later a
 * periodic job). Rows are read in seq order in batches (keyset pagination on
 * the primary key), so a log of millions of rows is checked in constant
 * memory, and each batch continues the previous one through verifyChain's
 * `after`. After the last row the chain is compared with its head row
 * (audit_chain_head), which catches deleted newest rows — unless whoever
 * deleted them also rewrote the head, which is why the heads are printed for
 * the operator to keep elsewhere and can be passed back as `knownHeads`.
 *
 * How it reads: through `withScope(admin)`, i.e. as the restricted app
 * role with the admin scope, whatever DATABASE_URL connects as. FORCE ROW
 * LEVEL SECURITY hides every row from a table owner that is not a superuser
 * and from the app role when no scope is set, so "just read as the owner"
 * would silently verify empty chains in production; the admin scope sees
 * every row of both tables on superuser, owner and app-role connections
 * alike. One REPEATABLE READ, READ ONLY transaction gives rows and heads from
 * the same snapshot, so appends running meanwhile are never mistaken for a
 * mismatch between head and rows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enterScope, type Tx } from '../db/tenant.ts';
import { verifyChain, type ChainRow, type ChainVerification } from '../security/audit-chain.ts';
import type { JsonValue } from '../security/canonical-json.ts';
import type { KeyRing } from '../security/keys.ts';
import { auditContent, type AuditContentFields } from './audit.ts';
import { chainHeads, chainRowsAfter, chainsWithRows } from './queries.ts';

type ChainFailure = Extract<ChainVerification, { ok: false }>['reason'];

/**
 * Why a chain is broken: verifyChain's reasons, plus
 * - `truncated`: the head row says the chain goes on after its last row
 *   (newest rows deleted), or ends in a different row;
 * - `head_missing`: rows exist but the chain has no head row;
 * - `rows_after_head`: rows after the head's seq (written past the writer);
 * - `known_head_mismatch`: a head recorded outside the database is not in the chain.
 */
type AuditChainReason = ChainFailure | 'head_missing' | 'rows_after_head' | 'known_head_mismatch';

export type AuditChainResult = {
  chain: string;
  ok: boolean;
  /** Rows verified (up to the broken one). */
  count: number;
  /** The seq of the first broken row. */
  brokenAt?: number;
  reason?: AuditChainReason;
  /** The last verified row: record it elsewhere to detect a rewritten head later. */
  head?: { seq: number; hash: string };
};

export type VerifyOptions = {
  /** Rows per query; small values are for tests. */
  batchSize?: number;
  /** Heads recorded outside the database earlier (chain → row that must still be there). */
  knownHeads?: ReadonlyMap<string, { seq: number; hash: string }>;
};

/** Verify every chain (those with rows and those with a head row), in chain order. */
export async function verifyAuditLog(
  db: Kysely<DB>,
  ring: KeyRing,
  opts: VerifyOptions = {},
): Promise<AuditChainResult[]> {
  const batchSize = opts.batchSize ?? 2000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await enterScope(trx, { kind: 'admin' });
      const heads = await chainHeads(trx);
      const chains = [
        ...new Set([...(await chainsWithRows(trx)), ...heads.keys(), ...(opts.knownHeads?.keys() ?? [])]),
      ].sort();
      const results: AuditChainResult[] = [];
      for (const chain of chains) {
        results.push(await verifyOne(trx, ring, chain, heads.get(chain), opts.knownHeads?.get(chain), batchSize));
      }
      return results;
    });
}

async function verifyOne(
  trx: Tx,
  ring: KeyRing,
  chain: string,
  head: { seq: number; hash: string } | undefined,
  known: { seq: number; hash: string } | undefined,
  batchSize: number,
): Promise<AuditChainResult> {
  let after: { seq: number; hash: string } | undefined;
  let count = 0;
  let knownSeen: string | undefined;
  for (;;) {
    const rows = await chainRowsAfter(trx, chain, after?.seq ?? 0, batchSize);
    if (rows.length === 0) break;
    const chainRows: ChainRow[] = rows.map((r) => {
      const fields: AuditContentFields = {
        chain: r.chain,
        seq: Number(r.seq),
        centreId: r.centre_id,
        at: r.at,
        actorId: r.actor_id,
        event: r.event,
        objectType: r.object_type,
        objectId: r.object_id,
        details: r.details as AuditContentFields['details'],
      };
      return {
        seq: fields.seq,
        keyId: r.key_id,
        prevHash: r.prev_hash,
        hash: r.hash,
        content: auditContent(fields) as { [k: string]: JsonValue },
      };
    });
    const v = verifyChain(ring, chain, chainRows, after ? { after } : {});
    if (!v.ok) {
      // Rows before the broken one passed; count them for the report.
      count += chainRows.filter((r) => r.seq < v.brokenAt).length;
      return { chain, ok: false, count, brokenAt: v.brokenAt, reason: v.reason, ...(after ? { head: after } : {}) };
    }
    count += chainRows.length;
    if (known) knownSeen ??= chainRows.find((r) => r.seq === known.seq)?.hash;
    after = v.head ?? after;
    if (rows.length < batchSize) break;
  }
  const last = after ?? { seq: 0, hash: '' };
  const base = { chain, count, ...(after ? { head: after } : {}) };
  if (!head) {
    if (last.seq > 0) return { ...base, ok: false, brokenAt: 1, reason: 'head_missing' };
  } else if (head.seq > last.seq) {
    return { ...base, ok: false, brokenAt: last.seq + 1, reason: 'truncated' };
  } else if (head.seq < last.seq) {
    return { ...base, ok: false, brokenAt: head.seq + 1, reason: 'rows_after_head' };
  } else if (head.seq > 0 && head.hash !== last.hash) {
    return { ...base, ok: false, brokenAt: head.seq, reason: 'truncated' };
  }
  if (known && knownSeen !== known.hash) {
    return { ...base, ok: false, brokenAt: Math.min(known.seq, last.seq + 1), reason: 'known_head_mismatch' };
  }
  return { ...base, ok: true };
}
