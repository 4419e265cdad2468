/**
 * The first screen of a 360 × 640 phone with a touch screen: before any
 * scrolling, a person must see the way out, the two numbers to call, the
 * search field and the language picker — on the home page, a result page
 * and a centre page, in every offered language. The picker opens on the
 * first screen and leads to the same page in another language. Measured
 * without the demo banner, which a real deployment does not show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { LOCALES } from '../../src/platform/i18n/locales.ts';
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

const pages = (lang: string) => [
  { lang, name: `home (${lang})`, path: `/${lang}/` },
  { lang, name: `results for Dortmund (${lang})`, path: `/${lang}/search?q=44135` },
  { lang, name: `centre page (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}` },
];

const LANGS = Object.keys(LOCALES);

describe('first screen on a 360 × 640 phone', () => {
  for (const p of LANGS.flatMap(pages)) {
    it(`${p.name}: quick exit, 110 and 116 016 on one line, the search field and the language picker without scrolling`, async () => {
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

        // The picker: a globe and the current language in itself, on the first screen; opened, every
        // language in itself on the first screen too.
        const picker = await box(page, 'nav.lang summary');
        expect(onFirstScreen(picker), `language picker at ${JSON.stringify(picker)}`).toBe(true);
        expect(await page.locator('nav.lang summary svg.globe').count()).toBe(1);
        expect(await page.locator('nav.lang summary [lang]').textContent()).toBe(
          LOCALES[p.lang as keyof typeof LOCALES].name,
        );
        await page.locator('nav.lang summary').click();
        const links = await page.locator('nav.lang a').all();
        expect(links).toHaveLength(LANGS.length);
        for (const a of links) {
          const b = await a.boundingBox();
          expect(b && onFirstScreen(b), `language link ${await a.textContent()} at ${JSON.stringify(b)}`).toBe(true);
          expect(b!.height, 'a language link is a 24 px target at least').toBeGreaterThanOrEqual(24);
        }
        expect(await page.locator('nav.lang a[aria-current="true"]').getAttribute('hreflang')).toBe(
          LOCALES[p.lang as keyof typeof LOCALES].htmlLang,
        );

        // Where there is no keyboard, the Shift hint would only take room.
        expect(await page.locator('#quick-exit-hint').isVisible()).toBe(false);
        // Nothing wider than the screen, with the list open either.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        // The next language in the list leads to the same page in that language.
        const next = LANGS[(LANGS.indexOf(p.lang) + 1) % LANGS.length]!;
        await Promise.all([
          page.waitForURL((u) => u.pathname.startsWith(`/${next}/`)),
          page.locator(`nav.lang a[href^="/${next}/"]`).click(),
        ]);
        expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
          `/${next}${p.path.slice(p.lang.length + 1)}`,
        );
        expect(await page.getAttribute('html', 'lang')).toBe(LOCALES[next as keyof typeof LOCALES].htmlLang);
        expect(await page.getAttribute('html', 'dir')).toBe(LOCALES[next as keyof typeof LOCALES].dir);
        await page.evaluate(() => document.querySelector('.demo-banner')?.remove());
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
        // The footer's helplines are links in a list of text (name, number, hours): the inline
        // exception of WCAG 2.5.8; the buttons that matter are the call line and the cards.
        const small = await page
          .locator(
            'a[href^="tel:"]:not(p a):not(li > a:only-child:not(.call)):not(.site-footer .helplines a), a[href^="mailto:"].button, a.call',
          )
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
