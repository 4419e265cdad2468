/**
 * axe-core on every public page, German and English: zero WCAG 2.0/2.1 A and
 * AA violations (BITV 2.0 → EN 301 549 → WCAG 2.1 AA). One test per page so a
 * failure names the page; the message lists rule, element and fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { PUBLIC_PAGES } from './support/pages.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
let context: BrowserContext;
beforeAll(async () => {
  site = await startSite();
  context = (await newContext(site)).context;
});
afterAll(async () => {
  await context?.close();
  await site?.close();
});

describe('axe-core, WCAG 2.1 AA', () => {
  for (const p of PUBLIC_PAGES) {
    it(`${p.name}: ${p.path}`, async () => {
      const page = await context.newPage();
      try {
        const res = await page.goto(`${site.base}${p.path}`);
        expect(res?.status(), `${p.path} status`).toBe(p.status);
        const violations = await runAxe(page);
        expect(violations, `axe violations on ${p.path}:\n${formatViolations(violations)}`).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  // WCAG 1.4.10 Reflow: usable at 320 CSS px (a cheap phone, or 400 % zoom)
  // without scrolling sideways. axe does not check this.
  it('no page scrolls sideways at 320 CSS pixels wide', async () => {
    const narrow = await site.browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'de-DE' });
    try {
      const page = await narrow.newPage();
      const wide: string[] = [];
      for (const p of PUBLIC_PAGES) {
        await page.goto(`${site.base}${p.path}`);
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const culprits = [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.skip'))
            .filter((el, _i, all) => !all.some((o) => o !== el && o.contains(el)))
            .slice(0, 3)
            .map(
              (el) =>
                `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${el.getAttribute('class')!.split(' ').join('.')}` : ''}> right=${Math.round(el.getBoundingClientRect().right)}`,
            );
          return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
        });
        if (overflow.scrollWidth > overflow.width)
          wide.push(`${p.path}: ${overflow.scrollWidth}px wide; ${overflow.culprits.join(', ')}`);
      }
      expect(wide, `pages wider than a 320px screen:\n${wide.join('\n')}`).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it('the search filters, opened, have no violations either', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/de/`);
      await page.locator('details.filters summary').click();
      const violations = await runAxe(page);
      expect(violations, `axe violations with the filters open:\n${formatViolations(violations)}`).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a focused skip link and the Shift progress keep their contrast', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Tab');
      const violations = await runAxe(page);
      expect(violations, `axe violations with skip link focused:\n${formatViolations(violations)}`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
