/**
 * The scheduled-job runner (ADR 016). A job is a plain definition —
 * `{ name, schedule, run(ctx) }` — exported by the platform or feature module
 * that owns it; whoever starts the application hands the runner the list.
 * The runner keeps each job's state in the database (store.ts), so:
 * - several instances on one database run each due time once (a run needs a
 *   claim, and only one instance gets it);
 * - a restart loses nothing, and a job that fell due while every instance
 *   was down runs once after the next start;
 * - a failed run is retried later, sooner at first and then less often;
 * - a run that hangs, or whose instance died, is taken over by any instance
 *   once its lease has expired.
 * Time comes from the clock it is given: tests drive schedules, retries and
 * leases with a fake clock through `runDue()` and `runNow()`, and only the
 * server calls `start()`.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import type { DB } from '../db/schema.ts';
import type { ServerKeys } from '../security/server-keys.ts';
import { compileSchedule, type CompiledSchedule, type Schedule } from './schedule.ts';
import { claimJob, dueJobs, finishJob, jobRows, registerJobs, type KnownJob } from './queries.ts';

/** pino's and Fastify's loggers fit. Log objects carry names, counts and times — never anyone's data (ADR 003). */
type JobLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

type JobClock = { now(): Date };

export type JobContext = {
  db: Kysely<DB>;
  /** When this run started, by the runner's clock: use it rather than new Date(). */
  now: Date;
  clock: JobClock;
  keys: ServerKeys;
  /** The running configuration: retention periods, where mail goes. */
  config: Config;
  logger: JobLogger;
  /** Aborted when the run's lease ends: from then on another instance may take the job over, so stop soon. */
  signal: AbortSignal;
};

/** What a run reports for the log and `schutznetz jobs run`: counts only, never data about anyone. */
type JobSummary = Record<string, number>;

export type JobDefinition = {
  /** Lower case, dot-separated by owner: `auth.purge-expired-sessions`. */
  name: string;
  schedule: Schedule;
  /** How long a run may take before it counts as hung and another instance may take over (default 10 minutes). */
  leaseMs?: number;
  /** Must be safe to run again: a run taken over after its lease may have done part of its work. */
  run(ctx: JobContext): Promise<JobSummary | void>;
};

const DEFAULT_LEASE_MS = 10 * 60_000;
/** The first retry after a failure; each further failure doubles the wait … */
export const RETRY_BASE_MS = 60_000;
/** … up to this, and never past the job's next regular time. */
const RETRY_MAX_MS = 60 * 60_000;
/** How often the server looks for due jobs: a job runs at most this long after its time. */
const POLL_MS = 30_000;
/** The server's first look, shortly after start, so start-up itself is not slowed. */
const FIRST_POLL_MS = 5_000;

export type RunResult =
  | { name: string; outcome: 'ok'; ms: number; summary: JobSummary; tookOverFrom: string | null }
  | { name: string; outcome: 'failed'; ms: number; error: string; retryAt: Date; tookOverFrom: string | null }
  /** Another run holds the job's lease (`runNow` only: `runDue` skips such jobs). */
  | { name: string; outcome: 'busy'; leasedBy: string; leaseUntil: Date };

type JobStatus = {
  name: string;
  schedule: string;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: 'ok' | 'failed' | null;
  lastError: string | null;
  failures: number;
  /** When it is due next (for a job never seen: when it would be). */
  nextRunAt: Date;
  /** The run in progress, if any; `expired`: its lease ran out and the next look takes it over. */
  running: { by: string; until: Date; expired: boolean } | null;
};

export type JobRunnerDeps = {
  db: Kysely<DB>;
  clock: JobClock;
  keys: ServerKeys;
  config: Config;
  logger: JobLogger;
  jobs: readonly JobDefinition[];
  /** Shown as the holder of a lease; default host name and process id. */
  instance?: string;
};

export type JobRunner = {
  readonly jobs: readonly JobDefinition[];
  /** Run every job that is due now, one after the other; resolves with what ran. */
  runDue(): Promise<RunResult[]>;
  /** Run one job now, whatever its schedule (unless another run holds it). */
  runNow(name: string): Promise<RunResult>;
  list(): Promise<JobStatus[]>;
  /** Look for due jobs now and then (the server; tests call runDue instead). */
  start(opts?: { firstPollMs?: number; pollMs?: number }): void;
  /** Stop looking and wait for the runs in progress. */
  stop(): Promise<void>;
};

/** A job name the runner does not know (`schutznetz jobs run <name>`). */
export class UnknownJobError extends Error {
  constructor(
    public readonly job: string,
    public readonly known: readonly string[],
  ) {
    super(`There is no job named "${job}". Jobs: ${known.join(', ') || 'none'}.`);
    this.name = 'UnknownJobError';
  }
}

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

