/**
 * The ways around row-level security that a later migration could open by
 * accident (ADR 011): a SECURITY DEFINER function runs with its owner's
 * rights, and a view without security_invoker reads its tables as the view's
 * owner — either could let the application role see every centre's rows.
 * Both are refused in every schema, with exactly two exceptions, each owned
 * by a role of its own that may read only the columns it needs: the session
 * lookup `auth_session(text)` (ADR 021) and the one path on which case
 * records are counted across centres, `case_statistics(integer)` (ADR 034).
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
  // The counted columns, and the same records' categories through the view with the reader's rights (0029).
  [CASE_STATISTICS.owner]: [
    'case_record.age_at_first_contact',
    'case_record.age_unknown',
    'case_record.asylum_stage',
    'case_record.centre_id',
    'case_record.citizenship',
    'case_record.consent_statistics',
    'case_record.country_of_exploitation',
    'case_record.criminal_proceedings',
    'case_record.exploitation_forms',
    'case_record.exploitation_timing',
    'case_record.first_contact_year',
    'case_record.gender',
    'case_record.minor_at_exploitation',
    'case_record.possibly_counted_elsewhere',
    'case_record.referral_source',
    'case_record.released_at',
    'case_record.residence_status_first',
    'case_record.status',
    'case_record.support_provided',
    'case_record.trafficking_status',
    'case_record.unaccompanied_minor',
    'case_record_category.age_band',
    'case_record_category.asylum_context',
    'case_record_category.asylum_stage',
    'case_record_category.centre_id',
    'case_record_category.citizenship_region',
    'case_record_category.consent_statistics',
    'case_record_category.criminal_proceedings',
    'case_record_category.exploitation_forms',
    'case_record_category.exploitation_place',
    'case_record_category.exploitation_timing',
    'case_record_category.first_contact_year',
    'case_record_category.gender',
    'case_record_category.minor_at_exploitation',
    'case_record_category.possibly_counted_elsewhere',
    'case_record_category.referral_source',
    'case_record_category.released_at',
    'case_record_category.residence_status_first',
    'case_record_category.status',
    'case_record_category.support_provided',
    'case_record_category.trafficking_status',
    'case_record_category.unaccompanied_minor',
    'country_region.code',
    'country_region.region',
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
