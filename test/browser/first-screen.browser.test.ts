/**
 * The first screen of a 360 × 640 phone with a touch screen: before any
 * scrolling, a person must see the way out, the two numbers to call, the
 * search field and the language choice — on the home page, a result page
 * and a centre page, in every offered language. Measured without the demo
 * banner, which a real deployment does not show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { LEIPZIG_ID } from './support/pages.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const PHONE = { width: 360, height: 640 };

/** A phone: small viewport, touch, and no mouse or keyboard to hover or press Shift with. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const { context } = await newContext(site, { viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setEmulatedMedia', {
    features: [
      { name: 'hover', value: 'none' },
      { name: 'any-hover', value: 'none' },
      { name: 'pointer', value: 'coarse' },
      { name: 'any-pointer', value: 'coarse' },
    ],
  });
  return { context, page };
}

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not rendered`);
  return b;
}

const onFirstScreen = (b: Box) =>
  b.y >= 0 && b.y + b.height <= PHONE.height && b.x >= 0 && b.x + b.width <= PHONE.width;

/** The first search field of the page, whichever form it belongs to (the page's own or the header's). */
const SEARCH_FIELD = 'form[role="search"] input[name="q"]';

const pages = (lang: 'de' | 'en') => [
  { name: `home (${lang})`, path: `/${lang}/` },
  { name: `results for Dortmund (${lang})`, path: `/${lang}/search?q=44135` },
  { name: `centre page (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}` },
];

describe('first screen on a 360 × 640 phone', () => {
  for (const p of [...pages('de'), ...pages('en')]) {
    it(`${p.name}: quick exit, 110 and 116 016 on one line, the search field and the languages without scrolling`, async () => {
      const { context, page } = await phone();
      try {
        await page.goto(`${site.base}${p.path}`);
        await page.evaluate(() => document.querySelector('.demo-banner')?.remove());

        const exit = await box(page, '#quick-exit');
        expect(onFirstScreen(exit), `quick exit at ${JSON.stringify(exit)}`).toBe(true);

        const police = await box(page, '.call-line a[href="tel:110"]');
        const helpline = await box(page, '.call-line a[href="tel:116016"]');
        for (const b of [police, helpline]) {
          expect(onFirstScreen(b), `call button at ${JSON.stringify(b)}`).toBe(true);
          expect(b.width).toBeGreaterThanOrEqual(44);
          expect(b.height).toBeGreaterThanOrEqual(44);
        }
        expect(Math.abs(police.y - helpline.y), '110 and 116 016 on one line').toBeLessThan(2);

        const field = await box(page, SEARCH_FIELD);
        expect(onFirstScreen(field), `search field at ${JSON.stringify(field)}`).toBe(true);

        for (const a of await page.locator('nav.lang a').all()) {
          const b = await a.boundingBox();
          expect(b && onFirstScreen(b), `language link ${await a.textContent()} at ${JSON.stringify(b)}`).toBe(true);
        }

        // Where there is no keyboard, the Shift hint would only take room.
        expect(await page.locator('#quick-exit-hint').isVisible()).toBe(false);
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      } finally {
        await context.close();
      }
    });

    it(`${p.name}: every call and write button is at least 44 px, every other target at least 24 px (axe, WCAG 2.2)`, async () => {
      const { context, page } = await phone();
      try {
        await page.goto(`${site.base}${p.path}`);
        const small = await page
          .locator('a[href^="tel:"]:not(p a):not(li > a:only-child:not(.call)), a[href^="mailto:"].button, a.call')
          .evaluateAll((els) =>
            els
              .map((e) => ({ text: e.textContent?.trim() ?? '', r: e.getBoundingClientRect() }))
              .filter((e) => e.r.width > 0 && (e.r.width < 44 || e.r.height < 44))
              .map((e) => `${e.text} ${Math.round(e.r.width)}×${Math.round(e.r.height)}`),
          );
        expect(small, 'call or write buttons under 44 × 44 px').toEqual([]);
        const violations = await runAxe(page, ['wcag22aa']);
        expect(violations, formatViolations(violations)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
