/**
 * Builds the test database once per run: migrated schema plus demo content.
 * PGlite: a data-folder snapshot every test file loads in ~0.5 s instead of
 * initialising a fresh cluster (~3–5 s). PostgreSQL (DATABASE_URL): a
 * template database every test file clones with CREATE DATABASE … TEMPLATE.
 *
 * The PGlite snapshot is kept in node_modules/.cache under a hash of
 * everything it is built from (migrations, source, vendored data, the
 * lockfile, this file), so the browser run after `npm test`, or the next
 * `npx vitest run <file>`, loads it instead of building it again (~5–10 s).
 * Any change to those inputs builds a new one; `npm ci` starts empty.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { seedDemoIfWanted } from '../../src/features/demo/seed.ts';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../../src/platform/db/embedded.ts';
import { contentHash } from '../../scripts/content-hash.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    snapshotPath: string;
    pgTemplate: string;
  }
}

/** Projects of one run share the template (the browser config has two that need it). */
const shared = globalThis as typeof globalThis & { schutznetzTestTemplate?: Promise<void> };

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `schutznetz_tpl_${process.pid}`;
    shared.schutznetzTestTemplate ??= buildTemplate(url, template);
    await shared.schutznetzTestTemplate;
    project.provide('pgTemplate', template);
    project.provide('snapshotPath', '');
    return async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const res = await admin.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
          [`schutznetz_t_${process.pid}_%`, template],
        );
        for (const r of res.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    };
  }
  const snapshotPath = await cachedSnapshot();
  project.provide('snapshotPath', snapshotPath);
  project.provide('pgTemplate', '');
}

async function buildTemplate(url: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, template), poolSize: 2 });
  try {
    await migrate(db.db);
    await seedDemoIfWanted(db, 'always');
  } finally {
    await db.close();
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/schutznetz-test');
/** What the snapshot is built from: any change here means a new snapshot. */
const SNAPSHOT_INPUTS = ['migrations', 'src', 'data', 'package-lock.json', 'test/support/global-setup.ts'];
/** Snapshots kept for other checkouts' states (switching branches); older ones are removed. */
const KEEP_SNAPSHOTS = 12;

function snapshotKey(): string {
  // Tests beside the code do not change what the snapshot holds.
  return contentHash(ROOT, SNAPSHOT_INPUTS, /\.test\.tsx?$/)
    .update(process.version)
    .digest('hex')
    .slice(0, 16);
}

async function cachedSnapshot(): Promise<string> {
  const target = path.join(CACHE_DIR, `snapshot-${snapshotKey()}.tar`);
  if (fs.existsSync(target)) {
    const now = new Date();
    fs.utimesSync(target, now, now);
    return target;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-test-'));
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
    await migrate(database.db);
    await seedDemoIfWanted(database, 'always');
    await database.close();
    // Re-open raw to dump: the node-postgres wrapper does not expose dumpDataDir.
    const raw = await PGlite.create(path.join(dir, 'data'), { extensions: PGLITE_EXTENSIONS });
    const blob = await raw.dumpDataDir('none');
    await raw.close();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: a run starting meanwhile never reads half a file.
    const partial = `${target}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const old = fs
    .readdirSync(CACHE_DIR)
    .filter((f) => /^snapshot-[0-9a-f]+\.tar$/.test(f))
    .map((f) => ({ file: path.join(CACHE_DIR, f), used: fs.statSync(path.join(CACHE_DIR, f)).mtimeMs }))
    .sort((a, b) => b.used - a.used)
    .slice(KEEP_SNAPSHOTS);
  for (const o of old) fs.rmSync(o.file, { force: true });
  return target;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
