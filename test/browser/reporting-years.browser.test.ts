/**
 * Reporting years and record files in Chromium, without any script of the
 * pages' own: the coordination office opens a year, sees what each centre
 * still lacks, closes it with the confirmation and reopens it with a
 * reason; a centre lead sees the open year on the start page, imports a
 * CSV file (one with a bad row first: nothing stored, every problem
 * listed) and downloads the export (the HTTP tests cover the
 * re-authentication it needs once the sign-in is older). Every page with
 * zero axe violations at desktop width and at 320 CSS px.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCells, recordsCsv } from '../../src/features/case-records/io/test-support.ts';
import { createCentre } from '../support/auth.ts';
import type { Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

let site: Site;
let officeContext: BrowserContext;
let leadContext: BrowserContext;
let office: Page;
let lead: Page;
const year = new Date().getUTCFullYear() - 1;
const deadline = `${year + 2}-03-31`;

beforeAll(async () => {
  site = await startStaffSite();
  const centre = await createCentre(site.testApp.app, 'Beratung Berichtsjahr');
  ({ context: officeContext, page: office } = await signedInStaff(site, { role: 'coordination' }));
  ({ context: leadContext, page: lead } = await signedInStaff(site, { role: 'centre_lead', centreId: centre }));
}, 120_000);
afterAll(async () => {
  await officeContext?.close();
  await leadContext?.close();
  await site?.close();
});

describe('the coordination office’s reporting years', () => {
  it('opens a year through the form', async () => {
    await office.goto(`${site.base}/de/staff/reporting-years`);
    await expect(office.locator('script').count()).resolves.toBe(1);
    await expectAccessible(office, '/de/staff/reporting-years');
    await office.getByLabel('Jahr', { exact: true }).fill(String(year));
    await office.getByLabel('Freigabefrist').fill('2000-01-01');
    expect(
      await submitAndWait(office, () => office.getByRole('button', { name: 'Berichtsjahr eröffnen' }).click()),
    ).toBe(400);
    await expectAccessible(office, '/de/staff/reporting-years (errors)');
    await office.getByLabel('Freigabefrist').fill(deadline);
    await submitAndWait(office, () => office.getByRole('button', { name: 'Berichtsjahr eröffnen' }).click());
    expect(new URL(office.url()).pathname).toBe(`/de/staff/reporting-years/${year}`);
    await expect(office.getByRole('status').textContent()).resolves.toContain('Das Berichtsjahr ist eröffnet.');
    await expect(office.getByRole('row', { name: /Beratung Berichtsjahr/ }).textContent()).resolves.toMatch(/000$/);
    await expectAccessible(office, `/de/staff/reporting-years/${year}`);
  });
});

describe('a centre lead', () => {
  it('sees the open year on the start page', async () => {
    await lead.goto(`${site.base}/de/staff`);
    await expect(lead.locator('main').textContent()).resolves.toContain(`Berichtsjahr ${year}, Freigabe bis`);
  });

  it('imports a file: a bad row stores nothing and is listed, then the corrected file goes in', async () => {
    await lead.goto(`${site.base}/de/staff/cases/files`);
    await expectAccessible(lead, '/de/staff/cases/files');
    const bad = recordsCsv([recordCells(year), recordCells(year, { gender: 'woman' })]);
    await lead.locator('#f-file').setInputFiles({ name: 'daten.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    expect(
      await submitAndWait(lead, () => lead.getByRole('button', { name: 'Datei prüfen und importieren' }).click()),
    ).toBe(400);
    await expect(lead.locator('#problems tbody').textContent()).resolves.toMatch(
      /3\s*gender\s*Diese Antwort gibt es hier nicht\./,
    );
    await expectAccessible(lead, '/de/staff/cases/files (problems)');
    const good = recordsCsv([recordCells(year), recordCells(year, { status: 'draft', gender: '' })]);
    await lead.locator('#f-file').setInputFiles({ name: 'daten.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await submitAndWait(lead, () => lead.getByRole('button', { name: 'Datei prüfen und importieren' }).click());
    await expect(lead.getByRole('status').textContent()).resolves.toContain('2 Datensätze wurden übernommen.');
  });

  it('downloads the export right after signing in (the sign-in counts as re-authentication for ten minutes)', async () => {
    const res = await lead.request.get(`${site.base}/de/staff/cases/files/export?format=csv`, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="datensaetze-/);
  });
});

describe('closing and reopening', () => {
  it('shows the centre’s counts, closes with the confirmation and reopens with a reason', async () => {
    await office.goto(`${site.base}/de/staff/reporting-years/${year}`);
    await expect(office.getByRole('row', { name: /Beratung Berichtsjahr/ }).textContent()).resolves.toMatch(/111$/);
    expect(await submitAndWait(office, () => office.getByRole('button', { name: 'Abschließen' }).click())).toBe(400);
    await expectAccessible(office, `/de/staff/reporting-years/${year} (confirm)`);
    await office.getByLabel(`Ja, das Berichtsjahr ${year} abschließen`).check();
    await submitAndWait(office, () => office.getByRole('button', { name: 'Abschließen' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Das Berichtsjahr ist abgeschlossen');
    await expectAccessible(office, `/de/staff/reporting-years/${year} (closed)`);
    await office.getByLabel('Grund').fill('Eine Beratungsstelle korrigiert zwei Datensätze.');
    await office.getByLabel('Neue Freigabefrist').fill(deadline);
    await submitAndWait(office, () => office.getByRole('button', { name: 'Wieder eröffnen' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Das Berichtsjahr ist wieder offen.');
    await expect(office.locator('main').textContent()).resolves.toContain(
      'Eine Beratungsstelle korrigiert zwei Datensätze.',
    );
  });
});
