/**
 * Anonymous case documentation and the network's statistics, end to end in
 * Chromium, the way the people involved go through a reporting year:
 *
 * - the coordination office opens the year with a release deadline;
 * - a counsellor of the Leipzig centre documents a counselling: first a
 *   draft, then the complete record — the questions for minors and the
 *   labour sector appear only when the answers call for them, with the
 *   browser's JavaScript switched off — and releases it; exports the
 *   centre's records after confirming who she is once more, and imports a
 *   small CSV file of records kept elsewhere;
 * - the other centres' released records of the year are written in their
 *   own scopes, as their counsellors would have written them;
 * - the office sees per centre what is still missing, closes the year,
 *   publishes the public tables (the linear-program audit passes) and
 *   downloads the report as PDF and the tables as CSV and XLSX;
 * - the public statistics page shows the trend charts (SVG, each with its
 *   data table) and the new year's tables: no cookie, nothing from another
 *   origin, the quick exit, axe clean at desktop width and at 320 CSS px.
 *
 * The steps share state and run in order. Runs on PGlite and on
 * PostgreSQL (startStaffSite; test/support/test-sets.ts).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../src/platform/db/tenant.ts';
import {
  addRecords,
  demoCentreIds,
  publishedTestYear,
  variedRecords,
} from '../../src/features/statistics/test-fixtures.ts';
import { createUser, type TestUser } from '../support/auth.ts';
import { formatViolations, runAxe, watchPage, type AxeViolation, type PageLog } from './support/probes.ts';
import { newContext, QUICK_EXIT_TARGET, type Site } from './support/site.ts';
import {
  Authenticator,
  describePage,
  laterClock,
  LEIPZIG_CENTRE_ID,
  reflowProblems,
  signInInBrowser,
  startStaffSite,
  submitAndWait,
} from './support/staff.ts';

const MINUTE = 60_000;

const clock = laterClock();
/** The reporting year of the walk: the current one, so its deadline can lie ahead. */
const YEAR = clock.now().getUTCFullYear();
/** Earlier years, closed and published before the walk, so the trends have several years. */
const EARLIER = [YEAR - 2, YEAR - 1];
/** A release deadline some weeks ahead (the form refuses one in the past). */
const DEADLINE = new Date(clock.now().getTime() + 60 * 24 * 60 * MINUTE).toISOString().slice(0, 10);

let site: Site;
let counsellor: TestUser;
let counsellorAuth: Authenticator;
let coordination: TestUser;
let coordinationAuth: Authenticator;
const contexts: BrowserContext[] = [];
let counsellorPage: Page;
let officePage: Page;
let publicPage: Page;
let publicForeign: string[] = [];
const logs: PageLog[] = [];

async function guardedPage(opts: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; foreign: string[] }> {
  const guarded = await newContext(site, opts);
  contexts.push(guarded.context);
  const page = await guarded.context.newPage();
  logs.push(await watchPage(page));
  return { page, foreign: guarded.foreign };
}

/**
 * The page as it is now: zero axe violations at desktop width; at 320 CSS
 * px no sideways scrolling (except inside a keyboard-usable table region)
 * and zero violations again.
 */
async function expectAccessible(page: Page): Promise<void> {
  const where = `${new URL(page.url()).pathname}${new URL(page.url()).search}`;
  const violations = await runAxe(page);
  expect(violations, `axe violations on ${where}:\n${formatViolations(violations)}`).toEqual([]);
  let narrow: AxeViolation[] = [];
  const reflow = await reflowProblems(page, async () => {
    narrow = await runAxe(page);
  });
  expect(reflow, `${where} at 320 CSS px (WCAG 1.4.10 Reflow):\n${reflow.join('\n')}`).toEqual([]);
  expect(narrow, `axe violations on ${where} at 320 CSS px:\n${formatViolations(narrow)}`).toEqual([]);
}

