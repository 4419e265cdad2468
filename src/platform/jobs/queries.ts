/**
 * The queries behind the job runner: the state of each job in
 * `scheduled_job` (migrations/0011), read and written as the application
 * role. Every time comes from the runner's clock, never from now(), so a
 * fake clock drives the whole schedule in tests.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withAppRole } from '../db/tenant.ts';
import { updatedOne } from '../db/updates.ts';

export type JobRow = Selectable<DB['scheduled_job']>;

/** A job the runner knows: its name, schedule text and when it would first be due. */
export type KnownJob = { name: string; schedule: string; firstRunAt: Date; nextAfter(startedAt: Date): Date };

/**
 * Add a row for each job seen for the first time, and move a job whose
 * schedule changed to the new one. Instances starting together may both
 * insert: the first row wins, the second insert does nothing.
 */
export async function registerJobs(db: Kysely<DB>, jobs: readonly KnownJob[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  await withAppRole(db, async (trx) => {
    const rows = await trx
      .selectFrom('scheduled_job')
      .select(['name', 'schedule', 'last_started_at', 'lease_id'])
      .where(
        'name',
        'in',
        jobs.map((j) => j.name),
      )
      .execute();
    const known = new Map(rows.map((r) => [r.name, r]));
    const fresh = jobs.filter((j) => !known.has(j.name));
    if (fresh.length > 0) {
      await trx
        .insertInto('scheduled_job')
        .values(fresh.map((j) => ({ name: j.name, schedule: j.schedule, next_run_at: j.firstRunAt })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    for (const j of jobs) {
      const row = known.get(j.name);
      // A run in progress finishes on the schedule it started with; the next look moves it.
      if (!row || row.schedule === j.schedule || row.lease_id !== null) continue;
      const next = row.last_started_at ? j.nextAfter(new Date(row.last_started_at)) : j.firstRunAt;
      await trx
        .updateTable('scheduled_job')
        .set({ schedule: j.schedule, next_run_at: next < now ? now : next })
        .where('name', '=', j.name)
        .where('lease_id', 'is', null)
        .execute();
    }
  });
}

/** Names of the jobs due at `now` and not held by an unexpired lease, earliest first. */
export async function dueJobs(db: Kysely<DB>, names: readonly string[], now: Date): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await withAppRole(db, (trx) =>
    trx
      .selectFrom('scheduled_job')
      .select('name')
      .where('name', 'in', [...names])
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_run_at')
      .orderBy('name')
      .execute(),
  );
  return rows.map((r) => r.name);
}

export type Claim =
  | {
      kind: 'claimed';
      startedAt: Date;
      /** Failed runs before this one (a run whose lease expired counts as failed). */
      failures: number;
      /** Who held the expired lease this run takes over, if any. */
      tookOverFrom: string | null;
    }
  | { kind: 'busy'; leasedBy: string; leaseUntil: Date }
  | { kind: 'not-due' };

/**
 * Claim one run of a job: succeeds only while the job is due (or `force`)
 * and no unexpired lease holds it. The row lock serialises instances that
 * try at the same moment; the later one then sees the lease and gets 'busy'
 * or 'not-due'.
 */
export async function claimJob(
  db: Kysely<DB>,
  c: { name: string; now: Date; leaseId: string; leasedBy: string; leaseUntil: Date; force: boolean },
): Promise<Claim> {
  return withAppRole(db, async (trx) => {
    const row = await trx
      .selectFrom('scheduled_job')
      .select(['next_run_at', 'failures', 'lease_id', 'leased_by', 'lease_until'])
      .where('name', '=', c.name)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { kind: 'not-due' };
    if (row.lease_until && new Date(row.lease_until) > c.now)
      return { kind: 'busy', leasedBy: row.leased_by ?? '', leaseUntil: new Date(row.lease_until) };
    if (!c.force && new Date(row.next_run_at) > c.now) return { kind: 'not-due' };
    const tookOver = row.lease_id !== null;
    const failures = row.failures + (tookOver ? 1 : 0);
    await trx
      .updateTable('scheduled_job')
      .set({
        lease_id: c.leaseId,
        leased_by: c.leasedBy,
        lease_until: c.leaseUntil,
        last_started_at: c.now,
        failures,
      })
      .where('name', '=', c.name)
      .execute();
    return { kind: 'claimed', startedAt: c.now, failures, tookOverFrom: tookOver ? row.leased_by : null };
  });
}

/**
 * Record the end of a run and release its lease. Returns false when the run
 * no longer held the lease (it ran past it and another run took over): then
 * nothing is written, the newer run's record stands.
 */
export async function finishJob(
  db: Kysely<DB>,
  f: {
    name: string;
    leaseId: string;
    finishedAt: Date;
    outcome: 'ok' | 'failed';
    error: string | null;
    failures: number;
    nextRunAt: Date;
  },
): Promise<boolean> {
  return withAppRole(db, (trx) =>
    updatedOne(
      trx
        .updateTable('scheduled_job')
        .set({
          lease_id: null,
          leased_by: null,
          lease_until: null,
          last_finished_at: f.finishedAt,
          last_outcome: f.outcome,
          last_error: f.error,
          failures: f.failures,
          next_run_at: f.nextRunAt,
        })
        .where('name', '=', f.name)
        .where('lease_id', '=', f.leaseId),
    ),
  );
}

/** The stored state of these jobs (jobs without a row yet are missing from the answer). */
export async function jobRows(db: Kysely<DB>, names: readonly string[]): Promise<JobRow[]> {
  if (names.length === 0) return [];
  return withAppRole(db, (trx) =>
    trx
      .selectFrom('scheduled_job')
      .selectAll()
      .where('name', 'in', [...names])
      .execute(),
  );
}
