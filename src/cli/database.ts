/**
 * Opening the database for a CLI command the way `npm start` does (same
 * environment variables; migrations applied, or with MIGRATE_ON_START=false
 * only checked), and closing it afterwards.
 */
import { loadConfig } from '../platform/config/index.ts';
import { openDatabase, type Database } from '../platform/db/index.ts';
import { DataDirLockedError } from '../platform/db/embedded.ts';
import { migrateOrCheck } from '../platform/db/migrate.ts';
import { openServerKeys, type ServerKeys } from '../platform/security/server-keys.ts';
import type { CliIo } from './types.ts';

/** Thrown when the embedded database is in use: the message says what to do. */
export class DatabaseBusyError extends Error {
  constructor(cause: DataDirLockedError) {
    super(
      `${cause.message}\n\nThe embedded database can be opened by one process only: stop the Schutznetz server ` +
        '(npm start) while you run this command, then start it again.',
    );
    this.name = 'DatabaseBusyError';
  }
}

/**
 * Run `fn` with the configured database (or the one the test passed in).
 * `startupMigrations: false` leaves migrations to `fn` (`schutznetz migrate`).
 */
export async function withDatabase<T>(
  io: CliIo,
  fn: (database: Database) => Promise<T>,
  opts: { startupMigrations?: boolean } = {},
): Promise<T> {
  if (io.database) return fn(io.database);
  const config = loadConfig(io.env, io.cwd);
  let database: Database;
  try {
    database = await openDatabase(config.database);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new DatabaseBusyError(err);
    throw err;
  }
  try {
    if (opts.startupMigrations !== false) await migrateOrCheck(database.db, config.migrateOnStart);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/**
 * The server's key rings for a command, found as `npm start` finds them (and
 * refused the same way when there are none); says so when the embedded
 * demo's keys were created just now.
 */
export function serverKeysFor(io: CliIo): ServerKeys {
  const { keys, source } = openServerKeys(loadConfig(io.env, io.cwd));
  if (source.from === 'files' && source.created)
    io.err(`Created the embedded demo's keys in ${source.dir} (docs/security.md, section 11).\n`);
  return keys;
}
