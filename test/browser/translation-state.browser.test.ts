/**
 * A language awaiting review (ADR 030): its pages carry the footer line
 * with the link to German, and the network's about page shows German under
 * a note. Both must stay axe clean and fit a 320 px screen. The language is
 * a test one ("it", English text in a folder, no state file), so this holds
 * whatever LOCALES lists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/app.ts';
import { LOCALES } from '../../src/platform/i18n/locales.ts';
import { KERNEL_NAMESPACES } from '../../src/platform/messages.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

/** English's public namespaces and public pages, as one folder. */
function testLanguage(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lang-it-'));
  for (const ns of [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])]) {
    if (ns.audience !== 'public') continue;
    const en = path.join(fileURLToPath(ns.dir), 'en');
    fs.copyFileSync(path.join(en, `${ns.name}.json`), path.join(folder, `${ns.name}.json`));
    const pages = path.join(en, ns.name);
    if (!fs.existsSync(pages)) continue;
    fs.mkdirSync(path.join(folder, ns.name));
    for (const page of fs.readdirSync(pages))
      if ((ns.pageAudience?.[page.replace(/\.md$/, '')] ?? 'public') === 'public')
        fs.copyFileSync(path.join(pages, page), path.join(folder, ns.name, page));
  }
  return folder;
}

let folder: string;
let site: Site;
let context: BrowserContext;
beforeAll(async () => {
  folder = testLanguage();
  site = await startSite({
    locales: {
      ...LOCALES,
      it: { name: 'Italiano', dir: 'ltr', htmlLang: 'it', complete: 'public', catalogues: folder },
    },
  });
  context = (await newContext(site)).context;
});
afterAll(async () => {
  await context?.close();
  await site?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a language awaiting review', () => {
  for (const url of ['/it/', '/it/about', '/it/safety']) {
    it(`${url}: the translation note (and the German fallback) are axe clean`, async () => {
      const page = await context.newPage();
      try {
        expect((await page.goto(`${site.base}${url}`))?.status()).toBe(200);
        await expect(page.locator('.translation-state a').getAttribute('href')).resolves.toBe(`/de${url.slice(3)}`);
        if (url === '/it/about') expect(await page.locator('.fallback-note + div[lang="de"] h1').count()).toBe(1);
        const violations = await runAxe(page);
        expect(violations, `axe violations on ${url}:\n${formatViolations(violations)}`).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('fits a 320 px screen with the note', async () => {
    const narrow = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await narrow.newPage();
      for (const url of ['/it/', '/it/about']) {
        await page.goto(`${site.base}${url}`);
        const { scroll, width } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
        }));
        expect(scroll, url).toBeLessThanOrEqual(width);
      }
    } finally {
      await narrow.close();
    }
  });
});
