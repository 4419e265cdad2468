/**
 * Appending to the tamper-evident audit log (security.md, "Tamper-evident
 * audit log"). Every row is sealed with an HMAC over the previous row's hash
 * and its own canonical content (security/audit-chain.ts), one chain per
 * centre plus the network chain. Writers take the chain head row
 * `FOR UPDATE`, so two concurrent appends to one chain queue up instead of
 * both building on the same predecessor (a fork the verifier would report as
 * broken). The lock is held until the caller's transaction ends: keep audited
 * transactions short. The database accepts a row only as its head's
 * successor and moves the head in the same statement (migration 0014).
 */
import type { Tx } from '../db/tenant.ts';
import { sealRow, type ChainRow } from '../security/audit-chain.ts';
import { currentKey, type KeyRing } from '../security/keys.ts';
import { auditEntrySchema, chainOf, type AuditEntry, type DetailValue } from './entry.ts';
import { insertAuditRow, lockChainHead, type NewAuditRow } from './queries.ts';

export type { AuditEntry } from './entry.ts';
export { chainOf, looksPersonal } from './entry.ts';

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
 * runs in a `withScope` scope that may write the entry's chain: the entry's
 * own centre, an account scope for that account's tenant, 'admin' or
 * 'coordination'; 'auth' for the network chain only).
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
  const fields: AuditContentFields = {
    chain,
    seq: head.seq + 1,
    centreId: e.centreId,
    at,
    actorId: e.actorId,
    event: e.event,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    details: e.details ?? {},
  };
  const row = sealRow(key, chain, head.seq === 0 ? null : head, auditContent(fields));
  // The database takes the row only as the head's successor and moves the
  // head with it (migration 0014): no row can sit past the head and take
  // this slot, so nothing written behind this function's back blocks it.
  await insertAuditRow(trx, {
    ...fields,
    details: JSON.stringify(fields.details),
    keyId: row.keyId,
    prevHash: row.prevHash,
    hash: row.hash,
  });
}
