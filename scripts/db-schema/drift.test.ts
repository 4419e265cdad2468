/**
 * The committed schema files against the migrated test database, on
 * whichever back end the run uses (PGlite, or PostgreSQL with DATABASE_URL):
 * the generated Kysely types and the schema snapshot must be exactly what
 * the migrations produce (ADR 017). Both back ends must give the same text,
 * so the files pass on either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.ts';
import type { DB } from '../../src/platform/db/schema.ts';
import { testDatabase } from '../../test/support/db.ts';
import { SNAPSHOT_FILE, schemaSnapshot } from './snapshot.ts';
import { generateTypes, TYPES_FILE } from './types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const committed = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Lines `after` has more often than `before` (added) and fewer times (removed), sorted. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const count = new Map<string, number>();
  for (const l of before.split('\n')) count.set(l, (count.get(l) ?? 0) - 1);
  for (const l of after.split('\n')) count.set(l, (count.get(l) ?? 0) + 1);
  const added: string[] = [];
  const removed: string[] = [];
  for (const [line, n] of count) {
    for (let i = 0; i < Math.abs(n); i++) (n > 0 ? added : removed).push(line);
  }
  return { added: added.sort(), removed: removed.sort() };
}

/** Run `fn` on a transaction that is always rolled back: the schema changes never stay. */
async function inRolledBackTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const rollback = new Error('rollback');
  let result: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      result = await fn(trx);
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return result!;
}

describe('schema drift: committed files against the migrated database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it(`${TYPES_FILE} is what the migrations generate`, async () => {
    const generated = await generateTypes(database.db);
    expect(
      generated,
      `${TYPES_FILE} differs from the migrated database (${database.kind}); run \`npm run db:types\` and commit the result (− committed file, + database)`,
    ).toBe(committed(TYPES_FILE));
  });

  it(`${SNAPSHOT_FILE} describes the migrated database`, async () => {
    const snapshot = await schemaSnapshot(database.db);
    expect(
      snapshot,
      `${SNAPSHOT_FILE} differs from the migrated database (${database.kind}); run \`npm run db:snapshot\`, review the difference and commit it (− committed file, + database)`,
    ).toBe(committed(SNAPSHOT_FILE));
  });

  it('the snapshot shows a changed policy, grant, column grant, RLS flag, role attribute and function', async () => {
    const before = await schemaSnapshot(database.db);
    const after = await inRolledBackTransaction(database.db, async (trx) => {
      await sql`ALTER POLICY tenant ON app_user USING (true)`.execute(trx);
      await sql`GRANT DELETE ON audit_log TO schutznetz_app`.execute(trx);
      await sql`GRANT UPDATE (name) ON member_organization TO schutznetz_app`.execute(trx);
      await sql`ALTER TABLE directory_draft NO FORCE ROW LEVEL SECURITY`.execute(trx);
      await sql`ALTER ROLE schutznetz_app BYPASSRLS`.execute(trx);
      await sql`ALTER FUNCTION app_scope() SECURITY DEFINER`.execute(trx);
      await sql`REVOKE EXECUTE ON FUNCTION app_centre_id() FROM PUBLIC`.execute(trx);
      await sql`ALTER TABLE outbox_mail ALTER COLUMN error SET DEFAULT 'none'`.execute(trx);
      return schemaSnapshot(trx);
    });
    const { added, removed } = changedLines(before, after);
    expect(removed).toEqual(
      [
        '    using app_centre_visible(centre_id)',
        '  grant to schutznetz_app: INSERT, SELECT',
        '== table public.directory_draft  (row-level security: enabled, forced)',
        'role schutznetz_app: nosuperuser inherit nocreaterole nocreatedb noreplication nobypassrls',
        '== function public.app_scope()  (security invoker)',
        '  column error text',
        '   STABLE',
        '  grant to PUBLIC: EXECUTE',
      ].sort(),
    );
    expect(added).toEqual(
      [
        '    using true',
        '  grant to schutznetz_app: DELETE, INSERT, SELECT',
        '  grant (column name) to schutznetz_app: UPDATE',
        '== table public.directory_draft  (row-level security: enabled, not forced)',
        'role schutznetz_app: nosuperuser inherit nocreaterole nocreatedb noreplication bypassrls',
        '== function public.app_scope()  (security definer)',
        "  column error text default 'none'::text",
        '   STABLE SECURITY DEFINER',
      ].sort(),
    );
    // PUBLIC's EXECUTE on app_centre_id() is gone: one line fewer in that function's block.
    const block = (text: string) => text.slice(text.indexOf('== function public.app_centre_id()')).split('\n\n')[0];
    expect(block(before)).toContain('  grant to PUBLIC: EXECUTE');
    expect(block(after)).not.toContain('grant to PUBLIC');
  });

  it('the generated types follow a new column and a changed CHECK constraint', async () => {
    const before = await generateTypes(database.db);
    const after = await inRolledBackTransaction(database.db, async (trx) => {
      await sql`ALTER TABLE outbox_mail ADD COLUMN attempts integer NOT NULL DEFAULT 0`.execute(trx);
      await sql`ALTER TABLE directory_draft DROP CONSTRAINT directory_draft_status_check`.execute(trx);
      await sql`ALTER TABLE directory_draft ADD CONSTRAINT directory_draft_status_check
                CHECK (status IN ('pending', 'returned', 'accepted', 'withdrawn', 'archived'))`.execute(trx);
      return generateTypes(trx);
    });
    const { added, removed } = changedLines(before, after);
    expect(removed).toEqual(["  status: 'pending' | 'returned' | 'accepted' | 'withdrawn';"]);
    expect(added).toEqual(
      [
        '  attempts: Generated<number>;',
        "  status: 'pending' | 'returned' | 'accepted' | 'withdrawn' | 'archived';",
      ].sort(),
    );
  });
});
