/**
 * Test fixtures for the audit tests: centres to own chains, a key ring, and
 * owner-level helpers. Imported by tests only.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withScope } from '../db/tenant.ts';
import { loadKeyRing } from '../security/keys.ts';
import { audit } from './audit.ts';

/** The same audit key as test/support/app.ts's TEST_KEYS.AUDIT_KEYS. */
export const TEST_AUDIT_RING = loadKeyRing(`t1:${Buffer.alloc(32, 2).toString('base64')}`);

/** Create a member organisation with `n` centres (as the owner), returning the centre ids. */
export async function createCentres(db: Kysely<DB>, n: number): Promise<string[]> {
  const org = randomUUID();
  await db
    .insertInto('member_organization')
    .values({ id: org, name: `Org ${org.slice(0, 8)}` })
    .execute();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await db
      .insertInto('centre')
      .values({ id, member_organization_id: org, name: `Centre ${i}` })
      .execute();
    ids.push(id);
  }
  return ids;
}

/**
 * Tamper with the log as an attacker with owner rights would: switch the
 * append-only trigger and the head guard off inside one transaction, run
 * `fn`, switch them back on.
 */
export async function tamper(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(trx);
    await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_guard`.execute(trx);
    await fn(trx);
    await sql`ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_guard`.execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(trx);
  });
}

/** Append `n` simple entries to the chain of `centreId` (admin scope). */
export async function appendEntries(
  db: Kysely<DB>,
  centreId: string | null,
  n: number,
  at = new Date('2025-01-02T03:04:05Z'),
): Promise<void> {
  await withScope(db, { kind: 'admin' }, async (trx) => {
    for (let i = 0; i < n; i++) {
      await audit(trx, TEST_AUDIT_RING, { event: 'auth.sign_in', actorId: null, centreId, details: { n: i } }, at);
    }
  });
}
