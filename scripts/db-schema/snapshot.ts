/**
 * The schema snapshot: what the migrated database holds, read from the
 * catalogue and written as plain text in a fixed order, so that a review
 * sees every table, row-level-security policy, grant, role and function in
 * one file and a test notices any change the file does not show (ADR 017).
 *
 * The same text must come out of PGlite (PostgreSQL 18) and a PostgreSQL 15
 * server. Where the two catalogues differ without the schema differing, the
 * difference is normalised here, each case with its reason; nothing else is
 * left out.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.ts';

export const SNAPSHOT_FILE = 'migrations/schema-snapshot.txt';

/** Schemas that belong to PostgreSQL itself. */
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/** Role attributes that the migrations set and the server enforces. */
const ROLE_FLAGS = [
  ['rolsuper', 'superuser'],
  ['rolinherit', 'inherit'],
  ['rolcreaterole', 'createrole'],
  ['rolcreatedb', 'createdb'],
  ['rolreplication', 'replication'],
  ['rolbypassrls', 'bypassrls'],
] as const;

type Acl = { grantee: string; privilege: string; grantable: boolean };

type Db = Kysely<DB>;

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/**
 * Privileges from an ACL column; a NULL ACL means the type's default
 * (`acldefault`), which for functions includes EXECUTE for PUBLIC, so it is
 * expanded rather than printed as nothing.
 *
 * Left out, on purpose:
 * - the object owner's own privileges: the owner differs between databases
 *   (postgres on PGlite, whoever migrated on a server) and holds every
 *   privilege anyway;
 * - MAINTAIN: PostgreSQL 17 added it, so an owner or `GRANT ALL` has it on
 *   PGlite and cannot have it on 15; a migration cannot grant it on its own
 *   because the migrations must run on 15.
 */
function aclSql(aclColumn: string, kind: 'r' | 's' | 'f' | 'n', ownerColumn: string) {
  return sql.raw(`(
    SELECT coalesce(json_agg(json_build_object(
             'grantee', CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END,
             'privilege', acl.privilege_type,
             'grantable', acl.is_grantable)), '[]'::json)
      FROM aclexplode(coalesce(${aclColumn}, acldefault('${kind}', ${ownerColumn}))) AS acl
     WHERE acl.grantee <> ${ownerColumn} AND acl.privilege_type <> 'MAINTAIN')`);
}

/** `grant ROLE: PRIV, PRIV` lines, one per grantee, sorted. */
function grantLines(acl: Acl[], indent: string, what = ''): string[] {
  const byGrantee = new Map<string, string[]>();
  for (const a of acl) {
    const list = byGrantee.get(a.grantee) ?? [];
    list.push(a.privilege + (a.grantable ? ' WITH GRANT OPTION' : ''));
    byGrantee.set(a.grantee, list);
  }
  return [...byGrantee.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([grantee, privs]) => `${indent}grant${what} to ${grantee}: ${privs.sort(compare).join(', ')}`);
}

/** Code-point order: the same on every machine and database, unlike a collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Multi-line SQL text (function bodies, view queries), indented, trailing blanks trimmed. */
function block(text: string, indent: string): string[] {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (indent + l).replace(/\s+$/, ''));
}

export async function schemaSnapshot(db: Db): Promise<string> {
  const out: string[] = [
    '# Schema snapshot of the migrated database (ADR 017): tables, row-level security,',
    '# grants, roles and functions as the catalogue reports them. Generated; do not edit.',
    '# After changing a migration run `npm run db:snapshot` and review the difference.',
  ];
  out.push('', ...(await rolesSection(db)));
  out.push('', ...(await schemasSection(db)));
  out.push('', ...(await extensionsSection(db)));
  for (const t of await typesSection(db)) out.push('', ...t);
  for (const r of await relationsSection(db)) out.push('', ...r);
  for (const f of await functionsSection(db)) out.push('', ...f);
  const defaults = await defaultPrivilegesSection(db);
  if (defaults.length) out.push('', ...defaults);
  return out.join('\n') + '\n';
}

