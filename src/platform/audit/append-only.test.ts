/**
 * The audit log is append-only at two levels: the application role has no
 * UPDATE, DELETE or TRUNCATE privilege on it (whatever its scope), and a
 * trigger refuses all three even for the owner, who must first switch the
 * trigger off — an act the hash chain then exposes (verify.test.ts).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope, type Scope } from '../db/tenant.ts';
import { appendEntries, createCentres, TEST_AUDIT_RING as ring } from './test-fixtures.ts';
import { verifyAuditLog } from './verify.ts';

let database: Database;
let centre: string;
beforeAll(async () => {
  database = await testDatabase();
  [centre] = (await createCentres(database.db, 1)) as [string];
  await appendEntries(database.db, centre, 3);
  await appendEntries(database.db, null, 2);
});
afterAll(() => database.close());

const count = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(database.db)).rows[0]!.n);

describe('audit_log is append-only', () => {
  const scopes: [string, () => Scope][] = [
    ['network', () => ({ kind: 'admin' })],
    ['centre', () => ({ kind: 'centre', centreId: centre })],
    ['auth', () => ({ kind: 'auth' })],
  ];
  const statements = [
    ['UPDATE', () => sql`UPDATE audit_log SET event = 'auth.sign_out'`],
    ['DELETE', () => sql`DELETE FROM audit_log`],
    ['TRUNCATE', () => sql`TRUNCATE audit_log`],
    ['DISABLE TRIGGER', () => sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`],
  ] as const;

  for (const [scopeName, scope] of scopes) {
    for (const [what, stmt] of statements) {
      it(`the app role in the ${scopeName} scope cannot ${what}`, async () => {
        const before = await count();
        await expect(withScope(database.db, scope(), (trx) => stmt().execute(trx))).rejects.toThrow(
          /permission denied|must be (the )?owner/,
        );
        expect(await count()).toBe(before);
      });
    }
  }

  for (const [what, stmt] of statements.slice(0, 3)) {
    it(`the trigger refuses ${what} even for the owner`, async () => {
      const before = await count();
      await expect(stmt().execute(database.db)).rejects.toThrow('audit_log is append-only');
      expect(await count()).toBe(before);
    });
  }

  it('the app role cannot delete chain heads in any scope (it may only move them, which verify exposes)', async () => {
    for (const [, scope] of scopes) {
      await expect(
        withScope(database.db, scope(), (trx) => sql`DELETE FROM audit_chain_head`.execute(trx)),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('the app role can still append and read in its scope, and the log still verifies', async () => {
    const rows = await withScope(database.db, { kind: 'centre', centreId: centre }, (trx) =>
      trx.selectFrom('audit_log').select(['chain', 'seq']).execute(),
    );
    // RLS: the centre scope sees its own chain only.
    expect(new Set(rows.map((r) => r.chain))).toEqual(new Set([centre]));
    expect(
      await withScope(database.db, { kind: 'auth' }, (trx) => trx.selectFrom('audit_log').select('seq').execute()),
    ).toEqual([]);
    expect((await verifyAuditLog(database.db, ring)).every((r) => r.ok)).toBe(true);
  });
});