type Entry = { def: JobDefinition; schedule: CompiledSchedule; leaseMs: number };

function compile(jobs: readonly JobDefinition[]): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const def of jobs) {
    if (!NAME.test(def.name) || def.name.length > 64)
      throw new Error(
        `job name "${def.name}" must be lower-case words joined by dots or hyphens, at most 64 characters`,
      );
    if (entries.has(def.name)) throw new Error(`two jobs are named "${def.name}"`);
    const leaseMs = def.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isSafeInteger(leaseMs) || leaseMs < 1000)
      throw new Error(`job "${def.name}": leaseMs must be a whole number of at least 1000`);
    let schedule: CompiledSchedule;
    try {
      schedule = compileSchedule(def.schedule);
    } catch (err) {
      throw new Error(`job "${def.name}": ${(err as Error).message}`, { cause: err });
    }
    entries.set(def.name, { def, schedule, leaseMs });
  }
  return entries;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { db, clock, logger } = deps;
  const entries = compile(deps.jobs);
  const names = [...entries.keys()];
  const instance = (deps.instance ?? `${os.hostname()}/${process.pid}`).slice(0, 200);
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;

  /** Keep count of work in progress, so stop() can wait for it. */
  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  const known = (now: Date): KnownJob[] =>
    [...entries.values()].map((e) => ({
      name: e.def.name,
      schedule: e.schedule.text,
      firstRunAt: e.schedule.first(now),
      nextAfter: (startedAt) => e.schedule.after(startedAt),
    }));

  async function claimAndRun(entry: Entry, force: boolean): Promise<RunResult | null> {
    const now = clock.now();
    const leaseId = randomUUID();
    const claim = await claimJob(db, {
      name: entry.def.name,
      now,
      leaseId,
      leasedBy: instance,
      leaseUntil: new Date(now.getTime() + entry.leaseMs),
      force,
    });
    if (claim.kind === 'busy')
      return { name: entry.def.name, outcome: 'busy', leasedBy: claim.leasedBy, leaseUntil: claim.leaseUntil };
    if (claim.kind === 'not-due') return null;
    if (claim.tookOverFrom !== null)
      logger.warn(
        { job: entry.def.name, from: claim.tookOverFrom, failures: claim.failures },
        'job lease expired (run hung or its instance stopped); taking over',
      );
    return execute(entry, claim.startedAt, claim.failures, claim.tookOverFrom, leaseId);
  }

  async function execute(
    entry: Entry,
    startedAt: Date,
    failuresBefore: number,
    tookOverFrom: string | null,
    leaseId: string,
  ): Promise<RunResult> {
    const { def, schedule, leaseMs } = entry;
    const lease = new AbortController();
    const leaseTimer = setTimeout(() => lease.abort(new LeaseExpiredError()), leaseMs);
    leaseTimer.unref();
    const t0 = performance.now();
    let outcome: { ok: true; summary: JobSummary } | { ok: false; error: string };
    try {
      const run = def.run({
        db,
        now: startedAt,
        clock,
        keys: deps.keys,
        config: deps.config,
        logger,
        signal: lease.signal,
      });
      // Failing after its lease ended is no one's to report any more (the race below has settled).
      run.catch(() => undefined);
      // A run that outlives its lease stops holding up this runner; it may still finish in the background.
      const summary = await Promise.race([run, abortedPromise(lease.signal)]);
      outcome = { ok: true, summary: countsOnly(summary ?? {}) };
    } catch (err) {
      outcome = { ok: false, error: describeError(err) };
    } finally {
      clearTimeout(leaseTimer);
    }
    const ms = Math.round(performance.now() - t0);
    const finishedAt = clock.now();
    const regular = schedule.after(startedAt);
    const failures = outcome.ok ? 0 : failuresBefore + 1;
    const retryAt = outcome.ok ? regular : earliest(regular, new Date(finishedAt.getTime() + retryDelay(failures)));
    const held = await finishJob(db, {
      name: def.name,
      leaseId,
      finishedAt,
      outcome: outcome.ok ? 'ok' : 'failed',
      error: outcome.ok ? null : outcome.error,
      failures,
      nextRunAt: retryAt,
    });
    if (!held)
      logger.warn(
        { job: def.name, ms },
        'job finished after its lease had expired; the run that took over is recorded',
      );
    if (outcome.ok) {
      logger.info({ job: def.name, outcome: 'ok', ms, ...outcome.summary }, 'job finished');
      return { name: def.name, outcome: 'ok', ms, summary: outcome.summary, tookOverFrom };
    }
    logger.error(
      { job: def.name, outcome: 'failed', ms, error: outcome.error, failures, retryAt: retryAt.toISOString() },
      'job failed; it runs again later',
    );
    return { name: def.name, outcome: 'failed', ms, error: outcome.error, retryAt, tookOverFrom };
  }

  async function runDueNow(): Promise<RunResult[]> {
    const now = clock.now();
    await registerJobs(db, known(now), now);
    const results: RunResult[] = [];
    for (const name of await dueJobs(db, names, now)) {
      if (stopping) break;
      const result = await claimAndRun(entries.get(name)!, false);
      // 'busy' here means another instance claimed it between the look and the claim: its run, not ours.
      if (result && result.outcome !== 'busy') results.push(result);
    }
    return results;
  }

  async function runOneNow(name: string): Promise<RunResult> {
    const entry = entries.get(name);
    if (!entry) throw new UnknownJobError(name, names);
    const now = clock.now();
    await registerJobs(db, known(now), now);
    const result = await claimAndRun(entry, true);
    if (!result) throw new Error(`job "${name}" has no row in scheduled_job`);
    return result;
  }

  async function tick(pollMs: number): Promise<void> {
    timer = null;
    try {
      await runDue();
    } catch (err) {
      logger.error({ error: describeError(err) }, 'could not look for due jobs; trying again later');
    }
    if (!stopping) {
      timer = setTimeout(() => void tick(pollMs), pollMs);
      timer.unref();
    }
  }

  function runDue(): Promise<RunResult[]> {
    if (stopping) return Promise.resolve([]);
    return track(runDueNow());
  }

  return {
    jobs: deps.jobs,
    runDue,
    runNow(name) {
      if (stopping) return Promise.reject(new Error('the job runner is stopping'));
      return track(runOneNow(name));
    },
    async list() {
      const now = clock.now();
      const rows = new Map((await jobRows(db, names)).map((r) => [r.name, r]));
      return [...entries.values()].map(({ def, schedule }) => {
        const row = rows.get(def.name);
        const leaseUntil = row?.lease_until ? new Date(row.lease_until) : null;
        return {
          name: def.name,
          // What the next look will use: the code's schedule, even before the row is moved to it.
          schedule: schedule.text,
          lastStartedAt: row?.last_started_at ? new Date(row.last_started_at) : null,
          lastFinishedAt: row?.last_finished_at ? new Date(row.last_finished_at) : null,
          lastOutcome: row?.last_outcome ?? null,
          lastError: row?.last_error ?? null,
          failures: row?.failures ?? 0,
          nextRunAt: row ? new Date(row.next_run_at) : schedule.first(now),
          running:
            row?.leased_by && leaseUntil ? { by: row.leased_by, until: leaseUntil, expired: leaseUntil <= now } : null,
        };
      });
    },
    start(opts = {}) {
      if (timer || stopping) return;
      const pollMs = opts.pollMs ?? POLL_MS;
      timer = setTimeout(() => void tick(pollMs), opts.firstPollMs ?? FIRST_POLL_MS);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Wait before the next try after `failures` failed runs in a row: 1, 2, 4 … minutes, at most an hour. */
function retryDelay(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

const earliest = (a: Date, b: Date) => (a <= b ? a : b);

class LeaseExpiredError extends Error {
  constructor() {
    super('the run outlived its lease');
    this.name = 'LeaseExpiredError';
  }
}

function abortedPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

/** Only finite numbers reach the log, whatever a job returns. */
function countsOnly(summary: object): JobSummary {
  return Object.fromEntries(
    Object.entries(summary).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
  );
}

/**
 * What the log and `scheduled_job.last_error` keep of a failure: the error's
 * class, its code (an SQLSTATE, ECONNREFUSED) and where it was thrown —
 * never its message, which may quote a row, an address or a name.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'a value that is not an Error was thrown';
  const name = /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(err.name) ? err.name : 'Error';
  const rawCode = (err as { code?: unknown }).code;
  const code = typeof rawCode === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(rawCode) ? ` ${rawCode}` : '';
  const where = thrownAt(err);
  return `${name}${code}${where ? ` at ${where}` : ''}`.slice(0, 300);
}

/** The first stack frame outside Node's internals, as a path from src/, dist/ or node_modules/ (or a bare file name). */
function thrownAt(err: Error): string | null {
  // The stack starts with "Name: message", and the message may span lines and quote anything: skip it.
  const frames = (err.stack ?? '').split('\n').slice(`${err.name}: ${err.message}`.split('\n').length);
  for (const line of frames) {
    const m = /^at .*?\(?(?:file:\/\/)?([^\s()]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!m || m[1]!.startsWith('node:')) continue;
    const file = m[1]!;
    const inProject = file.search(/\/(src|dist|node_modules)\//);
    return `${inProject >= 0 ? file.slice(inProject + 1) : file.slice(file.lastIndexOf('/') + 1)}:${m[2]}`;
  }
  return null;
}
