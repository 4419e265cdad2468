/**
 * The staff side of the statistics over HTTP, on both databases: the
 * internal dashboard is the coordination office's alone; publishing runs
 * the audit and refuses what fails it (shown with a deliberately weak
 * engine: primary suppression only); the live tables are protected
 * against the public version the office reads beside them; exports are
 * audited and parse back; a centre's own dashboard shows its own records
 * and nothing of another centre's.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../app.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session } from '../../../test/support/auth.ts';
import { completeRecord } from '../case-records/test-fixtures.ts';
import { ENGINE, type Seen, type StatisticsEngine } from './compute.ts';
import { audit } from './engine/audit.ts';
import { groupDisclosures, isPrimary } from './engine/primary.ts';
import type { ProtectedCatalogue } from './engine/types.ts';
import { statisticsFeatureWith } from './index.ts';
import { cellsOf, parseStoredTables } from './stored.ts';
import { pdfTextLines } from './exports/pdf-text.ts';
import { addRecords, closeYear, openYear, publishAs, reopenYear, variedRecords } from './test-fixtures.ts';

/** Primary suppression only, no complementary cells: what the audit exists to catch. */
const PRIMARY_ONLY: StatisticsEngine = {
  async protect(counts, threshold) {
    const cells: ProtectedCatalogue['cells'] = Object.fromEntries(
      [...counts].map(([k, v]) => [
        k,
        isPrimary(v, threshold) ? { status: 'suppressed', reason: 'primary' } : { status: 'published', value: v! },
      ]),
    );
    return { version: 1, threshold, cells, knownFromEarlier: {}, groupDisclosures: groupDisclosures(counts) };
  },
  audit: (p) => audit(p),
};

/**
 * The real engine, keeping what it was asked and what it answered: the live
 * tables' inputs become visible. `meanwhile` runs after protecting: what
 * someone else does while a publication is being audited.
 */
const asked: { threshold: number; seen: Seen; result: ProtectedCatalogue }[] = [];
let meanwhile: (() => Promise<unknown>) | undefined;
const RECORDING: StatisticsEngine = {
  async protect(counts, threshold, seen) {
    const result = await ENGINE.protect(counts, threshold, seen);
    asked.push({ threshold, seen, result });
    await meanwhile?.();
    return result;
  },
  audit: (p) => ENGINE.audit(p),
};

let t: TestApp;
let weak: TestApp;
let coord: Session;
let lead: Session;
let otherLead: Session;
let centreA: string;
let centreB: string;
let admin: Session;
const clock = fakeClock(new Date('2026-03-02T09:00:00Z'));

/** Three centres, all women except two men at each: "men" (6) is below 10 and can be recomputed from the total. */
async function smallCellYear(app: TestApp['app'], year: number, centres: string[]) {
  await openYear(app, year);
  for (const c of centres) {
    const rows = [
      ...Array.from({ length: 18 }, () =>
        completeRecord(c, year, { released_at: new Date(`${year}-11-01T00:00:00Z`) }),
      ),
      ...Array.from({ length: 2 }, () =>
        completeRecord(c, year, { gender: 'male', released_at: new Date(`${year}-11-01T00:00:00Z`) }),
      ),
    ];
    await addRecords(app, c, rows);
  }
  await closeYear(app, year);
}

beforeAll(async () => {
  t = await testApp(
    {},
    { clock, features: FEATURES.map((f) => (f.name === 'statistics' ? statisticsFeatureWith(RECORDING) : f)) },
  );
  weak = await testApp(
    {},
    { clock, features: FEATURES.map((f) => (f.name === 'statistics' ? statisticsFeatureWith(PRIMARY_ONLY) : f)) },
  );
  centreA = await createCentre(t.app, 'Statistik A');
  centreB = await createCentre(t.app, 'Statistik B');
  const centreC = await createCentre(t.app, 'Statistik C');
  coord = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
  lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centreA }));
  otherLead = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centreB }));

  await openYear(t.app, 2024);
  // Centre A: 30 records, B: 25 (one of them a man from Eritrea), C: 20; plus drafts and unreleased ones.
  await addRecords(t.app, centreA, variedRecords(centreA, 2024, 30));
  await addRecords(t.app, centreB, [
    ...variedRecords(centreB, 2024, 24, 5),
    completeRecord(centreB, 2024, { gender: 'male', citizenship: 'ER', released_at: new Date('2024-12-01T00:00:00Z') }),
  ]);
  await addRecords(t.app, centreC, variedRecords(centreC, 2024, 20, 9));
  await addRecords(t.app, centreA, [
    completeRecord(centreA, 2024, { gender: 'trans' }),
    { ...completeRecord(centreA, 2024), status: 'draft', consent_statistics: null },
  ]);
  await closeYear(t.app, 2024);
  await smallCellYear(t.app, 2025, [centreA, centreB, centreC]);
}, 240_000);

