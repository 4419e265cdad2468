/**
 * Tamper-evident hash chain for the audit log (ASVS 16.x): each row carries
 * `hash = HMAC-SHA256(key, prevHash ‖ canonicalJSON(row))` and the previous
 * row's hash, so editing, deleting, inserting or reordering any row breaks the
 * chain from that row on. The key lives outside the database (keys.ts): someone
 * who can write to the table but lacks the key cannot recompute valid hashes.
 *
 * What it cannot see: removal of the newest rows (the remaining prefix is a
 * valid chain). Against that, keep the head `{seq, hash}` somewhere else too
 * (an external log, a periodic report) and pass it as `expectedHead`.
 *
 * One chain per tenant; `chainId` is MACed into every row so a chain cannot
 * be swapped for (a copy of) another one. Writers must be serialised per chain
 * (advisory lock or `SELECT … FOR UPDATE` on the chain head).
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.ts';
import { isValidKeyId, type KeyRing } from './keys.ts';

/** The `prevHash` of every chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

/** One key of the ring, as a writer uses it; `keyId` is stored in the row. */
export type ChainKey = { keyId: string; key: Buffer };

/** A row as stored. `content` is the audit event itself (pseudonymous ids only, no PII). */
export type ChainRow = {
  seq: number;
  keyId: string;
  prevHash: string;
  hash: string;
  content: { [key: string]: JsonValue | undefined };
};

export type ChainVerification =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | {
      ok: false;
      brokenAt: number;
      reason: 'seq_gap' | 'prev_mismatch' | 'hash_mismatch' | 'unknown_key' | 'truncated';
    };

/**
 * The chain hash: HMAC-SHA256 over `prevHash` (64 hex characters, so the
 * concatenation is unambiguous) followed by the RFC 8785 canonical JSON of `row`.
 * @returns 64 lowercase hex characters
 */
export function chainHash(key: Buffer, prevHash: string, row: JsonValue): string {
  if (!HEX64.test(prevHash)) throw new TypeError('prevHash must be 64 lowercase hex characters.');
  return createHmac('sha256', key).update(prevHash, 'utf8').update(canonicalJson(row), 'utf8').digest('hex');
}

/** What is MACed for a stored row: its position, chain, key id and content. */
function macInput(chainId: string, row: Pick<ChainRow, 'seq' | 'keyId' | 'content'>): JsonValue {
  return { chain: chainId, seq: row.seq, keyId: row.keyId, content: row.content };
}

/**
 * Build the next row of a chain. `previous` is the current head (null for an
 * empty chain, which starts at seq 1 with GENESIS_HASH). Writers insert the
 * result exactly as returned; verifiers recompute from the stored fields.
 */
export function sealRow(
  key: ChainKey,
  chainId: string,
  previous: { seq: number; hash: string } | null,
  content: ChainRow['content'],
): ChainRow {
  if (!isValidKeyId(key.keyId)) throw new TypeError('Invalid key id.');
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const hash = chainHash(key.key, prevHash, macInput(chainId, { seq, keyId: key.keyId, content }));
  return { seq, keyId: key.keyId, prevHash, hash, content };
}

function macMatches(key: Buffer, chainId: string, row: ChainRow): boolean {
  try {
    return chainHash(key, row.prevHash, macInput(chainId, row)) === row.hash;
  } catch {
    // Content that cannot be canonicalised (or a malformed prevHash) cannot
    // have been written by sealRow.
    return false;
  }
}

/**
 * Verify rows (in ascending `seq` order as read from the table; seq as a JS
 * number, so convert a bigint column) and name the FIRST broken row by seq.
 * Per row, in this order:
 * - `seq_gap`: seq is not the previous seq + 1 (deleted or reordered rows);
 *   when the row's own MAC fails too, it is reported as `hash_mismatch` at
 *   the seq it should have had (an altered seq);
 * - `prev_mismatch`: prevHash is not the previous row's hash;
 * - `unknown_key`: the row's keyId is not in the ring;
 * - `hash_mismatch`: the recomputed HMAC differs (edited content, seq, keyId,
 *   or a hash made without the right key);
 * - `truncated`: the chain ends before `expectedHead` or disagrees with it
 *   (brokenAt is then the expected head's seq).
 *
 * @param opts.after verify a segment that continues after this already-verified row
 * @param opts.expectedHead the last row as recorded outside the database
 */
export function verifyChain(
  ring: KeyRing,
  chainId: string,
  rows: readonly ChainRow[],
  opts: { after?: { seq: number; hash: string }; expectedHead?: { seq: number; hash: string } } = {},
): ChainVerification {
  let prevSeq = opts.after?.seq ?? 0;
  let prevHash = opts.after?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const expectedSeq = prevSeq + 1;
    const key = ring.keys.get(row.keyId);
    const authentic = key ? macMatches(key, chainId, row) : undefined;
    if (row.seq !== expectedSeq) {
      // A row whose own MAC fails was altered itself (perhaps its seq): report
      // the position it occupies. An authentic row after a gap is reported by
      // its real seq, so "row 50 deleted" reads as "broken at 51".
      if (authentic === false) return { ok: false, brokenAt: expectedSeq, reason: 'hash_mismatch' };
      return { ok: false, brokenAt: row.seq, reason: 'seq_gap' };
    }
    if (row.prevHash !== prevHash) return { ok: false, brokenAt: row.seq, reason: 'prev_mismatch' };
    if (!key) return { ok: false, brokenAt: row.seq, reason: 'unknown_key' };
    if (!authentic) return { ok: false, brokenAt: row.seq, reason: 'hash_mismatch' };
    prevSeq = row.seq;
    prevHash = row.hash;
  }
  const head = rows.length > 0 ? { seq: prevSeq, hash: prevHash } : (opts.after ?? null);
  const want = opts.expectedHead;
  // A head from before the verified segment says nothing about this segment.
  if (want && !(opts.after && want.seq < opts.after.seq)) {
    const seen =
      want.seq === prevSeq
        ? prevHash
        : want.seq === opts.after?.seq
          ? opts.after.hash
          : rows.find((r) => r.seq === want.seq)?.hash;
    if (seen !== want.hash) return { ok: false, brokenAt: want.seq, reason: 'truncated' };
  }
  return { ok: true, count: rows.length, head };
}
