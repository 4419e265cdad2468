import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from './keys.ts';
import { GENESIS_HASH, chainHash, sealRow, verifyChain, type ChainKey, type ChainRow } from './audit-chain.ts';

const CHAIN = 'tenant-7f3c';
const k1: ChainKey = { keyId: 'a1', key: randomBytes(32) };
const k2: ChainKey = { keyId: 'a2', key: randomBytes(32) };
const ringOf = (...keys: ChainKey[]): KeyRing => ({
  currentId: keys.at(-1)!.keyId,
  keys: new Map(keys.map((k) => [k.keyId, k.key])),
});

/** A chain of `n` rows; rows after `rotateAfter` use k2. */
function buildChain(n: number, rotateAfter = Infinity): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let i = 1; i <= n; i++) {
    const prev = rows.at(-1) ?? null;
    rows.push(
      sealRow(i > rotateAfter ? k2 : k1, CHAIN, prev, {
        event: i % 3 === 0 ? 'auth.login_failed' : 'record.read',
        actor: `p-${(i * 7919) % 1000}`,
        object: `o-${i}`,
        at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        detail: { ip_prefix: '203.0.113.0/24', n: i },
      }),
    );
  }
  return rows;
}

const clone = (rows: ChainRow[]) => structuredClone(rows);

