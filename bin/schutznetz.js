#!/usr/bin/env node
// The `schutznetz` command: loads the TypeScript CLI through tsx (a runtime
// dependency), in this process, so exit codes and signals need no relaying.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src/cli/main.ts');
await runFromProcess();
