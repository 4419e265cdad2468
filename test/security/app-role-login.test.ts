/**
 * The production set-up of docs/security.md, section 9, on real PostgreSQL:
 * a non-superuser owner role applies the migrations (`schutznetz migrate`),
 * and the application logs in as `schutznetz_app` itself — not owner, no
 * superuser, no BYPASSRLS — with MIGRATE_ON_START=false. Everything a
 * deployment does must then work with the app role's grants alone: the
 * start-up check, the public finder, a staff sign-in, a centre's write, the
 * review that publishes it, mail into the outbox. PGlite always connects as
 * a superuser, so there is nothing to show there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { runCli } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/types.ts';
import { lastMailTo } from '../../src/features/account/test-support.ts';
import {
  allDrafts,
  demoCentre,
  entryBody,
  post,
  publishedEntry,
  signedIn,
} from '../../src/features/centre-entry/testing.ts';
import { DemoContentNeedsOwnerError, seedDemoIfWanted } from '../../src/features/demo/seed.ts';
import { loadConfig } from '../../src/platform/config/index.ts';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';
import {
  assertMigrated,
  MIGRATIONS_DIR,
  migrateOrCheck,
  PendingMigrationsError,
} from '../../src/platform/db/migrate.ts';
import { APP_ROLE, withScope } from '../../src/platform/db/tenant.ts';
import { jobRunnerFor, TEST_KEYS } from '../support/app.ts';
import { onPostgres } from '../support/db.ts';

/**
 * The roles that own the functions allowed to read with their owner's rights
 * (ADR 021, ADR 034): the operator creates them like the app role.
 */
const READERS = ['schutznetz_session_reader', 'schutznetz_statistics_reader'];

const url = (role: string, database: string) => {
  const u = new URL(process.env.DATABASE_URL!);
  u.username = role;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
};

async function cli(env: Record<string, string>, ...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { ...TEST_KEYS, LOG_LEVEL: 'silent', ...env },
    cwd: process.cwd(),
  };
  return { code: await runCli(argv, io), out, err };
}

