/**
 * The ways around row-level security that a later migration could open by
 * accident (ADR 011): a SECURITY DEFINER function runs with its owner's
 * rights, and a view without security_invoker reads its tables as the view's
 * owner — either would let the application role see every centre's rows.
 * Both are refused in the application's schema.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe('no way around row-level security in the schema', () => {
  it('has no SECURITY DEFINER function', async () => {
    const r = await sql<{ name: string }>`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef`.execute(database.db);
    expect(r.rows.map((x) => x.name)).toEqual([]);
  });

  it('has no view that reads its tables with its owner’s rights', async () => {
    const r = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
        AND NOT coalesce('security_invoker=true' = ANY(c.reloptions) OR 'security_invoker=on' = ANY(c.reloptions), false)`.execute(
      database.db,
    );
    expect(r.rows.map((x) => x.name)).toEqual([]);
  });

  it('the check itself sees a SECURITY DEFINER function when there is one', async () => {
    // Inside a rolled-back transaction, so the schema stays as the migrations left it.
    const seen = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`CREATE FUNCTION probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`.execute(trx);
        const r = await sql<{ name: string }>`
          SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND p.prosecdef`.execute(trx);
        throw Object.assign(new Error('rollback'), { names: r.rows.map((x) => x.name) });
      })
      .catch((e: { names?: string[] }) => e.names);
    expect(seen).toEqual(['probe_definer']);
  });
});
