/**
 * The search flow a person goes through: postcode → nearest centres first,
 * narrowing by target group and language, what happens when nothing fits or
 * the postcode is unknown — with and without JavaScript — and the language
 * switch that must not lose the search.
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

type Card = { name: string; meta: string; paragraphs: string[]; km: number | null };

/** The result cards on the current page, with the distance parsed from "12,3 km entfernt". */
async function cards(page: Page): Promise<Card[]> {
  const raw = await page.locator('ol.results > li').evaluateAll((lis) =>
    lis.map((li) => ({
      name: li.querySelector('h3 a')?.textContent?.trim() ?? '',
      meta: li.querySelector('.meta')?.textContent ?? '',
      paragraphs: [...li.querySelectorAll('p')].map((p) => p.textContent ?? ''),
    })),
  );
  return raw.map((c) => {
    const m = /([\d.,]+)\s*km/.exec(c.meta);
    return { ...c, km: m ? Number(m[1]!.replace(/\./g, '').replace(',', '.')) : null };
  });
}

/** The count in the live status line ("12 Beratungsstellen gefunden."). */
/** The values of a card line such as "Sprachen: Deutsch, Englisch". */
function listed(card: Card, label: string): string[] {
  const line = card.paragraphs.find((p) => p.startsWith(`${label}:`));
  return line
    ? line
        .slice(label.length + 1)
        // The views join lists as German does (Intl.ListFormat): "a, b und c".
        .split(/,| und /)
        .map((v) => v.trim())
    : [];
}

/** The local list's count: the centres within 50 km and the nearest beyond ("Dazu die N nächsten …"). */
async function localTotal(page: Page): Promise<number> {
  const text = (await page.locator('main [role=status]').first().textContent()) ?? '';
  const within = /^(Keine|No) /.test(text) ? 0 : Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
  if (Number.isNaN(within)) throw new Error(`no count in status line: ${text}`);
  const beyond = /Dazu die nächste in|Also the nearest one/.test(text)
    ? 1
    : Number(/(?:Dazu die|Also the) (\d+) n/.exec(text)?.[1] ?? 0);
  return within + beyond;
}

/** Every service the search found: the local list and the services reachable from anywhere. */
async function total(page: Page): Promise<number> {
  const remote = page.locator('main section.remote > p').first();
  const count = (await remote.count()) > 0 ? ((await remote.textContent()) ?? '') : '0';
  return (await localTotal(page)) + Number(/^(\d+)/.exec(count)?.[1] ?? 0);
}

async function submit(page: Page) {
  await Promise.all([
    page.waitForURL(/\/search\?/),
    page.getByRole('button', { name: 'Beratungsstellen finden' }).click(),
  ]);
}