afterAll(async () => {
  await weak?.close();
  await t?.close();
});

const get = (app: TestApp['app'], url: string, s?: Session) =>
  app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

async function events(app: TestApp['app'], event: string) {
  return withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select(['actor_id', 'details', 'object_id']).where('event', '=', event).execute(),
  );
}

describe('the internal dashboard', () => {
  it('is the coordination office’s: centres, administrators and anonymous visitors get nothing', async () => {
    const ok = await get(t.app, '/de/staff/statistics?year=2024', coord);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Statistik des Netzwerks (intern)');
    expect(ok.body).toContain('Prüfung bestanden');
    for (const s of [lead, otherLead, admin]) {
      const res = await get(t.app, '/de/staff/statistics?year=2024', s);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Prüfung bestanden');
    }
    const anon = await get(t.app, '/de/staff/statistics?year=2024');
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/de\/staff\/sign-in/);
  });

  it('shows the live tables at threshold 5, secret cells marked', async () => {
    const html = (await get(t.app, '/de/staff/statistics?year=2024', coord)).body;
    expect(html).toMatch(/<th scope="row">Insgesamt<\/th><td>75<\/td>/);
    expect(html).toContain('<span aria-hidden="true">[g]</span>');
    // The one man from Eritrea and the trans person (not released) are nowhere a number.
    expect(html).not.toMatch(/<th scope="row">trans<\/th><td>1<\/td>/);
  });

  it('is never older than the request: a record released a moment ago is counted at the next view', async () => {
    // An open year, viewed again and again while the centres release records.
    await openYear(t.app, 2023);
    const centreC = await createCentre(t.app, 'Statistik C2023');
    for (const [k, c] of [centreA, centreB, centreC].entries())
      await addRecords(t.app, c, variedRecords(c, 2023, 20, k * 4));
    const total = async () => {
      const html = (await get(t.app, '/de/staff/statistics?year=2023', coord)).body;
      expect(html).toContain('Prüfung bestanden');
      return /<th scope="row">Insgesamt<\/th><td>(\d+)<\/td>/.exec(html)?.[1];
    };
    expect(await total()).toBe('60');
    expect(await total()).toBe('60');
    await addRecords(t.app, centreB, variedRecords(centreB, 2023, 1, 30));
    expect(await total()).toBe('61');
  });

  it('answers 404 for a year that does not exist and 400 for nonsense', async () => {
    expect((await get(t.app, '/de/staff/statistics?year=2031', coord)).statusCode).toBe(404);
    expect((await get(t.app, '/de/staff/statistics?year=abc', coord)).statusCode).toBe(400);
  });
});

