#!/usr/bin/env node
// The `schutznetz` command: runs the compiled CLI (dist/, made by `npm run
// build` or npm's prepare step) in this process, so exit codes and signals
// need no relaying.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Schutznetz has not been built yet: run `npm run build` first.\n');
  process.exit(1);
}
const { runFromProcess } = await import(entry.href);
await runFromProcess();
