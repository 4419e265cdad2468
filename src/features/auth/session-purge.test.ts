/**
 * Abandoned sessions are purged by the scheduled job as well, not only at
 * the next sign-in: after a quiet spell with nobody signing in, the job
 * deletes every expired session of every centre and leaves live ones alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../platform/auth/session.ts';
import { touchSession } from '../../platform/auth/queries/sessions.ts';
import { purgeExpiredSessionsJob } from '../../platform/auth/session-purge-job.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { type JobRunner } from '../../platform/jobs/runner.ts';
import { hashToken } from '../../platform/security/tokens.ts';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import { createUser, fakeClock, signIn, type Session } from '../../../test/support/auth.ts';
import { scheduledJobs } from '../../app.ts';

const clock = fakeClock();
let jobs: JobRunner;

const t = appForFile({}, { clock });
beforeAll(async () => {
  // This job alone, so "nothing is due" below speaks of it only.
  jobs = jobRunnerFor(t.app, clock, [purgeExpiredSessionsJob]);
});
// Runs before the app closes (after-hooks run in reverse order).
afterAll(async () => {
  await jobs?.stop();
});

const tokenHashOf = (s: Session) => hashToken(s.cookie.split('=')[1]!);
const visit = (s: Session) => t.app.inject({ url: '/de/staff', headers: { cookie: s.cookie } });

const stored = async (s: Session) =>
  withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('user_session').select('token_hash').where('token_hash', '=', tokenHashOf(s)).executeTakeFirst(),
  );

describe('the scheduled session purge', () => {
  it('is one of the jobs the server runs, every 15 minutes', () => {
    expect(scheduledJobs()).toContain(purgeExpiredSessionsJob);
  });

  it('deletes idle and too old sessions of every centre, and no live one', async () => {
    const old = await signIn(t.app, await createUser(t.app, { role: 'centre_lead' }));
    clock.advance(ABSOLUTE_TIMEOUT_MS - 40 * 60_000);
    // `old` has been in use all day: its last request was just now.
    await withScope(t.database.db, { kind: 'admin' }, (trx) => touchSession(trx, tokenHashOf(old), clock.now()));
    // Signing in purges too: these two sign in while nothing has expired.
    const live = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
    const idle = await signIn(t.app, await createUser(t.app, { role: 'counsellor' }));
    clock.advance(25 * 60_000);
    expect((await visit(old)).statusCode).toBe(200);
    expect((await visit(live)).statusCode).toBe(200);
    // Now `old` reaches the absolute timeout and `idle` has been left alone for 40 minutes.
    clock.advance(15 * 60_000);
    expect(await stored(idle)).toBeDefined();
    expect(await jobs.runNow(purgeExpiredSessionsJob.name)).toMatchObject({ outcome: 'ok', summary: { deleted: 2 } });
    expect(await stored(idle)).toBeUndefined();
    expect(await stored(old)).toBeUndefined();
    expect(await stored(live)).toBeDefined();
    expect((await visit(live)).statusCode).toBe(200);
  });

  it('runs on its schedule: a session that went idle since is gone at the next due time', async () => {
    const s = await signIn(t.app, await createUser(t.app, { role: 'counsellor' }));
    // The run above was just now: nothing is due for another 15 minutes.
    expect(await jobs.runDue()).toEqual([]);
    clock.advance(IDLE_TIMEOUT_MS);
    const [result] = await jobs.runDue();
    expect(result).toMatchObject({ name: 'auth.purge-expired-sessions', outcome: 'ok' });
    expect(await stored(s)).toBeUndefined();
  });
});
