import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from './index.ts';
import {
  assertMigrated,
  migrate,
  migrateOrCheck,
  MIGRATIONS_DIR,
  PendingMigrationsError,
  readMigrations,
} from './migrate.ts';
import { APP_ROLE } from './tenant.ts';

let database: Database;
beforeEach(async () => {
  database = await testDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('migrate', () => {
  it('applies nothing twice', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });

  it('refuses an applied migration whose file was changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, '0001_directory.sql'), '\n-- edited\n');
    await expect(migrate(database.db, dir)).rejects.toThrow(/0001_directory.sql was changed/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies a new migration and rolls back entirely when it fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, '9998_ok.sql'), 'CREATE TABLE t_ok (x int);');
    fs.writeFileSync(path.join(dir, '9999_broken.sql'), 'CREATE TABLE t_broken (x int); SELECT no_such_function();');
    await expect(migrate(database.db, dir)).rejects.toThrow();
    const tables = await database.db.selectFrom('schema_migration').select('name').execute();
    expect(tables.map((t) => t.name)).not.toContain('9998_ok.sql');
    fs.rmSync(path.join(dir, '9999_broken.sql'));
    expect(await migrate(database.db, dir)).toEqual(['9998_ok.sql']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/** A copy of the migrations folder, changed by `edit`. */
function migrationsCopy(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  edit(dir);
  return dir;
}

async function refusal(p: Promise<unknown>): Promise<PendingMigrationsError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PendingMigrationsError);
  return err as PendingMigrationsError;
}

describe('MIGRATE_ON_START=false: check only', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('passes on an up-to-date database, also as the application role', async () => {
    await migrateOrCheck(database.db, false);
    await database.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
      await assertMigrated(trx);
    });
  });

  it('refuses a pending migration without applying it, naming it and the command; with the switch on it is applied', async () => {
    const dir = migrationsCopy((d) => fs.writeFileSync(path.join(d, '9999_next.sql'), 'CREATE TABLE t_next (x int);'));
    dirs.push(dir);
    const err = await refusal(migrateOrCheck(database.db, false, dir));
    expect(err.pending).toEqual(['9999_next.sql']);
    expect(err.message).toBe(
      'The database is not up to date: migration 9999_next.sql of this version has not been applied. ' +
        'With MIGRATE_ON_START=false Schutznetz does not apply migrations itself. Run `schutznetz migrate` (or `npm run cli -- migrate`) ' +
        '— on PostgreSQL with a DATABASE_URL that logs in as the owner role — then start again.',
    );
    expect(err.message).not.toContain('\n');
    const table = await sql<{ t: string | null }>`SELECT to_regclass('t_next')::text AS t`.execute(database.db);
    expect(table.rows[0]!.t).toBeNull();
    await migrateOrCheck(database.db, true, dir);
    await assertMigrated(database.db, dir);
  });

  it('lists every migration on a database that was never migrated', async () => {
    await sql`DROP TABLE schema_migration`.execute(database.db);
    const err = await refusal(assertMigrated(database.db));
    expect(err.pending).toEqual(readMigrations().map((m) => m.name));
    expect(err.message).toMatch(
      /^The database is not up to date: migrations 0001_directory\.sql, .* have not been applied\./,
    );
  });

  it('says so when an applied migration was edited (migrating would not help)', async () => {
    const dir = migrationsCopy((d) => fs.appendFileSync(path.join(d, '0002_taxonomies.sql'), '\n-- edited\n'));
    dirs.push(dir);
    const err = await refusal(assertMigrated(database.db, dir));
    expect(err).toMatchObject({ pending: [], changed: ['0002_taxonomies.sql'] });
    expect(err.message).toContain('0002_taxonomies.sql was changed after being applied');
    expect(err.message).not.toContain('schutznetz migrate');
  });

  it('refuses when the application role may not read the bookkeeping (a database from before 0008)', async () => {
    const err = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`REVOKE SELECT ON schema_migration FROM schutznetz_app`.execute(trx);
        await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
        await assertMigrated(trx);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(PendingMigrationsError);
    expect((err as PendingMigrationsError).unreadable).toBe(true);
    expect((err as Error).message).toContain('at least the migration that allows it (0008_app_login.sql) is missing');
  });
});
