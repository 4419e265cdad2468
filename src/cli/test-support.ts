/** Running the command line in-process in tests, with what it prints collected. Imported by tests only. */
import { runCli } from './main.ts';
import type { CliIo } from './types.ts';

export type CliRun = { code: number; out: string; err: string };

/** `schutznetz <argv>` with `io`'s environment, folder and (optionally) database. */
export async function runCollecting(argv: string[], io: Omit<CliIo, 'out' | 'err'>): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { ...io, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
