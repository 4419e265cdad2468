/**
 * A professional walks the guide for minors as they would: from the main
 * navigation to the page for professionals, into the guide, ticks what they
 * saw, enters a place, reads the evaluation and opens the checklist to
 * print — without JavaScript and with it. Every page is axe clean at desktop
 * width and at 320 px, sets no cookie and asks no other origin for anything.
 * The evaluation is a POST (it stores nothing, but the public site allows
 * reading only), so this runs on the staff site, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { publishedGuide, type PublishedGuide } from '../../src/features/indicators/queries.ts';
import { formatViolations, runAxe, watchPage, type PageLog } from './support/probes.ts';
import { newContext, type Site } from './support/site.ts';
import { createUser } from '../support/auth.ts';
import { LEIPZIG_CENTRE_ID, startStaffSite } from './support/staff.ts';

let site: Site;
let minors: PublishedGuide;
beforeAll(async () => {
  site = await startStaffSite();
  minors = (await publishedGuide(site.testApp.app.database.db, 'minors'))!;
  // The guide offers a referral only to a centre someone staffs on the platform.
  await createUser(site.testApp.app, { role: 'counsellor', centreId: LEIPZIG_CENTRE_ID });
});
afterAll(async () => {
  await site?.close();
});

/**
 * axe at the current size and at 320 px, and no sideways scrolling there.
 * axe runs as a script in the page, which a page without JavaScript does not
 * run: the walk without it sees the same markup the walk with it checks.
 */
async function accessible(page: Page, what: string, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  const wide = await runAxe(page);
  expect(wide, `axe on ${what}:\n${formatViolations(wide)}`).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const narrow = await runAxe(page);
    expect(narrow, `axe on ${what} at 320 px:\n${formatViolations(narrow)}`).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  } finally {
    await page.setViewportSize(size);
  }
}

function ownOriginOnly(log: PageLog): void {
  expect(log.requests.filter((u) => !u.startsWith(`${site.base}/`))).toEqual([]);
  expect(log.cspViolations).toEqual([]);
}

describe.each([
  ['without JavaScript', false],
  ['with JavaScript', true],
] as const)('the guide for minors, %s', (_label, javaScriptEnabled) => {
  it('leads from the navigation to an evaluation with the competent centres and a checklist', async () => {
    const guarded = await newContext(site, { javaScriptEnabled });
    const { context } = guarded;
    try {
      const page = await context.newPage();
      const log = await watchPage(page);
      await page.goto(`${site.base}/de/`);
      await Promise.all([
        page.waitForURL(/\/de\/professionals$/),
        page.locator('nav.main-nav').getByRole('link', { name: 'Für Fachkräfte' }).click(),
      ]);
      await accessible(page, 'the page for professionals', javaScriptEnabled);
      await Promise.all([
        page.waitForURL(/\/guide\/minors$/),
        page.locator('main').getByRole('link', { name: 'Leitfaden für Minderjährige' }).click(),
      ]);
      await accessible(page, 'the guide for minors', javaScriptEnabled);

      const [first, second] = minors.content.groups;
      const ticked = [first!.indicators[0]!, second!.indicators[0]!];
      for (const i of ticked) await page.getByLabel(i.text.de, { exact: true }).check();
      await page.getByLabel('Postleitzahl oder Ort').fill('04109');
      await Promise.all([page.waitForURL(/\/guide\/minors$/), page.getByRole('button', { name: 'Auswerten' }).click()]);

      const main = page.locator('main');
      await expect.poll(() => main.locator('h1').textContent()).toBe('Auswertung: Leitfaden für Minderjährige');
      const observed = await main.locator('section[aria-labelledby="observed-title"]').innerText();
      for (const i of ticked) expect(observed).toContain(i.text.de);
      expect(observed).not.toContain(first!.indicators[1]!.text.de);
      expect(await main.locator('a[href="tel:110"]').count()).toBe(1);
      expect(await main.innerText()).toContain('Jugendamt');
      const centres = main.locator('.guide-centres > li');
      expect(await centres.count()).toBeGreaterThan(0);
      expect(await centres.first().getByRole('button', { name: 'An diese Stelle vermitteln' }).count()).toBe(1);
      // The page the browser shows has its address without anything ticked in it.
      for (const i of ticked) expect(page.url()).not.toContain(i.key);
      await accessible(page, 'the evaluation', javaScriptEnabled);

      await Promise.all([
        page.waitForURL(/\/guide\/minors$/),
        page.getByRole('button', { name: 'Checkliste zum Drucken' }).click(),
      ]);
      await expect.poll(() => main.locator('.is-ticked').count()).toBe(2);
      const all = minors.content.groups.flatMap((g) => g.indicators).length;
      expect(await main.locator('.is-unticked').count()).toBe(all - 2);
      expect(await main.innerText()).not.toContain('04109');
      await accessible(page, 'the checklist', javaScriptEnabled);
      // On paper: no navigation, no quick exit, only the checklist.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.exit-bar').isVisible()).toBe(false);
      expect(await page.locator('nav.main-nav').isVisible()).toBe(false);
      expect(await page.locator('.checklist').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      expect(await context.cookies()).toEqual([]);
      expect(guarded.foreign).toEqual([]);
      ownOriginOnly(log);
      if (!javaScriptEnabled) expect(log.requests.some((u) => u.endsWith('.js'))).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe('the page for professionals on paper', () => {
  it('prints without navigation or quick exit, with the address of each external link', async () => {
    const { context } = await newContext(site, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/professionals`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.exit-bar').isVisible()).toBe(false);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      const after = await page
        .locator('main a[href^="https://www.gesetze-im-internet.de/sgb_8/__8a.html"]')
        .evaluate((a) => getComputedStyle(a, '::after').content);
      expect(after).toContain('https://www.gesetze-im-internet.de/sgb_8/__8a.html');
    } finally {
      await context.close();
    }
  });
});
