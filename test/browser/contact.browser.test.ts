/**
 * The contact form in Chromium with JavaScript switched off: a visitor
 * writes to the coordination office about a project, gets the receipt
 * page; the office finds the message in its inbox, reads it and marks it
 * handled. The form page, the receipt and the inbox have zero axe
 * violations at desktop width and at 320 CSS px; the public pages set no
 * cookie and ask no other origin.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, type Site } from './support/site.ts';
import { expectAccessible, laterClock, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

const clock = laterClock();
let site: Site;
let officeContext: BrowserContext;
let office: Page;
let publicContext: BrowserContext;
let foreign: string[];
let noScriptContext: BrowserContext;
let noScriptForeign: string[];

beforeAll(async () => {
  site = await startStaffSite({ clock });
  ({ context: officeContext, page: office } = await signedInStaff(site, { role: 'coordination' }));
  ({ context: publicContext, foreign } = await newContext(site));
  // axe runs as a script in the page, so the accessibility checks use a context with JavaScript.
  ({ context: noScriptContext, foreign: noScriptForeign } = await newContext(site, { javaScriptEnabled: false }));
}, 120_000);
afterAll(async () => {
  await officeContext?.close();
  await publicContext?.close();
  await noScriptContext?.close();
  await site?.close();
});

describe('the contact form', () => {
  it('sends a message without JavaScript and shows the receipt', async () => {
    const checked = await publicContext.newPage();
    try {
      for (const path of ['/de/contact', '/en/contact', '/ar/contact', '/de/contact/sent']) {
        expect((await checked.goto(`${site.base}${path}`))?.status(), path).toBe(200);
        await expectAccessible(checked, path);
      }
    } finally {
      await checked.close();
    }
    const page = await noScriptContext.newPage();
    try {
      expect((await page.goto(`${site.base}/de/contact`))?.status()).toBe(200);
      await page.getByLabel('Ihr Name (freiwillig)').fill('Mira');
      await page.getByLabel('Wie können wir Ihnen antworten? (freiwillig)').fill('mira@example.org');
      await page.getByLabel('Betreff').fill('Frage aus dem Browser');
      await page.getByLabel('Ihre Nachricht').fill('Gibt es Fortbildungen im Herbst?');
      // A person needs more than a few seconds for this; the server's clock says so.
      clock.advance(30_000);
      await submitAndWait(page, () => page.getByRole('button', { name: 'Nachricht senden' }).click());
      expect(new URL(page.url()).pathname).toBe('/de/contact/sent');
      expect(new URL(page.url()).search).toBe('');
      await expect(page.locator('h1').textContent()).resolves.toBe('Vielen Dank für Ihre Nachricht');
    } finally {
      await page.close();
    }
    for (const context of [publicContext, noScriptContext]) expect(await context.cookies()).toEqual([]);
    expect([...foreign, ...noScriptForeign]).toEqual([]);
  });

  it('reaches the office’s inbox, where it is read and marked handled', async () => {
    await office.goto(`${site.base}/de/staff/contact`);
    await expectAccessible(office, '/de/staff/contact');
    const link = office.getByRole('link', { name: 'Frage aus dem Browser' });
    await submitAndWait(office, () => link.click());
    await expect(office.locator('main').textContent()).resolves.toContain('Gibt es Fortbildungen im Herbst?');
    const messageUrl = office.url();
    await expectAccessible(office, '/de/staff/contact/:id');
    await submitAndWait(office, () => office.getByRole('button', { name: 'Als bearbeitet markieren' }).click());
    await expect(office.getByRole('status').textContent()).resolves.toContain('als bearbeitet markiert');
    await office.goto(messageUrl);
    await expect(office.locator('main').textContent()).resolves.toContain('Bearbeitet am');
    await expect(office.getByRole('button', { name: 'Als bearbeitet markieren' }).count()).resolves.toBe(0);
  });
});
