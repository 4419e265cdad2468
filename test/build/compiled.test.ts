/**
 * Production runs compiled JavaScript (ADR 021): the build's output starts,
 * answers and stops cleanly without the TypeScript loader, the `schutznetz`
 * command runs from it, and no loader or bundler is a production dependency.
 * The build itself runs here when the sources changed since the last one
 * (as `npm start` would), so this also fails when the code stops compiling.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingFreshSnapshot } from '../../src/platform/db/fresh-snapshot.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { migrate, readMigrations } from '../../src/platform/db/migrate.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const LOADERS_AND_BUNDLERS =
  /^(tsx|ts-node|esbuild|@esbuild\/.*|typescript|vite|rollup|webpack|@swc\/.*|@babel\/core)$/;

let tmp: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-compiled-'));
}, 320_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function compiledFiles(dir = DIST): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return compiledFiles(full);
    return e.name.endsWith('.js') ? [full] : [];
  });
}

/** Environment of the parent without the variables the server reads. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'NODE_OPTIONS']) delete env[k];
  return { ...env, ...extra };
}

describe('the build', () => {
  it('emits JavaScript that imports no TypeScript file and no loader, and ships no tests', () => {
    const files = compiledFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from\s+["'][^"']+\.tsx?["']/);
      expect(text, file).not.toMatch(/["']tsx(\/[^"']*)?["']/);
      expect(path.basename(file), file).not.toMatch(/\.test\.js$/);
    }
    // The catalogues and text pages the code reads beside itself.
    expect(fs.existsSync(path.join(DIST, 'features/finder/messages/de/finder.json'))).toBe(true);
  });

  it('lists no loader or bundler among the production dependencies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).filter((d) => LOADERS_AND_BUNDLERS.test(d))).toEqual([]);
    expect(pkg.scripts.start).toMatch(/node dist\/main\.js$/);
  });

  it('starts on a fresh data folder, answers, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(DIST, 'main.js')], {
      cwd: ROOT,
      env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let status = 0;
      for (let i = 0; i < 600 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status, output).toBe(200);
      const home = await fetch(`http://127.0.0.1:${port}/de/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<html lang="de"');
      expect(output).toContain('Schutznetz is running');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('runs the schutznetz command from the compiled code', () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/schutznetz.js'), 'help'], {
      cwd: ROOT,
      env: cleanEnv({}),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout + res.stderr).toContain('Usage: schutznetz <command>');
  });
});

describe('a fresh embedded data folder', () => {
  it('starts from the build’s snapshot, with every migration already applied, and keeps its data afterwards', async () => {
    expect(matchingFreshSnapshot()).not.toBeNull();
    const dataDir = path.join(tmp, 'from-snapshot');
    const first = await openDatabase({ kind: 'pglite', dataDir, fromSnapshot: true });
    try {
      expect(await migrate(first.db)).toEqual([]);
      const applied = await first.db.selectFrom('schema_migration').select('name').orderBy('name').execute();
      expect(applied.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
      await sql`CREATE TABLE written_after_start (x int)`.execute(first.db);
    } finally {
      await first.close();
    }
    // Opened again: the existing database, not a new copy of the snapshot.
    const again = await openDatabase({ kind: 'pglite', dataDir, fromSnapshot: true });
    try {
      const table = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'written_after_start'`.execute(again.db);
      expect(table.rows[0]?.n).toBe(1);
    } finally {
      await again.close();
    }
  }, 120_000);
});
