/**
 * Keyboard only: the skip links work, every control of the search form can
 * be reached and used, and wherever focus is, it can be seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

type Focused = {
  key: string;
  tag: string;
  text: string;
  inMain: boolean;
  inSvg: boolean;
  outline: string;
  boxShadow: string;
  visible: boolean;
};

/** Describe the focused element; `key` identifies form controls stably. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const input = el as HTMLInputElement;
    const key =
      el.localName === 'input' && input.type === 'checkbox'
        ? `${input.name}=${input.value}`
        : el.id ||
          (el.localName === 'summary'
            ? el.closest('nav.lang')
              ? 'summary:language-picker'
              : 'summary'
            : el.localName === 'button'
              ? 'button'
              : `${el.localName}:${el.getAttribute('href') ?? ''}`);
    return {
      key,
      tag: el.localName,
      text: (el.textContent ?? '').trim().slice(0, 40),
      inMain: Boolean(el.closest('main')),
      inSvg: Boolean(el.closest('svg')),
      outline:
        cs.outlineStyle === 'none' || cs.outlineWidth === '0px'
          ? 'none'
          : `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      visible: r.width > 0 && r.height > 0 && cs.visibility !== 'hidden',
    };
  });
}

describe('keyboard only', () => {
  it('skip link to the content moves focus into main', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const skip = await focused(page);
      expect(skip?.text).toBe('Zum Inhalt springen');
      await page.keyboard.press('Enter');
      const landed = await page.evaluate(() => {
        const main = document.querySelector('main');
        return Boolean(main && (document.activeElement === main || main.contains(document.activeElement)));
      });
      expect(landed, 'focus lands in <main>').toBe(true);
      await page.keyboard.press('Tab');
      const next = await focused(page);
      expect(next?.inMain, `the next Tab stays in main (got ${next?.key})`).toBe(true);
      expect(next?.key).toBe('q');
    } finally {
      await context.close();
    }
  });

  it('reaches every search control by Tab, with a visible focus indicator everywhere', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      const controls = await page.locator('main form.search').evaluate((form) =>
        [...form.querySelectorAll('input, select, button, summary')].map((el) => {
          const input = el as HTMLInputElement;
          if (el.localName === 'input' && input.type === 'checkbox') return `${input.name}=${input.value}`;
          return el.id || (el.localName === 'summary' ? 'summary' : el.localName);
        }),
      );
      expect(controls.length).toBeGreaterThan(10);

      const reached = new Set<string>();
      const invisible: string[] = [];
      let first: string | undefined;
      for (let i = 0; i < 600; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (!f) break; // past the last element
        if (f.key === first) break; // wrapped around
        first ??= f.key;
        reached.add(f.key);
        // Chromium draws no outline on SVG links whatever the computed style
        // says; map.browser.test.ts checks their own focus styles instead.
        if (!f.inSvg && f.outline === 'none' && (f.boxShadow === 'none' || f.boxShadow === ''))
          invisible.push(`${f.tag} ${f.key} "${f.text}"`);
        if (!f.visible) invisible.push(`${f.tag} ${f.key} "${f.text}" is focused but not rendered`);
        // The filters are in a closed <details>: open it the way a keyboard user would.
        if (
          f.key === 'summary' &&
          !(await page.locator('details.filters').evaluate((d) => (d as HTMLDetailsElement).open))
        ) {
          await page.keyboard.press('Enter');
          expect(await page.locator('details.filters').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
        }
      }
      const unreachable = controls.filter((c) => !reached.has(c));
      expect(unreachable, 'form controls Tab never reached').toEqual([]);
      expect([...reached], 'the language picker is reached by Tab').toContain('summary:language-picker');
      expect(invisible, 'focused elements without a visible focus indicator').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a focused link shows a real outline (not just the browser default being removed)', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      // Tab to the first link in the header: the brand link.
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f?.tag === 'a' && f.key.endsWith(':/de/')) {
          expect(f.outline).not.toBe('none');
          return;
        }
      }
      throw new Error('never reached the brand link by Tab');
    } finally {
      await context.close();
    }
  });

  it('searches and opens a centre with the keyboard alone', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // skip to content
      await page.keyboard.press('Tab'); // the place field
      await page.keyboard.type('04109');
      await Promise.all([page.waitForURL(/\/de\/search\?q=04109/), page.keyboard.press('Enter')]);
      // Tab on until the first result link has focus, then follow it.
      const target = await page.locator('ol.results > li h3 a').first().getAttribute('href');
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f?.key === `a:${target}`) {
          await Promise.all([page.waitForURL(`**${target}`), page.keyboard.press('Enter')]);
          expect(await page.locator('main a[href^="tel:"]').count()).toBeGreaterThan(0);
          return;
        }
      }
      throw new Error(`never reached the first result (${target}) by Tab`);
    } finally {
      await context.close();
    }
  });
});
