/**
 * The embedded PostgreSQL (PGlite) behind the node-postgres adapter, with a
 * lock so that a second process on the same data folder fails loudly instead
 * of corrupting it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another Schutznetz process. ` +
        'Stop that process first (or set DATA_DIR to another folder). ' +
        'If no other process runs, the lock of a crashed one expires within 30 seconds.',
    );
    this.name = 'DataDirLockedError';
  }
}

type Embedded = { pgConfig: object; close(): Promise<void> };

export async function openEmbedded(opts: { dataDir: string } | { snapshot: Blob }): Promise<Embedded> {
  if ('snapshot' in opts) {
    const pglite = await PGlite.create({ loadDataDir: opts.snapshot });
    return { pgConfig: createPgConfig(pglite), close: () => pglite.close() };
  }
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { stale: 30_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw err;
  }
  try {
    const pglite = await PGlite.create(dataDir);
    return {
      pgConfig: createPgConfig(pglite),
      close: async () => {
        await pglite.close();
        await release();
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}
