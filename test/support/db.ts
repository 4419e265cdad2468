/**
 * A fresh database per test file (or per test), on whichever back end the
 * run uses: PGlite from the snapshot, or a PostgreSQL clone of the template.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';

export const onPostgres = Boolean(process.env.DATABASE_URL);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The global setup of the `database` projects provides one of these. In any
 * other project a test file reached this module in a way the import graph
 * did not see (test/support/test-sets.ts), so it would run on one database
 * only: refuse instead of quietly testing half.
 */
function requireDatabaseProject(): void {
  if (inject('snapshotPath') === undefined && inject('pgTemplate') === undefined)
    throw new Error(
      `${expect.getState().testPath ?? 'This test file'} opens the test database but runs in a project without one. ` +
        'Import testDatabase()/testApp() (or a helper that does) with a static import, so that ' +
        'test/support/test-sets.ts puts the file in the `database` project, which runs on both databases.',
    );
}

/** Open a new, isolated database holding the schema and the demo directory. */
export async function testDatabase(): Promise<Database> {
  requireDatabaseProject();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `schutznetz_t_${inject('pgTemplate').split('_').pop()}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        try {
          // pg's pool.end() resolves before the server has seen every Terminate; a
          // forced drop would kill a closing connection whose error nobody hears.
          for (let i = 0; i < 100; i++) {
            const left = await a.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
              [name],
            );
            if (left.rows[0]!.n === 0) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const snapshot = new Blob([fs.readFileSync(inject('snapshotPath'))]);
  return openDatabase({ kind: 'pglite-snapshot', snapshot });
}
