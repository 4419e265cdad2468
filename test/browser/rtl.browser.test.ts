/**
 * Right-to-left pages (Arabic, Dari/Farsi) at 360 and 1280 CSS pixels: the
 * document says `dir="rtl"`; the layout is the German one mirrored — the
 * quick exit at the inline end, the brand, headings, search field and call
 * buttons from the right — measured on element boxes and on the pixels of a
 * screenshot; the map of Germany is not mirrored; phone numbers, postcodes,
 * e-mail and web addresses stay left to right in isolates; nothing sticks out
 * sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { LEIPZIG_ID } from './support/pages.ts';
import {
  colourBox,
  decodePng,
  meanDifference,
  numbersOutOfOrder,
  outsideTheScreen,
  unisolatedNumbers,
} from './support/bidi.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
let helper: { context: BrowserContext; page: Page };
beforeAll(async () => {
  site = await startSite();
  const { context } = await newContext(site);
  helper = { context, page: await context.newPage() };
});
afterAll(async () => {
  await helper?.context.close();
  await site?.close();
});

const PAGES = [
  { name: 'home', path: '/', search: '#q' },
  { name: 'results', path: '/search?q=04109', search: '#q' },
  { name: 'centre', path: `/centres/${LEIPZIG_ID}`, search: '#header-q' },
  { name: 'safety', path: '/safety', search: '#header-q' },
] as const;

/** The quick exit's red (app.css --exit). */
const EXIT_RED: [number, number, number] = [0xb3, 0x26, 0x1e];

type Box = { left: number; right: number; top: number; width: number };

async function boxes(page: Page, selectors: readonly string[]): Promise<Record<string, Box | null>> {
  return page.evaluate((selectors) => {
    const out: Record<string, { left: number; right: number; top: number; width: number } | null> = {};
    for (const s of selectors) {
      const r = document.querySelector(s)?.getBoundingClientRect();
      out[s] = r && r.width > 0 ? { left: r.left, right: r.right, top: r.top, width: r.width } : null;
    }
    return out;
  }, selectors);
}

/** Open a page as a first visit would, without the demo banner (a real deployment shows none). */
async function open(page: Page, path: string) {
  const res = await page.goto(`${site.base}${path}`);
  expect(res?.status(), path).toBe(200);
  await page.evaluate(() => document.querySelector('.demo-banner')?.remove());
}

