/**
 * The coordination office's reporting years over HTTP: opening (and the
 * refusals of a bad or existing year), the per-centre counts of what is
 * missing — names and numbers, never a record —, closing (after which the
 * database refuses every change to the year's records), reopening with a
 * reason, the history and the audit rows; the centres' start page; and the
 * attempts of everyone else. Runs on both databases.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { ANSWERED_DRAFT, NO_CONSENT, released, storeRecords, UNANSWERED_DRAFT, UNRELEASED } from './test-fixtures.ts';

const clock = fakeClock(new Date('2026-03-02T09:00:00Z'));
const t = appForFile({}, { clock });

let office: Session;
let lead: Session;
let counsellor: Session;
let otherLead: Session;
let admin: Session;
let centreA: string;
let centreB: string;
let recordsA: string[];

const YEAR = 2025;
const base = '/de/staff/reporting-years';

async function yearRow(year: number) {
  return withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
    trx.selectFrom('reporting_year').selectAll().where('year', '=', year).executeTakeFirst(),
  );
}

async function events(objectId: string): Promise<{ event: string; centre_id: string | null; details: unknown }[]> {
  const r = await sql<{ event: string; centre_id: string | null; details: unknown }>`
    SELECT event, centre_id, details FROM audit_log WHERE object_type = 'reporting_year' AND object_id = ${objectId}
    AND event LIKE 'reporting_year.%' ORDER BY seq`.execute(t.database.db);
  return r.rows;
}

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung Nord');
  centreB = await createCentre(t.app, 'Beratung Süd');
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centreA }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centreA }));
  otherLead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centreB }));
  admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
  recordsA = await storeRecords(t.app, centreA, YEAR, [
    UNANSWERED_DRAFT,
    UNANSWERED_DRAFT,
    ANSWERED_DRAFT,
    { ...UNANSWERED_DRAFT, consent_statistics: false },
    UNRELEASED,
    released(clock.now()),
    NO_CONSENT,
  ]);
  await storeRecords(t.app, centreB, YEAR, [UNRELEASED, released(clock.now())]);
  // Another year's records count for that year only.
  await storeRecords(t.app, centreB, 2024, [UNANSWERED_DRAFT]);
}, 60_000);

describe('opening a reporting year', () => {
  it('refuses a year that is no year, a deadline in the past or before the year, in the reader’s language', async () => {
    const bad = await postAs(t.app, office, base, { year: '25', release_deadline: '2026-03-31' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('muss eine Jahreszahl sein');
    const past = await postAs(t.app, office, base, { year: String(YEAR), release_deadline: '2026-03-01' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('darf nicht in der Vergangenheit liegen');
    const en = await postAs(t.app, office, '/en/staff/reporting-years', {
      year: '2030',
      release_deadline: '2029-12-31',
    });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('must not be before the reporting year begins');
    const notADate = await postAs(t.app, office, base, { year: String(YEAR), release_deadline: '31.03.2026' });
    expect(notADate.statusCode).toBe(400);
    const unknownField = await postAs(t.app, office, base, {
      year: String(YEAR),
      release_deadline: '2026-03-31',
      x: '1',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(await yearRow(YEAR)).toBeUndefined();
  });

  it('opens the year with its deadline, audited and in its history; the same year again is refused', async () => {
    const res = await postAs(t.app, office, base, { year: String(YEAR), release_deadline: '2026-03-31' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${base}/${YEAR}?done=opened`);
    expect(await yearRow(YEAR)).toMatchObject({ status: 'open', release_deadline: '2026-03-31', closed_at: null });
    expect(await events(String(YEAR))).toEqual([
      { event: 'reporting_year.opened_done', centre_id: null, details: { release_deadline: '2026-03-31' } },
    ]);
    const again = await postAs(t.app, office, base, { year: String(YEAR), release_deadline: '2026-04-30' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Dieses Berichtsjahr gibt es schon.');
    expect(await yearRow(YEAR)).toMatchObject({ release_deadline: '2026-03-31' });
    const list = await t.app.inject({ url: base, headers: { cookie: office.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${base}/${YEAR}"`);
  });
});

describe('what is missing, per centre', () => {
  it('shows the office counts per centre name, and nothing of any record', async () => {
    const res = await t.app.inject({ url: `${base}/${YEAR}`, headers: { cookie: office.cookie } });
    expect(res.statusCode).toBe(200);
    const row = (name: string) => {
      const m = new RegExp(`<th scope="row">${name}</th>((?:\\s*<td[^>]*>\\d+</td>){3})`).exec(res.body);
      return m ? [...m[1]!.matchAll(/>(\d+)</g)].map((x) => Number(x[1])) : null;
    };
    // A: four drafts (two consented without answers), one unreleased; the released and the unconsented record lack nothing.
    expect(row('Beratung Nord')).toEqual([4, 1, 2]);
    expect(row('Beratung Süd')).toEqual([0, 1, 0]);
    for (const id of recordsA) expect(res.body).not.toContain(id);
    expect(res.body).not.toContain('NG');
  });

  it('shows a centre its own counts on its start page, never another centre’s', async () => {
    const home = await t.app.inject({ url: '/de/staff', headers: { cookie: lead.cookie } });
    expect(home.body).toContain(
      'Berichtsjahr 2025, Freigabe bis 31. März 2026: 4 Entwürfe, 1 abgeschlossener Datensatz nicht freigegeben, 2 Datensätze mit Einwilligung und fehlenden Pflichtangaben.',
    );
    const en = await t.app.inject({ url: '/en/staff', headers: { cookie: counsellor.cookie } });
    expect(en.body).toContain('Reporting year 2025, release by March 31, 2026: 4 drafts');
    const other = await t.app.inject({ url: '/de/staff', headers: { cookie: otherLead.cookie } });
    expect(other.body).toContain('Berichtsjahr 2025, Freigabe bis 31. März 2026: 0 Entwürfe, 1 abgeschlossener');
    expect(other.body).not.toContain('4 Entwürfe');
  });

  it('gives no count through the function to any scope but the office’s and the reminder job’s', async () => {
    const count = (scope: Parameters<typeof withScope>[1]) =>
      withScope(t.app.database.db, scope, async (trx) =>
        Number(
          (await sql<{ n: string }>`SELECT count(*)::text AS n FROM case_record_progress(${YEAR})`.execute(trx))
            .rows[0]!.n,
        ),
      );
    expect(await count({ kind: 'coordination' })).toBe(2);
    expect(await count({ kind: 'retention' })).toBe(2);
    expect(await count({ kind: 'admin' })).toBe(0);
    expect(await count({ kind: 'centre', centreId: centreA })).toBe(0);
    expect(await count({ kind: 'auth' })).toBe(0);
    // The office itself reads no record directly.
    const direct = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('case_record').select('id').execute(),
    );
    expect(direct).toEqual([]);
  });
});

describe('closing and reopening', () => {
  it('is refused to everyone but the office (404, nothing changed)', async () => {
    for (const s of [lead, counsellor, admin]) {
      const res = await postAs(t.app, s, `${base}/${YEAR}/close`, { confirm: 'yes' });
      expect(res.statusCode).toBe(404);
      const page = await t.app.inject({ url: `${base}/${YEAR}`, headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(404);
    }
    expect(await yearRow(YEAR)).toMatchObject({ status: 'open' });
  });

  it('asks for the confirmation, then closes: the database refuses every change to the year’s records', async () => {
    const unconfirmed = await postAs(t.app, office, `${base}/${YEAR}/close`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('bitte bestätigen Sie den Abschluss');
    clock.advance(60_000);
    const res = await postAs(t.app, office, `${base}/${YEAR}/close`, { confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(await yearRow(YEAR)).toMatchObject({ status: 'closed', closed_at: clock.now() });
    expect((await events(String(YEAR))).map((e) => e.event)).toEqual([
      'reporting_year.opened_done',
      'reporting_year.closed_done',
    ]);
    const asCentre = <T>(fn: Parameters<typeof withScope<T>>[2]) =>
      withScope(t.app.database.db, { kind: 'centre', centreId: centreA }, fn);
    await expect(
      asCentre((trx) =>
        trx.updateTable('case_record').set({ gender: 'male' }).where('id', '=', recordsA[0]!).execute(),
      ),
    ).rejects.toThrow(/closed/);
    await expect(
      asCentre((trx) => trx.deleteFrom('case_record').where('id', '=', recordsA[0]!).execute()),
    ).rejects.toThrow(/closed/);
    await expect(storeRecords(t.app, centreA, YEAR, [UNRELEASED])).rejects.toThrow(/closed/);
    const again = await postAs(t.app, office, `${base}/${YEAR}/close`, { confirm: 'yes' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Dieses Berichtsjahr ist nicht offen.');
    // A closed year is not on the centres' start page.
    expect((await t.app.inject({ url: '/de/staff', headers: { cookie: lead.cookie } })).body).not.toContain(
      'Berichtsjahr 2025',
    );
  });

  it('reopens only with a reason and a deadline; the reason stays in the history', async () => {
    const noReason = await postAs(t.app, office, `${base}/${YEAR}/reopen`, {
      reason: ' ',
      release_deadline: '2026-04-15',
    });
    expect(noReason.statusCode).toBe(400);
    expect(await yearRow(YEAR)).toMatchObject({ status: 'closed' });
    clock.advance(60_000);
    const reason = 'Beratung Nord hat zwei Datensätze falsch zugeordnet.';
    const res = await postAs(t.app, office, `${base}/${YEAR}/reopen`, { reason, release_deadline: '2026-04-15' });
    expect(res.statusCode).toBe(303);
    expect(await yearRow(YEAR)).toMatchObject({
      status: 'open',
      release_deadline: '2026-04-15',
      reopen_reason: reason,
      reopened_at: clock.now(),
    });
    const audited = await events(String(YEAR));
    expect(audited.at(-1)).toEqual({
      event: 'reporting_year.reopened_done',
      centre_id: null,
      details: { release_deadline: '2026-04-15' },
    });
    const page = await t.app.inject({ url: `${base}/${YEAR}`, headers: { cookie: office.cookie } });
    expect(page.body).toContain(reason);
    expect(page.body).toMatch(/wiedereröffnet, Frist 15\. April 2026/);
    // Corrections are possible again.
    await withScope(t.app.database.db, { kind: 'centre', centreId: centreA }, (trx) =>
      trx.updateTable('case_record').set({ gender: 'male' }).where('id', '=', recordsA[0]!).execute(),
    );
    const twice = await postAs(t.app, office, `${base}/${YEAR}/reopen`, { reason, release_deadline: '2026-04-15' });
    expect(twice.statusCode).toBe(409);
  });

  it('answers 404 for a year that does not exist or is no year', async () => {
    for (const y of ['1999', '2031', 'abc', '20255']) {
      const res = await t.app.inject({ url: `${base}/${y}`, headers: { cookie: office.cookie } });
      expect(res.statusCode, y).toBe(404);
    }
    const res = await postAs(t.app, office, `${base}/2031/close`, { confirm: 'yes' });
    expect(res.statusCode).toBe(404);
  });
});
