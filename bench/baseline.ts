/**
 * A baseline revision beside this checkout, for comparisons in one run on
 * one machine (BENCH_BASELINE=<rev>): figures from different runs differ
 * with whatever else the machine did, ratios from one run do not.
 *
 * The revision is exported with `git archive` (no work tree of ours is
 * touched) into node_modules/.cache/schutznetz-bench/, where it gets its own
 * `npm ci`; it is kept for the next run and removed by `npm ci` here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.ts';

export type Baseline = { rev: string; sha: string; root: string };

export function prepareBaseline(rev: string, log: (msg: string) => void): Baseline {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = path.join(ROOT, 'node_modules/.cache/schutznetz-bench', `baseline-${sha.slice(0, 12)}`);
  const ready = path.join(root, '.bench-ready');
  if (fs.existsSync(ready)) return { rev, sha, root };
  log(`baseline ${rev} (${sha.slice(0, 9)}): exporting and installing its dependencies (once)`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const archive = spawnSync('sh', ['-c', `git archive ${sha} | tar -x -C "${root}"`], { cwd: ROOT, stdio: 'inherit' });
  if (archive.status !== 0) throw new Error(`could not export ${rev}`);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (install.status !== 0) throw new Error(`npm ci failed in the baseline ${rev}`);
  fs.writeFileSync(ready, `${sha}\n`);
  return { rev, sha, root };
}
