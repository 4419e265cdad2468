import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './index.ts';
import { DataDirLockedError } from './embedded.ts';
import { migrate, readMigrations } from './migrate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('embedded data folder', () => {
  it('refuses a second process on the same folder with a clear error, and frees it on close', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(
      /in use by another Schutznetz process/,
    );
    // The first handle still works after the refused attempt.
    expect(await migrate(first.db)).toEqual(readMigrations().map((m) => m.name));
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    // Persisted: migrations are not applied twice.
    expect(await migrate(again.db)).toEqual([]);
    await again.close();
  }, 60_000);
});

describe('stale locks', () => {
  it('takes over the lock of a process that is gone, but not of a living one', async () => {
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-stale-'));
    const data = path.join(folder, 'data');
    const writeOwner = (pid: number) => {
      fs.mkdirSync(`${data}.lock`, { recursive: true });
      fs.writeFileSync(
        path.join(`${data}.lock`, 'owner.json'),
        JSON.stringify({ pid, host: os.hostname(), since: 'then' }),
      );
    };
    writeOwner(process.ppid);
    await expect(openDatabase({ kind: 'pglite', dataDir: data })).rejects.toThrow(new RegExp(`pid ${process.ppid}`));
    fs.rmSync(`${data}.lock`, { recursive: true });
    writeOwner(Number(dead));
    const db = await openDatabase({ kind: 'pglite', dataDir: data });
    await db.close();
    expect(fs.existsSync(`${data}.lock`)).toBe(false);
    fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});
