/**
 * Appending to the tamper-evident audit log (security.md, "Tamper-evident
 * audit log"). Every row is sealed with an HMAC over the previous row's hash
 * and its own canonical content (security/audit-chain.ts), one chain per
 * centre plus the network chain. Writers take the chain head row
 * `FOR UPDATE`, so two concurrent appends to one chain queue up instead of
 * both building on the same predecessor (a fork the verifier would report as
 * broken). The lock is held until the caller's transaction ends: keep audited
 * transactions short.
 */
import type { Tx } from '../db/tenant.ts';
import { sealRow, type ChainRow } from '../security/audit-chain.ts';
import { currentKey, type KeyRing } from '../security/keys.ts';
import { auditEntrySchema, chainOf, type AuditEntry, type DetailValue } from './entry.ts';
import { insertAuditRowUnlessTaken, lockChainHead, moveChainHead, type NewAuditRow } from './queries.ts';

export type { AuditEntry } from './entry.ts';
export { chainOf, looksPersonal } from './entry.ts';

/** How many rows written past the head (tampering) an append steps over before giving up. */
const MAX_FOREIGN_ROWS = 100;

/** Raised for an entry that breaks the contract; nothing is written. */
export class AuditEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditEntryError';
  }
}

/** The stored fields the MAC covers: a new row's, with its details not yet serialised. */
export type AuditContentFields = Omit<NewAuditRow, 'details' | 'keyId' | 'prevHash' | 'hash'> & {
  details: Record<string, DetailValue>;
};

/**
 * The canonical content of a row, built the same way by the writer and the
 * verifier from the stored columns, so whatever the database hands back is
 * what is checked.
 */
export function auditContent(f: AuditContentFields): ChainRow['content'] {
  return {
    chain: f.chain,
    seq: f.seq,
    centre_id: f.centreId,
    at: f.at.toISOString(),
    actor_id: f.actorId,
    event: f.event,
    object_type: f.objectType,
    object_id: f.objectId,
    details: f.details,
  };
}

/**
 * Append `entry` to its chain inside the caller's transaction (which already
 * runs in a `withScope` scope: 'auth', the entry's own centre, or 'network').
 * If the transaction rolls back, the entry disappears with what it described.
 *
 * The chain's head stays locked until the transaction ends. A transaction
 * that audits to two chains (a centre's and the network's) must do so in a
 * fixed order — centre first, network last — or two such transactions can
 * deadlock (PostgreSQL then aborts one of them).
 *
 * @param at when it happened (the app's clock, so tests can fix it)
 * @throws AuditEntryError for an invalid entry (bad event name, personal data
 *   in details, non-scalar details); database errors when the scope may not
 *   write that chain (e.g. a centre scope writing another centre's chain)
 */
export async function audit(trx: Tx, ring: KeyRing, entry: AuditEntry, at: Date): Promise<void> {
  const parsed = auditEntrySchema.safeParse(entry);
  if (!parsed.success) {
    // Issue paths only: echoing the rejected values would put them in the logs.
    throw new AuditEntryError(
      `Invalid audit entry: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')}`,
    );
  }
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new AuditEntryError('Invalid audit entry: at must be a valid Date');
  const e = parsed.data;
  const chain = chainOf(e.centreId);
  const head = await lockChainHead(trx, chain, e.centreId);
  // Invisible despite the insert: the scope may not write this chain.
  if (!head) throw new Error(`The audit chain ${chain} is not writable in this scope.`);
  const key = currentKey(ring);
  let previous = head.seq === 0 ? null : head;
  let row: ChainRow;
  for (let skipped = 0; ; skipped++) {
    const seq = (previous?.seq ?? 0) + 1;
    const fields: AuditContentFields = {
      chain,
      seq,
      centreId: e.centreId,
      at,
      actorId: e.actorId,
      event: e.event,
      objectType: e.objectType ?? null,
      objectId: e.objectId ?? null,
      details: e.details ?? {},
    };
    row = sealRow(key, chain, previous, auditContent(fields));
    if (
      await insertAuditRowUnlessTaken(trx, {
        ...fields,
        details: JSON.stringify(fields.details),
        keyId: row.keyId,
        prevHash: row.prevHash,
        hash: row.hash,
      })
    )
      break;
    // The slot after the head is taken by a row this function did not write
    // (an INSERT that bypassed the head). Rows cannot be deleted, so failing
    // here would block every audited action of this tenant — sign-in
    // included — for good. Append after it instead: our row still links to
    // the last genuine hash, and `audit verify` names the foreign row.
    if (skipped >= MAX_FOREIGN_ROWS)
      throw new Error(
        `The audit chain ${chain} has more than ${MAX_FOREIGN_ROWS} foreign rows after its head; run \`schutznetz audit verify\`.`,
      );
    previous = { seq, hash: head.hash };
  }
  await moveChainHead(trx, chain, { seq: row.seq, hash: row.hash });
}
