/**
 * Plain SQL migrations from /migrations, applied in file-name order, each in
 * its own transaction. An applied file whose content changed is an error: a
 * migration is history and must not be rewritten.
 *
 * Applying needs the owner role. With MIGRATE_ON_START=false the application
 * (logged in as the restricted role) only checks that nothing is pending and
 * the operator applies migrations with `schutznetz migrate` as the owner.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/** Apply pending migrations; returns the names applied. Safe to run from several instances at once. */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  const applied: string[] = [];
  try {
    await applyPending(db, migrations, applied);
  } catch (err) {
    // 42501 insufficient_privilege: logged in as the application role, not the owner.
    if ((err as { code?: unknown }).code === '42501') throw new MigrationPermissionError((err as Error).message);
    throw err;
  }
  return applied;
}

async function applyPending(db: Kysely<DB>, migrations: Migration[], applied: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One instance migrates at a time; the others wait and then find nothing to do.
    await sql`SELECT pg_advisory_xact_lock(715002)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
    const done = new Map(
      (await trx.selectFrom('schema_migration').select(['name', 'checksum']).execute()).map((r) => [
        r.name,
        r.checksum,
      ]),
    );
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied.`);
        continue;
      }
      await sql.raw(m.sql).execute(trx);
      await trx.insertInto('schema_migration').values({ name: m.name, checksum: m.checksum }).execute();
      applied.push(m.name);
    }
  });
}

/** Migrating with a role that may not change the schema; the message says which role to use. */
export class MigrationPermissionError extends Error {
  constructor(detail: string) {
    super(
      `Applying migrations needs the owner role (the role that owns the tables), but DATABASE_URL logs in as a role that ` +
        `may not change the schema (${detail}). Apply them with \`schutznetz migrate\` and the owner's DATABASE_URL; ` +
        'an application that logs in as schutznetz_app starts with MIGRATE_ON_START=false.',
    );
    this.name = 'MigrationPermissionError';
  }
}

/** What start-up found missing; the message says what the operator has to do. */
export class PendingMigrationsError extends Error {
  constructor(
    /** Migrations not applied yet; empty when `unreadable`. */
    public readonly pending: string[],
    /** Applied migrations whose file differs from the recorded checksum. */
    public readonly changed: string[],
    /** The role may not read the bookkeeping table: the migration granting it is missing. */
    public readonly unreadable = false,
  ) {
    super(pendingMessage(pending, changed, unreadable));
    this.name = 'PendingMigrationsError';
  }
}

function pendingMessage(pending: string[], changed: string[], unreadable: boolean): string {
  // An edited migration is not fixed by migrating: the files and the database's history disagree.
  if (changed.length && !pending.length) {
    return (
      `The database does not match this version: ${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} changed after being applied. ` +
      'Migrations are history and are never edited; deploy the files the database was migrated with.'
    );
  }
  const what = unreadable
    ? `this role may not read the migration bookkeeping (schema_migration), so at least the migration that allows it (${READABLE_FROM}) is missing`
    : `${pending.length === 1 ? 'migration' : 'migrations'} ${pending.join(', ')} of this version ${pending.length === 1 ? 'has' : 'have'} not been applied` +
      (changed.length ? ` (and ${changed.join(', ')} changed after being applied)` : '');
  return (
    `The database is not up to date: ${what}. With MIGRATE_ON_START=false Schutznetz does not apply migrations itself. ` +
    'Run `schutznetz migrate` (or `npm run cli -- migrate`) — on PostgreSQL with a DATABASE_URL that logs in as the owner role — then start again.'
  );
}

/** The first migration after which the application role can read schema_migration. */
const READABLE_FROM = '0008_app_login.sql';

/**
 * Compare the migration files with what the database recorded, without
 * changing anything and without needing the owner: the application role may
 * read schema_migration (0008). Throws PendingMigrationsError when a file is
 * not applied or an applied one was changed.
 */
export async function assertMigrated(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<void> {
  const migrations = readMigrations(dir);
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(db);
  let done = new Map<string, string>();
  if (exists.rows[0]?.t) {
    try {
      done = new Map(
        (await db.selectFrom('schema_migration').select(['name', 'checksum']).execute()).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
    } catch (err) {
      if ((err as { code?: unknown }).code === '42501') throw new PendingMigrationsError([], [], true);
      throw err;
    }
  }
  const pending = migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
  const changed = migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name);
  if (pending.length || changed.length) throw new PendingMigrationsError(pending, changed);
}

/** Start-up (server and CLI): apply pending migrations, or with `migrateOnStart` off only check. */
export async function migrateOrCheck(db: Kysely<DB>, migrateOnStart: boolean, dir = MIGRATIONS_DIR): Promise<void> {
  if (migrateOnStart) await migrate(db, dir);
  else await assertMigrated(db, dir);
}
