/**
 * Files below a folder and a hash of their contents, for deciding whether
 * something built from them is stale: the production build (build.mjs) and
 * the test database snapshot (test/support/global-setup.ts). Contents, not
 * timestamps: a checkout changes timestamps but not contents. Plain
 * JavaScript because the build runs it before anything is compiled.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file below `rel` (or `rel` itself), relative to `root`, in a stable order; nothing when it is missing. */
export function filesBelow(root, rel) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesBelow(root, path.join(rel, name)));
}

/** SHA-256 over the names and contents of the files below `inputs`, leaving out names `skip` matches. */
export function contentHash(root, inputs, skip) {
  const hash = createHash('sha256');
  for (const f of inputs.flatMap((rel) => filesBelow(root, rel))) {
    if (skip?.test(f)) continue;
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(root, f)))
      .update('\0');
  }
  return hash;
}
