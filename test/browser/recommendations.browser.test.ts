/**
 * The recommendations tracker in Chromium: the office records an
 * assessment and the public page shows it at the top of the timeline; the
 * public filters work without script; the office's and the public pages
 * have zero axe violations at desktop width and at 320 CSS px; the public
 * pages set no cookie and ask no other origin.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoRecommendations } from '../../src/features/demo/recommendations.ts';
import { newContext, type Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

const SLUG = 'frueherkennung-in-aufnahmeeinrichtungen';
let site: Site;
const contexts: BrowserContext[] = [];
let office: Page;

beforeAll(async () => {
  site = await startStaffSite();
  const app = site.testApp.app;
  await app.database.db.transaction().execute((trx) => writeDemoRecommendations(trx, app.clock.now(), 2025));
  const signed = await signedInStaff(site, { role: 'coordination' });
  contexts.push(signed.context);
  office = signed.page;
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('the recommendations tracker', () => {
  it('the office records an assessment; the public timeline shows it first', async () => {
    const list = await office.goto(`${site.base}/de/staff/recommendations`);
    expect(list?.status()).toBe(200);
    await expectAccessible(office);
    await Promise.all([
      office.waitForURL(/\/de\/staff\/recommendations\/[0-9a-f-]{36}$/),
      office.getByRole('link', { name: 'Früherkennung in Aufnahmeeinrichtungen verbindlich regeln' }).click(),
    ]);
    await expectAccessible(office);
    await office.selectOption('#f-track', 'assessment');
    await office.selectOption('#f-status', 'implemented');
    await office.fill('#f-stated_on', '2026-11-30');
    await office.fill('#f-status-source', 'Jahresbericht des Netzwerks 2026');
    await office.fill('#f-note', 'Alle Länder haben ein Verfahren eingeführt.');
    const status = await submitAndWait(office, () => office.getByRole('button', { name: 'Stand eintragen' }).click());
    expect(status).toBe(200);
    expect(await office.getByRole('status').textContent()).toContain('Der Stand ist eingetragen.');

    const { context, foreign } = await newContext(site);
    contexts.push(context);
    const reader = await context.newPage();
    const res = await reader.goto(`${site.base}/de/recommendations/${SLUG}`);
    expect(res?.status()).toBe(200);
    const first = reader.locator('ol.timeline > li').first();
    expect(await first.locator('time').getAttribute('datetime')).toBe('2026-11-30');
    expect(await first.textContent()).toContain('umgesetzt');
    expect(await reader.locator('ol.timeline > li').count()).toBeGreaterThanOrEqual(6);
    await expectAccessible(reader);
    await reader.goto(`${site.base}/en/recommendations/${SLUG}`);
    expect(await reader.locator('ol.timeline > li').first().textContent()).toContain('November 30, 2026');
    await expectAccessible(reader);
    expect(await context.cookies()).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('filters without script, and the list is accessible', async () => {
    const { context, foreign } = await newContext(site, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.base}/de/recommendations`);
    const all = await page.locator('main tbody tr').count();
    expect(all).toBeGreaterThanOrEqual(5);
    await page.selectOption('#filter-addressee', 'youth_welfare_office');
    await Promise.all([
      page.waitForURL(/addressee=youth_welfare_office/),
      page.getByRole('button', { name: 'Anzeigen' }).click(),
    ]);
    expect(await page.locator('main tbody tr').count()).toBe(1);
    expect(await page.locator('main tbody tr').first().textContent()).toContain('Jugendämter');
    // The CSV link carries the same filter.
    expect(await page.getByRole('link', { name: 'Liste als CSV herunterladen' }).getAttribute('href')).toContain(
      'addressee=youth_welfare_office',
    );
    expect(await context.cookies()).toEqual([]);
    expect(foreign).toEqual([]);

    const { context: withScript, foreign: foreign2 } = await newContext(site);
    contexts.push(withScript);
    const reader = await withScript.newPage();
    await reader.goto(`${site.base}/de/recommendations?assessment=partly`);
    await expectAccessible(reader);
    await reader.goto(`${site.base}/ar/recommendations`);
    await expectAccessible(reader);
    expect(await withScript.cookies()).toEqual([]);
    expect(foreign2).toEqual([]);
  });
});