describe.runIf(onPostgres)('the application logged in as schutznetz_app (PostgreSQL)', () => {
  const hex = randomBytes(5).toString('hex');
  // Named like test/support/db.ts's clones, so the run's teardown drops it even after a crash.
  const dbName = `schutznetz_t_${onPostgres ? inject('pgTemplate').split('_').pop() : ''}_login${hex}`;
  const owner = `schutznetz_owner_t${hex}`;
  let admin: pg.Client;
  let ownerDb: Database;
  let database: Database;
  let app: App;
  const appEnv = () => ({ DATABASE_URL: url(APP_ROLE, dbName), MIGRATE_ON_START: 'false' });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    // What the operator does once as a superuser (docs/security.md, section 9).
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF; END $$`);
    for (const reader of READERS)
      await admin.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader}') THEN
          CREATE ROLE ${reader} NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF; END $$`);
    await admin.query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS`);
    await admin.query(`CREATE DATABASE ${dbName} OWNER ${owner}`);
    await admin.query(`GRANT ${APP_ROLE} TO ${owner} WITH ADMIN OPTION`);
    for (const reader of READERS) await admin.query(`GRANT ${reader} TO ${owner} WITH ADMIN OPTION`);
    await admin.query(`ALTER ROLE ${APP_ROLE} LOGIN`);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await ownerDb?.close();
    // pg's pool.end() resolves before the server has seen every Terminate; a forced drop
    // would then kill a closing connection, whose error nobody listens to any more.
    for (let i = 0; i < 50; i++) {
      const left = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [dbName]);
      if (left.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    // The owner was granted the cluster's shared roles; dropping it drops those grants.
    await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.end();
  });

  it('`schutznetz migrate` as the owner applies every migration and loads the demo content', async () => {
    const res = await cli({ DATABASE_URL: url(owner, dbName), DEMO_CONTENT: 'true' }, 'migrate');
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(res.out).toBe(`${files.map((f) => `applied ${f}\n`).join('')}Demo content loaded.\n`);
    expect((await cli({ DATABASE_URL: url(owner, dbName) }, 'migrate')).out).toContain('no migration was pending');
    ownerDb = await openDatabase({ kind: 'postgres', url: url(owner, dbName), poolSize: 2 });
  });

  it('`schutznetz migrate` logged in as the app role is refused with a message naming the owner', async () => {
    const res = await cli(appEnv(), 'migrate');
    expect(res.code).toBe(1);
    expect(res.err).toContain('needs the owner role');
    expect(res.err).toContain('MIGRATE_ON_START=false');
  });

  it('starts as the app role: the pending check passes, demo seeding is not attempted, and DEMO_CONTENT=true is refused clearly', async () => {
    const config = loadConfig({
      ...TEST_KEYS,
      ...appEnv(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEARCH_INDEX_TTL_MS: '0',
    });
    expect(config.migrateOnStart).toBe(false);
    database = await openDatabase(config.database);
    const who = await sql<{ user: string; super: boolean; bypass: boolean }>`
      SELECT current_user AS user, rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`.execute(
      database.db,
    );
    expect(who.rows).toEqual([{ user: APP_ROLE, super: false, bypass: false }]);
    const can = await sql<{ create: boolean; owns: number }>`
      SELECT has_schema_privilege('public', 'CREATE') AS create,
             (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owns`.execute(
      database.db,
    );
    expect(can.rows).toEqual([{ create: false, owns: 0 }]);

    // main.ts's sequence: check (not migrate), seed where wanted, build.
    await migrateOrCheck(database.db, config.migrateOnStart);
    expect(await seedDemoIfWanted(database, config.demoContent)).toBe(false);
    await expect(seedDemoIfWanted(database, 'always')).rejects.toBeInstanceOf(DemoContentNeedsOwnerError);
    app = await buildApp({ config, database });
    await app.ready();
    expect(app.platform.isDemo()).toBe(true);
  });

  it('sees no account before a session, looks sessions up through auth_session only, and cannot become its role', async () => {
    const hashes = await withScope(database.db, { kind: 'auth' }, (trx) =>
      sql<{ password_hash: string | null }>`SELECT password_hash FROM app_user`.execute(trx),
    );
    expect(hashes.rows).toEqual([]);
    const lookup = await withScope(database.db, { kind: 'auth' }, (trx) =>
      sql`SELECT * FROM auth_session(${'0'.repeat(64)})`.execute(trx),
    );
    expect(lookup.rows).toEqual([]);
    await expect(
      database.db.transaction().execute((trx) => sql`SET LOCAL ROLE schutznetz_session_reader`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it('counts case records only through case_statistics, in the network scopes, and cannot become its role', async () => {
    // The demo content holds closed, released years: the office sees their counts, never a record.
    const year = new Date().getUTCFullYear() - 1;
    const rows = await withScope(database.db, { kind: 'coordination' }, async (trx) => ({
      records: (await sql`SELECT id FROM case_record`.execute(trx)).rows,
      kept: (await sql`SELECT * FROM case_statistics_cell`.execute(trx)).rows,
      cells: (await sql<{ n: number | null }>`SELECT * FROM case_statistics(${year})`.execute(trx)).rows,
    }));
    expect(rows.records).toEqual([]);
    // Nor one centre's kept counts, where a cell may hold a single person.
    expect(rows.kept).toEqual([]);
    expect(rows.cells.length).toBeGreaterThan(0);
    expect(rows.cells.every((c) => c.n === null || c.n >= 5)).toBe(true);
    const asCentre = await withScope(database.db, { kind: 'centre', centreId: demoCentre('stuttgart').id }, (trx) =>
      sql`SELECT * FROM case_statistics(${year})`.execute(trx),
    );
    expect(asCentre.rows).toEqual([]);
    await expect(
      database.db.transaction().execute((trx) => sql`SET LOCAL ROLE schutznetz_statistics_reader`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it('serves the public finder and the open-data API', async () => {
    const stuttgart = demoCentre('stuttgart');
    const res = await app.inject({ url: '/de/search?q=70173' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/de/centres/${stuttgart.serviceId}`);
    expect((await app.inject({ url: `/de/centres/${stuttgart.serviceId}` })).statusCode).toBe(200);
    const api = await app.inject({ url: '/api/hsds/services' });
    expect(api.statusCode).toBe(200);
    expect(api.json().total_items).toBeGreaterThan(0);
  });

  it('serves the publications library: search inside the PDFs (trigram and unaccent from the owner’s migration), pages and files', async () => {
    const res = await app.inject({ url: '/de/publications?q=Menschenhandel' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/de/publications/dossier-gefluechtete-frauen-und-minderjaehrige');
    const members = await app.inject({ url: '/de/publications/arbeitshilfe-kooperation-jugendamt' });
    expect(members.statusCode).toBe(404);
    const page = await app.inject({ url: '/de/publications/dossier-gefluechtete-frauen-und-minderjaehrige' });
    const file = /href="(\/de\/publications\/files\/[0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(file).toBeDefined();
    expect((await app.inject({ url: file! })).headers['content-type']).toBe('application/pdf');
  });

  it('signs staff in, takes a centre’s proposal, publishes it on review, and sends mail through the outbox', async () => {
    const centre = demoCentre('stuttgart');
    const lead = await signedIn(app, 'centre_lead', centre.id);
    const published = await publishedEntry(app, centre.serviceId);
    const proposal = await post(
      app,
      lead,
      '/de/staff/entry/edit',
      entryBody(published, (f) => (f.description = 'Als schutznetz_app gespeichert.')),
    );
    expect(proposal.statusCode).toBe(303);
    const [draft] = (await allDrafts(app)).filter((d) => d.centre_id === centre.id && d.status === 'pending');
    expect(draft).toBeDefined();

    const coordination = await signedIn(app, 'coordination');
    expect((await post(app, coordination, `/de/staff/review/${draft!.id}/accept`)).statusCode).toBe(303);
    expect((await app.inject({ url: `/de/centres/${centre.serviceId}` })).body).toContain(
      'Als schutznetz_app gespeichert.',
    );

    // A centre lead's invitation writes the outbox in the centre scope; the admin scope (administrators) reads it.
    const email = `beratung-${hex}@example.org`;
    const invite = await post(app, lead, '/de/staff/users/invite', { email, role: 'counsellor' });
    expect(invite.statusCode).toBe(303);
    const mail = await lastMailTo(app, email);
    expect(mail?.body).toMatch(/\/staff\/invitation\/[A-Za-z0-9_-]{43}/);
    const accept = await app.inject({
      url: new URL(/https?:\/\/\S+\/staff\/invitation\/\S+/.exec(mail!.body)![0]).pathname,
    });
    expect(accept.statusCode).toBe(200);

    // The operator's other commands follow the same switch: with it off they check and run.
    const verify = await cli(appEnv(), 'audit', 'verify');
    expect(verify.err).toContain('All 2 chains intact.');
    expect(verify.code).toBe(0);
    // The directory import writes in the import scope (ADR 021), which the app role may enter.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-dir-'));
    try {
      const file = path.join(dir, 'directory.csv');
      expect((await cli(appEnv(), 'directory', 'export', '--out', file)).code).toBe(0);
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace('Als schutznetz_app gespeichert.', 'Neu importiert.'),
      );
      const imported = await cli(appEnv(), 'directory', 'import', file);
      expect(imported.err).toBe('');
      expect(imported.out).toMatch(/1 changed/);
      expect(imported.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the scheduled jobs with the app role’s grants alone, in the server and in `schutznetz jobs`', async () => {
    const jobs = jobRunnerFor(app, app.clock);
    expect((await jobs.runDue()).map((r) => [r.name, r.outcome])).toEqual([
      ['auth.purge-expired-sessions', 'ok'],
      ['contact.purge', 'ok'],
      ['recommendations.assessments-due', 'ok'],
      ['referrals.auto-close', 'ok'],
      ['referrals.delete', 'ok'],
      ['referrals.remind', 'ok'],
      ['reporting-years.remind', 'ok'],
      ['reporting-years.retention', 'ok'],
      ['retention.purge', 'ok'],
    ]);
    await jobs.stop();
    const run = await cli(appEnv(), 'jobs', 'run', 'auth.purge-expired-sessions');
    expect(run.out).toMatch(/^auth\.purge-expired-sessions: ok in \d+ ms \(deleted \d+\)$/m);
    expect(run.code).toBe(0);
    expect((await cli(appEnv(), 'jobs', 'list')).out).toMatch(/^auth\.purge-expired-sessions .* ok$/m);
    // The retention purge deletes with the app role's grants and its own scope: an outbox mail
    // written eight days ago goes, the invitation mail of a moment ago stays.
    const old = randomUUID();
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx
        .insertInto('outbox_mail')
        .values({
          id: old,
          recipient: 'old@example.org',
          subject: 'Link',
          body_text: 'an expired link',
          created_at: new Date(Date.now() - 8 * 24 * 3_600_000),
        })
        .execute(),
    );
    const outbox = () =>
      withScope(database.db, { kind: 'admin' }, (trx) => trx.selectFrom('outbox_mail').select('id').execute());
    const before = (await outbox()).length;
    const purge = await cli(appEnv(), 'jobs', 'run', 'retention.purge');
    expect(purge.out).toMatch(/^retention\.purge: ok in \d+ ms \(throttle \d+, outbox 1, invitations 0, /m);
    expect(purge.code).toBe(0);
    expect((await outbox()).map((r) => r.id)).not.toContain(old);
    expect((await outbox()).length).toBe(before - 1);
    // Forgetting a job's record stays the owner's.
    await expect(sql`DELETE FROM scheduled_job`.execute(database.db)).rejects.toThrow(/permission denied/);
  });

  it('refuses to start when a migration is missing, naming it and the command to run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
    try {
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      fs.writeFileSync(path.join(dir, '9999_next_release.sql'), 'CREATE TABLE next_release (x int);');
      const err = await migrateOrCheck(database.db, false, dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PendingMigrationsError);
      expect((err as PendingMigrationsError).pending).toEqual(['9999_next_release.sql']);
      expect((err as Error).message).toMatch(
        /9999_next_release\.sql .*has not been applied.*MIGRATE_ON_START=false.*schutznetz migrate/s,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // A database the operator has not migrated to this version (its record of the newest migration is gone).
    const newest = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .at(-1)!;
    await ownerDb.db.deleteFrom('schema_migration').where('name', '=', newest).execute();
    const started = await cli(appEnv(), 'users', 'list');
    expect(started.code).toBe(1);
    expect(started.err).toContain(`migration ${newest} of this version has not been applied`);
    expect(started.err).toContain('schutznetz migrate');

    // Older than 0008: the app role may not even read the bookkeeping.
    await sql`REVOKE SELECT ON schema_migration FROM schutznetz_app`.execute(ownerDb.db);
    const unreadable = await assertMigrated(database.db).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(PendingMigrationsError);
    expect((unreadable as PendingMigrationsError).unreadable).toBe(true);
    expect((unreadable as Error).message).toContain('0008_app_login.sql');
  });
});
