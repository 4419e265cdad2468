import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { createSession } from '../../platform/auth/queries/sessions.ts';
import { IDLE_TIMEOUT_MS } from '../../platform/auth/session.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { runCollecting } from '../test-support.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const cli = (...argv: string[]) =>
  runCollecting(argv, { env: { ...TEST_KEYS, LOG_LEVEL: 'info' }, cwd: process.cwd(), database });

const JOB = 'auth.purge-expired-sessions';
const TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/.source;

/** A session of a new account, last seen `ago` milliseconds before now. */
async function sessionSeen(ago: number): Promise<string> {
  const userId = randomUUID();
  return withScope(database.db, { kind: 'admin' }, async (trx) => {
    await trx
      .insertInto('app_user')
      .values({ id: userId, email: `${userId}@example.org`, display_name: 'Anna Beispiel', role: 'coordination' })
      .execute();
    const s = await createSession(trx, { userId, centreId: null, stage: 'password', now: new Date(Date.now() - ago) });
    return s.tokenHash;
  });
}

const sessionExists = async (tokenHash: string) =>
  (await withScope(database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('user_session').select('token_hash').where('token_hash', '=', tokenHash).executeTakeFirst(),
  )) !== undefined;

describe('schutznetz jobs', () => {
  it('list shows every job, never run yet and due', async () => {
    const r = await cli('jobs', 'list');
    expect(r.code).toBe(0);
    const [head, ...rows] = r.out.trimEnd().split('\n');
    expect(head).toMatch(/^job +schedule +last run +next run +last outcome$/);
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${JOB} +every 15m +never +due +–$`)));
    expect(rows).toContainEqual(expect.stringMatching(/^retention\.purge +every 1h +never +due +–$/));
  });

  it('run <job> runs it now and prints what it did; list then shows the run', async () => {
    const abandoned = await sessionSeen(IDLE_TIMEOUT_MS + 60_000);
    const live = await sessionSeen(60_000);
    const r = await cli('jobs', 'run', JOB);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${JOB}: ok in \\d+ ms \\(deleted 1\\)\\n$`));
    expect(await sessionExists(abandoned)).toBe(false);
    expect(await sessionExists(live)).toBe(true);
    // The server's log line goes to stderr, with counts only.
    expect(r.err).toContain('"msg":"job finished"');
    expect(r.err).not.toContain('Anna');

    const list = await cli('jobs', 'list');
    expect(list.out).toMatch(new RegExp(`^${JOB} +every 15m +${TIME} +${TIME} +ok$`, 'm'));
  });

  it('run without a name runs only what is due', async () => {
    // The session purge ran just now; the retention purge, the recommendation, referral and reporting-year jobs never did, so they are due at first sight.
    const r = await cli('jobs', 'run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        [
          /^contact\.purge: ok in \d+ ms \(deleted 0\)\n/.source,
          // The test database holds the demo's recommendations, some of them with old assessments.
          /recommendations\.assessments-due: ok in \d+ ms \(due \d+\)\n/.source,
          /referrals\.auto-close: ok in \d+ ms \(closed 0\)\n/.source,
          /referrals\.delete: ok in \d+ ms \(deleted 0\)\n/.source,
          /referrals\.remind: ok in \d+ ms \(reminded 0, mails 0\)\n/.source,
          /reporting-years\.remind: ok in \d+ ms \(reminders 0, centres 0, mails 0\)\n/.source,
          /reporting-years\.retention: ok in \d+ ms \(years 0, deleted 0\)\n/.source,
          /retention\.purge: ok in \d+ ms \(throttle 0, outbox 0, invitations 0, passwordResets 0, emailChanges 0, challenges 0, entryReports 0\)\n$/
            .source,
        ].join(''),
      ),
    );
    expect(await cli('jobs', 'run')).toMatchObject({ code: 0, out: 'No job is due.\n' });
  });

  it('does not start a job another instance is running, and says whose run it is', async () => {
    const until = new Date(Date.now() + 5 * 60_000);
    await database.db
      .updateTable('scheduled_job')
      .set({ lease_id: randomUUID(), leased_by: 'web-2/4711', lease_until: until, next_run_at: new Date() })
      .where('name', '=', JOB)
      .execute();
    const r = await cli('jobs', 'run', JOB);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `${JOB}: not started, running on web-2/4711 (lease until ${until.toISOString().slice(0, 19).replace('T', ' ')}Z)\n`,
    );
    // Due, but held: `run` leaves it to the holder.
    expect((await cli('jobs', 'run')).out).toBe('No job is due.\n');
    expect((await cli('jobs', 'list')).out).toMatch(
      new RegExp(`running on web-2/4711 \\(lease until ${TIME}\\)$`, 'm'),
    );
  });

  it('list shows a failure by the class and place of the error', async () => {
    await database.db
      .updateTable('scheduled_job')
      .set({
        lease_id: null,
        leased_by: null,
        lease_until: null,
        last_outcome: 'failed',
        last_error: 'TypeError 23505 at src/platform/auth/session-store.ts:160',
        failures: 3,
        next_run_at: new Date(Date.now() + 4 * 60_000),
      })
      .where('name', '=', JOB)
      .execute();
    expect((await cli('jobs', 'list')).out).toMatch(
      new RegExp(`${TIME} +failed 3 times in a row: TypeError 23505 at src/platform/auth/session-store.ts:160$`, 'm'),
    );
  });

  it('rejects an unknown job or extra arguments with usage help (exit 2)', async () => {
    const unknown = await cli('jobs', 'run', 'no.such-job');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      `There is no job named "no.such-job". Jobs: ${JOB}, retention.purge, referrals.remind, referrals.auto-close, referrals.delete, reporting-years.remind, reporting-years.retention, recommendations.assessments-due, contact.purge.`,
    );
    expect((await cli('jobs', 'run', JOB, 'extra')).code).toBe(2);
    expect((await cli('jobs', 'list', 'extra')).code).toBe(2);
    const help = await cli('help', 'jobs');
    expect(help.out).toContain('jobs list');
    expect(help.out).toContain('jobs run');
  });
});
