import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope } from '../db/tenant.ts';
import { loadKeyRing } from '../security/keys.ts';
import { audit } from './audit.ts';
import { appendEntries, createCentres, tamper, TEST_AUDIT_RING as ring } from './test-fixtures.ts';
import { verifyAuditLog, type AuditChainResult } from './verify.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function resultFor(chain: string, opts: Parameters<typeof verifyAuditLog>[2] = {}): Promise<AuditChainResult> {
  const all = await verifyAuditLog(database.db, ring, opts);
  const r = all.find((x) => x.chain === chain);
  if (!r) throw new Error(`no result for ${chain}`);
  return r;
}

describe('verifyAuditLog', () => {
  it('reports intact chains with their row count and head, the network chain included', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 5);
    await appendEntries(database.db, null, 2);
    const results = await verifyAuditLog(database.db, ring);
    expect(results.every((r) => r.ok)).toBe(true);
    const mine = results.find((r) => r.chain === c)!;
    expect(mine).toMatchObject({ ok: true, count: 5, head: { seq: 5 } });
    expect(results.find((r) => r.chain === 'network')).toMatchObject({ ok: true });
  });

  it('catches a row whose details were changed by the owner (trigger switched off) and names it', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 6);
    await tamper(database.db, (trx) =>
      sql`UPDATE audit_log SET details = '{"n": 99}' WHERE chain = ${c!} AND seq = 3`.execute(trx),
    );
    // Batches of 2 put the broken row at a batch boundary: the result is the same.
    for (const batchSize of [1, 2, 1000]) {
      expect(await resultFor(c!, { batchSize })).toMatchObject({
        ok: false,
        brokenAt: 3,
        reason: 'hash_mismatch',
        count: 2,
      });
    }
  });

  it('catches deletion of the newest row through the chain head', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 4);
    await tamper(database.db, (trx) => sql`DELETE FROM audit_log WHERE chain = ${c!} AND seq = 4`.execute(trx));
    expect(await resultFor(c!)).toMatchObject({ ok: false, brokenAt: 4, reason: 'truncated', count: 3 });
  });

  it('catches a deleted row in the middle and a re-sealed row made without the key', async () => {
    const [c, d] = await createCentres(database.db, 2);
    await appendEntries(database.db, c!, 5);
    await tamper(database.db, (trx) => sql`DELETE FROM audit_log WHERE chain = ${c!} AND seq = 2`.execute(trx));
    expect(await resultFor(c!, { batchSize: 2 })).toMatchObject({ ok: false, brokenAt: 3, reason: 'seq_gap' });

    await appendEntries(database.db, d!, 3);
    await tamper(database.db, (trx) =>
      sql`UPDATE audit_log SET event = 'auth.sign_out', hash = repeat('a', 64) WHERE chain = ${d!} AND seq = 3`.execute(
        trx,
      ),
    );
    expect(await resultFor(d!)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash_mismatch' });
  });

  it('catches a row moved to another chain', async () => {
    const [c, d] = await createCentres(database.db, 2);
    await appendEntries(database.db, c!, 2);
    await appendEntries(database.db, d!, 1);
    // Move c's second row into d's chain at seq 2 and fix both heads: only the MAC can tell.
    await tamper(database.db, async (trx) => {
      await sql`UPDATE audit_log SET chain = ${d!}, centre_id = ${d!} WHERE chain = ${c!} AND seq = 2`.execute(trx);
      await sql`UPDATE audit_chain_head SET seq = 1, hash = (SELECT hash FROM audit_log WHERE chain = ${c!} AND seq = 1) WHERE chain = ${c!}`.execute(
        trx,
      );
    });
    expect(await resultFor(c!)).toMatchObject({ ok: true, count: 1 });
    expect(await resultFor(d!)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a head rewritten in either direction (the app role cannot; an owner who switches the guard off hides nothing)', async () => {
    const [c, d] = await createCentres(database.db, 2);
    await appendEntries(database.db, c!, 3);
    await appendEntries(database.db, d!, 3);
    await expect(
      withScope(database.db, { kind: 'admin' }, (trx) =>
        trx.updateTable('audit_chain_head').set({ seq: 2 }).where('chain', '=', c!).execute(),
      ),
    ).rejects.toThrow(/a head moves only with the row appended/);
    await tamper(database.db, async (trx) => {
      await trx.updateTable('audit_chain_head').set({ seq: 2 }).where('chain', '=', c!).execute();
      await trx.updateTable('audit_chain_head').set({ seq: 9 }).where('chain', '=', d!).execute();
    });
    expect(await resultFor(c!)).toMatchObject({ ok: false, brokenAt: 3, reason: 'rows_after_head' });
    expect(await resultFor(d!)).toMatchObject({ ok: false, brokenAt: 4, reason: 'truncated' });
  });

  it('detects a missing head row', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 2);
    await sql`DELETE FROM audit_chain_head WHERE chain = ${c!}`.execute(database.db);
    expect(await resultFor(c!)).toMatchObject({ ok: false, brokenAt: 1, reason: 'head_missing' });
  });

  it('checks heads recorded outside the database: truncation plus a rewritten head is still caught', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 4);
    const recorded = (await resultFor(c!)).head!;
    await tamper(database.db, async (trx) => {
      await sql`DELETE FROM audit_log WHERE chain = ${c!} AND seq >= 3`.execute(trx);
      await sql`UPDATE audit_chain_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE chain = ${c!} AND seq = 2) WHERE chain = ${c!}`.execute(
        trx,
      );
    });
    // Without the outside record the shortened chain looks whole (documented limit)…
    expect(await resultFor(c!)).toMatchObject({ ok: true, count: 2 });
    // …with it, the missing rows are named.
    const knownHeads = new Map([[c!, recorded]]);
    expect(await resultFor(c!, { knownHeads, batchSize: 1 })).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'known_head_mismatch',
    });
    expect(await resultFor(c!, { knownHeads: new Map([[c!, { seq: 1, hash: recorded.hash }]]) })).toMatchObject({
      ok: false,
      reason: 'known_head_mismatch',
    });
  });

  it('reports rows sealed with a key that is no longer in the ring', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 1);
    const other = loadKeyRing(`t2:${Buffer.alloc(32, 9).toString('base64')}`);
    const r = (await verifyAuditLog(database.db, other)).find((x) => x.chain === c);
    expect(r).toMatchObject({ ok: false, brokenAt: 1, reason: 'unknown_key' });
  });

  it('verifies across a key rotation', async () => {
    const [c] = await createCentres(database.db, 1);
    await appendEntries(database.db, c!, 2);
    const rotated = loadKeyRing(
      `t1:${Buffer.alloc(32, 2).toString('base64')},t2:${Buffer.alloc(32, 9).toString('base64')}`,
    );
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, rotated, { event: 'auth.sign_in', actorId: randomUUID(), centreId: c! }, new Date()),
    );
    const r = (await verifyAuditLog(database.db, rotated)).find((x) => x.chain === c);
    expect(r).toMatchObject({ ok: true, count: 3 });
    expect((await verifyAuditLog(database.db, ring)).find((x) => x.chain === c)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'unknown_key',
    });
  });

  it('refuses a nonsensical batch size', async () => {
    await expect(verifyAuditLog(database.db, ring, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
