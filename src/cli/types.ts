/**
 * The shape of CLI commands. A command group (directory, later users, audit)
 * is one file under commands/ exporting a CommandGroup; main.ts lists the
 * groups. Commands write through `io` and return an exit code, so tests run
 * them in-process.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../platform/db/index.ts';

/** Exit codes: 0 done, 1 invalid input or could not run, 2 wrong usage. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export type CliIo = {
  /** Data and results (stdout). */
  out(text: string): void;
  /** Problems and progress (stderr). */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Tests pass an open database; otherwise commands open the configured one. */
  database?: Database;
};

type ParsedArgs = { positionals: string[]; values: Record<string, string | boolean | undefined> };

export type Command = {
  name: string;
  summary: string;
  /** Arguments after the command name, e.g. `<file> [--format csv|hsds]`. */
  usage: string;
  /** Longer help, one option per line. */
  help?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
};

export type CommandGroup = { name: string; summary: string; commands: Command[] };

/** Thrown by a command for a usage mistake: main prints it with the command's usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
