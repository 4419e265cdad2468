/**
 * The embedded PostgreSQL (PGlite) behind the node-postgres adapter, with a
 * lock so that a second process on the same data folder fails loudly instead
 * of corrupting it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { lockDataDir } from './data-dir-lock.ts';
import { isFreshDataDir, matchingFreshSnapshot } from './fresh-snapshot.ts';

export { DataDirLockedError } from './data-dir-lock.ts';

type Embedded = { pgConfig: object; close(): Promise<void> };

/**
 * The contrib extensions the schema uses (the publications' search: trigram
 * matching and accent folding, migrations/0033). Every PGlite instance that
 * opens a migrated database must load them, or it cannot even read the
 * indexes built with them.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

/**
 * `fromSnapshot`: when the data folder holds no database yet, load the
 * build's snapshot of the empty, migrated database (fresh-snapshot.ts) where
 * one matches; an existing database is opened as it is.
 */
export async function openEmbedded(
  opts: { dataDir: string; fromSnapshot?: boolean } | { snapshot: Blob },
): Promise<Embedded> {
  if ('snapshot' in opts) {
    const pglite = await PGlite.create({ loadDataDir: opts.snapshot, extensions: PGLITE_EXTENSIONS });
    return { pgConfig: createPgConfig(pglite), close: () => pglite.close() };
  }
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const fresh = opts.fromSnapshot && isFreshDataDir(dataDir) ? matchingFreshSnapshot() : null;
    const pglite = fresh
      ? await PGlite.create(dataDir, {
          loadDataDir: new Blob([fs.readFileSync(fresh)]),
          extensions: PGLITE_EXTENSIONS,
        })
      : await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    return {
      pgConfig: createPgConfig(pglite),
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
