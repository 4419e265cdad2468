/**
 * One entry point to the database for both back ends. The application only
 * ever sees a Kysely instance over the `pg` driver; whether the bytes go to a
 * PostgreSQL server or to the embedded PGlite is decided here (ADR 002).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { openEmbedded } from './embedded.ts';

export type Database = {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
};

// `date` stays a 'YYYY-MM-DD' string: a JS Date would shift it across time zones.
const DATE_OID = 1082;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string; fromSnapshot?: boolean }
  | { kind: 'pglite-snapshot'; snapshot: Blob };

/** Open a database. PGlite data folders are locked to one process. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types });
    // Surface a bad URL or a stopped server at start, not at the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const embedded = await openEmbedded(
    opts.kind === 'pglite' ? { dataDir: opts.dataDir, fromSnapshot: opts.fromSnapshot } : { snapshot: opts.snapshot },
  );
  // PGlite is a single connection. One pooled client means Kysely's
  // transactions hold it exclusively, so no query can slip into another
  // request's transaction (the kysely-pglite hazard, ADR 002).
  const pool = new pg.Pool({ ...embedded.pgConfig, max: 1, idleTimeoutMillis: 0, types });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await embedded.close();
    },
  };
}
