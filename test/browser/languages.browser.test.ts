/**
 * Every public help page in every offered language: the page exists, axe
 * finds no WCAG 2.0/2.1 A or AA violation, and every character of its text
 * has a glyph in the installed fonts (no "tofu" boxes: Arabic, Ethiopic,
 * Cyrillic, Chinese, Vietnamese …). One browser and one page per language;
 * the pages of a language are visited in turn, so a failure names the
 * language and the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { LOCALES } from '../../src/platform/i18n/locales.ts';
import { missingGlyphs } from './support/bidi.ts';
import { helpPages } from './support/pages.ts';
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

/** Where the glyph check looks: the pages with the most text of their own. */
const GLYPH_PAGES = new Set(['/', '/safety', '/leichte-sprache', `/search?q=04109`]);

describe('every public help page in every language', () => {
  for (const [lang, info] of Object.entries(LOCALES)) {
    it(`${lang} (${info.name}): served with lang="${info.htmlLang}" dir="${info.dir}", axe clean, no missing glyphs`, async () => {
      const page = await context.newPage();
      try {
        const problems: string[] = [];
        for (const p of helpPages(lang)) {
          const res = await page.goto(`${site.base}${p.path}`);
          if (res?.status() !== p.status) problems.push(`${p.path}: status ${res?.status()}`);
          expect(await page.getAttribute('html', 'lang'), p.path).toBe(info.htmlLang);
          expect(await page.getAttribute('html', 'dir'), p.path).toBe(info.dir);
          const violations = await runAxe(page);
          if (violations.length) problems.push(`${p.path}: axe\n${formatViolations(violations)}`);
          if (GLYPH_PAGES.has(p.path.slice(lang.length + 1))) {
            // Open the language picker, so its names in every script are drawn too.
            await page.locator('nav.lang summary').click();
            const glyphs = await missingGlyphs(page);
            if (glyphs.checked < 30) problems.push(`${p.path}: only ${glyphs.checked} characters checked`);
            if (glyphs.missing.length) problems.push(`${p.path}: no glyph for ${glyphs.missing.join(', ')}`);
          }
        }
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('the glyph check flags a character no font has (private use, U+E000) and passes the picker', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/de/`);
      const r = await missingGlyphs(page, '\ue000\ue123');
      expect(r.missing).toEqual(['U+E000 \ue000', 'U+E123 \ue123']);
      // Every language's own name, in its own script, is drawn.
      const names = Object.values(LOCALES)
        .map((l) => l.name)
        .join('');
      expect((await missingGlyphs(page, names)).missing).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