/** Open "Suche eingrenzen" (a native <details>: works without JavaScript). */
async function openFilters(page: Page) {
  const details = page.locator('details.filters');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

async function searchFlow(page: Page) {
  // Home → postcode → results.
  await page.goto(`${site.base}/de/`);
  await page.getByLabel('Postleitzahl oder Ort').fill('04109');
  await submit(page);
  expect(new URL(page.url()).searchParams.get('q')).toBe('04109');
  expect(await page.locator('h1').textContent()).toContain('04109');
  const all = await cards(page);
  const unfiltered = await total(page);
  expect(all.length).toBeGreaterThan(0);
  expect(all[0]!.name, 'the centre in Leipzig itself comes first').toMatch(/Leipzig/);
  expect(all[0]!.meta).toMatch(/km entfernt/);
  const distances = all.filter((c) => c.km !== null).map((c) => c.km!);
  expect(distances.length).toBeGreaterThan(1);
  expect(distances, 'nearest first').toEqual([...distances].sort((a, b) => a - b));
  // Services without a place (online, phone) are a group of their own, above, without distances.
  expect(all.every((c) => c.km !== null)).toBe(true);
  const remote = page.locator('main section.remote .card');
  expect(await remote.count()).toBeGreaterThan(0);
  expect(await remote.first().textContent()).not.toMatch(/km entfernt/);

  // Target group narrows.
  await openFilters(page);
  await page.getByLabel('Männer', { exact: true }).check();
  await submit(page);
  const forMen = await total(page);
  expect(forMen).toBeGreaterThan(0);
  expect(forMen).toBeLessThanOrEqual(unfiltered);
  for (const c of await cards(page)) expect(listed(c, 'Angebot für'), c.name).toContain('Männer');
  const menKm = (await cards(page)).filter((c) => c.km !== null).map((c) => c.km!);
  expect(menKm).toEqual([...menKm].sort((a, b) => a - b));

  // Language narrows further.
  await openFilters(page);
  expect(await page.getByLabel('Männer', { exact: true }).isChecked(), 'the form keeps the chosen filters').toBe(true);
  await page.getByLabel('Sprache der Beratung').selectOption('vi');
  await submit(page);
  const menVietnamese = await total(page);
  expect(menVietnamese).toBeGreaterThan(0);
  expect(menVietnamese).toBeLessThan(forMen);
  for (const c of await cards(page)) expect(listed(c, 'Sprachen'), c.name).toContain('Vietnamesisch');
  expect(new URL(page.url()).searchParams.getAll('lang')).toEqual(['vi']);

  // A combination nothing matches: a way out, and the helplines.
  await page.goto(`${site.base}/de/`);
  await page.getByLabel('Postleitzahl oder Ort').fill('04109');
  await openFilters(page);
  await page.getByLabel('Männer', { exact: true }).check();
  await page.getByLabel('Gebärdensprache').check();
  await submit(page);
  expect(await total(page)).toBe(0);
  const main = page.locator('main');
  expect(await main.textContent()).toContain('Keine Beratungsstelle passt zu allen gewählten Angaben.');
  expect(await main.locator('a[href="tel:116016"]').count()).toBeGreaterThan(0);
  expect(await main.locator('a[href="tel:110"]').count()).toBeGreaterThan(0);
  const relax = main.getByRole('link', { name: /^Ohne „.+“ gibt es \d+ Treffer/ });
  expect(await relax.count()).toBe(1);
  const promised = Number(/gibt es (\d+) Treffer/.exec((await relax.textContent()) ?? '')?.[1]);
  await Promise.all([page.waitForURL(/\/search\?/), relax.click()]);
  expect(await total(page), 'the relaxed search finds what the link promised').toBe(promised);
  expect(promised).toBeGreaterThan(0);
  expect(new URL(page.url()).searchParams.get('q'), 'relaxing keeps the place').toBe('04109');

  // An unknown postcode: say so, offer the state picker, still show the helplines.
  await page.goto(`${site.base}/de/`);
  await page.getByLabel('Postleitzahl oder Ort').fill('00000');
  await submit(page);
  const alert = main.locator('[role=alert]');
  expect(await alert.textContent()).toContain('Wir konnten die Postleitzahl „00000“ nicht finden');
  const picker = page.getByLabel('oder Bundesland');
  expect(await picker.locator('option').count()).toBe(17);
  expect(await main.locator('a[href="tel:116016"]').count()).toBeGreaterThan(0);
  // The picker works from here: clear the place, choose Sachsen.
  await page.getByLabel('Postleitzahl oder Ort').fill('');
  await picker.selectOption('DE-SN');
  await submit(page);
  expect(await page.locator('h1').textContent()).toBe('Beratungsstellen für Sachsen');
  expect(await total(page)).toBeGreaterThan(0);
}

describe('search flow', () => {
  it('works with JavaScript', async () => {
    const { context, foreign } = await newContext(site);
    try {
      await searchFlow(await context.newPage());
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript disabled', async () => {
    const { context, foreign } = await newContext(site, { javaScriptEnabled: false });
    try {
      await searchFlow(await context.newPage());
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('pages through long result lists, keeping the order across pages', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/search?q=04109`);
      const n = await localTotal(page);
      const first = await cards(page);
      if (n <= first.length) return; // the demo directory fits one page: nothing to page through
      await Promise.all([
        page.waitForURL(/page=2/),
        page.getByRole('link', { name: 'Weitere Beratungsstellen anzeigen' }).click(),
      ]);
      const second = await cards(page);
      const km = [...first, ...second].filter((c) => c.km !== null).map((c) => c.km!);
      expect(km).toEqual([...km].sort((a, b) => a - b));
      expect(second.map((c) => c.name)).not.toContain(first[0]!.name);
    } finally {
      await context.close();
    }
  });
});

describe('language switch', () => {
  it('keeps the search when switching from German to English, and sets lang/dir', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      const query = 'q=04109&tg=women&lang=ar';
      await page.goto(`${site.base}/de/search?${query}`);
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      const german = await total(page);
      const english = page.locator('nav.lang a[hreflang="en"]');
      expect(await english.textContent()).toBe('English');
      await page.locator('nav.lang summary').click();
      await Promise.all([page.waitForURL(/\/en\/search\?/), english.click()]);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/en/search');
      expect(url.searchParams.get('q')).toBe('04109');
      expect(url.searchParams.getAll('tg')).toEqual(['women']);
      expect(url.searchParams.getAll('lang')).toEqual(['ar']);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      expect(await page.locator('h1').textContent()).toMatch(/^Counselling centres near 04109/);
      expect(await total(page), 'the same results in the other language').toBe(german);
      expect(await page.inputValue('#q')).toBe('04109');
      expect(await page.getByLabel('Women', { exact: true }).isChecked()).toBe(true);
      expect(await page.locator('nav.lang a[aria-current="true"]').textContent()).toBe('English');
      // And back.
      await page.locator('nav.lang summary').click();
      await Promise.all([page.waitForURL(/\/de\/search\?/), page.locator('nav.lang a[hreflang="de"]').click()]);
      expect(new URL(page.url()).search).toBe(`?${query}`);
      expect(await page.getAttribute('html', 'lang')).toBe('de');
    } finally {
      await context.close();
    }
  });
});

describe('result cards on a small phone', () => {
  it('have a call button of at least 44 × 44 px whose number never wraps, and the remote group first', async () => {
    const { context } = await newContext(site, { viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/search?q=44135`);
      const buttons = page.locator('main .card a.call-button');
      expect(await buttons.count()).toBeGreaterThan(3);
      for (const button of await buttons.all()) {
        const box = (await button.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(44);
        const lines = await button.locator('.number').evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines, 'the number stays on one line').toBe(1);
      }
      const order = await page
        .locator('main h2')
        .evaluateAll((hs) => hs.map((h) => h.id).filter((id) => id.endsWith('-title')));
      expect(order.slice(0, 2)).toEqual(['remote-title', 'local-title']);
    } finally {
      await context.close();
    }
  });
});
