#!/usr/bin/env node
/**
 * The production build (ADR 021): compile src/ to dist/ with tsc, copy the
 * files the code reads beside itself (message catalogues, prose pages), and
 * prepare the empty, migrated PGlite database that a fresh data folder starts
 * from.
 *
 *   node scripts/build.mjs             build now
 *   node scripts/build.mjs --if-stale  build only when src/, migrations/ or the
 *                                      lockfile differ from what dist/ was built
 *                                      from (npm's prepare, prestart and precli)
 *
 * Plain JavaScript on purpose: it must run before anything is compiled and
 * without the TypeScript loader.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { contentHash, filesBelow } from './content-hash.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
/** What dist/ is made from: a change to any of these means the build is stale. */
const INPUTS = [
  'src',
  'migrations',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.mjs',
  'scripts/content-hash.mjs',
];
const COMPILED = /\.tsx?$/;
const NOT_SHIPPED = /(\.test\.tsx?|\/test-support\.ts|\/testing\.ts)$/;

/** A content hash of the inputs (~10 ms). */
function inputsHash() {
  return contentHash(ROOT, INPUTS, NOT_SHIPPED).digest('hex');
}

function hasTypeScript() {
  return fs.existsSync(path.join(ROOT, 'node_modules/typescript/bin/tsc'));
}

function copyAssets() {
  for (const f of filesBelow(ROOT, 'src')) {
    if (COMPILED.test(f)) continue;
    const target = path.join(DIST, path.relative('src', f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), target);
  }
}

/** Outputs whose source was deleted or renamed since the last build. */
function removeOrphans() {
  for (const f of filesBelow(ROOT, 'dist')) {
    const rel = path.relative('dist', f);
    if (rel.startsWith('.') || rel.startsWith('pglite' + path.sep)) continue;
    const source = rel.replace(/\.js(\.map)?$/, '');
    const exists =
      rel === source
        ? fs.existsSync(path.join(ROOT, 'src', rel))
        : ['.ts', '.tsx'].some((ext) => fs.existsSync(path.join(ROOT, 'src', source + ext)));
    if (!exists) fs.rmSync(path.join(ROOT, f));
  }
}

function build(hash) {
  const started = performance.now();
  // Incremental: tsc keeps its state in dist/.tsbuildinfo, so a rebuild after
  // a small change is quick; removing dist/ removes that state with it.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  copyAssets();
  removeOrphans();
  // The compiled code prepares the database snapshot, so a broken build fails here, not at the first start.
  execFileSync(process.execPath, [path.join(DIST, 'platform/db/prepare-snapshot.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  fs.writeFileSync(STAMP, `${hash}\n`);
  process.stdout.write(`Schutznetz built into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const ifStale = process.argv.includes('--if-stale');
const hash = inputsHash();
const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null;
if (ifStale && built === hash) process.exit(0);
if (!hasTypeScript()) {
  // A production install (`npm ci --omit=dev`) has no compiler: it runs the
  // dist/ that was built before pruning, as the README's production section shows.
  if (built) {
    if (built !== hash)
      process.stderr.write('Note: dist/ was built from other sources; no compiler here to rebuild it.\n');
    process.exit(0);
  }
  process.stderr.write(
    'Schutznetz has not been built and TypeScript is not installed.\n' +
      'Build with the development dependencies (npm ci && npm run build), then remove them (npm prune --omit=dev).\n',
  );
  process.exit(1);
}
if (ifStale) process.stdout.write(built ? 'Sources changed since the last build: building…\n' : 'Building…\n');
build(hash);
