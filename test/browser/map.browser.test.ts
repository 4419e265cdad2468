/**
 * The SVG map: named for screen readers, its markers are real links to the
 * centres, and nothing is only on the map — the same centres are listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LEIPZIG_ID } from './support/pages.ts';
import { accessibilityInfo } from './support/probes.ts';
import { newContext, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const MAP = 'main .map > svg';
const MARKERS = `${MAP} a[href*="/centres/"]`;

const hrefs = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

describe('map', () => {
  it('has an accessible name, and its markers are named links for assistive technology', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      expect(await page.locator(MAP).count(), 'one map on the home page').toBe(1);
      const [map] = await accessibilityInfo(page, MAP);
      expect(map?.name, 'the map has an accessible name').toContain('Karte der Fachberatungsstellen');
      expect(map?.ignored).toBe(false);

      const markers = await accessibilityInfo(page, MARKERS);
      expect(markers.length, 'markers for the located demo centres').toBeGreaterThan(20);
      const bad = markers.filter((m) => m.ignored || m.role !== 'link' || m.name.trim() === '');
      expect(
        bad,
        'markers hidden from assistive technology or without a name (a role="img" on the <svg> would hide them)',
      ).toEqual([]);
      // Every link in the map (markers and states) is announced with a name.
      const unnamed = (await accessibilityInfo(page, `${MAP} a[href]`)).filter(
        (m) => m.ignored || m.name.trim() === '',
      );
      expect(unnamed).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('names the state links in the page language', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      for (const [lang, name] of [
        ['de', 'Bayern'],
        ['en', 'Bavaria'],
      ] as const) {
        await page.goto(`${site.base}/${lang}/`);
        const [bavaria] = await accessibilityInfo(page, `${MAP} a[href="/${lang}/states/bayern"]`);
        expect(bavaria?.name, `state link on /${lang}/ is announced in the page language`).toBe(name);
      }
    } finally {
      await context.close();
    }
  });

  // WCAG 2.4.7 (focus visible) and 1.4.11 (non-text contrast, which covers
  // focus indicators): Chromium draws no outline on SVG links, so the map's
  // own styles must change the focused shape, with at least 3:1 contrast
  // between the same pixels focused and unfocused.
  for (const path of ['/de/', '/de/states', '/de/states/sachsen', '/de/search?q=04109']) {
    it(`every map link shows visibly that it has focus (${path})`, async () => {
      const { context } = await newContext(site);
      try {
        const page = await context.newPage();
        await page.goto(`${site.base}${path}`);
        const weak = await page.locator(MAP).evaluate((svg) => {
          const rgb = (c: string) =>
            (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '')
              .split(',')
              .slice(0, 3)
              .map((v) => Number(v.trim()) / 255);
          const lum = (c: string) => {
            const [r = 0, g = 0, b = 0] = rgb(c).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const contrast = (a: string, b: string) => {
            const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
            return (hi + 0.05) / (lo + 0.05);
          };
          const look = (el: Element) => {
            const cs = getComputedStyle(el);
            return {
              fill: cs.fill,
              stroke: cs.stroke,
              strokeWidth: parseFloat(cs.strokeWidth),
              outline: cs.outlineStyle,
            };
          };
          const problems: string[] = [];
          for (const a of svg.querySelectorAll('a[href]')) {
            // The drawn shape, not the transparent hit area around a marker.
            const shape = a.querySelector('.marker') ?? a.querySelector('path, circle, rect, polygon');
            if (!shape) continue;
            (document.activeElement as HTMLElement | null)?.blur();
            const before = look(shape);
            (a as SVGAElement).focus();
            if (document.activeElement !== a) {
              problems.push(`${a.getAttribute('href')}: cannot take focus`);
              continue;
            }
            const after = look(shape);
            (a as SVGAElement).blur();
            const name = a.querySelector('title')?.textContent ?? a.getAttribute('href');
            const fillContrast = before.fill !== after.fill ? contrast(before.fill, after.fill) : 1;
            // The same pixels, focused against unfocused (as WCAG 2.4.13 measures it).
            const strokeContrast =
              after.stroke !== 'none' && after.strokeWidth >= before.strokeWidth && after.stroke !== before.stroke
                ? contrast(before.stroke === 'none' ? before.fill : before.stroke, after.stroke)
                : 1;
            const best = Math.max(fillContrast, strokeContrast);
            if (best === 1)
              problems.push(
                `${name}: looks the same focused and unfocused (fill ${after.fill}, stroke ${after.stroke})`,
              );
            else if (best < 3)
              problems.push(`${name}: focus change only ${best.toFixed(2)}:1 (fill ${before.fill} → ${after.fill})`);
          }
          return problems;
        });
        expect(weak, `map links without a visible focus indicator on ${path}:\n${weak.join('\n')}`).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`a marker leads to its centre's page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context } = await newContext(site, { javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto(`${site.base}/de/states/sachsen`);
        const selector = `${MAP} a[href="/de/centres/${LEIPZIG_ID}"]`;
        const [info] = await accessibilityInfo(page, selector);
        const name = info?.name ?? '';
        expect(name, 'the marker names the centre and its town').toMatch(/Leipzig$/);
        // Markers can sit close together; keyboard activation hits exactly this one.
        await page.locator(selector).focus();
        await Promise.all([page.waitForURL(`**/de/centres/${LEIPZIG_ID}`), page.keyboard.press('Enter')]);
        const centreName = name.slice(0, name.lastIndexOf(','));
        expect(
          ((await page.locator('h1').textContent()) ?? '').startsWith(centreName),
          `page heading starts with "${centreName}"`,
        ).toBe(true);
        expect(await page.locator('main a[href^="tel:"]').count()).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    });
  }

  it('shows no centre only on the map: each marker is also in a list (states pages)', async () => {
    const { context } = await newContext(site, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      const onMap = new Set(await hrefs(page, MARKERS));
      expect(onMap.size).toBeGreaterThan(20);

      await page.goto(`${site.base}/de/states`);
      const statePages = (await hrefs(page, 'main ul.states-list a')).filter((h) => h.startsWith('/de/states/'));
      expect(statePages).toHaveLength(16);
      const listed = new Set<string>();
      for (const path of statePages) {
        await page.goto(`${site.base}${path}`);
        // Lists only: links outside the map.
        for (const h of await page
          .locator('main a[href*="/centres/"]')
          .evaluateAll((as) => as.filter((a) => !a.closest('svg')).map((a) => a.getAttribute('href') ?? ''))) {
          listed.add(h.split('?')[0]!);
        }
      }
      const onlyOnMap = [...onMap].filter((h) => !listed.has(h));
      expect(onlyOnMap, 'centres shown on the map but in no list').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('draws centres too close to tell apart on a phone as one cluster that searches their town', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      const clusters = await accessibilityInfo(page, `${MAP} a[href*="/search?q="]`);
      expect(clusters.length, 'the demo centres in the cities are clustered').toBeGreaterThan(0);
      for (const c of clusters) expect(c.name).toMatch(/^\d+ Beratungsstellen in und um \S/);
      const [first] = await page
        .locator(`${MAP} a[href*="/search?q="]`)
        .evaluateAll((as) =>
          as.map((a) => ({ href: a.getAttribute('href') ?? '', count: Number(a.querySelector('text')?.textContent) })),
        );
      await page.locator(`${MAP} a[href="${first!.href}"]`).focus();
      await Promise.all([page.waitForURL(/\/de\/search\?q=/), page.keyboard.press('Enter')]);
      expect(await page.locator('main ol.results > li').count()).toBeGreaterThanOrEqual(Math.min(first!.count, 10));
      // The legend says what the shapes mean.
      await page.goto(`${site.base}/de/`);
      expect(await page.locator('main .map .map-legend li > span').allTextContents()).toEqual([
        'Beratungsstelle',
        'Mehrere Beratungsstellen nah beieinander (Anzahl)',
      ]);
    } finally {
      await context.close();
    }
  });
});
