/**
 * The public statistics pages in Chromium: zero axe violations (WCAG 2.1
 * AA) in German and English, no sideways scrolling at 320 CSS pixels but
 * inside the tables' and charts' own regions, and no request to another
 * origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { publishedTestYear } from '../../src/features/statistics/test-fixtures.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
let context: BrowserContext;
let foreign: string[];
beforeAll(async () => {
  site = await startSite();
  await publishedTestYear(site.testApp.app, 2018);
  await publishedTestYear(site.testApp.app, 2019, { perCentre: 55 });
  const c = await newContext(site);
  context = c.context;
  foreign = c.foreign;
}, 180_000);
afterAll(async () => {
  await context?.close();
  await site?.close();
});

const PAGES = ['/de/statistics', '/en/statistics', '/de/statistics/2019', '/en/statistics/2018', '/ar/statistics'];

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
