/**
 * Projects in Chromium: a centre's counsellor registers a measure, the
 * coordination office gives a funder a logo, accepts the measure and shows
 * it on the demo project, and a visitor sees the project page with the
 * measure and the funder's logo — no cookie, no request to another origin.
 * Every page with zero axe violations at desktop width and at 320 CSS px.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCentreId } from '../../src/features/demo/network.ts';
import { DEMO_PROJECT_SLUG } from '../../src/features/demo/projects/queries.ts';
import { solidPng } from '../../src/features/projects/png.ts';
import { newContext, type Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

let site: Site;
let officeContext: BrowserContext;
let counsellorContext: BrowserContext;
let office: Page;
let counsellor: Page;
const TITLE = 'Infoabend in einer Gemeinschaftsunterkunft';

beforeAll(async () => {
  site = await startStaffSite();
  ({ context: officeContext, page: office } = await signedInStaff(site, { role: 'coordination' }));
  ({ context: counsellorContext, page: counsellor } = await signedInStaff(site, {
    role: 'counsellor',
    centreId: demoCentreId('dresden'),
  }));
}, 120_000);
afterAll(async () => {
  await officeContext?.close();
  await counsellorContext?.close();
  await site?.close();
});

describe('a centre registers a measure', () => {
  it('through the form, and sees it waiting', async () => {
    await counsellor.goto(`${site.base}/de/staff/measures/new`);
    await expectAccessible(counsellor, '/de/staff/measures/new');
    await counsellor.getByLabel('Titel').fill(TITLE);
    await counsellor.getByLabel('Beschreibung').fill('Ein Abend mit Sprachmittlung über Rechte und Beratung.');
    await counsellor.getByLabel('Art der Maßnahme').selectOption('information_event');
    await counsellor.getByLabel('Ort (Bundesland)').selectOption('DE-SN');
    await counsellor.getByLabel('Beginn (JJJJ-MM-TT)').fill('2017-06-20');
    await submitAndWait(counsellor, () => counsellor.getByRole('button', { name: 'Einreichen' }).click());
    await expect(counsellor.getByRole('status').textContent()).resolves.toContain('Die Maßnahme wurde eingereicht.');
    await expect(counsellor.getByRole('row', { name: new RegExp(TITLE) }).textContent()).resolves.toContain(
      'eingereicht',
    );
    await expectAccessible(counsellor, '/de/staff/measures');
  });
});

describe('the office', () => {
  it('uploads a funder logo', async () => {
    await office.goto(`${site.base}/de/staff/projects`);
    await expectAccessible(office, '/de/staff/projects');
    await office.getByRole('link', { name: 'Stiftung Schutz und Teilhabe (Demo)' }).click();
    await expectAccessible(office, 'the funder form');
    await office
      .locator('#f-file')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(90, 30, [150, 40, 40]) });
    await submitAndWait(office, () => office.locator('form[enctype] button[type=submit]').click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Das Logo wurde gespeichert.');
  });

  it('accepts the measure and shows it on the project', async () => {
    await office.goto(`${site.base}/de/staff/measure-review`);
    await expectAccessible(office, '/de/staff/measure-review');
    await office.getByRole('link', { name: TITLE }).click();
    await expectAccessible(office, 'the review form');
    await office.getByLabel('Annehmen').check();
    await office.getByLabel('Projekt', { exact: true }).selectOption({
      label: 'Flucht und Menschenhandel: Schutz und Unterstützung für Frauen und Minderjährige',
    });
    await office.getByLabel(/Auf der Projektseite zeigen/).check();
    await submitAndWait(office, () => office.getByRole('button', { name: 'Prüfung speichern' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Die Prüfung wurde gespeichert.');
  });
});

describe('a visitor', () => {
  it('sees the project with the measure and the funders’ logos, without cookies or other origins', async () => {
    const { context, foreign } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/projects`);
      await expectAccessible(page, '/de/projects');
      await page.getByRole('link', { name: /Flucht und Menschenhandel/ }).click();
      expect(new URL(page.url()).pathname).toBe(`/de/projects/${DEMO_PROJECT_SLUG}`);
      await expect(page.locator('main').textContent()).resolves.toContain(TITLE);
      const logo = page.getByRole('img', { name: 'Stiftung Schutz und Teilhabe (Demo)' });
      await expect(logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(90);
      await expect(
        page.getByRole('link', { name: 'Nachricht an die Projektkoordination' }).getAttribute('href'),
      ).resolves.toBe(`/de/contact?project=${DEMO_PROJECT_SLUG}`);
      await expectAccessible(page, `/de/projects/${DEMO_PROJECT_SLUG}`);
      await page.goto(`${site.base}/en/projects/${DEMO_PROJECT_SLUG}`);
      await expectAccessible(page, `/en/projects/${DEMO_PROJECT_SLUG}`);
      expect(await context.cookies()).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists the dossier and the recommendations among its outputs, and their links lead there', async () => {
    const { context, foreign } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/projects/${DEMO_PROJECT_SLUG}`);
      const outputs = page.locator('.project-outputs');
      await outputs.getByRole('link', { name: /^Dossier: Geflüchtete Frauen und Minderjährige/ }).click();
      expect(new URL(page.url()).pathname).toBe('/de/publications/dossier-gefluechtete-frauen-und-minderjaehrige');
      await page.goBack();
      await outputs.getByRole('link', { name: 'Früherkennung in Aufnahmeeinrichtungen verbindlich regeln' }).click();
      expect(new URL(page.url()).pathname).toBe('/de/recommendations/frueherkennung-in-aufnahmeeinrichtungen');
      // Its evidence leads back to the dossier by its title.
      await page.getByRole('link', { name: /^Dossier: Geflüchtete Frauen und Minderjährige/ }).click();
      expect(new URL(page.url()).pathname).toBe('/de/publications/dossier-gefluechtete-frauen-und-minderjaehrige');
      expect(await context.cookies()).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
