/**
 * `schutznetz <group> <command> [options]` (npm run cli -- …, or bin/schutznetz.js).
 * Operators' tools that need the database: they read the same environment as
 * `npm start`. Command groups live in commands/*.ts and are listed in GROUPS;
 * a new group (users, audit) is one file and one line here. A few commands
 * stand alone, without a group (`schutznetz migrate`): COMMANDS.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DemoContentNeedsOwnerError } from '../features/demo/seed.ts';
import { ConfigError } from '../platform/config/index.ts';
import { MigrationPermissionError, PendingMigrationsError } from '../platform/db/migrate.ts';
import { MissingKeysError } from '../platform/security/server-keys.ts';
import { auditCommands } from './commands/audit.ts';
import { demoCommands } from './commands/demo.ts';
import { directoryCommands } from './commands/directory.ts';
import { i18nCommands } from './commands/i18n.ts';
import { jobsCommands } from './commands/jobs.ts';
import { keysCommands } from './commands/keys.ts';
import { migrateCommand } from './commands/migrate.ts';
import { usersCommands } from './commands/users.ts';
import { DatabaseBusyError } from './database.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from './types.ts';

const GROUPS: readonly CommandGroup[] = [
  directoryCommands,
  auditCommands,
  usersCommands,
  jobsCommands,
  keysCommands,
  i18nCommands,
  demoCommands,
];
const COMMANDS: readonly Command[] = [migrateCommand];

const line = (cmd: string, summary: string) => `  ${cmd.padEnd(34)}${summary}\n`;

/** `directory import`, or `migrate` for a command without a group. */
function nameOf(group: CommandGroup | null, cmd: Command): string {
  return group ? `${group.name} ${cmd.name}` : cmd.name;
}

function usageOf(group: CommandGroup | null, cmd: Command): string {
  return `schutznetz ${nameOf(group, cmd)}${cmd.usage ? ` ${cmd.usage}` : ''}`;
}

function generalHelp(): string {
  let text = 'Usage: schutznetz <command> [options]   (or: npm run cli -- <command> [options])\n\nCommands:\n';
  for (const c of COMMANDS) text += line(c.name, c.summary);
  for (const g of GROUPS) for (const c of g.commands) text += line(`${g.name} ${c.name}`, c.summary);
  text += line('help [command]', 'Show this help, or the help of one command');
  text +=
    '\nThe commands use the database `npm start` uses (DATABASE_URL, else the embedded one in DATA_DIR);\n' +
    'the i18n commands use the catalogue files instead (from a checkout: npm run i18n -- <command>).\n' +
    'With the embedded database, stop the server first: only one process can open it.\n' +
    'Exit codes: 0 done, 1 invalid input or could not run, 2 wrong usage.\n';
  return text;
}

function groupHelp(g: CommandGroup): string {
  let text = `${g.summary}\n\nCommands:\n`;
  for (const c of g.commands) text += line(`${g.name} ${c.name}`, c.summary);
  return `${text}\nMore: schutznetz help ${g.name} <command>\n`;
}

function commandHelp(g: CommandGroup | null, c: Command): string {
  return `Usage: ${usageOf(g, c)}\n\n${c.summary}.\n${c.help ? `\n${c.help}\n` : ''}`;
}

/** Help for `help`, `help directory`, `help directory import`; undefined when the topic is unknown. */
function helpFor(topic: string[]): string | undefined {
  const [groupName, cmdName] = topic;
  if (!groupName) return generalHelp();
  const single = COMMANDS.find((c) => c.name === groupName);
  if (single) return cmdName ? undefined : commandHelp(null, single);
  const g = GROUPS.find((x) => x.name === groupName);
  if (!g) return undefined;
  if (!cmdName) return groupHelp(g);
  const c = g.commands.find((x) => x.name === cmdName);
  return c ? commandHelp(g, c) : undefined;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [groupName, cmdName, ...rest] = argv;
  if (groupName === undefined || groupName === 'help' || groupName === '--help' || groupName === '-h') {
    const help = helpFor(groupName === undefined ? [] : argv.slice(1));
    if (!help) {
      io.err(`Unknown command: ${argv.slice(1).join(' ')}\n\n${generalHelp()}`);
      return EXIT.usage;
    }
    if (groupName === undefined) io.err(help);
    else io.out(help);
    return groupName === undefined ? EXIT.usage : EXIT.ok;
  }
  const single = COMMANDS.find((c) => c.name === groupName);
  if (single) return execute(null, single, argv.slice(1), io);
  const group = GROUPS.find((g) => g.name === groupName);
  if (!group) {
    io.err(`Unknown command: ${groupName}\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  const cmd = group.commands.find((c) => c.name === cmdName);
  if (!cmd) {
    if (cmdName === undefined || cmdName === '--help' || cmdName === '-h' || cmdName === 'help') {
      if (cmdName === undefined) io.err(groupHelp(group));
      else io.out(groupHelp(group));
      return cmdName === undefined ? EXIT.usage : EXIT.ok;
    }
    io.err(`Unknown command: ${groupName} ${cmdName}\n\n${groupHelp(group)}`);
    return EXIT.usage;
  }
  return execute(group, cmd, rest, io);
}

/** Parse the command's options and run it; errors become messages and exit codes. */
async function execute(group: CommandGroup | null, cmd: Command, rest: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${commandHelp(group, cmd)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(commandHelp(group, cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${commandHelp(group, cmd)}`);
      return EXIT.usage;
    }
    if (
      err instanceof DatabaseBusyError ||
      err instanceof ConfigError ||
      err instanceof MissingKeysError ||
      err instanceof PendingMigrationsError ||
      err instanceof MigrationPermissionError ||
      err instanceof DemoContentNeedsOwnerError
    ) {
      io.err(`\n${err.message}\n\n`);
      return EXIT.invalid;
    }
    io.err(`\nschutznetz ${nameOf(group, cmd)} failed: ${err instanceof Error ? err.message : String(err)}\n\n`);
    return EXIT.invalid;
  }
}

/**
 * Run with the process's arguments and streams, and exit with the command's
 * code. bin/schutznetz.js imports the compiled module by its path.
 * @public
 */
export async function runFromProcess(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `… export | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const code = await runCli(argv, {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  });
  // exitCode (not exit()) lets stdout drain when it is a pipe.
  process.exitCode = code;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await runFromProcess();
