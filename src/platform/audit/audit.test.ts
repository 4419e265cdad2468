import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope, type Scope } from '../db/tenant.ts';
import { GENESIS_HASH } from '../security/audit-chain.ts';
import { audit, AuditEntryError, looksPersonal, type AuditEntry } from './audit.ts';
import { createCentres, TEST_AUDIT_RING as ring } from './test-fixtures.ts';
import { verifyAuditLog } from './verify.ts';

let database: Database;
let centreA: string;
let centreB: string;
const at = new Date('2025-03-01T10:00:00.123Z');

beforeAll(async () => {
  database = await testDatabase();
  [centreA, centreB] = (await createCentres(database.db, 2)) as [string, string];
});
afterAll(() => database.close());

/** A centre lead of `centreId` (written as the owner), for the account scope. */
async function accountIn(centreId: string): Promise<string> {
  const id = randomUUID();
  await database.db
    .insertInto('app_user')
    .values({ id, email: `lead-${id}@example.org`, display_name: 'Lead', role: 'centre_lead', centre_id: centreId })
    .execute();
  return id;
}

const rowsOf = (chain: string) =>
  database.db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();
const headOf = (chain: string) =>
  database.db.selectFrom('audit_chain_head').selectAll().where('chain', '=', chain).executeTakeFirst();

