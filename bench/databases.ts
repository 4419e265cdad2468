/**
 * Databases for the benchmark: a fresh PGlite data folder in a temp dir and a
 * fresh PostgreSQL database per run (`schutznetz_bench_<pid>…`), both holding
 * the migrated schema and the synthetic directory, written with the same
 * writeEntries the import uses, in one transaction.
 */
import pg from 'pg';
import type { DirectoryEntry } from '../src/features/directory/entry.ts';
import { writeEntries } from '../src/features/directory/queries.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';

export const DEFAULT_ADMIN_URL = 'postgres://root@127.0.0.1:5432/postgres';

/** The admin connection URL with another database name. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Names created by this run, so the end (or a crash handler) drops them all. */
const created = new Set<string>();

/** Is PostgreSQL reachable with `adminUrl`? Resolves to an error message or null. */
export async function postgresProblem(adminUrl: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Create an empty database `name` (dropping a leftover of the same name) and return its URL. */
export async function createPgDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  created.add(name);
  return databaseUrl(adminUrl, name);
}

/** Drop every database this run created. */
export async function dropCreatedDatabases(adminUrl: string): Promise<void> {
  if (created.size === 0) return;
  await admin(adminUrl, async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  created.clear();
}

export type SeedTiming = { migrateMs: number; writeMs: number };

/** Migrate and write `entries` in one transaction, then close. */
export async function seed(
  target: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string },
  entries: DirectoryEntry[],
): Promise<SeedTiming> {
  const database = await openDatabase(target);
  try {
    let t = performance.now();
    await migrate(database.db);
    const migrateMs = performance.now() - t;
    t = performance.now();
    await database.db.transaction().execute((trx) => writeEntries(trx, entries));
    return { migrateMs, writeMs: performance.now() - t };
  } finally {
    await database.close();
  }
}