/**
 * The project's roles: every role other than an object's owner that holds a
 * privilege on this database's own objects or is named in a policy. Recorded are the
 * attributes that decide what the role may do. LOGIN, password, connection
 * limit and expiry are left out: they are the operator's to set
 * (`ALTER ROLE schutznetz_app LOGIN PASSWORD …`, docs/security.md), and on a
 * server the role is shared by every database of the cluster.
 */
async function rolesSection(db: Db): Promise<string[]> {
  const roles = await rows<
    Record<string, unknown> & { rolname: string; oid: number; member_of_migrator: boolean | null }
  >(
    db,
    sql`
    WITH ours AS (
      SELECT oid FROM pg_namespace WHERE nspname NOT IN (${sql.join(SYSTEM_SCHEMAS)})
    ), owners AS (
      SELECT relowner AS o FROM pg_class UNION SELECT proowner FROM pg_proc UNION SELECT nspowner FROM pg_namespace
    ), acl_roles AS (
      SELECT (aclexplode(relacl)).grantee AS r FROM pg_class WHERE relnamespace IN (SELECT oid FROM ours)
      UNION SELECT (aclexplode(proacl)).grantee FROM pg_proc WHERE pronamespace IN (SELECT oid FROM ours)
      UNION SELECT (aclexplode(nspacl)).grantee FROM pg_namespace WHERE oid IN (SELECT oid FROM ours)
      UNION SELECT (aclexplode(a.attacl)).grantee FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE c.relnamespace IN (SELECT oid FROM ours)
      UNION SELECT unnest(polroles) FROM pg_policy
    )
    SELECT r.oid::int AS oid, r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb,
           r.rolreplication, r.rolbypassrls,
           (SELECT bool_or(m.admin_option) FROM pg_auth_members m
             WHERE m.roleid = r.oid AND m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS member_of_migrator
      FROM pg_roles r
     WHERE r.oid IN (SELECT r FROM acl_roles)
       AND r.oid NOT IN (SELECT o FROM owners)
       AND r.rolname NOT LIKE 'pg\\_%'
     ORDER BY r.rolname COLLATE "C"`,
  );
  const out = ['== roles'];
  for (const r of roles) {
    const flags = ROLE_FLAGS.map(([col, name]) => (r[col] ? name : `no${name}`)).join(' ');
    out.push(`role ${r.rolname}: ${flags}`);
    // The migrations grant the role to whoever runs them, so that role can SET ROLE to it.
    out.push(
      r.member_of_migrator === null
        ? '  not granted to the migrating role'
        : `  granted to the migrating role${r.member_of_migrator ? ' WITH ADMIN OPTION' : ''}`,
    );
    const settings = await rows<{ setting: string }>(
      db,
      sql`SELECT unnest(setconfig) AS setting FROM pg_db_role_setting
           WHERE setrole = ${r.oid} AND setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
`,
    );
    for (const s of settings.sort((a, b) => compare(a.setting, b.setting))) out.push(`  set ${s.setting}`);
  }
  return out;
}

async function schemasSection(db: Db): Promise<string[]> {
  const schemas = await rows<{ nspname: string; acl: Acl[] }>(
    db,
    sql`SELECT n.nspname, ${aclSql('n.nspacl', 'n', 'n.nspowner')} AS acl
          FROM pg_namespace n
         WHERE n.nspname NOT IN (${sql.join(SYSTEM_SCHEMAS)}) AND n.nspname NOT LIKE 'pg\\_temp\\_%'
           AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
         ORDER BY n.nspname COLLATE "C"`,
  );
  const out = ['== schemas'];
  for (const s of schemas) out.push(`schema ${s.nspname}`, ...grantLines(s.acl, '  '));
  return out;
}

async function extensionsSection(db: Db): Promise<string[]> {
  // Versions are left out: they follow the server build, not the migrations.
  const ext = await rows<{ extname: string }>(db, sql`SELECT extname FROM pg_extension ORDER BY extname COLLATE "C"`);
  return ['== extensions', ...ext.map((e) => `extension ${e.extname}`)];
}