/** A public page as a person at risk needs it: no cookie, no storage, the quick exit, accessible. */
async function expectPublicPage(page: Page, res: Response | null, path: string): Promise<void> {
  expect(new URL(page.url()).pathname, await describePage(page, res?.status())).toBe(path);
  expect(res?.status(), await describePage(page, res?.status())).toBe(200);
  const headers = (await res?.allHeaders()) ?? {};
  expect(headers['set-cookie'], `Set-Cookie on ${path}`).toBeUndefined();
  expect(await page.context().cookies(), `cookies after ${path}`).toEqual([]);
  expect(
    await page.evaluate(() => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    })),
  ).toEqual({ cookie: '', local: 0, session: 0 });
  expect(await page.locator('#quick-exit').getAttribute('href'), `quick exit on ${path}`).toBe(QUICK_EXIT_TARGET);
  await expectAccessible(page);
}

/** Click something that starts a download; the file's suggested name and its bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const failure = await d.failure();
  if (failure) throw new Error(`download ${d.url()} failed: ${failure}`);
  return { name: d.suggestedFilename(), body: fs.readFileSync((await d.path())!) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The text of every cell of every sheet of an XLSX file. */
async function xlsxText(body: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => {
    out.push(`# ${sheet.name}`);
    sheet.eachRow((row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      out.push(values.map(cellText).join('\t'));
    });
  });
  return out.join('\n');
}

/** The audit events recorded since the walk began, oldest first (read as the owner role, like an operator). */
async function auditEvents(): Promise<string[]> {
  const rows = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select('event').orderBy('at').orderBy('seq').execute(),
  );
  return rows.map((r) => r.event);
}

