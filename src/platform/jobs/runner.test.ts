/**
 * The job runner against the real database (both back ends): once per due
 * time across instances, catching up after a restart, retries with growing
 * waits, taking over a hung run after its lease, waiting for a running job
 * at shutdown. A fake clock drives every schedule; only the lease timer of
 * one test and the polling of start() use real time.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { fakeClock } from '../../../test/support/auth.ts';
import { onPostgres, testDatabase } from '../../../test/support/db.ts';
import { loadConfig } from '../config/index.ts';
import { openDatabase, type Database } from '../db/index.ts';
import { loadServerKeys } from '../security/server-keys.ts';
import {
  createJobRunner,
  describeError,
  RETRY_BASE_MS,
  type JobContext,
  type JobDefinition,
  type JobRunnerDeps,
} from './runner.ts';
import type { Schedule } from './schedule.ts';

let database: Database;
/** On PostgreSQL a second pool to the same database: a second instance of the application. */
let other: Database;
const config = loadConfig({ NODE_ENV: 'test', ...TEST_KEYS });
const keys = loadServerKeys(config);

beforeAll(async () => {
  database = await testDatabase();
  if (onPostgres) {
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(database.db);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${rows[0]!.db}`;
    other = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  } else {
    // PGlite is one process's database: every runner of that process shares its one connection.
    other = database;
  }
});
afterAll(async () => {
  if (other !== database) await other?.close();
  await database?.close();
});

/** Each test's jobs get names of their own: the file shares one database. */
const unique = (what: string) => `test.${what}-${randomBytes(4).toString('hex')}`;

type Log = { level: string; msg: string } & Record<string, unknown>;
function capture() {
  const lines: Log[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, ...obj });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A job that counts its runs; `behave` decides what each run does (by its number, from 1). */
function counting(
  name: string,
  schedule: Schedule,
  behave: (n: number, ctx: JobContext) => Promise<Record<string, number> | void> = async () => undefined,
  extra: Partial<JobDefinition> = {},
) {
  const runs: Date[] = [];
  const def: JobDefinition = {
    name,
    schedule,
    ...extra,
    async run(ctx) {
      runs.push(ctx.now);
      return behave(runs.length, ctx);
    },
  };
  return { def, runs };
}

function runner(jobs: JobDefinition[], clock = fakeClock(), opts: Partial<JobRunnerDeps> = {}) {
  return createJobRunner({ db: database.db, clock, keys, config, logger: capture().logger, jobs, ...opts });
}

/** A promise the test settles when it wants, and a way to know a run has begun. */
function gate() {
  let open!: () => void;
  let started!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const begun = new Promise<void>((r) => (started = r));
  return { opened, begun, open: () => open(), started: () => started() };
}

async function row(name: string) {
  return database.db.selectFrom('scheduled_job').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('schedules with a fake clock', () => {
  it('runs an interval job at first sight, then once per interval', async () => {
    const clock = fakeClock();
    const t0 = clock.now();
    const job = counting(unique('interval'), { every: 15 * MIN });
    const jobs = runner([job.def], clock);
    expect((await jobs.runDue()).map((r) => r.outcome)).toEqual(['ok']);
    expect(await jobs.runDue()).toEqual([]);
    clock.advance(15 * MIN - 1);
    expect(await jobs.runDue()).toEqual([]);
    clock.advance(1);
    await jobs.runDue();
    expect(job.runs).toEqual([t0, new Date(t0.getTime() + 15 * MIN)]);
    expect((await row(job.def.name)).next_run_at).toEqual(new Date(t0.getTime() + 30 * MIN));
  });

  it('runs a cron job at its time in its time zone, across the change to summer time', async () => {
    // Monday 2 March 2026, 10:00 in Berlin; 03:00 Berlin is 02:00 UTC in winter, 01:00 UTC in summer.
    const clock = fakeClock(new Date('2026-03-27T09:00:00Z'));
    const job = counting(unique('cron'), { cron: '0 3 * * *' });
    const jobs = runner([job.def], clock);
    expect(await jobs.runDue()).toEqual([]);
    clock.set(new Date('2026-03-28T01:59:59Z'));
    expect(await jobs.runDue()).toEqual([]);
    clock.set(new Date('2026-03-28T02:00:00Z'));
    expect(await jobs.runDue()).toHaveLength(1);
    expect((await row(job.def.name)).next_run_at).toEqual(new Date('2026-03-29T01:00:00Z'));
    clock.set(new Date('2026-03-29T01:00:00Z'));
    expect(await jobs.runDue()).toHaveLength(1);
    const [status] = await jobs.list();
    expect(status).toMatchObject({
      schedule: 'cron 0 3 * * * Europe/Berlin',
      lastOutcome: 'ok',
      nextRunAt: new Date('2026-03-30T01:00:00Z'),
    });
  });

  it('moves a job to a changed schedule', async () => {
    const clock = fakeClock();
    const t0 = clock.now();
    const name = unique('changed');
    await runner([counting(name, { every: HOUR }).def], clock).runDue();
    expect((await row(name)).next_run_at).toEqual(new Date(t0.getTime() + HOUR));
    clock.advance(MIN);
    // The next version of the code runs it every 15 minutes.
    const job = counting(name, { every: 15 * MIN });
    const jobs = runner([job.def], clock);
    expect(await jobs.runDue()).toEqual([]);
    expect(await row(name)).toMatchObject({ schedule: 'every 15m', next_run_at: new Date(t0.getTime() + 15 * MIN) });
    clock.advance(14 * MIN);
    expect(await jobs.runDue()).toHaveLength(1);
  });
});

describe('several instances, restarts', () => {
  it('runs a due job once when several runners on one database look at the same time', async () => {
    const clock = fakeClock();
    const job = counting(unique('once'), { every: HOUR }, () => new Promise((r) => setTimeout(r, 30)));
    // Four instances, two on each pool (on PostgreSQL: two pools = two application processes).
    const runners = [database, database, other, other].map((d, i) =>
      createJobRunner({ db: d.db, clock, keys, config, logger: capture().logger, jobs: [job.def], instance: `i${i}` }),
    );
    const results = (await Promise.all(runners.flatMap((r) => [r.runDue(), r.runDue()]))).flat();
    expect(job.runs).toHaveLength(1);
    expect(results.map((r) => r.outcome)).toEqual(['ok']);
    // And again at the next due time, however the looks interleave.
    clock.advance(HOUR);
    await Promise.all(runners.map((r) => r.runDue()));
    expect(job.runs).toHaveLength(2);
  });

  it('after a restart runs a job that fell due while it was down once, then keeps its schedule', async () => {
    const clock = fakeClock();
    const name = unique('restart');
    const before = counting(name, { every: HOUR });
    const first = runner([before.def], clock);
    await first.runDue();
    await first.stop();
    // Down for five hours: five due times missed.
    clock.advance(5 * HOUR);
    const after = counting(name, { every: HOUR });
    const second = runner([after.def], clock);
    expect(await second.runDue()).toHaveLength(1);
    expect(await second.runDue()).toEqual([]);
    expect(after.runs).toHaveLength(1);
    expect((await row(name)).next_run_at).toEqual(new Date(clock.now().getTime() + HOUR));
  });

  it('a daily job missed for three days runs once after the start', async () => {
    const clock = fakeClock(new Date('2026-05-04T12:00:00Z'));
    const name = unique('daily');
    await runner([counting(name, { cron: '30 4 * * *' }).def], clock).runDue();
    clock.set(new Date('2026-05-08T09:00:00Z'));
    const job = counting(name, { cron: '30 4 * * *' });
    const jobs = runner([job.def], clock);
    await jobs.runDue();
    await jobs.runDue();
    expect(job.runs).toHaveLength(1);
    expect((await row(name)).next_run_at).toEqual(new Date('2026-05-09T02:30:00Z'));
  });
});

describe('failures', () => {
  it('retries a failed run after 1, then 2 minutes, and returns to its schedule after a success', async () => {
    const clock = fakeClock();
    const t0 = clock.now();
    const { lines, logger } = capture();
    const job = counting(unique('retry'), { every: HOUR }, async (n) => {
      // Messages may quote personal data: they must reach neither the log nor the table.
      if (n <= 2) throw new Error('could not notify anna.beispiel@example.org');
      return { notified: 3 };
    });
    const jobs = runner([job.def], clock, { logger });
    const [failed] = await jobs.runDue();
    expect(failed).toMatchObject({ outcome: 'failed', retryAt: new Date(t0.getTime() + RETRY_BASE_MS) });
    clock.advance(RETRY_BASE_MS - 1);
    expect(await jobs.runDue()).toEqual([]);
    clock.advance(1);
    expect((await jobs.runDue()).map((r) => r.outcome)).toEqual(['failed']);
    expect(await row(job.def.name)).toMatchObject({ failures: 2, last_outcome: 'failed' });
    clock.advance(2 * RETRY_BASE_MS - 1);
    expect(await jobs.runDue()).toEqual([]);
    clock.advance(1);
    expect(await jobs.runDue()).toMatchObject([{ outcome: 'ok', summary: { notified: 3 } }]);
    const done = await row(job.def.name);
    expect(done).toMatchObject({ failures: 0, last_outcome: 'ok', last_error: null });
    expect(done.next_run_at).toEqual(new Date(t0.getTime() + 3 * RETRY_BASE_MS + HOUR));

    const failure = lines.find((l) => l.msg.startsWith('job failed'))!;
    expect(failure).toMatchObject({ level: 'error', job: job.def.name, failures: 1 });
    expect(failure.error).toMatch(/^Error at src\/platform\/jobs\/runner\.test\.ts:\d+$/);
    expect(lines.find((l) => l.outcome === 'ok')).toMatchObject({ level: 'info', notified: 3 });
    expect(JSON.stringify(lines)).not.toContain('anna');
  });

  it('waits no longer than the next regular time, however often a run failed', async () => {
    const clock = fakeClock();
    const job = counting(unique('capped'), { every: 10 * MIN }, async () => {
      throw new TypeError('boom');
    });
    const jobs = runner([job.def], clock);
    for (let i = 0; i < 6; i++) {
      await jobs.runDue();
      clock.set((await row(job.def.name)).next_run_at);
    }
    const r = await row(job.def.name);
    expect(r.failures).toBe(6);
    expect(r.last_error).toMatch(/^TypeError at src\/platform\/jobs\/runner\.test\.ts:\d+$/);
    // 1, 2, 4, 8 minutes, then the regular 10.
    const starts = job.runs.map((d, i) => (i === 0 ? 0 : (d.getTime() - job.runs[i - 1]!.getTime()) / MIN));
    expect(starts).toEqual([0, 1, 2, 4, 8, 10]);
  });

  it('takes over a hung run once its lease has expired; the late finish does not overwrite the newer run', async () => {
    const clock = fakeClock();
    const hung = gate();
    const job = counting(
      unique('hung'),
      { every: HOUR },
      async (n) => {
        if (n === 1) {
          hung.started();
          await hung.opened;
        }
        return { run: n };
      },
      { leaseMs: 5 * MIN },
    );
    const a = capture();
    const first = runner([job.def], clock, { logger: a.logger, instance: 'host-a/1' });
    const second = runner([job.def], clock, { db: other.db, instance: 'host-b/2' });
    const stuck = first.runDue();
    await hung.begun;

    clock.advance(5 * MIN - 1);
    expect(await second.runDue()).toEqual([]);
    expect(await second.runNow(job.def.name)).toMatchObject({ outcome: 'busy', leasedBy: 'host-a/1' });
    const [status] = await second.list();
    expect(status!.running).toEqual({ by: 'host-a/1', until: new Date(clock.now().getTime() + 1), expired: false });

    clock.advance(1);
    expect((await second.list())[0]!.running!.expired).toBe(true);
    const [takeover] = await second.runDue();
    expect(takeover).toMatchObject({ outcome: 'ok', tookOverFrom: 'host-a/1', summary: { run: 2 } });
    const afterTakeover = await row(job.def.name);

    hung.open();
    await stuck;
    expect(await row(job.def.name)).toEqual(afterTakeover);
    expect(a.lines.map((l) => l.msg)).toContain(
      'job finished after its lease had expired; the run that took over is recorded',
    );
  });

  it('gives up waiting for a run when its lease ends, and tells the run through its signal', async () => {
    const clock = fakeClock();
    let aborted = false;
    const job = counting(
      unique('timeout'),
      { every: HOUR },
      (_n, ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('stopped'));
          });
        }),
      { leaseMs: 1000 },
    );
    const [r] = await runner([job.def], clock).runDue();
    expect(r).toMatchObject({ outcome: 'failed' });
    expect(r!.outcome === 'failed' && r!.error).toMatch(/^LeaseExpiredError/);
    expect(aborted).toBe(true);
  });
});

describe('operating', () => {
  it('runNow runs a job whatever its schedule; its next time counts from then', async () => {
    const clock = fakeClock();
    const job = counting(unique('now'), { every: HOUR });
    const jobs = runner([job.def], clock);
    await jobs.runDue();
    clock.advance(10 * MIN);
    expect(await jobs.runNow(job.def.name)).toMatchObject({ outcome: 'ok' });
    expect(job.runs).toHaveLength(2);
    expect((await row(job.def.name)).next_run_at).toEqual(new Date(clock.now().getTime() + HOUR));
    await expect(jobs.runNow('test.unknown')).rejects.toThrow(/There is no job named "test\.unknown"/);
  });

  it('stop() waits for the running job, records it, and starts nothing afterwards', async () => {
    const clock = fakeClock();
    const slow = gate();
    const job = counting(unique('stop'), { every: 15 * MIN }, async () => {
      slow.started();
      await slow.opened;
    });
    const jobs = runner([job.def], clock);
    const running = jobs.runDue();
    await slow.begun;
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    expect((await running).map((r) => r.outcome)).toEqual(['ok']);
    expect((await row(job.def.name)).last_outcome).toBe('ok');
    clock.advance(HOUR);
    expect(await jobs.runDue()).toEqual([]);
    expect(job.runs).toHaveLength(1);
  });

  it('start() looks for due jobs by itself until stopped', async () => {
    const clock = fakeClock();
    const job = counting(unique('start'), { every: 15 * MIN });
    const jobs = runner([job.def], clock);
    jobs.start({ firstPollMs: 0, pollMs: 10 });
    await vi.waitFor(() => expect(job.runs).toHaveLength(1));
    clock.advance(15 * MIN);
    await vi.waitFor(() => expect(job.runs).toHaveLength(2));
    await jobs.stop();
    clock.advance(15 * MIN);
    await new Promise((r) => setTimeout(r, 50));
    expect(job.runs).toHaveLength(2);
  });

  it('refuses definitions that cannot work, naming the job', () => {
    const run = async () => undefined;
    const make =
      (...jobs: JobDefinition[]) =>
      () =>
        runner(jobs);
    expect(make({ name: 'Bad Name', schedule: { every: HOUR }, run })).toThrow(/job name "Bad Name"/);
    expect(
      make({ name: 'a.b', schedule: { every: HOUR }, run }, { name: 'a.b', schedule: { every: HOUR }, run }),
    ).toThrow(/two jobs are named "a\.b"/);
    expect(make({ name: 'a.b', schedule: { every: 1000 }, run })).toThrow(/job "a\.b": an interval/);
    expect(make({ name: 'a.b', schedule: { cron: '61 * * * *' }, run })).toThrow(/job "a\.b": cron "61 \* \* \* \*"/);
    expect(make({ name: 'a.b', schedule: { cron: '0 3 * * *', timezone: 'Mars/Olympus' }, run })).toThrow(
      /Mars\/Olympus/,
    );
    expect(make({ name: 'a.b', schedule: { cron: '0 0 3 * * *' }, run })).toThrow(/five fields/);
  });
});

describe('describeError', () => {
  it('keeps the class, the code and the place, never the message', () => {
    const err = Object.assign(new Error('duplicate key (email)=(anna@example.org)\n    at evil (/x/y.ts:1:1)'), {
      code: '23505',
    });
    err.stack = `Error: ${err.message}\n    at insert (/home/anna/schutznetz/src/features/x/queries.ts:42:7)\n    at node:internal/process:1:1`;
    expect(describeError(err)).toBe('Error 23505 at src/features/x/queries.ts:42');
    expect(describeError('anna@example.org')).not.toContain('anna');
  });
});
