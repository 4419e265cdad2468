/**
 * The helplines on a phone (360 × 640): every call button is at least
 * 44 × 44 px, no number breaks over two lines, and the place-failure page
 * offers them with the "Did you mean …?" link, which searches only when
 * followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('helplines on a small phone', () => {
  it('call buttons of at least 44 × 44 px whose numbers stay on one line', async () => {
    const { context, foreign } = await newContext(site, { viewport: { width: 360, height: 640 }, isMobile: true });
    try {
      const page = await context.newPage();
      for (const path of ['/de/search?q=Dortmnd', '/en/search?q=Xyz', '/de/']) {
        await page.goto(`${site.base}${path}`);
        const buttons = page.locator('main .call-button');
        expect(await buttons.count(), path).toBeGreaterThanOrEqual(6);
        const boxes = await buttons.evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { text: e.textContent ?? '', w: r.width, h: r.height };
          }),
        );
        for (const b of boxes) {
          expect(b.w, `${path}: ${b.text}`).toBeGreaterThanOrEqual(44);
          expect(b.h, `${path}: ${b.text}`).toBeGreaterThanOrEqual(44);
        }
        const lines = await page
          .locator('main .call-button .number')
          .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', rects: e.getClientRects().length })));
        for (const l of lines) expect(l.rects, `${path}: ${l.text} wraps`).toBe(1);
      }
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Did you mean …?" leads to the results only when followed', async () => {
    const { context } = await newContext(site, { viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/search?q=Dortmnd`);
      expect(await page.locator('h1').textContent()).toBe('Wir konnten den Ort „Dortmnd“ nicht finden');
      expect(await page.locator('main ol.results').count()).toBe(0);
      await Promise.all([page.waitForURL(/q=Dortmund/), page.getByRole('link', { name: /^Dortmund/ }).click()]);
      expect(await page.locator('h1').textContent()).toBe('Beratungsstellen nahe Dortmund');
    } finally {
      await context.close();
    }
  });
});