async function typesSection(db: Db): Promise<string[][]> {
  const types = await rows<{
    name: string;
    kind: string;
    labels: string[] | null;
    base: string | null;
    checks: string[] | null;
  }>(
    db,
    sql`SELECT format('%I.%I', n.nspname, t.typname) AS name, t.typtype AS kind,
               (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
               CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
               (SELECT array_agg(pg_get_constraintdef(c.oid) ORDER BY c.conname COLLATE "C")
                  FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') AS checks
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname NOT IN (${sql.join(SYSTEM_SCHEMAS)})
           AND t.typtype IN ('e', 'd')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
         ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"`,
  );
  return types.map((t) =>
    t.kind === 'e'
      ? [`enum ${t.name}: ${(t.labels ?? []).join(', ')}`]
      : [`domain ${t.name}: ${t.base}`, ...(t.checks ?? []).map((c) => `  ${c}`)],
  );
}

type Relation = {
  oid: number;
  name: string;
  kind: string;
  rls: boolean;
  force_rls: boolean;
  acl: Acl[];
  view: string | null;
};

const RELKIND: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
  f: 'foreign table',
};

async function relationsSection(db: Db): Promise<string[][]> {
  const relations = await rows<Relation>(
    db,
    sql`SELECT c.oid::int AS oid, format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind,
               c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
               ${aclSql('c.relacl', 'r', 'c.relowner')} AS acl,
               CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname NOT IN (${sql.join(SYSTEM_SCHEMAS)})
           AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
         ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`,
  );
  const out: string[][] = [];
  for (const r of relations) {
    const lines: string[] = [];
    const kind = RELKIND[r.kind] ?? r.kind;
    const rls =
      r.kind === 'S'
        ? ''
        : `  (row-level security: ${r.rls ? (r.force_rls ? 'enabled, forced' : 'enabled, not forced') : 'off'})`;
    lines.push(`== ${kind} ${r.name}${rls}`);
    if (r.kind !== 'S') lines.push(...(await columnLines(db, r.oid)));
    if (r.view !== null) lines.push('  query:', ...block(r.view, '    '));
    lines.push(...(await constraintLines(db, r.oid)));
    lines.push(...(await indexLines(db, r.oid)));
    lines.push(...(await triggerLines(db, r.oid)));
    lines.push(...(await policyLines(db, r.oid)));
    lines.push(...grantLines(r.acl, '  '));
    lines.push(...(await columnGrantLines(db, r.oid)));
    out.push(lines);
  }
  return out;
}

