/**
 * Retention (checklist #24): the scheduled purge deletes throttle counters
 * 24 hours, outbox mails 7 days, ended one-time links and expired passkey
 * challenges 30 days after they ended — not a minute before — and leaves
 * live rows alone. Driven by a fake clock through the job runner, as the
 * server runs it: the application role in the 'retention' scope.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs } from '../../app.ts';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import { createUser, fakeClock, signIn, type TestUser } from '../../../test/support/auth.ts';
import { consumeLink, createLink } from '../auth/queries/one-time-links.ts';
import { createInvitation } from '../auth/queries/invitations.ts';
import { recordFailure, throttleKeys, type ThrottleKeys } from '../auth/throttle.ts';
import { withScope } from '../db/tenant.ts';
import { type JobRunner } from '../jobs/runner.ts';
import { hashToken } from '../security/tokens.ts';
import { retentionPurgeJob, RETENTION } from './purge-job.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = fakeClock();
const t = appForFile({}, { clock });
let jobs: JobRunner;
beforeAll(() => {
  jobs = jobRunnerFor(t.app, clock);
});
// Runs before the app closes (after-hooks run in reverse order).
afterAll(async () => {
  await jobs?.stop();
});

const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** Run the purge now, by the fake clock; it must succeed. */
async function purgeAt(now: Date) {
  clock.set(now);
  const result = await jobs.runNow(retentionPurgeJob.name);
  expect(result).toMatchObject({ outcome: 'ok' });
  return result;
}

const network = <T>(fn: Parameters<typeof withScope<T>>[2]) => withScope(t.database.db, { kind: 'admin' }, fn);

