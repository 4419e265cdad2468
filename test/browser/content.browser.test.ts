/**
 * The office's news and pages in Chromium, without any script of the pages'
 * own: the coordination office writes a post, previews it, schedules it and
 * publishes it; the public list, the post and the feed show it; the legal
 * pages exist and the legal notice is linked from the footer. Every page
 * with zero axe violations at desktop width and at 320 CSS px; the public
 * pages set no cookie and ask no other origin.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBerlinLocal } from '../../src/features/site-content/schedule.ts';
import { newContext, type Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

let site: Site;
let officeContext: BrowserContext;
let office: Page;
let publicContext: BrowserContext;
let foreign: string[];
const slug = 'browser-fachtag';

beforeAll(async () => {
  site = await startStaffSite();
  ({ context: officeContext, page: office } = await signedInStaff(site, { role: 'coordination' }));
  ({ context: publicContext, foreign } = await newContext(site));
}, 120_000);
afterAll(async () => {
  await officeContext?.close();
  await publicContext?.close();
  await site?.close();
});

describe('the coordination office writes a news post', () => {
  it('previews, schedules and publishes it', async () => {
    await office.goto(`${site.base}/de/staff/news/new`);
    await expect(office.locator('script').count()).resolves.toBe(1);
    await expectAccessible(office, '/de/staff/news/new');
    await office.getByLabel('Adresse (Kurzname)').fill(slug);
    await office.getByLabel('Kategorie').selectOption('veranstaltungen');
    await office.getByLabel('Titel').fill('Fachtag im Browser');
    await office.getByLabel('Kurzfassung').fill('Ein Beitrag aus dem Browsertest.');
    await office.getByLabel('Text (Markdown)').fill('## Programm\n\nVorträge und **Workshops**.');
    await submitAndWait(office, () => office.getByRole('button', { name: 'Vorschau' }).click());
    await expect(office.locator('.preview h2').last().textContent()).resolves.toBe('Programm');
    await expectAccessible(office, '/de/staff/news/new (preview)');

    const tomorrow = toBerlinLocal(new Date(Date.now() + 86_400_000));
    await office.getByLabel('Öffentlich ab (Berliner Zeit)').fill(tomorrow);
    await submitAndWait(office, () => office.getByRole('button', { name: 'Planen' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Veröffentlichung geplant.');
    await expect(office.locator('main').textContent()).resolves.toContain('Geplant');
    await expectAccessible(office, '/de/staff/news/:id (scheduled)');

    const page = await publicContext.newPage();
    try {
      expect((await page.goto(`${site.base}/de/news/${slug}`))?.status()).toBe(404);
    } finally {
      await page.close();
    }

    await submitAndWait(office, () => office.getByRole('button', { name: 'Veröffentlichen' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('Veröffentlicht.');
    await office.goto(`${site.base}/de/staff/news`);
    await expectAccessible(office, '/de/staff/news');
  });
});

describe('the public', () => {
  it('finds the post in the list, on its page and in the feed', async () => {
    const page = await publicContext.newPage();
    try {
      await page.goto(`${site.base}/de/news`);
      await expectAccessible(page, '/de/news');
      const link = page.getByRole('link', { name: 'Fachtag im Browser' });
      await Promise.all([page.waitForURL(`${site.base}/de/news/${slug}`), link.click()]);
      await expect(page.locator('h1').textContent()).resolves.toBe('Fachtag im Browser');
      await expect(page.locator('.content-body strong').textContent()).resolves.toBe('Workshops');
      await expectAccessible(page, `/de/news/${slug}`);
      await page.goto(`${site.base}/en/news`);
      await expectAccessible(page, '/en/news');

      const feed = await page.request.get(`${site.base}/de/news/feed.atom`);
      const parsed = parseFeed(await feed.text());
      const entry = parsed.items.find((i) => i.id === `${site.base}/de/news/${slug}`);
      expect(entry?.title).toBe('Fachtag im Browser');
    } finally {
      await page.close();
    }
  });

  it('reaches the legal notice from the footer, and every office page exists', async () => {
    const page = await publicContext.newPage();
    try {
      await page.goto(`${site.base}/de/`);
      const link = page.locator('footer.site-footer a[href="/de/imprint"]');
      await expect(link.textContent()).resolves.toBe('Impressum');
      await Promise.all([page.waitForURL(`${site.base}/de/imprint`), link.click()]);
      await expect(page.locator('h1').textContent()).resolves.toBe('Impressum');
      for (const path of ['/de/imprint', '/de/network', '/de/contact', '/de/support', '/de/funders', '/en/imprint']) {
        expect((await page.goto(`${site.base}${path}`))?.status(), path).toBe(200);
        await expectAccessible(page, path);
      }
    } finally {
      await page.close();
    }
    expect(await publicContext.cookies()).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