describe('publishing', () => {
  it('publishes a closed year after the audit passed, audited, and says so', async () => {
    const res = await postAs(t.app, coord, '/de/staff/statistics/publish', { year: '2024', audience: 'public' });
    expect(res.statusCode).toBe(303);
    const page = await get(t.app, String(res.headers.location), coord);
    expect(page.body).toMatch(/Veröffentlicht: Fassung 1 für 2024 \(öffentlich\)/);
    const rows = await events(t.app, 'statistics.published_done');
    expect(rows.some((r) => (r.details as { year?: number }).year === 2024)).toBe(true);
    expect((await get(t.app, '/de/statistics/2024')).statusCode).toBe(200);
  });

  it('then protects the live tables against that public version too: the office reads both', async () => {
    const pub = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx
        .selectFrom('statistics_publication')
        .select('tables')
        .where('year', '=', 2024)
        .where('audience', '=', 'public')
        .executeTakeFirstOrThrow(),
    );
    const publicCells = cellsOf(parseStoredTables(pub.tables));
    const page = await get(t.app, '/de/staff/statistics?year=2024', coord);
    expect(page.body).toContain('Prüfung bestanden');
    // Computed anew once the public version existed (the page after publishing), then taken from the cache.
    const withPublic = asked.filter((a) => a.seen.alsoSeen.length > 0);
    expect(withPublic).toHaveLength(1);
    const { threshold, seen, result } = withPublic[0]!;
    expect(threshold).toBe(5);
    expect(seen).toEqual({ earlier: [], alsoSeen: [publicCells] });
    // Every public value of a cell the live tables keep secret is a constant of their audit, and it holds.
    const revealed = Object.fromEntries(
      Object.entries(result.cells).flatMap(([k, c]) => {
        const v = publicCells[k];
        return c.status === 'suppressed' && typeof v === 'number' ? [[k, v] as const] : [];
      }),
    );
    expect(result.knownFromEarlier).toEqual(revealed);
    expect((await audit({ ...result, knownFromEarlier: revealed })).ok).toBe(true);
  });

  it('refuses what a primary-only suppression would publish: the audit fails, nothing is stored', async () => {
    // The weak app has its own database: the same small-cell year there.
    const w = weak.app;
    const centres = [await createCentre(w, 'W1'), await createCentre(w, 'W2'), await createCentre(w, 'W3')];
    await smallCellYear(w, 2025, centres);
    const office = await signIn(w, await createUser(w, { role: 'coordination' }));
    const res = await postAs(w, office, '/de/staff/statistics/publish', { year: '2025', audience: 'public' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Nicht veröffentlicht');
    expect(res.body).toMatch(/Die Prüfung hat \d+ geheim gehaltene Zahlen gefunden/);
    const stored = await withScope(w.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('statistics_publication').select('id').where('year', '=', 2025).execute(),
    );
    expect(stored).toEqual([]);
    const refusals = await events(w, 'statistics.publish_refused');
    expect(refusals.map((r) => (r.details as { reason?: string }).reason)).toContain('auditFailed');
    // The live dashboard of the weak engine shows no table either.
    const live = await get(w, '/de/staff/statistics?year=2025', office);
    expect(live.body).toContain('Prüfung nicht bestanden');
    expect(live.body).not.toContain('class="stat-table"');
  });

  it('the real engine publishes the same year: the small cell and a complement are kept secret', async () => {
    const outcome = await publishAs(t.app, 2025, 'public');
    expect(outcome).toMatchObject({ kind: 'published', version: 1 });
    const csv = (await get(t.app, '/de/statistics/2025/tables.csv?table=gender')).body;
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const male = rows.find((r) => r.row_code === 'male')!;
    const female = rows.find((r) => r.row_code === 'female')!;
    const total = rows.find((r) => r.row_code === 'total')!;
    expect(male.status).toBe('suppressed');
    // Not both of the others published: else men = total − women.
    expect(female.status === 'suppressed' || total.status === 'suppressed').toBe(true);
  });

  it('refuses an open year, a year that does not exist, and bad input', async () => {
    await openYear(t.app, 2026);
    const open = await postAs(t.app, coord, '/de/staff/statistics/publish', { year: '2026', audience: 'public' });
    expect(open.statusCode).toBe(409);
    expect(open.body).toContain('ist nicht abgeschlossen');
    const none = await postAs(t.app, coord, '/de/staff/statistics/publish', { year: '2031', audience: 'public' });
    expect(none.statusCode).toBe(404);
    const bad = await postAs(t.app, coord, '/en/staff/statistics/publish', { year: '2024', audience: 'everyone' });
    expect(bad.statusCode).toBe(400);
    const stored = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('statistics_publication').select('year').where('year', 'in', [2026, 2031]).execute(),
    );
    expect(stored).toEqual([]);
  });

  it('refuses a year reopened and closed again while it was audited, and says so', async () => {
    await openYear(t.app, 2022);
    const centres = [centreA, centreB, await createCentre(t.app, 'Statistik C2022')];
    for (const [k, c] of centres.entries()) await addRecords(t.app, c, variedRecords(c, 2022, 20, k * 4));
    await closeYear(t.app, 2022);
    meanwhile = async () => {
      meanwhile = undefined;
      clock.advance(60_000);
      await reopenYear(t.app, 2022);
      clock.advance(60_000);
      await closeYear(t.app, 2022);
    };
    const res = await postAs(t.app, coord, '/de/staff/statistics/publish', { year: '2022', audience: 'internal' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('wurde wieder geöffnet und erneut abgeschlossen');
    const stored = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('statistics_publication').select('id').where('year', '=', 2022).execute(),
    );
    expect(stored).toEqual([]);
    const refusals = (await events(t.app, 'statistics.publish_refused')).filter((r) => r.object_id === '2022');
    expect(refusals.map((r) => r.details)).toEqual([{ year: 2022, audience: 'internal', reason: 'reopened' }]);
  });

  it('is refused to centres (404) and needs the CSRF token', async () => {
    const res = await postAs(t.app, lead, '/de/staff/statistics/publish', { year: '2024', audience: 'internal' });
    expect(res.statusCode).toBe(404);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/de/staff/statistics/publish',
      headers: { cookie: coord.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'year=2024&audience=internal',
    });
    expect(noToken.statusCode).toBe(403);
  });
});

