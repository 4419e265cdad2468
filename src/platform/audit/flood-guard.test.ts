/**
 * The audit flood guard: the first event of a window is written, the rest
 * only counted and written again at the 10th, 100th …; windows restart;
 * parallel events count exactly once each (on PostgreSQL for real, with
 * several connections); old windows are forgotten; the table holds no id in
 * clear; it works in the 'auth' scope too, before anyone is known.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope, type Scope } from '../db/tenant.ts';
import { loadKeyRing } from '../security/keys.ts';
import { auditGuarded, FLOOD_WINDOW_MS, isMilestone, type FloodGuard } from './flood-guard.ts';
import { createCentres, TEST_AUDIT_RING } from './test-fixtures.ts';
import { verifyAuditLog } from './verify.ts';

const keys = { audit: TEST_AUDIT_RING, server: loadKeyRing(`t1:${Buffer.alloc(32, 1).toString('base64')}`) };
let database: Database;
let centre: string;

beforeAll(async () => {
  database = await testDatabase();
  [centre] = (await createCentres(database.db, 1)) as [string];
});
afterAll(() => database.close());

async function event(
  actor: string,
  at: Date,
  guard: FloodGuard = { by: [actor] },
  scope: Scope = { kind: 'centre', centreId: centre },
) {
  return withScope(database.db, scope, (trx) =>
    auditGuarded(
      trx,
      keys,
      { event: 'auth.reauthenticated', actorId: actor, centreId: centre, details: { method: 'totp' } },
      at,
      guard,
    ),
  );
}

const written = (actor: string) =>
  database.db
    .selectFrom('audit_log')
    .select(['details'])
    .where('actor_id', '=', actor)
    .orderBy('seq')
    .execute()
    .then((rows) => rows.map((r) => (r.details as { occurrences: number }).occurrences));

describe('isMilestone', () => {
  it('is true for 1, 10, 100 … only', () => {
    const hits = Array.from({ length: 20_000 }, (_, i) => i + 1).filter(isMilestone);
    expect(hits).toEqual([1, 10, 100, 1000, 10_000]);
  });
});

describe('auditGuarded', () => {
  it('writes the 1st, 10th and 100th event of a window, each with its count', async () => {
    const actor = randomUUID();
    const at = new Date('2026-01-05T10:00:00Z');
    const results: boolean[] = [];
    for (let i = 0; i < 150; i++) results.push(await event(actor, new Date(at.getTime() + i * 100)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await written(actor)).toEqual([1, 10, 100]);
  });

  it('starts a new window after the window’s length, and keeps keys apart', async () => {
    const actor = randomUUID();
    const at = new Date('2026-01-05T11:00:00Z');
    await event(actor, at);
    await event(actor, new Date(at.getTime() + FLOOD_WINDOW_MS - 1));
    await event(actor, new Date(at.getTime() + FLOOD_WINDOW_MS));
    // Another guard key (another route, say) is counted on its own.
    await event(actor, new Date(at.getTime() + FLOOD_WINDOW_MS), { by: [actor, 'other'] });
    expect(await written(actor)).toEqual([1, 1, 1]);
    // A longer window holds for its whole length.
    const patient = randomUUID();
    const long = { by: [patient], windowMs: 15 * 60_000 };
    for (let m = 0; m < 15; m++) await event(patient, new Date(at.getTime() + m * 60_000), long);
    expect(await written(patient)).toEqual([1, 10]);
  });

  it('stores only keyed hashes, and forgets windows older than a day when a new one opens', async () => {
    const actor = randomUUID();
    const at = new Date('2026-01-06T10:00:00Z');
    await event(actor, at);
    const stored = await database.db.selectFrom('audit_flood_guard').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(actor);
    for (const r of stored) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    await event(randomUUID(), new Date(at.getTime() + 24 * 60 * 60_000 + 1));
    const left = await database.db.selectFrom('audit_flood_guard').select('window_start').execute();
    expect(left).toHaveLength(1);
  });

  it('counts parallel events exactly once each: 40 at once, two rows (1 and 10), chains intact', async () => {
    const actor = randomUUID();
    const at = new Date('2026-01-07T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 40 }, () => event(actor, at)));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await written(actor)).toEqual([1, 10]);
    const verified = await verifyAuditLog(database.db, TEST_AUDIT_RING);
    expect(verified.filter((r) => !r.ok)).toEqual([]);
  });

  it('works before anyone is known: the auth scope counts and writes to the network chain', async () => {
    const at = new Date('2026-01-09T10:00:00Z');
    const key = randomUUID();
    const write = () =>
      withScope(database.db, { kind: 'auth' }, (trx) =>
        auditGuarded(trx, keys, { event: 'auth.csrf_refused', actorId: null, centreId: null }, at, { by: [key] }),
      );
    expect(await write()).toBe(true);
    expect(await write()).toBe(false);
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['chain', 'details'])
      .where('event', '=', 'auth.csrf_refused')
      .where('at', '=', at)
      .execute();
    expect(rows).toEqual([{ chain: 'network', details: { occurrences: 1 } }]);
  });

  it('rolls back with the caller’s transaction: nothing counted, nothing written', async () => {
    const actor = randomUUID();
    const at = new Date('2026-01-08T10:00:00Z');
    await expect(
      withScope(database.db, { kind: 'centre', centreId: centre }, async (trx) => {
        await auditGuarded(trx, keys, { event: 'auth.reauthenticated', actorId: actor, centreId: centre }, at, {
          by: [actor],
        });
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    expect(await written(actor)).toEqual([]);
    // The next event is again the first of its window.
    await event(actor, at);
    expect(await written(actor)).toEqual([1]);
  });
});
