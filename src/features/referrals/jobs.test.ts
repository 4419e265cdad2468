/**
 * Referrals over time, with the fake clock and the runner's runDue(): the
 * reminder after 7 days comes once (a mail without content to the centre's
 * active members), the automatic closing after 60 days happens once, and 30
 * days after closing NOTHING of the referral remains in any referral table
 * (read as the owner, which row-level security hides nothing from) — only
 * its random id in the centre's audit chain. Runs on both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, type TestUser } from '../../../test/support/auth.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { type JobRunner } from '../../platform/jobs/runner.ts';
import { REFERRAL_JOBS } from './jobs.ts';
import { sendReferral, type SentReferral } from './test-fixtures.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const clock = fakeClock(new Date('2027-03-01T08:00:00Z'));
const t = appForFile({}, { clock });

let centre: string;
let lead: TestUser;
let counsellor: TestUser;
let jobs: JobRunner;

beforeAll(async () => {
  centre = await createCentre(t.app, 'Beratung Fristen');
  lead = await createUser(t.app, { role: 'centre_lead', centreId: centre });
  counsellor = await createUser(t.app, { role: 'counsellor', centreId: centre });
  // A disabled member gets no mail.
  const gone = await createUser(t.app, { role: 'counsellor', centreId: centre });
  await withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', gone.id).execute(),
  );
  jobs = jobRunnerFor(t.app, clock, REFERRAL_JOBS);
}, 60_000);
afterAll(() => jobs?.stop());

/** Every referral table's rows that mention the referral, as the owner sees them. */
async function remains(r: SentReferral): Promise<Record<string, number>> {
  const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(t.database.db)).rows[0]?.n);
  return {
    referral: await count(sql`SELECT count(*)::text AS n FROM referral WHERE id = ${r.id}`),
    history: await count(sql`SELECT count(*)::text AS n FROM referral_status_event WHERE referral_id = ${r.id}`),
    anywhere: await count(sql`SELECT count(*)::text AS n FROM (
        SELECT t::text AS row FROM referral t
        UNION ALL SELECT t::text FROM referral_status_event t
        UNION ALL SELECT t::text FROM referral_centre_key t
        UNION ALL SELECT t::text FROM referral_recipient t
      ) x WHERE row LIKE ${`%${r.id}%`} OR row LIKE ${`%${r.receiptHash}%`}`),
  };
}

async function mailsTo(addresses: string[]): Promise<{ recipient: string; subject: string; body_text: string }[]> {
  return withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('outbox_mail')
      .select(['recipient', 'subject', 'body_text'])
      .where('recipient', 'in', addresses)
      .where('subject', '=', 'Erinnerung: eine Vermittlung ist noch offen')
      .execute(),
  );
}

async function events(r: SentReferral): Promise<string[]> {
  const rows = await sql<{
    event: string;
  }>`SELECT event FROM audit_log WHERE object_id = ${r.id} ORDER BY seq`.execute(t.database.db);
  return rows.rows.map((x) => x.event);
}