beforeAll(async () => {
  site = await startStaffSite({ clock });
  const app = site.testApp.app;
  counsellor = await createUser(app, {
    role: 'counsellor',
    centreId: LEIPZIG_CENTRE_ID,
    email: 'beratung.statistik@example.org',
    displayName: 'Lea Beispiel',
  });
  coordination = await createUser(app, {
    role: 'coordination',
    email: 'koordination.statistik@example.org',
    displayName: 'Kai Koordination',
  });
  counsellorAuth = new Authenticator(counsellor.totpSecret!, clock.now);
  coordinationAuth = new Authenticator(coordination.totpSecret!, clock.now);
  // Earlier years as the office published them, unless the test database's demo already holds them.
  const known = await withScope(app.database.db, { kind: 'coordination' }, (trx) =>
    trx.selectFrom('reporting_year').select('year').execute(),
  );
  for (const year of EARLIER) if (!known.some((k) => k.year === year)) await publishedTestYear(app, year);
  [{ page: counsellorPage }, { page: officePage }] = await Promise.all([guardedPage(), guardedPage()]);
  const pub = await guardedPage();
  publicPage = pub.page;
  publicForeign = pub.foreign;
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('the coordination office opens the reporting year', () => {
  it('signs in, opens the reporting years from the menu and opens the year with a release deadline', async () => {
    await signInInBrowser(officePage, site.base, coordination, coordinationAuth);
    await submitAndWait(officePage, () =>
      officePage.getByRole('navigation').getByRole('link', { name: 'Berichtsjahre' }).first().click(),
    );
    expect(new URL(officePage.url()).pathname, await describePage(officePage)).toBe('/de/staff/reporting-years');
    await expectAccessible(officePage);
    await officePage.getByLabel('Jahr', { exact: true }).fill(String(YEAR));
    await officePage.getByLabel('Freigabefrist', { exact: true }).fill(DEADLINE);
    const status = await submitAndWait(officePage, () =>
      officePage.getByRole('button', { name: 'Berichtsjahr eröffnen' }).click(),
    );
    expect(`${status} ${officePage.url()}`, await describePage(officePage, status)).toBe(
      `200 ${site.base}/de/staff/reporting-years/${YEAR}?done=opened`,
    );
    expect(await officePage.locator('h1').textContent()).toBe(`Berichtsjahr ${YEAR}`);
    expect(await officePage.getByRole('status').textContent()).toContain('Das Berichtsjahr ist eröffnet.');
    await expectAccessible(officePage);
  });
});

describe('a counsellor of the Leipzig centre documents her counselling', () => {
  it('signs in and reads on the start page that the year is open and by when to release', async () => {
    await signInInBrowser(counsellorPage, site.base, counsellor, counsellorAuth);
    const main = (await counsellorPage.locator('main').textContent()) ?? '';
    expect(main, await describePage(counsellorPage)).toContain(`Berichtsjahr ${YEAR}, Freigabe bis`);
    await expectAccessible(counsellorPage);
  });
});

describe('the other centres document their year', () => {
  it('four centres release their records, each in its own scope', async () => {
    const app = site.testApp.app;
    for (const [k, centreId] of demoCentreIds(1, 4).entries())
      await addRecords(app, centreId, variedRecords(centreId, YEAR, 40, k * 3));
  });
});

describe('the coordination office closes the year and publishes', () => {
  it('sees per centre what is still missing, then closes the year', async () => {
    await officePage.goto(`${site.base}/de/staff/reporting-years/${YEAR}`);
    const progress = officePage.getByRole('region', { name: 'Was je Beratungsstelle noch fehlt' });
    const main = (await officePage.locator('main').textContent()) ?? '';
    expect(main).toContain('Was noch fehlt');
    expect(await progress.count(), await describePage(officePage)).toBe(1);
    await officePage.getByLabel(`Ja, das Berichtsjahr ${YEAR} abschließen`).check();
    const status = await submitAndWait(officePage, () =>
      officePage.getByRole('button', { name: 'Abschließen' }).click(),
    );
    expect(`${status} ${officePage.url()}`, await describePage(officePage, status)).toBe(
      `200 ${site.base}/de/staff/reporting-years/${YEAR}?done=closed`,
    );
    expect(await officePage.getByRole('status').textContent()).toContain('Das Berichtsjahr ist abgeschlossen');
    await expectAccessible(officePage);
    const row = await withScope(site.testApp.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('reporting_year').select('status').where('year', '=', YEAR).executeTakeFirstOrThrow(),
    );
    expect(row.status).toBe('closed');
  });

  it('opens the statistics, sees the internal tables of the year pass the audit, and publishes them for the public', async () => {
    await submitAndWait(officePage, () =>
      officePage.getByRole('navigation').getByRole('link', { name: 'Statistik' }).first().click(),
    );
    expect(new URL(officePage.url()).pathname).toBe('/de/staff/statistics');
    await officePage.goto(`${site.base}/de/staff/statistics?year=${YEAR}`);
    const main = (await officePage.locator('main').textContent()) ?? '';
    expect(main, await describePage(officePage)).toContain('Prüfung bestanden');
    await expectAccessible(officePage);
    await officePage.getByLabel(/^Öffentlich, auf der Statistikseite/).check();
    const status = await submitAndWait(officePage, () =>
      officePage.getByRole('button', { name: 'Prüfen und veröffentlichen' }).click(),
    );
    expect(status, await describePage(officePage, status)).toBe(200);
    const done = new URL(officePage.url());
    expect(done.pathname).toBe('/de/staff/statistics');
    expect(done.searchParams.get('done')).toBe('published');
    expect(done.searchParams.get('audience')).toBe('public');
    expect(await officePage.getByRole('status').textContent()).toContain(`Fassung 1 für ${YEAR} (öffentlich)`);
    expect(await officePage.getByRole('status').textContent()).toContain('Prüfung bestanden');
    await expectAccessible(officePage);
    const publications = await site.testApp.app.database.db
      .selectFrom('statistics_publication')
      .select(['year', 'audience', 'version'])
      .where('year', '=', YEAR)
      .execute();
    expect(publications).toEqual([{ year: YEAR, audience: 'public', version: 1 }]);
  });

  it('downloads the yearly report as PDF and the tables as CSV and XLSX', async () => {
    const files = officePage.getByRole('region', { name: `Veröffentlichungen für ${YEAR}, neueste zuerst` });
    const pdf = await download(officePage, () =>
      files.getByRole('link', { name: 'PDF, Fassung 1 (öffentlich)' }).click(),
    );
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.body.length).toBeGreaterThan(2_000);

    const csv = await download(officePage, () =>
      files.getByRole('link', { name: 'CSV, Fassung 1 (öffentlich)' }).click(),
    );
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.body.toString('utf8');
    expect(text).toContain(String(YEAR));
    // Suppressed cells are marked, never blank.
    expect(text).toContain('[g]');

    const xlsx = await download(officePage, () =>
      files.getByRole('link', { name: 'XLSX, Fassung 1 (öffentlich)' }).click(),
    );
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await xlsxText(xlsx.body)).toContain(String(YEAR));

    const events = await auditEvents();
    expect(events.filter((e) => e === 'statistics.exported_done')).toHaveLength(3);
  });

  it('downloads one table as CSV and as XLSX', async () => {
    const id = (
      await site.testApp.app.database.db
        .selectFrom('statistics_publication')
        .select('id')
        .where('year', '=', YEAR)
        .executeTakeFirstOrThrow()
    ).id;
    const base = `${site.base}/de/staff/statistics/publications/${id}`;
    const csv = await officePage.request.get(`${base}/tables.csv?table=gender`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split(/\r?\n/).filter(Boolean);
    expect(lines.join('\n')).toContain('Geschlecht');
    expect(lines.join('\n')).not.toContain('Altersgruppe');
    const xlsx = await officePage.request.get(`${base}/tables.xlsx?table=gender`);
    expect(xlsx.status()).toBe(200);
    expect(await xlsxText(await xlsx.body())).toContain('Geschlecht');
  });
});

describe('the public sees the statistics', () => {
  it('the statistics page shows the trend charts, each an SVG image with its data table', async () => {
    const res = await publicPage.goto(`${site.base}/de/statistics`);
    await expectPublicPage(publicPage, res, '/de/statistics');
    expect(await publicPage.locator('h1').textContent()).toBe('Statistik des Netzwerks');
    const charts = publicPage.locator('main svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(1);
    // The headline: cases first met before or during the asylum procedure, by year.
    const headline = publicPage.getByRole('heading', { name: 'Erstmals vor oder während des Asylverfahrens beraten' });
    expect(await headline.count()).toBe(1);
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      expect(await chart.locator('title').count(), 'each chart is named').toBe(1);
      expect(await chart.locator('desc').count(), 'each chart is described').toBe(1);
    }
    // Every chart's data table lists the years, the new one included.
    const tables = publicPage.locator('main table');
    expect(await tables.count()).toBeGreaterThanOrEqual(await charts.count());
    const firstTable = (await tables.first().textContent()) ?? '';
    for (const year of [...EARLIER, YEAR]) expect(firstTable).toContain(String(year));
  });

  it('opens the new year and reads its tables, with the downloads', async () => {
    const res = await submitAndWait(publicPage, () =>
      publicPage.getByRole('link', { name: String(YEAR), exact: true }).click(),
    );
    expect(res).toBe(200);
    const path = `/de/statistics/${YEAR}`;
    expect(new URL(publicPage.url()).pathname).toBe(path);
    await expectPublicPage(publicPage, await publicPage.reload(), path);
    expect(await publicPage.locator('h1').textContent()).toBe(`Statistik ${YEAR}`);
    expect(await publicPage.locator('main table.stat-table').count()).toBeGreaterThan(10);
    const csv = await download(publicPage, () =>
      publicPage.getByRole('link', { name: 'Alle Tabellen als CSV' }).click(),
    );
    expect(csv.body.toString('utf8')).toContain(String(YEAR));
    const pdf = await download(publicPage, () =>
      publicPage.getByRole('link', { name: 'Datenbericht als PDF' }).click(),
    );
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('no cookie was set and nothing was requested from another origin', async () => {
    expect(await publicPage.context().cookies()).toEqual([]);
    expect(publicForeign).toEqual([]);
    for (const log of logs) {
      expect(log.cspViolations).toEqual([]);
      expect(log.requests.filter((url) => !url.startsWith(`${site.base}/`))).toEqual([]);
    }
  });
});
