/**
 * A fresh embedded data folder starts from a snapshot of the empty, migrated
 * database instead of running PGlite's initdb and every migration (~3 s and
 * more on a slow machine; loading the snapshot takes ~0.5 s). The build
 * writes the snapshot (scripts/build.mjs → prepare-snapshot.ts); its file name
 * carries a hash of the migrations and the PGlite version, so a snapshot made
 * from other migrations or another PGlite is never used: the start then takes
 * the slow path and is just as correct. Nothing secret is in it: server keys
 * live outside the database (keys.ts), and the folder's own development keys
 * are written after the snapshot is loaded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrations } from './migrate.ts';

/** dist/pglite/ — the same folder from src/ (development) and dist/ (production). */
const SNAPSHOT_DIR = fileURLToPath(new URL('../../../dist/pglite/', import.meta.url));

function pgliteVersion(): string {
  // The package's exports do not include package.json; find it from the entry point.
  let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where the snapshot for these migrations and this PGlite is (or would be). */
export function freshSnapshotPath(): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\0`);
  for (const m of readMigrations()) hash.update(`${m.name}\0${m.checksum}\0`);
  return path.join(SNAPSHOT_DIR, `empty-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** The snapshot to start a fresh data folder from, or null when none matches (the slow, equally correct path). */
export function matchingFreshSnapshot(): string | null {
  const file = freshSnapshotPath();
  return fs.existsSync(file) ? file : null;
}

/** True when `dataDir` holds no database yet. */
export function isFreshDataDir(dataDir: string): boolean {
  return !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}
