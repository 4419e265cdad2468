/**
 * A counsellor's case records in Chromium: the empty form, the form sent
 * back with its errors, "Update the form" showing the minors' question and
 * the labour sector once they apply (no script involved: the page has
 * none but the quick exit), a draft saved, the list with a year chosen, the deletion's
 * confirmation. Each page with zero axe violations at desktop width and at
 * 320 CSS px, where it must reflow (WCAG 1.4.10).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre } from '../support/auth.ts';
import type { Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

let site: Site;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  site = await startStaffSite();
  const centre = await createCentre(site.testApp.app, 'Beratung im Browser');
  ({ context, page } = await signedInStaff(site, { role: 'counsellor', centreId: centre }));
}, 120_000);
afterAll(async () => {
  await context?.close();
  await site?.close();
});

describe('a counsellor documents a case in the browser', () => {
  const year = String(new Date().getUTCFullYear() - 1);

  it('the empty list and the empty form', async () => {
    await page.goto(`${site.base}/de/staff/cases`);
    await expectAccessible(page, '/de/staff/cases');
    await page.getByRole('link', { name: 'Neuen Datensatz anlegen' }).click();
    expect(new URL(page.url()).pathname).toBe('/de/staff/cases/new');
    // The form itself needs no script: the only one is the quick exit every page has.
    await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
    await expect(page.locator('script[src*="quick-exit"]').count()).resolves.toBe(1);
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expectAccessible(page, '/de/staff/cases/new');
  });

  it('“Save” without answers sends the form back with every error next to its field', async () => {
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Speichern', exact: true }).click())).toBe(
      400,
    );
    await expect(page.locator('.error-summary li').count()).resolves.toBeGreaterThan(10);
    await expectAccessible(page, '/de/staff/cases/new (errors)');
  });

  it('“Update the form” asks the questions the answers need, and saves nothing', async () => {
    await page.getByLabel('Jahr des Erstkontakts').fill(year);
    await page.getByLabel('Alter beim Erstkontakt (in Jahren)').fill('35');
    await page.getByLabel('Arbeitsausbeutung').check();
    await submitAndWait(page, () => page.getByRole('button', { name: 'Formular aktualisieren' }).click());
    await expect(page.locator('[name="unaccompanied_minor"]').count()).resolves.toBe(0);
    await expect(page.locator('[name="labour_sector"]').count()).resolves.toBe(1);
    await page.getByLabel('Alter beim Erstkontakt (in Jahren)').fill('16');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Formular aktualisieren' }).click());
    await expect(page.locator('[name="unaccompanied_minor"]').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, '/de/staff/cases/new (updated)');
  });

  it('a draft is saved and shown again', async () => {
    await page.getByLabel('Branche der Arbeitsausbeutung').selectOption('I');
    await page.getByLabel('unbegleitet').check();
    await page.locator('#f-country_of_exploitation-0').selectOption('DE');
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Als Entwurf speichern' }).click())).toBe(
      200,
    );
    expect(new URL(page.url()).search).toBe('?done=created');
    await expect(page.getByRole('status').innerText()).resolves.toContain('angelegt');
    await expect(page.locator('#f-labour_sector').inputValue()).resolves.toBe('I');
    await expectAccessible(page, '/de/staff/cases/:id');
  });

  it('the list for the year says what is missing', async () => {
    await page.goto(`${site.base}/de/staff/cases?year=${year}`);
    await expect(page.locator('main').innerText()).resolves.toContain('1 Entwurf ist noch nicht vollständig.');
    await expectAccessible(page, '/de/staff/cases?year=…');
  });

  it('the deletion asks first', async () => {
    await page.locator('tbody tr a').first().click();
    await page.getByRole('link', { name: 'Datensatz löschen' }).click();
    expect(new URL(page.url()).pathname).toMatch(/\/delete$/);
    await expectAccessible(page, '/de/staff/cases/:id/delete');
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Endgültig löschen' }).click())).toBe(200);
    expect(new URL(page.url()).search).toBe('?done=deleted');
  });
});