describe('exports of a publication', () => {
  it('CSV, XLSX and PDF of an internal publication, each audited with the office’s id', async () => {
    const outcome = await publishAs(t.app, 2024, 'internal');
    if (outcome.kind !== 'published') throw new Error('not published');
    const base = `/de/staff/statistics/publications/${outcome.id}`;
    const page = (await get(t.app, '/de/staff/statistics?year=2024', coord)).body;
    expect(page).toContain(`${base}/tables.csv`);
    const csv = await get(t.app, `${base}/tables.csv`, coord);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="schutznetz-statistik-2024-v1-intern.csv"');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Number(rows.find((r) => r.table_id === 'total')!.value)).toBe(75);
    const xlsx = await get(t.app, `${base}/tables.xlsx`, coord);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('total')!.getCell('B4').value).toBe(75);
    const pdf = await get(t.app, `${base}/report.pdf`, coord);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfTextLines(pdf.rawPayload)).toContain('Statistik 2024 (netzintern)');
    const exported = (await events(t.app, 'statistics.exported_done')).filter((r) => r.object_id === outcome.id);
    expect(exported.map((r) => (r.details as { format: string }).format).sort()).toEqual(['csv', 'pdf', 'xlsx']);
    // The public never reaches an internal publication.
    expect((await get(t.app, `${base}/tables.csv`)).statusCode).toBe(303);
    expect((await get(t.app, `${base}/tables.csv`, lead)).statusCode).toBe(404);
    expect((await get(t.app, '/de/statistics/2024/tables.csv')).body).not.toContain('intern');
  });

  it('marks a version whose year is being corrected, as the public files do', async () => {
    const id = (await events(t.app, 'statistics.published_done')).find(
      (r) =>
        (r.details as { year?: number; audience?: string }).year === 2024 &&
        (r.details as { audience?: string }).audience === 'internal',
    )!.object_id!;
    const yearStatus = async () => {
      const csv = await get(t.app, `/en/staff/statistics/publications/${id}/tables.csv?table=gender`, coord);
      const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
      return [...new Set(rows.map((r) => `${r.year_status}: ${(r.year_note ?? '').slice(0, 30)}`))];
    };
    expect(await yearStatus()).toEqual(['closed: ']);
    await reopenYear(t.app, 2024);
    expect(await yearStatus()).toEqual(['reopened: These are the figures for 2024']);
    await closeYear(t.app, 2024);
    expect(await yearStatus()).toEqual(['closed: ']);
  });

  it('an unknown or malformed id is 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'x'])
      expect((await get(t.app, `/de/staff/statistics/publications/${id}/tables.csv`, coord)).statusCode).toBe(404);
  });
});

describe('a centre’s own dashboard', () => {
  it('counts the own records only, every one of them (no suppression)', async () => {
    const res = await get(t.app, '/de/staff/statistics/centre?year=2024', lead);
    expect(res.statusCode).toBe(200);
    // Centre A: 30 released + 1 complete unreleased; the draft does not count.
    expect(res.body).toMatch(/2024: 31 vollständige Fälle, davon 30 freigegeben mit Einwilligung; 1 Entwürfe/);
    expect(res.body).toMatch(/<th scope="row">Insgesamt<\/th><td>31<\/td>/);
    expect(res.body).toMatch(/<th scope="row">trans<\/th><td>1<\/td>/);
    expect(res.body).not.toContain('[g]</span>');
    const released = await get(t.app, '/de/staff/statistics/centre?year=2024&released=yes', lead);
    expect(released.body).toMatch(/<th scope="row">Insgesamt<\/th><td>30<\/td>/);
    expect(released.body).toMatch(/<th scope="row">trans<\/th><td>0<\/td>/);
  });

  it('shows nothing of another centre', async () => {
    const genders = (rows: { gender?: string | null }[]) => ({
      male: rows.filter((r) => r.gender === 'male').length,
      female: rows.filter((r) => r.gender === 'female').length,
    });
    const ownB = genders([...variedRecords(centreB, 2024, 24, 5), { gender: 'male' }]);
    const ownA = genders([...variedRecords(centreA, 2024, 30), { gender: 'trans' }]);
    const cell = (html: string, label: string) =>
      Number(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`).exec(html)![1]);
    const b = (await get(t.app, '/de/staff/statistics/centre?year=2024', otherLead)).body;
    const a = (await get(t.app, '/de/staff/statistics/centre?year=2024', lead)).body;
    expect(cell(b, 'Insgesamt')).toBe(25);
    expect([cell(b, 'männlich'), cell(b, 'weiblich')]).toEqual([ownB.male, ownB.female]);
    expect([cell(a, 'männlich'), cell(a, 'weiblich')]).toEqual([ownA.male, ownA.female]);
    // A centre's released counts add up with the others' to the network's total, never more.
    expect(cell(a, 'Insgesamt') - 1 + cell(b, 'Insgesamt') + 20).toBe(75);
  });

  it('is for centre roles only', async () => {
    for (const s of [coord, admin]) expect((await get(t.app, '/de/staff/statistics/centre', s)).statusCode).toBe(404);
    expect((await get(t.app, '/de/staff/statistics/centre')).statusCode).toBe(303);
  });
});
