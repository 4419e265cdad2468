/**
 * The public statistics pages in Chromium: zero axe violations (WCAG 2.1
 * AA) in German and English — also with a year reopened for corrections,
 * whose notice is in the reader's language (Arabic: right to left inside
 * the German page) — no sideways scrolling at 320 CSS pixels but inside
 * the tables' and charts' own regions, no request to another origin; and
 * a visitor finds them from the footer of any public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { publishedTestYear, reopenYear } from '../../src/features/statistics/test-fixtures.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
let context: BrowserContext;
let foreign: string[];
beforeAll(async () => {
  site = await startSite();
  await publishedTestYear(site.testApp.app, 2018);
  await publishedTestYear(site.testApp.app, 2019, { perCentre: 55 });
  // Published, then reopened for corrections: shown as published, with the notice.
  await publishedTestYear(site.testApp.app, 2017);
  await reopenYear(site.testApp.app, 2017);
  const c = await newContext(site);
  context = c.context;
  foreign = c.foreign;
}, 180_000);
afterAll(async () => {
  await context?.close();
  await site?.close();
});

const PAGES = [
  '/de/statistics',
  '/en/statistics',
  '/de/statistics/2019',
  '/en/statistics/2018',
  '/ar/statistics',
  '/de/statistics/2017',
  '/ar/statistics/2017',
];

describe('the statistics pages', () => {
  for (const path of PAGES) {
    it(`axe: ${path}`, async () => {
      const page = await context.newPage();
      try {
        expect((await page.goto(`${site.base}${path}`))?.status()).toBe(200);
        const violations = await runAxe(page);
        expect(violations, `axe violations on ${path}:\n${formatViolations(violations)}`).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('are found from the footer of a public page', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/fr/`);
      const link = page.locator('footer.site-footer a[href="/fr/statistics"]');
      expect(await link.textContent()).toBe('Statistiques du réseau');
      await Promise.all([page.waitForURL(`${site.base}/fr/statistics`), link.click()]);
      expect(await page.locator('h1').textContent()).toBe('Statistik des Netzwerks');
      // The year being corrected says so in French, inside the German page.
      const notice = page.locator('.statistics .notice[role="note"]');
      expect(await notice.getAttribute('lang')).toBe('fr');
      expect(await notice.textContent()).toContain('En cours de correction');
    } finally {
      await page.close();
    }
  });

  it('do not scroll sideways at 320 CSS pixels, set no cookie and ask no other origin', async () => {
    const narrow = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await narrow.newPage();
      for (const path of PAGES) {
        await page.goto(`${site.base}${path}`);
        const { scrollWidth, width } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, path).toBeLessThanOrEqual(width);
      }
      expect(await narrow.cookies()).toEqual([]);
    } finally {
      await narrow.close();
    }
    expect(foreign).toEqual([]);
  });
});
