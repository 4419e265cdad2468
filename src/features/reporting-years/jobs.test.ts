/**
 * Reporting years over time, with the fake clock and the runner's
 * runDue(): reminders 14 and 3 days before the deadline go once each to the
 * leads (not the counsellors) of the centres with something missing, say
 * only counts and the deadline, and come again for a new deadline after a
 * reopening; a closed year's records are deleted CASE_RETENTION_YEARS after
 * the closing, not a day earlier, and nothing else is touched — the
 * published statistics included. Runs on both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, type TestUser } from '../../../test/support/auth.ts';
import { AUDIT_TABLES, WriteWatcher } from '../../../test/support/security.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import type { JobRunner } from '../../platform/jobs/runner.ts';
import { daysUntil, dueReminder, REPORTING_YEAR_JOBS, yearsBefore } from './jobs.ts';
import { closeYear, openYear, reopenYear } from './queries/years.ts';
import { released, storeRecords, UNANSWERED_DRAFT, UNRELEASED } from './test-fixtures.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const START = new Date('2026-01-10T08:00:00Z');
const clock = fakeClock(START);
const t = appForFile({}, { clock });

let centreA: string;
let centreB: string;
let centreC: string;
let leadA: TestUser;
let leadA2: TestUser;
let counsellorA: TestUser;
let leadB: TestUser;
let leadC: TestUser;
let jobs: JobRunner;

const office = () => ({ actorId: leadA.id, at: clock.now() });

async function asOffice<T>(fn: Parameters<typeof withScope<T>>[2]): Promise<T> {
  return withScope(t.app.database.db, { kind: 'coordination' }, fn);
}

async function reminders(addresses: string[]): Promise<{ recipient: string; subject: string; body_text: string }[]> {
  return withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('outbox_mail')
      .select(['recipient', 'subject', 'body_text'])
      .where('recipient', 'in', addresses)
      .where('subject', 'like', 'Erinnerung: Berichtsjahr%')
      .orderBy('created_at')
      .orderBy('recipient')
      .execute(),
  );
}

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung A');
  centreB = await createCentre(t.app, 'Beratung B');
  centreC = await createCentre(t.app, 'Beratung C');
  leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  leadA2 = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  counsellorA = await createUser(t.app, { role: 'counsellor', centreId: centreA });
  leadB = await createUser(t.app, { role: 'centre_lead', centreId: centreB });
  leadC = await createUser(t.app, { role: 'centre_lead', centreId: centreC });
  // A disabled lead gets no mail.
  const gone = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  await withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', gone.id).execute(),
  );
  // A: drafts and an unreleased record; B: nothing missing; C: one unreleased record.
  await storeRecords(t.app, centreA, 2025, [UNANSWERED_DRAFT, UNRELEASED, released(clock.now())]);
  await storeRecords(t.app, centreB, 2025, [released(clock.now())]);
  await storeRecords(t.app, centreC, 2025, [UNRELEASED]);
  jobs = jobRunnerFor(t.app, clock, REPORTING_YEAR_JOBS);
}, 60_000);
afterAll(() => jobs?.stop());

describe('the reminder stages', () => {
  it('counts days in German dates and picks the nearest stage reached', () => {
    expect(daysUntil('2026-03-17', '2026-03-31')).toBe(14);
    expect(daysUntil('2026-03-29', '2026-03-31')).toBe(2);
    expect(daysUntil('2026-04-01', '2026-03-31')).toBe(-1);
    expect([30, 15, 14, 4, 3, 0, -1].map(dueReminder)).toEqual([null, null, 14, 14, 3, 3, null]);
    expect(yearsBefore(new Date('2036-02-29T10:00:00Z'), 10)).toEqual(new Date('2026-02-28T10:00:00Z'));
  });
});

describe('reminders before the deadline', () => {
  it('mail the leads of centres with something missing 14 and 3 days before, once each, and again for a new deadline', async () => {
    await asOffice((trx) => openYear(trx, 2025, '2026-03-31', office()));
    const everyone = [leadA.email, leadA2.email, counsellorA.email, leadB.email, leadC.email];

    // 15 days before (in Germany): nothing yet.
    clock.set(new Date('2026-03-16T10:00:00Z'));
    await jobs.runDue();
    expect(await reminders(everyone)).toEqual([]);

    clock.set(new Date('2026-03-17T06:00:00Z'));
    const first = await jobs.runDue();
    expect(first.find((r) => r.name === 'reporting-years.remind')).toMatchObject({
      outcome: 'ok',
      summary: { reminders: 1, centres: 2, mails: 3 },
    });
    const mails = await reminders(everyone);
    expect(mails.map((m) => m.recipient).sort()).toEqual([leadA.email, leadA2.email, leadC.email].sort());
    const toA = mails.find((m) => m.recipient === leadA.email)!;
    expect(toA.subject).toBe('Erinnerung: Berichtsjahr 2025, Freigabe bis 31. März 2026');
    expect(toA.body_text).toContain('in 14 Tagen, am 31. März 2026');
    expect(toA.body_text).toContain('- Entwürfe: 1\n');
    expect(toA.body_text).toContain('nicht freigegeben: 1\n');
    expect(toA.body_text).toContain('Pflichtangaben fehlen: 1\n');
    expect(toA.body_text).toContain(`${t.config.publicOrigin}/de/staff/cases`);
    const toC = mails.find((m) => m.recipient === leadC.email)!;
    expect(toC.body_text).toContain('- Entwürfe: 0\n');

    // Later runs before the 3-day stage send nothing more.
    for (let i = 0; i < 5; i++) {
      clock.advance(DAY);
      await jobs.runDue();
    }
    expect(await reminders(everyone)).toHaveLength(3);

    clock.set(new Date('2026-03-28T08:00:00Z'));
    await jobs.runDue();
    clock.advance(2 * HOUR);
    await jobs.runDue();
    const second = await reminders(everyone);
    expect(second).toHaveLength(6);
    expect(second.slice(3).every((m) => m.body_text.includes('in 3 Tagen'))).toBe(true);

    // After the deadline: nothing.
    clock.set(new Date('2026-04-02T08:00:00Z'));
    await jobs.runDue();
    expect(await reminders(everyone)).toHaveLength(6);

    // Each reminder is in the reminded centre's audit chain, without anyone's address.
    const audited = await sql<{ centre_id: string; details: unknown }>`
      SELECT centre_id, details FROM audit_log WHERE event = 'reporting_year.reminded_done' ORDER BY seq`.execute(
      t.database.db,
    );
    expect(audited.rows).toEqual([
      ...[centreA, centreC]
        .sort()
        .map((c) => ({ centre_id: c, details: { days_before: 14, leads: c === centreA ? 2 : 1 } })),
      ...[centreA, centreC]
        .sort()
        .map((c) => ({ centre_id: c, details: { days_before: 3, leads: c === centreA ? 2 : 1 } })),
    ]);

    // Closed and reopened with a new deadline: reminded again; a year first seen 2 days before gets the 3-day one only.
    await asOffice((trx) => closeYear(trx, 2025, office()));
    await asOffice((trx) => reopenYear(trx, 2025, { reason: 'Korrekturen', releaseDeadline: '2026-04-04' }, office()));
    clock.advance(HOUR);
    await jobs.runDue();
    const third = await reminders(everyone);
    expect(third).toHaveLength(9);
    expect(third.slice(6).every((m) => m.body_text.includes('in 2 Tagen, am 4. April 2026'))).toBe(true);
    clock.advance(DAY);
    await jobs.runDue();
    expect(await reminders(everyone)).toHaveLength(9);
  });
});

describe('retention', () => {
  it('deletes a closed year’s records the configured years after its closing, and touches nothing else', async () => {
    await storeRecords(t.app, centreB, 2024, [UNRELEASED, released(clock.now())]);
    await asOffice((trx) => openYear(trx, 2024, '2026-04-30', office()));
    await asOffice((trx) => closeYear(trx, 2025, office()));
    const closedAt = clock.now();
    const count = async (year: number) =>
      Number(
        (
          await sql<{
            n: string;
          }>`SELECT count(*)::text AS n FROM case_record WHERE first_contact_year = ${year}`.execute(t.database.db)
        ).rows[0]!.n,
      );
    expect(await count(2025)).toBe(5);

    const keptOf2025 = async () =>
      (await sql`SELECT 1 FROM case_statistics_cell WHERE year = 2025`.execute(t.database.db)).rows.length;
    expect(await keptOf2025()).toBeGreaterThan(0);

    // A day before the tenth anniversary of the closing: still there.
    clock.set(new Date(yearsBefore(new Date(closedAt.getTime() - DAY), -10)));
    await jobs.runDue();
    expect(await count(2025)).toBe(5);

    const watcher = new WriteWatcher(t.app);
    await watcher.reset();
    clock.advance(DAY + HOUR);
    const run = await jobs.runDue();
    expect(run.find((r) => r.name === 'reporting-years.retention')).toMatchObject({
      outcome: 'ok',
      summary: { years: 1, deleted: 5 },
    });
    expect(await count(2025)).toBe(0);
    // The open year 2024 keeps its records; nothing but the records, the counts the triggers keep of them, the
    // audit chain and the job's own row changed.
    expect(await count(2024)).toBe(2);
    expect(
      await watcher.changes([
        'case_record',
        'case_record_progress',
        'case_statistics_cell',
        'scheduled_job',
        ...AUDIT_TABLES,
      ]),
    ).toEqual([]);
    // The kept counts of the deleted year went with its records.
    expect(await keptOf2025()).toBe(0);
    const left = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM case_record_progress
      WHERE year = 2025 AND (drafts <> 0 OR unreleased <> 0 OR unanswered <> 0)`.execute(t.database.db);
    expect(left.rows[0]!.n).toBe('0');
    const year = await asOffice((trx) =>
      trx.selectFrom('reporting_year').select('status').where('year', '=', 2025).executeTakeFirstOrThrow(),
    );
    expect(year.status).toBe('closed');
    const audited = await sql<{ centre_id: string; details: unknown }>`
      SELECT centre_id, details FROM audit_log WHERE event = 'reporting_year.records_deleted_done' ORDER BY centre_id`.execute(
      t.database.db,
    );
    expect(audited.rows).toEqual(
      [
        { centre_id: centreA, details: { records: 3, retention_years: 10 } },
        { centre_id: centreB, details: { records: 1, retention_years: 10 } },
        { centre_id: centreC, details: { records: 1, retention_years: 10 } },
      ].sort((a, b) => a.centre_id.localeCompare(b.centre_id)),
    );
    // Run again: nothing more to do, nothing recorded twice.
    clock.advance(2 * HOUR);
    await jobs.runDue();
    expect(
      (await sql`SELECT 1 FROM audit_log WHERE event = 'reporting_year.records_deleted_done'`.execute(t.database.db))
        .rows,
    ).toHaveLength(3);
  });

  it('takes the period from CASE_RETENTION_YEARS', async () => {
    const shorter = jobRunnerFor(t.app, clock, REPORTING_YEAR_JOBS, {
      config: loadConfig({ NODE_ENV: 'test', CASE_RETENTION_YEARS: '2' }),
      instance: 'shorter',
    });
    await asOffice((trx) => closeYear(trx, 2024, office()));
    clock.advance(2 * 366 * DAY);
    const r = await shorter.runNow('reporting-years.retention');
    expect(r).toMatchObject({ outcome: 'ok', summary: { years: 1, deleted: 2 } });
    await shorter.stop();
  });
});