describe('referral jobs', () => {
  it('remind once after 7 days, close once after 60, and delete everything 30 days after closing', async () => {
    const r = await sendReferral(t.app, centre);
    await jobs.runDue();
    expect(await mailsTo([lead.email, counsellor.email])).toEqual([]);

    clock.advance(7 * DAY + HOUR);
    const first = await jobs.runDue();
    expect(first.find((x) => x.name === 'referrals.remind')).toMatchObject({
      outcome: 'ok',
      summary: { reminded: 1, mails: 2 },
    });
    const mails = await mailsTo([lead.email, counsellor.email]);
    expect(mails.map((m) => m.recipient).sort()).toEqual([lead.email, counsellor.email].sort());
    for (const m of mails) {
      expect(m.body_text).toContain(`${t.config.publicOrigin}/de/staff/referrals`);
      expect(m.body_text).toContain('mehr als 7 Tagen');
      expect(m.body_text).not.toContain(r.payload.message);
      expect(m.body_text).not.toContain(r.id);
    }
    // Later runs remind nobody again.
    for (let i = 0; i < 3; i++) {
      clock.advance(DAY);
      await jobs.runDue();
    }
    expect(await mailsTo([lead.email, counsellor.email])).toHaveLength(2);
    expect(await events(r)).toEqual(['referral.reminded_done']);

    clock.set(new Date(Date.parse('2027-03-01T08:00:00Z') + 60 * DAY + HOUR));
    await jobs.runDue();
    clock.advance(2 * HOUR);
    await jobs.runDue();
    const closed = await sql<{
      status: string;
      closed_at: Date | null;
    }>`SELECT status, closed_at FROM referral WHERE id = ${r.id}`.execute(t.database.db);
    expect(closed.rows[0]?.status).toBe('closed');
    expect(await events(r)).toEqual(['referral.reminded_done', 'referral.closed_done']);
    const history = await sql<{
      status: string;
    }>`SELECT status FROM referral_status_event WHERE referral_id = ${r.id} ORDER BY at`.execute(t.database.db);
    expect(history.rows.map((x) => x.status)).toEqual(['received', 'closed']);

    // Still there one day before the deletion is due (so the check below can fail).
    clock.advance(29 * DAY);
    await jobs.runDue();
    expect(await remains(r)).toEqual({ referral: 1, history: 2, anywhere: 3 });

    clock.advance(DAY + HOUR);
    const run = await jobs.runDue();
    expect(run.find((x) => x.name === 'referrals.delete')).toMatchObject({ outcome: 'ok', summary: { deleted: 1 } });
    expect(await remains(r)).toEqual({ referral: 0, history: 0, anywhere: 0 });
    expect(await events(r)).toEqual(['referral.reminded_done', 'referral.closed_done', 'referral.deleted_done']);
    const deleted = await sql<{
      centre_id: string;
      details: unknown;
      actor_id: string | null;
    }>`SELECT centre_id, details, actor_id FROM audit_log WHERE object_id = ${r.id} AND event = 'referral.deleted_done'`.execute(
      t.database.db,
    );
    expect(deleted.rows).toEqual([{ centre_id: centre, details: {}, actor_id: null }]);
  });

  it('deletes a referral closed by its centre 30 days after the closing, not earlier', async () => {
    const r = await sendReferral(t.app, centre);
    await withScope(t.database.db, { kind: 'centre', centreId: centre }, (trx) =>
      trx
        .updateTable('referral')
        .set({ status: 'closed', closed_at: clock.now(), status_changed_at: clock.now() })
        .where('id', '=', r.id)
        .execute(),
    );
    clock.advance(30 * DAY - HOUR);
    await jobs.runDue();
    expect((await remains(r)).referral).toBe(1);
    clock.advance(2 * HOUR);
    await jobs.runDue();
    expect(await remains(r)).toEqual({ referral: 0, history: 0, anywhere: 0 });
  });

  it('takes the deletion period from the configuration', async () => {
    const shorter = jobRunnerFor(t.app, clock, REFERRAL_JOBS, {
      config: loadConfig({ NODE_ENV: 'test', REFERRAL_DELETE_AFTER_DAYS: '10' }),
      instance: 'shorter',
    });
    const r = await sendReferral(t.app, centre);
    await withScope(t.database.db, { kind: 'centre', centreId: centre }, (trx) =>
      trx
        .updateTable('referral')
        .set({ status: 'closed', closed_at: clock.now(), status_changed_at: clock.now() })
        .where('id', '=', r.id)
        .execute(),
    );
    clock.advance(10 * DAY + HOUR);
    await shorter.runNow('referrals.delete');
    expect(await remains(r)).toEqual({ referral: 0, history: 0, anywhere: 0 });
    await shorter.stop();
  });
});
