/**
 * From a result to a centre's page and the call; and the demo banner that
 * tells every visitor the directory is made up while demo content is loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEIPZIG_ID, PUBLIC_PAGES } from './support/pages.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('centre detail', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is reached from a result and offers a tel: link (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context } = await newContext(site, { javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto(`${site.base}/de/search?q=04109`);
        const first = page.locator('ol.results > li').first();
        const name = ((await first.locator('h3 a').textContent()) ?? '').trim();
        expect(name).toMatch(/Leipzig/);
        await Promise.all([page.waitForURL(/\/de\/centres\/[0-9a-f-]{36}\?from=/), first.locator('h3 a').click()]);
        const h1 = (await page.locator('h1').textContent()) ?? '';
        expect(h1.startsWith(name), `heading "${h1}" names the centre "${name}"`).toBe(true);
        const tel = page.locator('main a[href^="tel:"]');
        expect(await tel.count()).toBeGreaterThan(0);
        const href = (await tel.first().getAttribute('href')) ?? '';
        expect(href).toMatch(/^tel:\+?\d{5,}$/);
        // The demo entry says it is made up, on the page itself too.
        expect(await page.locator('main').textContent()).toContain('Dies ist ein erfundener Beispieleintrag.');
        // The way back leads to the same results.
        expect(await page.getByRole('link', { name: 'Zurück zu den Suchergebnissen' }).getAttribute('href')).toBe(
          '/de/search?q=04109',
        );
      } finally {
        await context.close();
      }
    });
  }

  it('puts the contact card first, with call and write buttons of at least 44 × 44 px and numbers on one line', async () => {
    const { context } = await newContext(site, { viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/centres/${LEIPZIG_ID}`);
      const card = page.locator('main .contact-card');
      // Before what there is to read: the facts and the centre's own description.
      const cardBox = (await card.boundingBox())!;
      expect(cardBox.y).toBeLessThan((await page.locator('main .facts').boundingBox())!.y);
      const buttons = page.locator('main .contact-button');
      expect(await buttons.count()).toBeGreaterThan(1);
      for (const b of await buttons.all()) {
        const box = (await b.boundingBox())!;
        const label = (await b.textContent()) ?? '';
        expect(box.width, label).toBeGreaterThanOrEqual(44);
        expect(box.height, label).toBeGreaterThanOrEqual(44);
      }
      for (const n of await page.locator('main .phone-number').all()) {
        const lines = await n.evaluate((el) => el.getClientRects().length);
        expect(lines, (await n.textContent()) ?? '').toBe(1);
        expect(await n.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
      }
    } finally {
      await context.close();
    }
  });

  it('answers an unknown centre id with the 404 page, not an error', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      const res = await page.goto(`${site.base}/de/centres/00000000-0000-4000-8000-000000000000`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Seite nicht gefunden');
    } finally {
      await context.close();
    }
  });
});

describe('demo banner', () => {
  it('is on every public page while demo content is loaded', async () => {
    expect((await site.testApp.app.directory.get()).hasDemo, 'the test database holds the demo directory').toBe(true);
    const { context } = await newContext(site, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const missing: string[] = [];
      for (const p of PUBLIC_PAGES) {
        const res = await page.goto(`${site.base}${p.path}`);
        const banner = page.locator('.demo-banner');
        const ok = res?.status() === p.status && (await banner.count()) === 1 && (await banner.isVisible());
        if (!ok) missing.push(`${p.name} ${p.path}: status ${res?.status()}, banners ${await banner.count()}`);
        else {
          expect(await banner.getAttribute('role')).toBe('note');
          expect(await banner.textContent()).toMatch(p.path.startsWith('/en') ? /example data/ : /Beispieldaten/);
        }
      }
      expect(missing, `pages without the demo banner (or with the wrong status):\n${missing.join('\n')}`).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
