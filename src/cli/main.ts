/**
 * `schutznetz <group> <command> [options]` (npm run cli -- …, or bin/schutznetz.js).
 * Operators' tools that need the database: they read the same environment as
 * `npm start`. Command groups live in commands/*.ts and are listed in GROUPS;
 * a new group (users, audit) is one file and one line here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../platform/config/index.ts';
import { directoryCommands } from './commands/directory.ts';
import { DatabaseBusyError } from './database.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from './types.ts';

const GROUPS: readonly CommandGroup[] = [directoryCommands];

const line = (cmd: string, summary: string) => `  ${cmd.padEnd(34)}${summary}\n`;

function usageOf(group: CommandGroup, cmd: Command): string {
  return `schutznetz ${group.name} ${cmd.name}${cmd.usage ? ` ${cmd.usage}` : ''}`;
}

function generalHelp(): string {
  let text = 'Usage: schutznetz <command> [options]   (or: npm run cli -- <command> [options])\n\nCommands:\n';
  for (const g of GROUPS) for (const c of g.commands) text += line(`${g.name} ${c.name}`, c.summary);
  text += line('help [command]', 'Show this help, or the help of one command');
  text +=
    '\nThe commands use the database `npm start` uses (DATABASE_URL, else the embedded one in DATA_DIR).\n' +
    'With the embedded database, stop the server first: only one process can open it.\n' +
    'Exit codes: 0 done, 1 invalid input or could not run, 2 wrong usage.\n';
  return text;
}

function groupHelp(g: CommandGroup): string {
  let text = `${g.summary}\n\nCommands:\n`;
  for (const c of g.commands) text += line(`${g.name} ${c.name}`, c.summary);
  return `${text}\nMore: schutznetz help ${g.name} <command>\n`;
}

function commandHelp(g: CommandGroup, c: Command): string {
  return `Usage: ${usageOf(g, c)}\n\n${c.summary}.\n${c.help ? `\n${c.help}\n` : ''}`;
}

/** Help for `help`, `help directory`, `help directory import`; undefined when the topic is unknown. */
function helpFor(topic: string[]): string | undefined {
  const [groupName, cmdName] = topic;
  if (!groupName) return generalHelp();
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
    (groupName === undefined ? io.err : io.out)(help);
    return groupName === undefined ? EXIT.usage : EXIT.ok;
  }
  const group = GROUPS.find((g) => g.name === groupName);
  if (!group) {
    io.err(`Unknown command: ${groupName}\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  const cmd = group.commands.find((c) => c.name === cmdName);
  if (!cmd) {
    if (cmdName === undefined || cmdName === '--help' || cmdName === '-h' || cmdName === 'help') {
      (cmdName === undefined ? io.err : io.out)(groupHelp(group));
      return cmdName === undefined ? EXIT.usage : EXIT.ok;
    }
    io.err(`Unknown command: ${groupName} ${cmdName}\n\n${groupHelp(group)}`);
    return EXIT.usage;
  }

  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${commandHelp(group, cmd)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(commandHelp(group, cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> }, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${commandHelp(group, cmd)}`);
      return EXIT.usage;
    }
    if (err instanceof DatabaseBusyError || err instanceof ConfigError) {
      io.err(`\n${err.message}\n\n`);
      return EXIT.invalid;
    }
    io.err(`\nschutznetz ${group.name} ${cmd.name} failed: ${err instanceof Error ? err.message : String(err)}\n\n`);
    return EXIT.invalid;
  }
}

/** Run with the process's arguments and streams, and exit with the command's code. */
export async function runFromProcess(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const code = await runCli(argv, {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
  });
  // exitCode (not exit()) lets stdout drain when it is a pipe.
  process.exitCode = code;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await runFromProcess();
