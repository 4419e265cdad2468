/**
 * One process per PGlite data folder. Two PostgreSQL instances writing the
 * same cluster directory corrupt it, so a second `npm start` (or the CLI
 * while the server runs) must fail loudly instead.
 *
 * Why not an mtime-refreshed lock (proper-lockfile and friends): PGlite's
 * start-up runs long synchronous WebAssembly stretches, during which no
 * timer can refresh the lock; on a slow or busy machine the lock then looks
 * stale and a second process takes it over. We record the owner's pid and
 * host instead: the lock is stale only when that process is provably gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, detail: string) {
    super(
      `The data folder ${dataDir} is in use by another Schutznetz process (${detail}). ` +
        'Stop that process first, or set DATA_DIR to another folder. ' +
        `If you are sure no such process runs, delete ${lockPath(dataDir)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

type Owner = { pid: number; host: string; since: string };

const held = new Set<string>();

function lockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(dir: string): Owner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Take the lock or throw DataDirLockedError. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const dir = lockPath(dataDir);
  if (held.has(dir)) throw new DataDirLockedError(dataDir, 'this process has it open already');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(dir);
      const stale =
        owner !== undefined && owner.host === os.hostname() && owner.pid !== process.pid && !alive(owner.pid);
      // A lock without owner file is a process that died between mkdir and write, or one starting right now.
      const orphan = owner === undefined && Date.now() - fs.statSync(dir).mtimeMs > 10_000;
      if ((stale || orphan) && attempt === 0) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      throw new DataDirLockedError(
        dataDir,
        owner ? `pid ${owner.pid} on ${owner.host} since ${owner.since}` : 'starting up',
      );
    }
    const owner: Owner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
    fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify(owner));
    held.add(dir);
    return () => {
      held.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  throw new DataDirLockedError(dataDir, 'could not take the lock');
}
