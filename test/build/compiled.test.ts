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
  const read = ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'NODE_ENV', 'TRUST_PROXY'];
  for (const k of [...read, 'SERVER_KEYS', 'AUDIT_KEYS', 'ENCRYPTION_KEYS', 'NODE_OPTIONS']) delete env[k];
  return { ...env, ...extra };
}

/** `node <script> …` from the build in `cwd`, to its end. */
function runCompiled(args: string[], cwd: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, args[0]!), ...args.slice(1)], {
    cwd,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** `node dist/main.js` in `cwd`, once /healthz answers. */
async function startCompiled(cwd: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, 'main.js')], {
    cwd,
    env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  let status = 0;
  for (let i = 0; i < 600 && status !== 200 && child.exitCode === null; i++) {
    status = await fetch(`${base}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  if (status !== 200) {
    child.kill('SIGTERM');
    throw new Error(`the compiled server did not answer:\n${output}`);
  }
  // The start-up lines come right after listening; wait for them.
  for (let i = 0; i < 100 && !output.includes('Ready in'); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    base,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
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

  it('starts the embedded demo in a fresh folder, creates its keys and says so, answers, and stops cleanly on SIGTERM', async () => {
    const cwd = path.join(tmp, 'demo');
    fs.mkdirSync(cwd);
    const server = await startCompiled(cwd, { LOG_LEVEL: 'warn' });
    try {
      const home = await fetch(`${server.base}/de/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<html lang="de"');
      expect(server.output()).toContain('Schutznetz is running');
      expect(server.output()).toContain(`Keys: CREATED just now in ${path.join(cwd, '.data-keys')}`);
      expect(fs.readdirSync(path.join(cwd, '.data-keys', 'schutznetz-secrets')).sort()).toEqual([
        'audit.keys',
        'encryption.keys',
        'server.keys',
      ]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it('refuses to start on PostgreSQL without keys, naming `schutznetz keys init`, before connecting and writing anything', () => {
    const cwd = path.join(tmp, 'postgres');
    fs.mkdirSync(cwd);
    // Nothing listens on port 1: a start that got as far as the database would fail differently.
    const res = runCompiled(['dist/main.js'], cwd, { DATABASE_URL: 'postgres://schutznetz@127.0.0.1:1/none' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Schutznetz has no keys');
    expect(res.stderr).toContain('schutznetz keys init');
    expect(res.stderr).not.toContain('ECONNREFUSED');
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('refuses TRUST_PROXY=true at start-up and says what to set instead', () => {
    const res = runCompiled(['dist/main.js'], tmp, { TRUST_PROXY: 'true' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('TRUST_PROXY="true": trusting every proxy hop');
    expect(res.stderr).toContain('TRUST_PROXY=127.0.0.1');
  });

  it('starts on another data folder after `schutznetz keys init` created its keys, and only then', async () => {
    const cwd = path.join(tmp, 'installation');
    fs.mkdirSync(cwd);
    const env = { DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'warn' };
    const refused = runCompiled(['dist/main.js'], cwd, env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('schutznetz keys init');
    expect(fs.readdirSync(cwd)).toEqual([]);
    const init = runCompiled(['bin/schutznetz.js', 'keys', 'init'], cwd, env);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const server = await startCompiled(cwd, env);
    try {
      expect((await fetch(`${server.base}/de/`)).status).toBe(200);
      expect(server.output()).toContain(`Keys: key files in ${path.join(cwd, 'data-keys')}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
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