describe('chainHash', () => {
  it('is HMAC-SHA256(key, prevHash ‖ canonical JSON)', () => {
    const key = Buffer.alloc(32, 1);
    const expected = createHmac('sha256', key)
      .update(GENESIS_HASH + '{"a":1,"b":[true,null]}')
      .digest('hex');
    expect(chainHash(key, GENESIS_HASH, { b: [true, null], a: 1 })).toBe(expected);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('refuses a malformed prevHash', () => {
    expect(() => chainHash(k1.key, 'abc', {})).toThrow(TypeError);
    expect(() => chainHash(k1.key, 'A'.repeat(64), {})).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  const rows = buildChain(100);
  const ring = ringOf(k1);

  it('verifies an intact chain of 100 rows', () => {
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[0]!.seq).toBe(1);
    expect(verifyChain(ring, CHAIN, rows)).toEqual({ ok: true, count: 100, head: { seq: 100, hash: rows[99]!.hash } });
    expect(verifyChain(ring, CHAIN, [])).toEqual({ ok: true, count: 0, head: null });
  });

  it('changing any field of row 37 breaks it at 37', () => {
    const mutations: [string, (r: ChainRow) => void][] = [
      ['content value', (r) => (r.content.actor = 'p-999')],
      ['nested content', (r) => ((r.content.detail as { n: number }).n = 0)],
      ['added content field', (r) => (r.content.extra = 'x')],
      ['removed content field', (r) => delete r.content.object],
      ['hash', (r) => (r.hash = r.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')))],
      ['prevHash', (r) => (r.prevHash = GENESIS_HASH)],
      ['seq', (r) => (r.seq = 1037)],
      ['keyId', (r) => (r.keyId = 'a2')],
    ];
    for (const [what, mutate] of mutations) {
      const tampered = clone(rows);
      mutate(tampered[36]!);
      const result = verifyChain(ringOf(k1, k2), CHAIN, tampered);
      expect(result.ok, what).toBe(false);
      expect(result.ok ? 0 : result.brokenAt, what).toBe(37);
    }
  });

  it('deleting row 50 is caught at 51', () => {
    const deleted = rows.filter((r) => r.seq !== 50);
    expect(verifyChain(ring, CHAIN, deleted)).toEqual({ ok: false, brokenAt: 51, reason: 'seq_gap' });
    // Renumbering the rest to hide the gap does not help.
    const renumbered = deleted.map((r) => (r.seq > 50 ? { ...r, seq: r.seq - 1 } : r));
    expect(verifyChain(ring, CHAIN, renumbered)).toEqual({ ok: false, brokenAt: 50, reason: 'prev_mismatch' });
  });

  it('detects reordering, with or without renumbering', () => {
    const swapped = clone(rows);
    [swapped[19], swapped[20]] = [swapped[20]!, swapped[19]!];
    expect(verifyChain(ring, CHAIN, swapped)).toEqual({ ok: false, brokenAt: 21, reason: 'seq_gap' });
    swapped[19].seq = 20;
    swapped[20].seq = 21;
    expect(verifyChain(ring, CHAIN, swapped)).toEqual({ ok: false, brokenAt: 20, reason: 'prev_mismatch' });
  });

  it('detects an inserted row even when it is re-linked without the key', () => {
    const forged = sealRow({ keyId: 'a1', key: randomBytes(32) }, CHAIN, rows[9]!, { event: 'fake' });
    const inserted = [...rows.slice(0, 10), forged];
    expect(verifyChain(ring, CHAIN, inserted)).toEqual({ ok: false, brokenAt: 11, reason: 'hash_mismatch' });
  });

  it('with the wrong key the first row is broken', () => {
    const wrong = ringOf({ keyId: 'a1', key: randomBytes(32) });
    expect(verifyChain(wrong, CHAIN, rows)).toEqual({ ok: false, brokenAt: 1, reason: 'hash_mismatch' });
    expect(verifyChain(ringOf(k2), CHAIN, rows)).toEqual({ ok: false, brokenAt: 1, reason: 'unknown_key' });
  });

  it("another tenant's chain does not verify as this one", () => {
    expect(verifyChain(ring, 'tenant-other', rows)).toEqual({ ok: false, brokenAt: 1, reason: 'hash_mismatch' });
  });

  it('key rotation mid-chain verifies with a ring of both keys', () => {
    const rotated = buildChain(100, 60);
    expect(rotated[59]!.keyId).toBe('a1');
    expect(rotated[60]!.keyId).toBe('a2');
    expect(verifyChain(ringOf(k1, k2), CHAIN, rotated)).toMatchObject({ ok: true, count: 100 });
    expect(verifyChain(ringOf(k1), CHAIN, rotated)).toEqual({ ok: false, brokenAt: 61, reason: 'unknown_key' });
    expect(verifyChain(ringOf(k2), CHAIN, rotated)).toEqual({ ok: false, brokenAt: 1, reason: 'unknown_key' });
  });

  it('detects a missing first row', () => {
    expect(verifyChain(ring, CHAIN, rows.slice(1))).toEqual({ ok: false, brokenAt: 2, reason: 'seq_gap' });
  });

  it('detects a cut-off tail only against an externally kept head', () => {
    const cut = rows.slice(0, 90);
    expect(verifyChain(ring, CHAIN, cut).ok).toBe(true);
    const head = { seq: 100, hash: rows[99]!.hash };
    expect(verifyChain(ring, CHAIN, cut, { expectedHead: head })).toEqual({
      ok: false,
      brokenAt: 100,
      reason: 'truncated',
    });
    expect(verifyChain(ring, CHAIN, rows, { expectedHead: head }).ok).toBe(true);
    // A chain that grew past the recorded head is fine, if it still contains it.
    expect(verifyChain(ring, CHAIN, rows, { expectedHead: { seq: 80, hash: rows[79]!.hash } }).ok).toBe(true);
    expect(verifyChain(ring, CHAIN, rows, { expectedHead: { seq: 80, hash: rows[78]!.hash } })).toMatchObject({
      ok: false,
      reason: 'truncated',
    });
  });

  it('verifies a segment after an already verified row', () => {
    const after = { seq: 60, hash: rows[59]!.hash };
    expect(verifyChain(ring, CHAIN, rows.slice(60), { after })).toEqual({
      ok: true,
      count: 40,
      head: { seq: 100, hash: rows[99]!.hash },
    });
    expect(verifyChain(ring, CHAIN, rows.slice(61), { after })).toEqual({ ok: false, brokenAt: 62, reason: 'seq_gap' });
    expect(verifyChain(ring, CHAIN, rows.slice(60), { after: { seq: 60, hash: GENESIS_HASH } })).toMatchObject({
      brokenAt: 61,
      reason: 'prev_mismatch',
    });
  });

  it('property: any single changed content value is found at exactly its row', () => {
    const small = buildChain(30);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 29 }),
        fc.constantFrom('event', 'actor', 'object', 'at'),
        fc.string(),
        (i, field, value) => {
          fc.pre(small[i]!.content[field] !== value);
          const tampered = clone(small);
          tampered[i]!.content[field] = value;
          const r = verifyChain(ring, CHAIN, tampered);
          return !r.ok && r.brokenAt === i + 1 && r.reason === 'hash_mismatch';
        },
      ),
      { numRuns: 100 },
    );
  });
});
