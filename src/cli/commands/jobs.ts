/**
 * `schutznetz jobs …`: the scheduled jobs the server runs by itself (ADR 016),
 * for the operator: what is there and how it went (`list`), and running what
 * is due — or one job at once — by hand (`run`), for instance from the host's
 * own timer while no server is running, or to try a job after a fix. The
 * same claim as the server's keeps a job from running twice at a time.
 */
import pino from 'pino';
import { registerMessages, scheduledJobs } from '../../app.ts';
import { loadConfig } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { createJobRunner, UnknownJobError, type JobRunner, type RunResult } from '../../platform/jobs/runner.ts';
import { serverKeysFor, withDatabase } from '../database.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from '../types.ts';

function runner(database: Database, io: CliIo): JobRunner {
  const config = loadConfig(io.env, io.cwd);
  // Jobs that send mail (referral reminders) write it in the catalogues' words.
  registerMessages();
  return createJobRunner({
    db: database.db,
    clock: { now: () => new Date() },
    keys: serverKeysFor(io),
    config,
    // The jobs' own log lines go to stderr as the server's would; results go to stdout below.
    logger: pino({ level: config.logLevel }, { write: (line: string) => io.err(line) }),
    jobs: scheduledJobs(),
  });
}

/** 2026-12-06 20:30:05Z */
const time = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;

function describeResult(r: RunResult): string {
  const takeover =
    'tookOverFrom' in r && r.tookOverFrom ? ` (took over from ${r.tookOverFrom}, whose lease had expired)` : '';
  switch (r.outcome) {
    case 'ok': {
      const counts = Object.entries(r.summary)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return `${r.name}: ok in ${r.ms} ms${counts ? ` (${counts})` : ''}${takeover}\n`;
    }
    case 'failed':
      return `${r.name}: failed after ${r.ms} ms: ${r.error}; it runs again from ${time(r.retryAt)}${takeover}\n`;
    case 'busy':
      return `${r.name}: not started, running on ${r.leasedBy} (lease until ${time(r.leaseUntil)})\n`;
  }
}

const runCommand: Command = {
  name: 'run',
  summary: 'Run the jobs that are due now, or one job now',
  usage: '[job]',
  help: [
    '  Without a name: runs every job whose time has come, as the server would at its next look.',
    '  With a name: runs that job now, whatever its schedule; its next time counts from now.',
    '  A job that a server is running at the moment is not started a second time (exit code 1).',
    '  Exit code 1 when a job failed; it is retried later by the server, as after any failure.',
  ].join('\n'),
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 1) throw new UsageError('run takes at most one job name');
    const [name] = positionals;
    return withDatabase(io, async (database) => {
      const jobs = runner(database, io);
      let results: RunResult[];
      try {
        results = name === undefined ? await jobs.runDue() : [await jobs.runNow(name)];
      } catch (err) {
        if (err instanceof UnknownJobError) throw new UsageError(err.message);
        throw err;
      } finally {
        await jobs.stop();
      }
      if (results.length === 0) {
        io.out('No job is due.\n');
        return EXIT.ok;
      }
      for (const r of results) io.out(describeResult(r));
      return results.every((r) => r.outcome === 'ok') ? EXIT.ok : EXIT.invalid;
    });
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'List the scheduled jobs: schedule, last run, next run, last outcome',
  usage: '',
  help: [
    '  Times are in UTC. "due" means the next look (within half a minute on a running server) runs it.',
    '  A failed job shows the class of the error and where it was thrown, never its message',
    '  (it may quote personal data); the server log has the same line.',
  ].join('\n'),
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new UsageError('list takes no arguments');
    const statuses = await withDatabase(io, (database) => runner(database, io).list());
    const now = new Date();
    const rows = statuses.map((s) => [
      s.name,
      s.schedule,
      s.lastStartedAt ? time(s.lastStartedAt) : 'never',
      s.nextRunAt <= now ? 'due' : time(s.nextRunAt),
      s.running
        ? s.running.expired
          ? `lease of ${s.running.by} expired at ${time(s.running.until)}; taken over at the next look`
          : `running on ${s.running.by} (lease until ${time(s.running.until)})`
        : s.lastOutcome === 'failed'
          ? `failed${s.failures > 1 ? ` ${s.failures} times in a row` : ''}: ${s.lastError ?? 'unknown error'}`
          : (s.lastOutcome ?? '–'),
    ]);
    io.out(table(['job', 'schedule', 'last run', 'next run', 'last outcome'], rows));
    return EXIT.ok;
  },
};

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [head, ...rows].map(line).join('\n') + '\n';
}

export const jobsCommands: CommandGroup = {
  name: 'jobs',
  summary: 'Scheduled jobs (purges and other work the server does by itself)',
  commands: [listCommand, runCommand],
};