async function columnLines(db: Db, oid: number): Promise<string[]> {
  // Physical order (attnum): it is what the migrations built, and the same on both databases.
  const cols = await rows<{
    name: string;
    type: string;
    notnull: boolean;
    def: string | null;
    identity: string;
    generated: string;
  }>(
    db,
    sql`SELECT quote_ident(a.attname) AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
               pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated
          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = ${oid} AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
  );
  return cols.map((c) => {
    let line = `  column ${c.name} ${c.type}${c.notnull ? ' not null' : ''}`;
    if (c.identity) line += ` generated ${c.identity === 'a' ? 'always' : 'by default'} as identity`;
    if (c.generated) line += ` generated always as (${c.def}) ${c.generated === 's' ? 'stored' : 'virtual'}`;
    else if (c.def !== null) line += ` default ${c.def}`;
    return line;
  });
}

async function constraintLines(db: Db, oid: number): Promise<string[]> {
  // PostgreSQL 18 also records NOT NULL as constraints (contype 'n'); 15 does
  // not. Nullability is on each column line, so those rows are left out.
  const cons = await rows<{ name: string; def: string }>(
    db,
    sql`SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = ${oid} AND contype <> 'n' ORDER BY conname COLLATE "C"`,
  );
  return cons.map((c) => `  constraint ${c.name} ${c.def}`);
}

async function indexLines(db: Db, oid: number): Promise<string[]> {
  const idx = await rows<{ def: string }>(
    db,
    sql`SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE i.indrelid = ${oid} ORDER BY c.relname COLLATE "C"`,
  );
  return idx.map((i) => `  index ${i.def}`);
}

async function triggerLines(db: Db, oid: number): Promise<string[]> {
  const trg = await rows<{ def: string; enabled: string }>(
    db,
    sql`SELECT pg_get_triggerdef(oid) AS def, tgenabled AS enabled FROM pg_trigger
         WHERE tgrelid = ${oid} AND NOT tgisinternal ORDER BY tgname COLLATE "C"`,
  );
  return trg.map((t) => `  trigger ${t.def}${t.enabled === 'D' ? ' (disabled)' : ''}`);
}

async function policyLines(db: Db, oid: number): Promise<string[]> {
  const pol = await rows<{
    name: string;
    cmd: string;
    permissive: boolean;
    roles: string[];
    qual: string | null;
    check: string | null;
  }>(
    db,
    sql`SELECT quote_ident(p.polname) AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
               ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r) AS roles,
               pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
          FROM pg_policy p WHERE p.polrelid = ${oid} ORDER BY p.polname COLLATE "C"`,
  );
  const cmd: Record<string, string> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };
  const out: string[] = [];
  for (const p of pol) {
    out.push(
      `  policy ${p.name} ${p.permissive ? 'permissive' : 'restrictive'} for ${cmd[p.cmd] ?? p.cmd} to ${p.roles.sort(compare).join(', ')}`,
    );
    if (p.qual !== null) out.push(`    using ${p.qual}`);
    if (p.check !== null) out.push(`    with check ${p.check}`);
  }
  return out;
}

async function columnGrantLines(db: Db, oid: number): Promise<string[]> {
  const cols = await rows<{ name: string; acl: Acl[] }>(
    db,
    sql`SELECT quote_ident(a.attname) AS name,
               ${aclSql('a.attacl', 'r', '(SELECT relowner FROM pg_class WHERE oid = a.attrelid)')} AS acl
          FROM pg_attribute a
         WHERE a.attrelid = ${oid} AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
         ORDER BY a.attname COLLATE "C"`,
  );
  return cols.flatMap((c) => grantLines(c.acl, '  ', ` (column ${c.name})`));
}

async function functionsSection(db: Db): Promise<string[][]> {
  const fns = await rows<{ sig: string; kind: string; secdef: boolean; def: string | null; acl: Acl[] }>(
    db,
    sql`SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS sig,
               p.prokind AS kind, p.prosecdef AS secdef,
               CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END AS def,
               ${aclSql('p.proacl', 'f', 'p.proowner')} AS acl
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname NOT IN (${sql.join(SYSTEM_SCHEMAS)})
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  );
  fns.sort((a, b) => compare(a.sig, b.sig));
  const kinds: Record<string, string> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window function' };
  return fns.map((f) => [
    `== ${kinds[f.kind] ?? f.kind} ${f.sig}  (security ${f.secdef ? 'definer' : 'invoker'})`,
    ...grantLines(f.acl, '  '),
    ...(f.def === null ? [] : block(f.def, '  ')),
  ]);
}

/** ALTER DEFAULT PRIVILEGES: what future objects will grant, printed only when a migration set some. */
async function defaultPrivilegesSection(db: Db): Promise<string[]> {
  const defs = await rows<{ role: string; schema: string | null; objtype: string; acl: Acl[] }>(
    db,
    sql`SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS objtype,
               (SELECT json_agg(json_build_object(
                         'grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
                         'privilege', a.privilege_type, 'grantable', a.is_grantable))
                  FROM aclexplode(d.defaclacl) a WHERE a.privilege_type <> 'MAINTAIN') AS acl
          FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`,
  );
  defs.sort((a, b) => compare(a.schema ?? '', b.schema ?? '') || compare(a.objtype, b.objtype));
  if (!defs.length) return [];
  const objtypes: Record<string, string> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' };
  return [
    '== default privileges',
    ...defs.flatMap((d) => [
      `default privileges on ${objtypes[d.objtype] ?? d.objtype} in ${d.schema ?? 'all schemas'}`,
      ...grantLines(d.acl ?? [], '  '),
    ]),
  ];
}