describe('audit()', () => {
  it('starts a chain at seq 1 with the genesis hash and links every next row to the previous hash', async () => {
    const actor = randomUUID();
    await withScope(database.db, { kind: 'centre', centreId: centreA }, async (trx) => {
      await audit(
        trx,
        ring,
        {
          event: 'directory.draft_submitted',
          actorId: actor,
          centreId: centreA,
          objectType: 'directory_draft',
          objectId: randomUUID(),
        },
        at,
      );
      await audit(
        trx,
        ring,
        {
          event: 'auth.sign_in',
          actorId: actor,
          centreId: centreA,
          details: { method: 'totp', attempts: 2, remembered: false, note: null },
        },
        at,
      );
    });
    const rows = await rowsOf(centreA);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[1]!.details).toEqual({ method: 'totp', attempts: 2, remembered: false, note: null });
    expect(rows[0]!.key_id).toBe('t1');
    expect(rows[0]!.centre_id).toBe(centreA);
    const head = await headOf(centreA);
    expect(head).toMatchObject({ centre_id: centreA, hash: rows[1]!.hash });
    expect(Number(head!.seq)).toBe(2);
  });

  it('writes the network chain from the auth and the admin scope, a centre chain from its own account’s scope', async () => {
    await withScope(database.db, { kind: 'auth' }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in_failed', actorId: null, centreId: null }, at),
    );
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, ring, { event: 'users.invited', actorId: randomUUID(), centreId: null }, at),
    );
    // A centre lead's failed sign-in belongs to the centre: written in that account's scope.
    const lead = await accountIn(centreB);
    await withScope(database.db, { kind: 'account', userId: lead }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in_failed', actorId: null, centreId: centreB }, at),
    );
    expect((await rowsOf('network')).map((r) => Number(r.seq))).toEqual([1, 2]);
    expect((await rowsOf(centreB)).map((r) => r.centre_id)).toEqual([centreB]);
  });

  it('normalises upper-case ids so the MAC covers what PostgreSQL stores', async () => {
    const upper = randomUUID().toUpperCase();
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, ring, { event: 'users.role_changed', actorId: upper, centreId: centreA.toUpperCase() }, at),
    );
    const rows = await rowsOf(centreA);
    expect(rows.at(-1)!.actor_id).toBe(upper.toLowerCase());
    expect((await verifyAuditLog(database.db, ring)).every((r) => r.ok)).toBe(true);
  });

  it("refuses to write another centre's chain or the network chain from a centre scope", async () => {
    await expect(
      withScope(database.db, { kind: 'centre', centreId: centreA }, (trx) =>
        audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: centreB }, at),
      ),
    ).rejects.toThrow();
    await expect(
      withScope(database.db, { kind: 'centre', centreId: centreA }, (trx) =>
        audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: null }, at),
      ),
    ).rejects.toThrow();
    expect(await rowsOf(centreB)).toHaveLength(1);
  });

  it('refuses another tenant’s chain to the auth scope and to another account’s scope (both could append anywhere before)', async () => {
    const [c] = await createCentres(database.db, 1);
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: c! }, at),
    );
    const head = (await headOf(c!))!;
    // The attack: a row planted in centre c's chain from a scope that is not c's.
    const plant = (scope: Scope) =>
      withScope(database.db, scope, (trx) =>
        sql`INSERT INTO audit_log (chain, seq, centre_id, at, event, key_id, prev_hash, hash)
            VALUES (${c!}, ${Number(head.seq) + 1}, ${c!}, now(), 'auth.sign_in', 't1', ${head.hash}, repeat('f', 64))`.execute(
          trx,
        ),
      );
    const elsewhere = await accountIn(centreA);
    for (const scope of [{ kind: 'auth' }, { kind: 'account', userId: elsewhere }] as const) {
      await expect(plant(scope), scope.kind).rejects.toThrow(/row-level security|no head this scope may move/);
      await expect(
        withScope(database.db, scope, (trx) =>
          audit(trx, ring, { event: 'auth.sign_in_failed', actorId: null, centreId: c! }, at),
        ),
        scope.kind,
      ).rejects.toThrow();
    }
    expect(await headOf(c!)).toEqual(head);
    expect((await rowsOf(c!)).map((r) => Number(r.seq))).toEqual([1]);
  });

  it('refuses a row that does not extend its head, and a head moved by hand: nothing can take the next entry’s slot', async () => {
    const [c] = await createCentres(database.db, 1);
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: c! }, at),
    );
    const head = (await headOf(c!))!;
    const insert = (seq: number, prev: string) =>
      withScope(database.db, { kind: 'admin' }, (trx) =>
        sql`INSERT INTO audit_log (chain, seq, centre_id, at, event, key_id, prev_hash, hash)
            VALUES (${c!}, ${seq}, ${c!}, now(), 'auth.sign_in', 't1', ${prev}, repeat('f', 64))`.execute(trx),
      );
    // The old attack: rows parked past the head (101 of them blocked every audited action of the tenant).
    await expect(insert(3, head.hash)).rejects.toThrow(/must extend the head/);
    await expect(insert(2, GENESIS_HASH)).rejects.toThrow(/must extend the head/);
    // Nor can the head be moved back under existing rows, or forward past them.
    for (const seq of [0, 5]) {
      await expect(
        withScope(database.db, { kind: 'admin' }, (trx) =>
          trx.updateTable('audit_chain_head').set({ seq }).where('chain', '=', c!).execute(),
        ),
      ).rejects.toThrow(/a head moves only with the row appended/);
    }
    expect(await headOf(c!)).toEqual(head);
    await withScope(database.db, { kind: 'centre', centreId: c! }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: c! }, at),
    );
    expect((await rowsOf(c!)).map((r) => Number(r.seq))).toEqual([1, 2]);
    expect((await verifyAuditLog(database.db, ring)).find((r) => r.chain === c)).toMatchObject({ ok: true });
  });

  it('a forged row that does extend the head blocks nothing: the next entry follows it and verify names it', async () => {
    const [c] = await createCentres(database.db, 1);
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: c! }, at),
    );
    const head = (await headOf(c!))!;
    await withScope(database.db, { kind: 'centre', centreId: c! }, (trx) =>
      sql`INSERT INTO audit_log (chain, seq, centre_id, at, event, key_id, prev_hash, hash)
          VALUES (${c!}, 2, ${c!}, now(), 'auth.sign_in', 't1', ${head.hash}, repeat('f', 64))`.execute(trx),
    );
    await withScope(database.db, { kind: 'centre', centreId: c! }, (trx) =>
      audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: c! }, at),
    );
    const rows = await rowsOf(c!);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(Number((await headOf(c!))!.seq)).toBe(3);
    expect((await verifyAuditLog(database.db, ring)).find((r) => r.chain === c)).toMatchObject({
      ok: false,
      brokenAt: 2,
    });
  });

  it('rolls back with the caller: no row and an unchanged head', async () => {
    const before = await headOf(centreA);
    await expect(
      withScope(database.db, { kind: 'admin' }, async (trx) => {
        await audit(trx, ring, { event: 'users.disabled', actorId: null, centreId: centreA }, at);
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await headOf(centreA)).toEqual(before);
  });

  it('serialises concurrent writers: no forks, no gaps, the chain verifies', async () => {
    const [c] = await createCentres(database.db, 1);
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        withScope(database.db, { kind: 'admin' }, (trx) =>
          audit(trx, ring, { event: 'outbox.read', actorId: null, centreId: c!, details: { i } }, at),
        ),
      ),
    );
    const rows = await rowsOf(c!);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(16);
    const result = (await verifyAuditLog(database.db, ring)).find((r) => r.chain === c);
    expect(result).toMatchObject({ ok: true, count: 16 });
  });

  const bad: [string, AuditEntry][] = [
    ['event with capitals', { event: 'Auth.SignIn', actorId: null, centreId: null }],
    ['empty event', { event: '', actorId: null, centreId: null }],
    ['event too long', { event: 'a'.repeat(65), actorId: null, centreId: null }],
    ['actor that is not an id', { event: 'auth.sign_in', actorId: 'alice', centreId: null }],
    [
      'e-mail in details',
      { event: 'auth.sign_in_failed', actorId: null, centreId: null, details: { user: 'alice@example.org' } },
    ],
    [
      'IPv4 in details',
      { event: 'auth.sign_in_failed', actorId: null, centreId: null, details: { from: '203.0.113.7' } },
    ],
    [
      'IPv4 with port in details',
      { event: 'auth.sign_in_failed', actorId: null, centreId: null, details: { from: 'ip=203.0.113.7:443' } },
    ],
    [
      'IPv6 in details',
      { event: 'auth.sign_in_failed', actorId: null, centreId: null, details: { from: '2001:db8::1' } },
    ],
    [
      'bracketed IPv6 in details',
      { event: 'auth.sign_in_failed', actorId: null, centreId: null, details: { from: '[::ffff:10.0.0.1]:80' } },
    ],
    ['e-mail as object id', { event: 'users.invited', actorId: null, centreId: null, objectId: 'bob@example.org' }],
    ['nested details', { event: 'auth.sign_in', actorId: null, centreId: null, details: { a: { b: 1 } } as never }],
    ['array details', { event: 'auth.sign_in', actorId: null, centreId: null, details: { a: [1] } as never }],
    ['long free text', { event: 'auth.sign_in', actorId: null, centreId: null, details: { comment: 'x'.repeat(201) } }],
    ['control characters', { event: 'auth.sign_in', actorId: null, centreId: null, details: { c: 'a\u0000b' } }],
    ['infinite number', { event: 'auth.sign_in', actorId: null, centreId: null, details: { n: Infinity } }],
    ['bad detail key', { event: 'auth.sign_in', actorId: null, centreId: null, details: { 'Bad Key': 1 } }],
    ['unknown field', { event: 'auth.sign_in', actorId: null, centreId: null, ip: '1.2.3.4' } as AuditEntry],
  ];
  it.each(bad)('refuses an entry with %s and writes nothing', async (_, entry) => {
    const before = await headOf('network');
    const err = await withScope(database.db, { kind: 'admin' }, (trx) => audit(trx, ring, entry, at)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuditEntryError);
    // The message names the field, never the refused value.
    expect(String((err as Error).message)).not.toMatch(/example\.org|203\.0\.113|2001:db8/);
    expect(await headOf('network')).toEqual(before);
  });

  it('refuses an invalid date', async () => {
    await expect(
      withScope(database.db, { kind: 'admin' }, (trx) =>
        audit(trx, ring, { event: 'auth.sign_in', actorId: null, centreId: null }, new Date('x')),
      ),
    ).rejects.toBeInstanceOf(AuditEntryError);
  });
});

describe('looksPersonal', () => {
  it.each(['a@b', 'x＠y.de', '10.0.0.1', 'fe80::1%eth0', '::1', 'host 192.168.1.20, ok'])('flags %s', (s) =>
    expect(looksPersonal(s)).toBe(true),
  );
  it.each(['totp', '10:15:00', 'v1.2.3', randomUUID(), 'passkey-3', '2025-03-01T10:00:00Z', 'de'])('accepts %s', (s) =>
    expect(looksPersonal(s)).toBe(false),
  );
});
