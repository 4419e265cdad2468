/**
 * The ways around row-level security that a later migration could open by
 * accident (ADR 011): a SECURITY DEFINER function runs with its owner's
 * rights, and a view without security_invoker reads its tables as the view's
 * owner — either could let the application role see every centre's rows.
 * Both are refused in every schema, with exactly two exceptions, each owned
 * by a role of its own that may read only the columns it needs: the session
 * lookup `auth_session(text)` (ADR 021) and the one path on which case
 * records are counted across centres, `case_statistics(integer)` (ADR 034),
 * whose role reads the kept counts and no record (ADR 037).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from './index.ts';
import type { DB } from './schema.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** The functions allowed to run with their owner's rights (ADR 021, ADR 034): name, signature, owner. */
const SESSION_LOOKUP = {
  schema: 'public',
  name: 'auth_session',
  args: 'p_token_hash text',
  owner: 'schutznetz_session_reader',
};
const CASE_STATISTICS = {
  schema: 'public',
  name: 'case_statistics',
  args: 'p_year integer',
  owner: 'schutznetz_statistics_reader',
};
const ALLOWED_DEFINERS = [SESSION_LOOKUP, CASE_STATISTICS];

/** What each owner may read, column by column: nothing else. */
const READABLE: Record<string, string[]> = {
  [SESSION_LOOKUP.owner]: [
    'app_user.centre_id',
    'app_user.disabled_at',
    'app_user.display_name',
    'app_user.id',
    'app_user.role',
    'user_session.created_at',
    'user_session.csrf_secret',
    'user_session.last_seen_at',
    'user_session.reauth_at',
    'user_session.second_factor',
    'user_session.stage',
    'user_session.token_hash',
    'user_session.user_id',
  ],
  // The kept counts only (0029): no record, no column of one, not the view over them.
  [CASE_STATISTICS.owner]: [
    'case_statistics_cell.centre_id',
    'case_statistics_cell.dim_a',
    'case_statistics_cell.dim_b',
    'case_statistics_cell.n',
    'case_statistics_cell.val_a',
    'case_statistics_cell.val_b',
    'case_statistics_cell.year',
  ],
};

type Definer = { schema: string; name: string; args: string; owner: string };

/** Every SECURITY DEFINER function in every schema, PostgreSQL's own included (it has none). */
async function definerFunctions(db: Kysely<DB>): Promise<Definer[]> {
  const r = await sql<Definer>`
    SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args,
           pg_get_userbyid(p.proowner) AS owner
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prosecdef
    ORDER BY 1, 2, 3`.execute(db);
  return r.rows;
}

describe('no way around row-level security in the schema', () => {
  it('has no SECURITY DEFINER function but the session lookup and the case statistics, each owned by its own role', async () => {
    expect(await definerFunctions(database.db)).toEqual(ALLOWED_DEFINERS);
  });

  it.each(ALLOWED_DEFINERS)(
    '$name’s role is no superuser, cannot bypass RLS, cannot log in, owns nothing else and reads only its columns',
    async ({ owner }) => {
      const role = await sql<{ super: boolean; bypass: boolean; login: boolean; inherit: boolean }>`
        SELECT rolsuper AS super, rolbypassrls AS bypass, rolcanlogin AS login, rolinherit AS inherit
        FROM pg_roles WHERE rolname = ${owner}`.execute(database.db);
      expect(role.rows).toEqual([{ super: false, bypass: false, login: false, inherit: false }]);
      const columns = await sql<{ col: string }>`
        SELECT c.relname || '.' || a.attname AS col
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
          AND c.relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema'))
          AND has_column_privilege(${owner}, c.oid, a.attnum, 'SELECT')
        ORDER BY (c.relname || '.' || a.attname) COLLATE "C"`.execute(database.db);
      expect(columns.rows.map((r) => r.col)).toEqual(READABLE[owner]);
      const writes = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_class c
        WHERE c.relkind IN ('r', 'p')
          AND c.relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema'))
          AND (has_table_privilege(${owner}, c.oid, 'INSERT')
               OR has_table_privilege(${owner}, c.oid, 'UPDATE')
               OR has_table_privilege(${owner}, c.oid, 'DELETE'))`.execute(database.db);
      expect(writes.rows[0]!.n).toBe(0);
      // Its one function is all it owns: no table, view or other function to widen what it reads.
      const owned = await sql<{ what: string }>`
        SELECT 'function ' || p.proname AS what FROM pg_proc p WHERE pg_get_userbyid(p.proowner) = ${owner}
        UNION ALL
        SELECT 'relation ' || c.relname FROM pg_class c WHERE pg_get_userbyid(c.relowner) = ${owner}
        ORDER BY 1`.execute(database.db);
      expect(owned.rows.map((r) => r.what)).toEqual([
        `function ${ALLOWED_DEFINERS.find((d) => d.owner === owner)!.name}`,
      ]);
    },
  );

  it('has no view that reads its tables with its owner’s rights, in any schema but PostgreSQL’s own catalogues', async () => {
    const r = await sql<{ name: string }>`
      SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('v', 'm')
        AND NOT coalesce('security_invoker=true' = ANY(c.reloptions) OR 'security_invoker=on' = ANY(c.reloptions), false)`.execute(
      database.db,
    );
    expect(r.rows.map((x) => x.name)).toEqual([]);
  });

  it('the check itself sees another SECURITY DEFINER function, in another schema or in public with the allowed name', async () => {
    // Inside a rolled-back transaction, so the schema stays as the migrations left it.
    const seen = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`CREATE SCHEMA probe_schema`.execute(trx);
        await sql`CREATE FUNCTION probe_schema.probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`.execute(
          trx,
        );
        // Same name, other signature: not the allowed one.
        await sql`CREATE FUNCTION public.auth_session(int) RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`.execute(
          trx,
        );
        const found = await definerFunctions(trx);
        throw Object.assign(new Error('rollback'), { found });
      })
      .catch((e: { found?: Definer[] }) => e.found);
    expect(seen?.map((f) => `${f.schema}.${f.name}(${f.args})`)).toEqual([
      'probe_schema.probe_definer()',
      'public.auth_session(integer)',
      'public.auth_session(p_token_hash text)',
      'public.case_statistics(p_year integer)',
    ]);
  });
});