describe.each(['ar', 'fa'])('right to left: %s', (lang) => {
  for (const width of [360, 1280]) {
    const viewport = { width, height: width === 360 ? 640 : 900 };
    it(`${width}px: dir="rtl", the German layout mirrored, numbers left to right, nothing sideways`, async () => {
      const { context } = await newContext(site, {
        viewport,
        ...(width === 360 ? { hasTouch: true, isMobile: true } : {}),
      });
      try {
        const rtl = await context.newPage();
        const german = await context.newPage();
        const W = viewport.width;
        for (const p of PAGES) {
          await open(rtl, `/${lang}${p.path}`);
          await open(german, `/de${p.path}`);
          const where = `${lang}${p.path} at ${width}px`;
          expect(await rtl.getAttribute('html', 'dir'), where).toBe('rtl');
          expect(await german.getAttribute('html', 'dir')).toBe('ltr');

          // Element boxes against the mirrored German page. Elements whose width is the same in
          // every language are compared whole; those whose text differs by their anchored edge.
          const anchoredAtStart = ['.brand', 'h1', '.lang summary', '.call-line li:first-child a', 'main', p.search];
          const whole = p.name === 'home' ? ['.map svg'] : [];
          const selectors = ['#quick-exit', ...anchoredAtStart, ...whole];
          const [r, g] = await Promise.all([boxes(rtl, [...selectors, '.exit-hint']), boxes(german, selectors)]);
          const withHint = { exit: r['#quick-exit'], hint: r['.exit-hint'] };
          // The Shift hint's text differs per language: measure the exit without it.
          await Promise.all(
            [rtl, german].map((pg) => pg.evaluate(() => document.querySelector('.exit-hint')?.remove())),
          );
          const [rx, gx] = await Promise.all([boxes(rtl, ['#quick-exit']), boxes(german, ['#quick-exit'])]);
          Object.assign(r, rx);
          Object.assign(g, gx);
          for (const s of selectors) {
            expect(r[s], `${s} shown on ${where}`).not.toBeNull();
            expect(g[s], `${s} shown on /de${p.path}`).not.toBeNull();
          }
          const exit = r['#quick-exit']!;
          if (width === 1280) {
            // With a keyboard the Shift hint follows the exit, further towards the inline end.
            const [hint, exitBox] = [withHint.hint!, withHint.exit!];
            expect(hint, `Shift hint shown on ${where}`).not.toBeNull();
            expect(hint.right, `Shift hint after the quick exit on ${where}`).toBeLessThanOrEqual(exitBox.left + 1);
          }
          // The quick exit at the inline end: the left edge on a right-to-left page.
          expect(exit.left, `quick exit on the left on ${where}`).toBeLessThan(W / 2);
          expect(Math.abs(exit.left - (W - g['#quick-exit']!.right)), `quick exit mirrored on ${where}`).toBeLessThan(
            2,
          );
          for (const s of anchoredAtStart)
            expect(Math.abs(W - r[s]!.right - g[s]!.left), `${s} starts from the right on ${where}`).toBeLessThan(2);
          for (const s of whole) {
            expect(Math.abs(r[s]!.width - g[s]!.width), `${s} as wide as in German on ${where}`).toBeLessThan(2);
            expect(Math.abs(W - r[s]!.right - g[s]!.left), `${s} mirrored on ${where}`).toBeLessThan(2);
          }

          const numbers = await unisolatedNumbers(rtl);
          expect(numbers.found, `numbers on ${where}`).toBeGreaterThan(0);
          expect(numbers.loose, `numbers or addresses outside a left-to-right isolate on ${where}`).toEqual([]);
          const order = await numbersOutOfOrder(rtl);
          expect(order.checked, `numbers in groups on ${where}`).toBeGreaterThan(0);
          expect(order.wrong, `numbers drawn out of order on ${where}`).toEqual([]);
          expect(await outsideTheScreen(rtl), `sideways overflow on ${where}`).toEqual([]);
        }

        // Pixels: in a screenshot of the top of the home page the red of the quick exit reaches
        // the left edge exactly as far as the German one reaches the right edge.
        await open(rtl, `/${lang}/`);
        await open(german, '/de/');
        await Promise.all([rtl, german].map((pg) => pg.evaluate(() => document.querySelector('.exit-hint')?.remove())));
        const clip = { x: 0, y: 0, width: W, height: 80 };
        const [shotR, shotG] = await Promise.all([rtl.screenshot({ clip }), german.screenshot({ clip })]);
        const redR = colourBox(await decodePng(helper.page, shotR), EXIT_RED);
        const redG = colourBox(await decodePng(helper.page, shotG), EXIT_RED);
        expect(redR && redG, 'the quick exit is red in both screenshots').toBeTruthy();
        expect(redR!.minX, 'the red is near the left edge on the right-to-left page').toBeLessThan(W - 1 - redR!.maxX);
        expect(W - 1 - redG!.maxX, 'and near the right edge on the German page').toBeLessThan(redG!.minX);
        expect(Math.abs(redR!.minX - (W - 1 - redG!.maxX)), 'red outer edges mirrored').toBeLessThanOrEqual(2);
        expect(Math.abs(redR!.minY - redG!.minY), 'at the same height').toBeLessThanOrEqual(2);

        // The map of Germany is the same picture on both pages, not its mirror image; the
        // mirror check proves the comparison would notice.
        // The sticky exit bar would cover part of the map wherever the scroll leaves it: unstick it.
        await Promise.all(
          [rtl, german].map((pg) =>
            pg.evaluate(() => {
              // CSSOM, which the page's CSP allows (a <style> element it would refuse).
              document.querySelector<HTMLElement>('.exit-bar')!.style.position = 'static';
            }),
          ),
        );
        const [mapR, mapG] = await Promise.all([
          rtl.locator('.map svg').first().screenshot(),
          german.locator('.map svg').first().screenshot(),
        ]);
        const [imgR, imgG] = [await decodePng(helper.page, mapR), await decodePng(helper.page, mapG)];
        const same = meanDifference(imgR, imgG);
        const mirrored = meanDifference(imgR, imgG, true);
        // Not zero: the map may sit at another sub-pixel height, which moves its anti-aliasing.
        const figures = `${same.toFixed(2)} against the German map, ${mirrored.toFixed(2)} against its mirror image`;
        expect(same, `map pixels differ by ${figures}`).toBeLessThan(3);
        expect(mirrored, `a mirrored map would differ clearly: ${figures}`).toBeGreaterThan(4 * same);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the isolate check itself', () => {
  it('flags a phone number that is not isolated, and accepts dir="ltr" and U+2068…U+2069', async () => {
    const page = await helper.context.newPage();
    try {
      await page.setContent(
        '<html dir="rtl"><body><p id="a">اتصل 030 123456</p><p><span dir="ltr">030 123456</span></p>' +
          '<p>قرب \u2068030 123456 Leipzig\u2069</p><p>قرب 04109</p></body></html>',
      );
      const r = await unisolatedNumbers(page);
      expect(r.found).toBe(3);
      expect(r.loose).toEqual(['"030 123456" in <p class="">']);
      // And the rendering shows why: the bare number's groups are drawn right to left.
      const order = await numbersOutOfOrder(page);
      expect(order.wrong).toEqual(['"030 123456" drawn out of order in <p class="">']);
    } finally {
      await page.close();
    }
  });
});
