/**
 * Files of a centre's own records over HTTP, on both databases: the page
 * documents every column and offers templates; a good CSV or XLSX file is
 * stored whole and audited; a file with one bad row among good ones stores
 * nothing and lists every bad row (row, column, reason) in the reader's
 * language; the wrong type, a 6 MB file, no file or two files are refused;
 * a closed year's rows are refused; another centre's id is unknown; the
 * coordination office and administrators reach nothing; exports need a
 * fresh re-authentication, are audited, hold only the centre's records and
 * come back in through the import unchanged; the HTCDS export speaks the
 * standard's names and codes.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, signIn, type Session } from '../../../../test/support/auth.ts';
import { markRecentAuth } from '../../../../test/support/security.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { completeRecord } from '../test-fixtures.ts';
import { IMPORT_COLUMNS } from './columns.ts';
import { readSheet, writeXlsx } from './sheet.ts';
import { multipartBody, recordCells, recordsCsv } from './test-support.ts';

const clock = fakeClock(new Date('2026-03-02T09:00:00Z'));
const t = appForFile({}, { clock });

let centreA: string;
let centreB: string;
let lead: Session;
let counsellor: Session;
let leadB: Session;
let office: Session;
let admin: Session;
let recordB: string;

const base = '/de/staff/cases/files';

async function upload(s: Session, data: Buffer, opts: { lang?: string; name?: string; type?: string } = {}) {
  const body = multipartBody({ _csrf: s.csrf }, [
    { name: opts.name ?? 'daten.csv', type: opts.type ?? 'text/csv', data },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/${opts.lang ?? 'de'}/staff/cases/files/import`,
    headers: { ...body.headers, cookie: s.cookie },
    payload: body.payload,
  });
}

async function recordsOf(centreId: string) {
  return withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx.selectFrom('case_record').selectAll().orderBy('created_at').orderBy('id').execute(),
  );
}

async function auditRows(event: string) {
  const r = await sql<{ centre_id: string; actor_id: string; details: Record<string, unknown> }>`
    SELECT centre_id, actor_id, details FROM audit_log WHERE event = ${event} ORDER BY seq`.execute(t.database.db);
  return r.rows;
}

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung Datei');
  centreB = await createCentre(t.app, 'Beratung Nachbar');
  lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centreA }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centreA }));
  leadB = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centreB }));
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
  const b = completeRecord(centreB, 2025);
  recordB = b.id;
  await withScope(t.app.database.db, { kind: 'centre', centreId: centreB }, (trx) =>
    trx.insertInto('case_record').values(b).execute(),
  );
  await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
    trx
      .insertInto('reporting_year')
      .values([
        {
          year: 2024,
          status: 'closed',
          release_deadline: '2025-03-31',
          opened_at: clock.now(),
          closed_at: clock.now(),
        },
        { year: 2025, status: 'open', release_deadline: '2026-03-31', opened_at: clock.now() },
      ])
      .execute(),
  );
}, 60_000);

describe('the page and the templates', () => {
  it('documents every column in the reader’s language and offers a template with exactly those columns', async () => {
    for (const lang of ['de', 'en']) {
      const res = await t.app.inject({ url: `/${lang}/staff/cases/files`, headers: { cookie: counsellor.cookie } });
      expect(res.statusCode).toBe(200);
      for (const c of IMPORT_COLUMNS) expect(res.body).toContain(`<code>${c}</code>`);
      expect(res.body).toContain('enctype="multipart/form-data"');
    }
    const de = await t.app.inject({ url: base, headers: { cookie: lead.cookie } });
    expect(de.body).toContain('Jahr des Erstkontakts');
    expect(de.body).toContain('eins von: female, male, trans, non_binary, unknown');
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await t.app.inject({ url: `${base}/template?format=${format}`, headers: { cookie: lead.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="vorlage-datensaetze.${format}"`);
      const sheet = await readSheet(res.rawPayload, 10);
      expect(sheet).toMatchObject({ format, header: IMPORT_COLUMNS, rows: [] });
    }
  });
});

describe('importing', () => {
  it('stores a good CSV file whole, audited, and says how many', async () => {
    const csv = recordsCsv([
      recordCells(2025),
      recordCells(2025, { status: 'draft', gender: '', support_provided: '' }),
      recordCells(2026, {
        age_at_first_contact: '16',
        minor_at_exploitation: 'yes',
        unaccompanied_minor: 'unaccompanied',
        exploitation_forms: 'labour',
        labour_sector: 'A',
        consent_statistics: 'no',
      }),
    ]);
    const res = await upload(counsellor, Buffer.from(csv));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${base}?done=imported&created=3&updated=0`);
    const page = await t.app.inject({ url: String(res.headers.location), headers: { cookie: counsellor.cookie } });
    expect(page.body).toContain('3 Datensätze wurden übernommen.');
    const stored = await recordsOf(centreA);
    expect(stored).toHaveLength(3);
    const byYear = [...stored].sort(
      (a, b) => a.first_contact_year! - b.first_contact_year! || a.status.localeCompare(b.status),
    );
    expect(byYear.map((r) => [r.status, r.first_contact_year, r.gender])).toEqual([
      ['complete', 2025, 'female'],
      ['draft', 2025, null],
      ['complete', 2026, 'female'],
    ]);
    expect(byYear[0]).toMatchObject({
      country_of_exploitation: ['DE', 'IT'],
      exploitation_timing: ['during_flight', 'during_asylum'],
      consent_statistics: true,
      released_at: null,
      unaccompanied_minor: 'not_applicable',
    });
    expect(byYear[2]).toMatchObject({
      labour_sector: 'A',
      unaccompanied_minor: 'unaccompanied',
      consent_statistics: false,
    });
    expect(await auditRows('case_record.imported_done')).toEqual([
      {
        centre_id: centreA,
        actor_id: expect.any(String) as string,
        details: { records: 3, created: 3, updated: 0, format: 'csv' },
      },
    ]);
  });

  it('stores a good XLSX file', async () => {
    const cells = recordCells(2025, { gender: 'male' });
    const file = await writeXlsx('Daten', IMPORT_COLUMNS, [
      IMPORT_COLUMNS.map((c) => (c === 'first_contact_year' ? 2025 : c === 'age_at_first_contact' ? 31 : cells[c]!)),
    ]);
    const res = await upload(lead, file, { name: 'daten.xlsx', type: 'application/octet-stream' });
    expect(res.statusCode).toBe(303);
    const stored = await recordsOf(centreA);
    expect(stored).toHaveLength(4);
    expect(stored.filter((r) => r.gender === 'male')).toMatchObject([
      { age_at_first_contact: 31, first_contact_year: 2025 },
    ]);
  });

  it('stores nothing when one row among good ones is bad, and lists every bad row with column and reason', async () => {
    const before = await recordsOf(centreA);
    const rows = [
      recordCells(2025),
      recordCells(2025, { gender: 'woman' }),
      recordCells(2025),
      recordCells(2025, { status: 'complete', support_provided: '', age_at_first_contact: '140' }),
      recordCells(2025, { status: '' }),
    ];
    const res = await upload(lead, Buffer.from(recordsCsv(rows)));
    expect(res.statusCode).toBe(400);
    expect(await recordsOf(centreA)).toEqual(before);
    const problems = [
      ...res.body.matchAll(
        /<td class="number">(\d+)<\/td>\s*<td>\s*<code>([a-z_]+)<\/code>\s*<\/td>\s*<td>([^<]*)<\/td>/g,
      ),
    ].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(problems).toEqual([
      [3, 'gender', 'Diese Antwort gibt es hier nicht.'],
      [5, 'age_at_first_contact', 'Bitte ein Alter in ganzen Jahren von 0 bis 99 angeben.'],
      // Without a valid age the minors' question applies, and a complete record must answer it.
      [5, 'unaccompanied_minor', 'Bitte beantworten Sie diese Frage.'],
      [5, 'support_provided', 'Bitte wählen Sie mindestens eine Antwort.'],
      [6, 'status', 'Bitte angeben, ob der Datensatz ein Entwurf (draft) oder vollständig (complete) ist.'],
    ]);
    const en = await upload(lead, Buffer.from(recordsCsv(rows)), { lang: 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Nothing imported');
    expect(en.body).toContain('Please say whether the record is a draft or complete.');
    expect(await auditRows('case_record.imported_done')).toHaveLength(2);
  });

  it('refuses an unknown column, the wrong type, a 6 MB file, no file and two files — nothing stored', async () => {
    const before = await recordsOf(centreA);
    const unknown = await upload(
      lead,
      Buffer.from(recordsCsv([recordCells(2025, { name: 'Erika' })], [...IMPORT_COLUMNS, 'name'])),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Diese Spalte gibt es nicht.');
    const png = await upload(lead, Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex'), {
      name: 'bild.png',
      type: 'image/png',
    });
    expect(png.statusCode).toBe(415);
    expect(png.body).toContain('Diese Datei ist weder eine CSV- noch eine Excel-Datei (XLSX).');
    const huge = await upload(lead, Buffer.alloc(6 * 1024 * 1024, 'a'));
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('Die Datei ist zu groß.');
    const hugeEn = await upload(lead, Buffer.alloc(6 * 1024 * 1024, 'a'), { lang: 'en' });
    expect(hugeEn.body).toContain('The file is too large.');
    const none = multipartBody({ _csrf: lead.csrf });
    const noFile = await t.app.inject({
      method: 'POST',
      url: `${base}/import`,
      headers: { ...none.headers, cookie: lead.cookie },
      payload: none.payload,
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Bitte wählen Sie eine Datei aus.');
    const csv = Buffer.from(recordsCsv([recordCells(2025)]));
    const two = multipartBody({ _csrf: lead.csrf }, [
      { name: 'a.csv', type: 'text/csv', data: csv },
      { name: 'b.csv', type: 'text/csv', data: csv },
    ]);
    const twoFiles = await t.app.inject({
      method: 'POST',
      url: `${base}/import`,
      headers: { ...two.headers, cookie: lead.cookie },
      payload: two.payload,
    });
    expect(twoFiles.statusCode).toBe(400);
    const noToken = multipartBody({}, [{ name: 'a.csv', type: 'text/csv', data: csv }]);
    const forged = await t.app.inject({
      method: 'POST',
      url: `${base}/import`,
      headers: { ...noToken.headers, cookie: lead.cookie },
      payload: noToken.payload,
    });
    expect(forged.statusCode).toBe(403);
    expect(await recordsOf(centreA)).toEqual(before);
  });

  it('keeps the 5 MB limit to this route: every other form keeps the global one', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/de/staff/reporting-years',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: office.cookie },
      payload: `_csrf=${office.csrf}&year=${'1'.repeat(2 * 1024 * 1024)}`,
    });
    expect(res.statusCode).toBe(413);
    const elsewhere = multipartBody({ _csrf: office.csrf, year: '2030', release_deadline: '2031-03-31' });
    const multi = await t.app.inject({
      method: 'POST',
      url: '/de/staff/reporting-years',
      headers: { ...elsewhere.headers, cookie: office.cookie },
      payload: elsewhere.payload,
    });
    expect(multi.statusCode).toBe(415);
  });

  it('refuses rows of a closed year, new or changed', async () => {
    const closed = await upload(lead, Buffer.from(recordsCsv([recordCells(2025), recordCells(2024)])));
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('Das Berichtsjahr ist abgeschlossen');
    const old = completeRecord(centreA, 2024);
    await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.updateTable('reporting_year').set({ status: 'open' }).where('year', '=', 2024).execute(),
    );
    await withScope(t.app.database.db, { kind: 'centre', centreId: centreA }, (trx) =>
      trx.insertInto('case_record').values(old).execute(),
    );
    await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.updateTable('reporting_year').set({ status: 'closed' }).where('year', '=', 2024).execute(),
    );
    // Moving a closed year's record into an open year is a change to the closed year too.
    const moved = await upload(lead, Buffer.from(recordsCsv([recordCells(2025, { id: old.id })])));
    expect(moved.statusCode).toBe(409);
    const still = await withScope(t.app.database.db, { kind: 'centre', centreId: centreA }, (trx) =>
      trx.selectFrom('case_record').select('first_contact_year').where('id', '=', old.id).executeTakeFirstOrThrow(),
    );
    expect(still.first_contact_year).toBe(2024);
  });

  it('treats another centre’s record id as unknown and leaves that record alone', async () => {
    const res = await upload(lead, Buffer.from(recordsCsv([recordCells(2025, { id: recordB, gender: 'male' })])));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Einen Datensatz mit dieser Kennung gibt es in Ihrer Beratungsstelle nicht.');
    const b = await recordsOf(centreB);
    expect(b.map((r) => [r.id, r.gender])).toEqual([[recordB, 'female']]);
  });
});

describe('who may not', () => {
  it('refuses the coordination office and administrators everywhere (404), and they change nothing', async () => {
    const csv = Buffer.from(recordsCsv([recordCells(2025)]));
    for (const s of [office, admin]) {
      await markRecentAuth(t.app, s);
      for (const url of [base, `${base}/template?format=csv`, `${base}/export?format=csv`]) {
        const res = await t.app.inject({ url, headers: { cookie: s.cookie } });
        expect(res.statusCode, url).toBe(404);
      }
      expect((await upload(s, csv)).statusCode).toBe(404);
    }
    expect(await recordsOf(centreA)).toHaveLength(5);
    const direct = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('case_record').select('id').execute(),
    );
    expect(direct).toEqual([]);
  });
});

describe('exporting', () => {
  it('asks for re-authentication first, then sends only the centre’s records, audited', async () => {
    // The sign-in itself counts as a proof of identity for ten minutes.
    clock.advance(11 * 60_000);
    const first = await t.app.inject({ url: `${base}/export?format=csv`, headers: { cookie: lead.cookie } });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/de/staff/reauth?next=${encodeURIComponent(`${base}/export?format=csv`)}`);
    expect(await auditRows('case_record.exported_done')).toEqual([]);

    await markRecentAuth(t.app, lead);
    const res = await t.app.inject({ url: `${base}/export?format=csv`, headers: { cookie: lead.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe('attachment; filename="datensaetze-2026-03-02.csv"');
    const sheet = await readSheet(res.rawPayload, 100);
    const ids = new Set((await recordsOf(centreA)).map((r) => r.id));
    expect(sheet.rows).toHaveLength(ids.size);
    expect(new Set(sheet.rows.map((r) => r.cells[0]))).toEqual(ids);
    expect(res.body).not.toContain(recordB);
    expect(await auditRows('case_record.exported_done')).toEqual([
      {
        centre_id: centreA,
        actor_id: expect.any(String) as string,
        details: { records: ids.size, format: 'csv', standard: 'network' },
      },
    ]);
    const other = await t.app.inject({ url: `${base}/export?format=xlsx`, headers: { cookie: leadB.cookie } });
    expect(other.statusCode).toBe(303);
    await markRecentAuth(t.app, leadB);
    const theirs = await readSheet(
      (await t.app.inject({ url: `${base}/export?format=xlsx`, headers: { cookie: leadB.cookie } })).rawPayload,
      100,
    );
    expect(theirs.rows.map((r) => r.cells[0])).toEqual([recordB]);
  });

  it('comes back in through the import: the open year’s records replaced, nothing new, a change taken', async () => {
    await markRecentAuth(t.app, lead);
    const res = await t.app.inject({ url: `${base}/export?format=xlsx`, headers: { cookie: lead.cookie } });
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload, 100);
    const col = (name: string) => sheet.header.indexOf(name);
    // Leave out the closed year's record; change one answer of the first.
    const rows = sheet.rows.filter((r) => r.cells[col('first_contact_year')] !== '2024').map((r) => [...r.cells]);
    rows[0]![col('gender')] = 'non_binary';
    const before = await recordsOf(centreA);
    const back = await upload(lead, await writeXlsx('x', sheet.header, rows), { name: 'zurueck.xlsx' });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`${base}?done=imported&created=0&updated=${rows.length}`);
    const after = await recordsOf(centreA);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const changed = after.find((r) => r.id === rows[0]![col('id')]);
    expect(changed?.gender).toBe('non_binary');
  });

  it('writes the HTCDS field names and codes', async () => {
    await markRecentAuth(t.app, leadB);
    const res = await t.app.inject({
      url: `${base}/export?format=csv&standard=htcds`,
      headers: { cookie: leadB.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="htcds-2026-03-02.csv"');
    const sheet = await readSheet(res.rawPayload, 10);
    const row = Object.fromEntries(sheet.header.map((h, i) => [h, sheet.rows[0]!.cells[i]]));
    expect(row).toMatchObject({
      id: recordB,
      prs_Gender: 'Feminine',
      prs_Citizenship: 'NG',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TypeOfExploitation: 'SexualExploitation',
      vic_MethodsOfControl: 'DebtBondage;Other',
      vic_RelationshipToTrafficker: 'Acquainted',
      'hte_Country (hte_Type=Recruitment)': 'NG',
      'hte_Country (hte_Type=Exploitation)': 'DE',
      con_Consent: 'true',
      asylum_stage: 'pending',
    });
    expect(
      (await auditRows('case_record.exported_done')).filter((r) => r.centre_id === centreB).at(-1)?.details,
    ).toEqual({
      records: 1,
      format: 'csv',
      standard: 'htcds',
    });
  });
});