describe('the retention purge', () => {
  it('is one of the jobs the server runs, every hour, with the documented periods', () => {
    expect(scheduledJobs()).toContain(retentionPurgeJob);
    expect(retentionPurgeJob.schedule).toEqual({ every: HOUR });
    expect(RETENTION).toEqual({
      throttleCounters: DAY,
      outboxMails: 7 * DAY,
      endedLinks: 30 * DAY,
      expiredChallenges: 30 * DAY,
      handledReports: 90 * DAY,
    });
  });

  it('keeps throttle counters for 24 hours after their window and any lock ended, then deletes them', async () => {
    const t0 = new Date('2027-01-04T10:00:00Z');
    clock.set(t0);
    let n = 0;
    const keys = () => throttleKeys(t.app.keys.server, `guess-${++n}@example.org`, `203.0.113.${n}`);
    const fail = (k: ThrottleKeys) =>
      withScope(t.database.db, { kind: 'auth' }, (trx) => recordFailure(trx, k, clock.now()));
    const stored = async (key: string) =>
      (await t.database.db.selectFrom('auth_throttle').select('key').where('key', '=', key).executeTakeFirst()) !==
      undefined;

    const old = keys();
    await fail(old);
    // Five failures lock the account key until t0 + 15 minutes.
    const locked = keys();
    for (let i = 0; i < 5; i++) expect(await fail(locked)).toBe(i < 4 ? null : 15 * 60);
    clock.set(at(t0, DAY - MINUTE));
    const recent = keys();
    await fail(recent);

    await purgeAt(at(t0, DAY - MINUTE));
    for (const k of [old, locked, recent]) expect(await stored(k.account)).toBe(true);

    const { summary } = (await purgeAt(at(t0, DAY))) as { summary: Record<string, number> };
    expect(await stored(old.account)).toBe(false);
    expect(await stored(old.ip)).toBe(false);
    expect(summary.throttle).toBeGreaterThanOrEqual(3);
    // The lock ended 15 minutes after the window started: kept 24 hours from then.
    expect(await stored(locked.account)).toBe(true);
    expect(await stored(recent.account)).toBe(true);

    await purgeAt(at(t0, DAY + 15 * MINUTE));
    expect(await stored(locked.account)).toBe(false);
    expect(await stored(recent.account)).toBe(true);
    expect(await stored(recent.ip)).toBe(true);
  });

  it('keeps outbox mails 7 days after sending — unsent ones 7 days after they were written — then deletes them', async () => {
    const t0 = new Date('2027-02-01T10:00:00Z');
    const mail = (createdAt: Date, sentAt: Date | null) => ({
      id: randomUUID(),
      recipient: `person-${randomUUID()}@example.org`,
      subject: 'Link',
      body_text: 'a one-time link',
      created_at: createdAt,
      sent_at: sentAt,
    });
    const sent = mail(at(t0, -2 * HOUR), t0);
    const unsent = mail(t0, null);
    const newer = mail(at(t0, DAY), null);
    await network((trx) => trx.insertInto('outbox_mail').values([sent, unsent, newer]).execute());
    const left = async () =>
      (
        await network((trx) =>
          trx.selectFrom('outbox_mail').select('id').where('id', 'in', [sent.id, unsent.id, newer.id]).execute(),
        )
      )
        .map((r) => r.id)
        .sort();

    await purgeAt(at(t0, 7 * DAY - MINUTE));
    expect(await left()).toEqual([sent.id, unsent.id, newer.id].sort());
    await purgeAt(at(t0, 7 * DAY));
    expect(await left()).toEqual([newer.id]);
    await purgeAt(at(t0, 8 * DAY));
    expect(await left()).toEqual([]);
  });

  it('keeps invitations, password resets and e-mail changes 30 days after they were used or expired; open ones stay', async () => {
    const t0 = new Date('2027-03-01T10:00:00Z');
    clock.set(t0);
    const [first, second, third] = [
      await createUser(t.app, { role: 'counsellor' }),
      await createUser(t.app, { role: 'counsellor' }),
      await createUser(t.app, { role: 'counsellor' }),
    ] as [TestUser, TestUser, TestUser];
    const owner = (u: TestUser) => ({ id: u.id, centreId: u.centreId });
    const invite = async (now: Date) => {
      const { token } = await network((trx) =>
        createInvitation(
          trx,
          { email: `new-${randomUUID()}@example.org`, role: 'coordination', centreId: null, invitedBy: null },
          now,
        ),
      );
      return hashToken(token);
    };
    const link = async (kind: 'password_reset' | 'email_change', u: TestUser, now: Date) =>
      hashToken(
        await network((trx) =>
          createLink(
            trx,
            kind === 'email_change' ? { kind, newEmail: `moved-${randomUUID()}@example.org` } : { kind },
            owner(u),
            now,
          ),
        ),
      );
    const use = (kind: 'invitation' | 'password_reset' | 'email_change', hash: string, now: Date) =>
      network((trx) => consumeLink(trx, kind, hash, now));

    // Used half an hour after t0; expired after their lifetimes (reset 1 h, change 24 h, invitation 72 h).
    const rows = {
      invitationUsed: ['invitation', await invite(t0)],
      invitationExpired: ['invitation', await invite(t0)],
      resetUsed: ['password_reset', await link('password_reset', first, t0)],
      resetExpired: ['password_reset', await link('password_reset', second, t0)],
      changeUsed: ['email_change', await link('email_change', first, t0)],
      changeExpired: ['email_change', await link('email_change', second, t0)],
    } as const;
    for (const name of ['invitationUsed', 'resetUsed', 'changeUsed'] as const)
      expect(await use(rows[name][0], rows[name][1], at(t0, 30 * MINUTE))).toBe(true);
    // Links made a month later are open while the old ones fall due.
    const later = at(t0, 30 * DAY);
    clock.set(later);
    const open = {
      invitationOpen: ['invitation', await invite(later)],
      resetOpen: ['password_reset', await link('password_reset', third, later)],
      changeOpen: ['email_change', await link('email_change', third, later)],
    } as const;

    const all = { ...rows, ...open };
    const kept = async () => {
      const names: string[] = [];
      for (const [name, [table, hash]] of Object.entries(all)) {
        const row = await network((trx) =>
          trx.selectFrom(table).select('token_hash').where('token_hash', '=', hash).executeTakeFirst(),
        );
        if (row) names.push(name);
      }
      return names.sort();
    };
    const everything = Object.keys(all).sort();
    const openOnes = Object.keys(open);

    await purgeAt(at(t0, 30 * MINUTE + 30 * DAY - MINUTE));
    expect(await kept()).toEqual(everything);
    await purgeAt(at(t0, 30 * MINUTE + 30 * DAY));
    expect(await kept()).toEqual(['invitationExpired', 'resetExpired', 'changeExpired', ...openOnes].sort());
    await purgeAt(at(t0, HOUR + 30 * DAY - MINUTE));
    expect(await kept()).toContain('resetExpired');
    await purgeAt(at(t0, HOUR + 30 * DAY));
    expect(await kept()).toEqual(['invitationExpired', 'changeExpired', ...openOnes].sort());
    await purgeAt(at(t0, DAY + 30 * DAY - MINUTE));
    expect(await kept()).toContain('changeExpired');
    await purgeAt(at(t0, DAY + 30 * DAY));
    expect(await kept()).toEqual(['invitationExpired', ...openOnes].sort());
    await purgeAt(at(t0, 3 * DAY + 30 * DAY - MINUTE));
    expect(await kept()).toContain('invitationExpired');
    await purgeAt(at(t0, 3 * DAY + 30 * DAY));
    expect(await kept()).toEqual([...openOnes].sort());
    // The open invitation was left as it was: usable within its 72 hours.
    expect(await use('invitation', open.invitationOpen[1], at(later, HOUR))).toBe(true);
  });

  it('keeps passkey challenges 30 days after they expired, and a live one', async () => {
    const t0 = new Date('2027-06-01T10:00:00Z');
    clock.set(t0);
    const user = await createUser(t.app, { role: 'counsellor' });
    const session = await signIn(t.app, user);
    const sessionHash = hashToken(session.cookie.split('=')[1]!.split(';')[0]!);
    const challenge = (purpose: 'register' | 'authenticate', expiresAt: Date) =>
      t.database.db
        .insertInto('webauthn_challenge')
        .values({
          session_hash: sessionHash,
          purpose,
          user_id: user.id,
          challenge: 'A'.repeat(43),
          expires_at: expiresAt,
        })
        .execute();
    const left = async () =>
      (
        await t.database.db
          .selectFrom('webauthn_challenge')
          .select('purpose')
          .where('session_hash', '=', sessionHash)
          .execute()
      )
        .map((r) => r.purpose)
        .sort();

    await challenge('register', at(t0, 5 * MINUTE));
    await challenge('authenticate', at(t0, 30 * DAY + 5 * MINUTE));
    await purgeAt(at(t0, 5 * MINUTE + 30 * DAY - MINUTE));
    expect(await left()).toEqual(['authenticate', 'register']);
    await purgeAt(at(t0, 5 * MINUTE + 30 * DAY));
    expect(await left()).toEqual(['authenticate']);
  });

  it('runs on its schedule: due once an hour after the last run', async () => {
    const last = clock.now();
    clock.set(at(last, HOUR - MINUTE));
    expect((await jobs.runDue()).map((r) => r.name)).not.toContain(retentionPurgeJob.name);
    clock.set(at(last, HOUR));
    expect((await jobs.runDue()).map((r) => [r.name, r.outcome])).toContainEqual([retentionPurgeJob.name, 'ok']);
  });
});
