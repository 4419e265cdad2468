/**
 * Build step (scripts/build.mjs): write the snapshot of the empty, migrated
 * embedded database that fresh data folders start from (fresh-snapshot.ts).
 * Older snapshots are removed: only the one matching today's migrations is used.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './index.ts';
import { migrate } from './migrate.ts';
import { PGLITE_EXTENSIONS } from './embedded.ts';
import { freshSnapshotPath } from './fresh-snapshot.ts';

async function prepare(): Promise<void> {
  const target = freshSnapshotPath();
  if (fs.existsSync(target)) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-snapshot-'));
  try {
    const dataDir = path.join(work, 'data');
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(database.db);
    await database.close();
    // The node-postgres adapter does not expose dumpDataDir; open the folder directly.
    const raw = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    const blob = await raw.dumpDataDir('none');
    await raw.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (const old of fs.readdirSync(path.dirname(target)))
      fs.rmSync(path.join(path.dirname(target), old), { force: true });
    // Written aside and renamed: a start meanwhile never reads half a file.
    const partial = `${target}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await prepare();
