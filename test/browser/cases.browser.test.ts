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
import type { BrowserContext, CDPSession, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../src/platform/db/tenant.ts';
import {
  addRecords,
  demoCentreIds,
  publishedTestYear,
  variedRecords,
} from '../../src/features/statistics/test-fixtures.ts';
import { recordCells } from '../../src/features/case-records/io/test-support.ts';
import { createUser, type TestUser } from '../support/auth.ts';
import { watchPage, type PageLog } from './support/probes.ts';
import { newContext, QUICK_EXIT_TARGET, type Site } from './support/site.ts';
import {
  Authenticator,
  describePage,
  expectAccessible,
  laterClock,
  LEIPZIG_CENTRE_ID,
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

/** Two complete records kept elsewhere, in the import file's columns and codes. */
const IMPORTED: Record<string, string>[] = [
  recordCells(YEAR, {
    first_contact_quarter: '3',
    possibly_counted_elsewhere: 'unknown',
    recruiter_relation: 'friend',
    referral_source: 'other_ngo',
  }),
  recordCells(YEAR, {
    trafficking_status: 'police',
    gender: 'male',
    age_at_first_contact: '19',
    citizenship: 'RO',
    country_of_recruitment: 'RO',
    country_of_exploitation: 'DE',
    exploitation_forms: 'labour',
    labour_sector: 'F',
    means_of_control: 'takes_earnings|withholds_documents',
    recruiter_relation: 'employer',
    first_contact_online: 'yes',
    exploitation_timing: 'not_applicable',
    asylum_stage: 'none',
    residence_status_first: 'eu',
    residence_status_end: 'eu',
    referral_source: 'customs',
    criminal_proceedings: 'investigation',
    support_provided: 'legal|financial',
  }),
];

let site: Site;
let counsellor: TestUser;
let counsellorAuth: Authenticator;
let coordination: TestUser;
let coordinationAuth: Authenticator;
const contexts: BrowserContext[] = [];
let counsellorPage: Page;
let officePage: Page;
/** The counsellor's session in a browser without JavaScript, for the record form. */
let formPage: Page;
/** Switches the form tab's scripts off (and on only for axe-core, whose checks run on timers). */
let formScripts: CDPSession;
let publicPage: Page;
let publicForeign: string[] = [];
const logs: PageLog[] = [];

async function guardedPage(): Promise<{ page: Page; foreign: string[] }> {
  const guarded = await newContext(site);
  contexts.push(guarded.context);
  const page = await guarded.context.newPage();
  logs.push(await watchPage(page));
  return { page, foreign: guarded.foreign };
}

/** The form tab as it is now, checked like any page: scripts on for axe-core only, the page is not reloaded. */
async function expectFormAccessible(): Promise<void> {
  await formScripts.send('Emulation.setScriptExecutionDisabled', { value: false });
  try {
    await expectAccessible(formPage);
  } finally {
    await formScripts.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
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

/** A question of the record form (its fieldset, named by the legend). */
function group(legend: string) {
  return formPage.getByRole('group', { name: legend, exact: true });
}

/** A record of the Leipzig centre, read in the centre's own scope. */
async function ownRecord(id: string) {
  return withScope(site.testApp.app.database.db, { kind: 'centre', centreId: LEIPZIG_CENTRE_ID }, (trx) =>
    trx.selectFrom('case_record').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** How many records the Leipzig centre holds. */
async function recordCount(): Promise<number> {
  const rows = await withScope(site.testApp.app.database.db, { kind: 'centre', centreId: LEIPZIG_CENTRE_ID }, (trx) =>
    trx.selectFrom('case_record').select('id').execute(),
  );
  return rows.length;
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
  let recordId = '';

  it('signs in and reads on the start page that the year is open and by when to release', async () => {
    await signInInBrowser(counsellorPage, site.base, counsellor, counsellorAuth);
    const main = (await counsellorPage.locator('main').textContent()) ?? '';
    expect(main, await describePage(counsellorPage)).toContain(`Berichtsjahr ${YEAR}, Freigabe bis`);
    await expectAccessible(counsellorPage);
  });

  it('opens the case documentation from the menu and starts a new record, in a browser without JavaScript', async () => {
    await submitAndWait(counsellorPage, () =>
      counsellorPage.getByRole('navigation').getByRole('link', { name: 'Falldokumentation' }).first().click(),
    );
    expect(new URL(counsellorPage.url()).pathname, await describePage(counsellorPage)).toBe('/de/staff/cases');
    expect(await counsellorPage.locator('main').textContent()).toContain('Keine Datensätze in dieser Auswahl.');
    await expectAccessible(counsellorPage);
    // A second tab of the same browser, with JavaScript switched off as in the developer tools.
    formPage = await counsellorPage.context().newPage();
    logs.push(await watchPage(formPage));
    formScripts = await counsellorPage.context().newCDPSession(formPage);
    await formScripts.send('Emulation.setScriptExecutionDisabled', { value: true });
    await formPage.goto(`${site.base}/de/staff/cases`);
    await submitAndWait(formPage, () => formPage.getByRole('link', { name: 'Neuen Datensatz anlegen' }).click());
    expect(new URL(formPage.url()).pathname, await describePage(formPage)).toBe('/de/staff/cases/new');
    expect(await formPage.locator('h1').textContent()).toBe('Neuer Datensatz');
    // No name, no birth date, no address, no free text: choices, a year, a quarter and an age only.
    expect(await formPage.locator('main form textarea').count()).toBe(0);
    const texts = await formPage.locator('main form input[type=text]').evaluateAll((els) => els.map((e) => e.id));
    expect(texts.sort()).toEqual(['f-age_at_first_contact', 'f-first_contact_year']);
    await expectFormAccessible();
  });

  it('the questions for minors and the labour sector appear only when the answers call for them', async () => {
    const form = formPage.locator('main form.staff-form');
    const update = async () => {
      const status = await submitAndWait(formPage, () =>
        formPage.getByRole('button', { name: 'Formular aktualisieren' }).click(),
      );
      expect(status, await describePage(formPage, status)).toBe(200);
    };
    const minorsAsked = async () => (await form.locator('[name=unaccompanied_minor]').count()) > 0;
    const sectorAsked = async () => (await form.locator('[name=labour_sector]').count()) > 0;
    // Without an age the form cannot rule out a minor; without labour exploitation there is no sector.
    expect(await minorsAsked()).toBe(true);
    expect(await sectorAsked()).toBe(false);
    await form.getByLabel('Jahr des Erstkontakts').fill(String(YEAR));
    await group('Quartal des Erstkontakts').getByLabel('2. Quartal').check();
    await group('Einwilligung in die statistische Auswertung').getByLabel('ja, liegt vor').check();
    await form.getByLabel('Alter beim Erstkontakt (in Jahren)').fill('34');
    await update();
    expect(await minorsAsked(), 'an adult is not asked the minors’ question').toBe(false);
    expect(await sectorAsked()).toBe(false);
    await form.getByLabel('Alter beim Erstkontakt (in Jahren)').fill('16');
    await group('Formen der Ausbeutung').getByLabel('Arbeitsausbeutung', { exact: true }).check();
    await update();
    expect(await minorsAsked(), 'a 16-year-old is').toBe(true);
    expect(
      await formPage.getByLabel('Branche der Arbeitsausbeutung').count(),
      'labour exploitation asks the sector',
    ).toBe(1);
    // What was entered is still there; nothing was saved.
    expect(await form.getByLabel('Alter beim Erstkontakt (in Jahren)').inputValue()).toBe('16');
    expect(await group('Quartal des Erstkontakts').getByLabel('2. Quartal').isChecked()).toBe(true);
    expect(await group('Formen der Ausbeutung').getByLabel('Arbeitsausbeutung', { exact: true }).isChecked()).toBe(
      true,
    );
    expect(await recordCount()).toBe(0);
    await expectFormAccessible();
  });

  it('saves what she has as a draft', async () => {
    await group('Minderjährig: allein oder begleitet?').getByLabel('unbegleitet').check();
    await formPage.getByLabel('Branche der Arbeitsausbeutung').selectOption({ label: 'I – Gastgewerbe' });
    const status = await submitAndWait(formPage, () =>
      formPage.getByRole('button', { name: 'Als Entwurf speichern' }).click(),
    );
    expect(status, await describePage(formPage, status)).toBe(200);
    const url = new URL(formPage.url());
    expect(url.pathname).toMatch(/^\/de\/staff\/cases\/[0-9a-f-]{36}$/);
    expect(url.searchParams.get('done')).toBe('created');
    recordId = url.pathname.split('/').pop()!;
    const row = await ownRecord(recordId);
    expect(row).toMatchObject({
      status: 'draft',
      first_contact_year: YEAR,
      first_contact_quarter: 2,
      age_at_first_contact: 16,
      unaccompanied_minor: 'unaccompanied',
      exploitation_forms: ['labour'],
      labour_sector: 'I',
      released_at: null,
    });
    await expectFormAccessible();
  });

  it('"Speichern" without every mandatory answer puts each error next to its field', async () => {
    const status = await submitAndWait(formPage, () =>
      formPage.getByRole('button', { name: 'Speichern', exact: true }).click(),
    );
    expect(status, await describePage(formPage, status)).toBe(400);
    expect(await formPage.locator('.error-summary li').count()).toBeGreaterThanOrEqual(5);
    const gender = group('Geschlecht');
    expect(await gender.locator('.field-error, [id$="-error"]').count(), 'the error inside the gender question').toBe(
      1,
    );
    expect((await ownRecord(recordId)).status, 'nothing written').toBe('draft');
    await expectFormAccessible();
  });

  it('completes the record and releases it for the yearly analysis', async () => {
    await group('Wird die Person möglicherweise auch von einer anderen Beratungsstelle dokumentiert?')
      .getByLabel('nein')
      .check();
    await group('Einschätzung als betroffene Person').getByLabel('von einer Fachberatungsstelle eingeschätzt').check();
    await group('Geschlecht').getByLabel('weiblich').check();
    await group('Zum Zeitpunkt der Ausbeutung minderjährig?').getByLabel('ja').check();
    await formPage.getByLabel('Staatsangehörigkeit').selectOption('NG');
    await formPage.locator('#f-country_of_recruitment-0').selectOption('NG');
    await formPage.locator('#f-country_of_exploitation-0').selectOption('DE');
    await group('Mittel der Kontrolle').getByLabel('Einbehalten von Dokumenten').check();
    await group('Beziehung zur anwerbenden Person').getByLabel('Freundes- oder Bekanntenkreis').check();
    await group('Erster Kontakt zur anwerbenden Person über das Internet?').getByLabel('nein').check();
    await group('Zeitpunkt der Ausbeutung').getByLabel('in Deutschland vor dem Asylantrag').check();
    await group('Stand des Asylverfahrens beim Erstkontakt')
      .getByLabel('Verfahren läuft (Aufenthaltsgestattung)')
      .check();
    await formPage.getByLabel('Aufenthaltsstatus beim Erstkontakt').selectOption('gestattung');
    await formPage.getByLabel('Aufenthaltsstatus am Ende des Jahres').selectOption('gestattung');
    await formPage.getByLabel('Wer hat den Kontakt hergestellt?').selectOption('jugendamt');
    await group('Strafverfahren').getByLabel('kein Verfahren').check();
    await group('Geleistete Unterstützung').getByLabel('psychosoziale Beratung').check();
    await group('Geleistete Unterstützung').getByLabel('Unterbringung oder Schutzwohnung').check();
    let status = await submitAndWait(formPage, () =>
      formPage.getByRole('button', { name: 'Speichern', exact: true }).click(),
    );
    expect(status, await describePage(formPage, status)).toBe(200);
    expect(formPage.url()).toBe(`${site.base}/de/staff/cases/${recordId}?done=saved`);
    expect((await ownRecord(recordId)).status).toBe('complete');
    await expectFormAccessible();
    status = await submitAndWait(formPage, () =>
      formPage.getByRole('button', { name: 'Für die Jahresauswertung freigeben' }).click(),
    );
    expect(status, await describePage(formPage, status)).toBe(200);
    expect(formPage.url()).toBe(`${site.base}/de/staff/cases/${recordId}?done=released`);
    expect((await ownRecord(recordId)).released_at).not.toBeNull();
    expect(await formPage.getByRole('button', { name: 'Freigabe zurücknehmen' }).count()).toBe(1);
    await expectFormAccessible();
    // Each step audited with the record's random id, nothing else about it.
    const events = await auditEvents();
    for (const e of ['case_record.created_done', 'case_record.changed_done', 'case_record.released_done'])
      expect(events, e).toContain(e);
  });

  it('starts a second record and leaves it as a draft; the list counts both', async () => {
    await formPage.goto(`${site.base}/de/staff/cases/new`);
    await formPage.getByLabel('Jahr des Erstkontakts').fill(String(YEAR));
    await group('Quartal des Erstkontakts').getByLabel('4. Quartal').check();
    const status = await submitAndWait(formPage, () =>
      formPage.getByRole('button', { name: 'Als Entwurf speichern' }).click(),
    );
    expect(status, await describePage(formPage, status)).toBe(200);
    await counsellorPage.goto(`${site.base}/de/staff/cases?year=${YEAR}`);
    const main = (await counsellorPage.locator('main').textContent()) ?? '';
    expect(main).toContain('2 von 2 Datensätzen · Entwürfe: 1 · vollständig: 1 · freigegeben: 1');
    expect(main).toContain('1 Entwurf ist noch nicht vollständig.');
    await expectAccessible(counsellorPage);
  });

  it('exports the centre’s records, after confirming who she is once more', async () => {
    // Signing in counts as a fresh proof; a quarter of an hour later it no longer does.
    clock.advance(15 * MINUTE);
    await submitAndWait(counsellorPage, () =>
      counsellorPage.getByRole('navigation').getByRole('link', { name: 'Importieren und exportieren' }).first().click(),
    );
    expect(new URL(counsellorPage.url()).pathname, await describePage(counsellorPage)).toBe('/de/staff/cases/files');
    await expectAccessible(counsellorPage);
    await submitAndWait(counsellorPage, () =>
      counsellorPage.getByRole('link', { name: 'Als CSV herunterladen' }).click(),
    );
    expect(new URL(counsellorPage.url()).pathname, await describePage(counsellorPage)).toBe('/de/staff/reauth');
    expect(await counsellorPage.locator('h1').textContent()).toBe('Identität bestätigen');
    await expectAccessible(counsellorPage);
    expect((await auditEvents()).filter((e) => e === 'case_record.exported_done')).toHaveLength(0);
    await counsellorPage.getByLabel('Passwort', { exact: true }).fill(counsellor.password);
    await counsellorPage.getByLabel('Code', { exact: true }).fill(await counsellorAuth.code());
    const csv = await download(counsellorPage, () =>
      counsellorPage.getByRole('button', { name: 'Bestätigen' }).click(),
    );
    expect(csv.name).toMatch(/^datensaetze-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,status,released_at,first_contact_year,/);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith(`${recordId},complete,`))).toBe(true);
    // Now freshly confirmed: the HTCDS export follows at once.
    await counsellorPage.goto(`${site.base}/de/staff/cases/files`);
    const htcds = await download(counsellorPage, () =>
      counsellorPage.getByRole('link', { name: 'HTCDS als Excel-Datei (XLSX)' }).click(),
    );
    expect(htcds.name).toMatch(/^htcds-.*\.xlsx$/);
    expect(htcds.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await auditEvents()).filter((e) => e === 'case_record.exported_done')).toHaveLength(2);
  });

  it('imports a small CSV file: all or nothing, every problem with row, column and reason', async () => {
    const file = (rows: Record<string, string>[]) => {
      const header = Object.keys(IMPORTED[0]!);
      return Buffer.from([header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n'));
    };
    const upload = async (name: string, body: Buffer): Promise<number> => {
      await counsellorPage
        .getByLabel('Datei', { exact: true })
        .setInputFiles({ name, mimeType: 'text/csv', buffer: body });
      return submitAndWait(counsellorPage, () =>
        counsellorPage.getByRole('button', { name: 'Datei prüfen und importieren' }).click(),
      );
    };
    await counsellorPage.goto(`${site.base}/de/staff/cases/files`);
    let status = await upload(
      'fehlerhaft.csv',
      file([IMPORTED[0]!, { ...IMPORTED[1]!, gender: 'frau', country_of_exploitation: 'Deutschland' }]),
    );
    expect(status, await describePage(counsellorPage, status)).toBe(400);
    const problems = counsellorPage.getByRole('region', { name: 'Fehler in der Datei' });
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows.length, rows.join('\n')).toBe(2);
    expect(rows.some((r) => r.startsWith('3') && r.includes('gender'))).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && r.includes('country_of_exploitation'))).toBe(true);
    expect(await recordCount(), 'nothing written').toBe(2);
    await expectAccessible(counsellorPage);
    status = await upload('datensaetze.csv', file(IMPORTED));
    expect(status, await describePage(counsellorPage, status)).toBe(200);
    expect(counsellorPage.url()).toBe(`${site.base}/de/staff/cases/files?done=imported&created=2&updated=0`);
    expect(await counsellorPage.getByRole('status').textContent()).toContain('2 Datensätze wurden übernommen.');
    expect(await recordCount()).toBe(4);
    await expectAccessible(counsellorPage);
    expect(await auditEvents()).toContain('case_record.imported_done');
  });

  it('releases the year’s complete records at once; the draft stays what is missing', async () => {
    await counsellorPage.goto(`${site.base}/de/staff/cases?year=${YEAR}`);
    const status = await submitAndWait(counsellorPage, () =>
      counsellorPage
        .getByRole('button', { name: `Alle 2 vollständigen Datensätze mit Einwilligung aus ${YEAR} freigeben` })
        .click(),
    );
    expect(status, await describePage(counsellorPage, status)).toBe(200);
    const main = (await counsellorPage.locator('main').textContent()) ?? '';
    expect(main).toContain('4 von 4 Datensätzen · Entwürfe: 1 · vollständig: 3 · freigegeben: 3');
    expect(main).toContain('1 Entwurf ist noch nicht vollständig.');
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
    // Counts per centre, never a record: the Leipzig centre still has its one draft.
    const leipzig = progress.getByRole('row', { name: /Beispiel-Fachberatungsstelle Leipzig\b/ }).first();
    expect(await leipzig.locator('td').allTextContents()).toEqual(['1', '0', '0']);
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
