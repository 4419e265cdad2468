/**
 * The publications library in Chromium: the coordination office creates a
 * publication with a PDF and publishes it; the public search then finds it
 * by a word that is only inside the PDF. A text file renamed to .pdf is
 * refused with its message on the page. The office edits a publication's
 * title and schedules it for tomorrow: the public does not find it; after
 * "publish now" the search finds the new title and not the old one. Every
 * page has zero axe violations
 * (WCAG 2.1 AA) at desktop width and at 320 CSS px; the public pages set no
 * cookie and ask no other origin.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../src/features/publications/make-pdf.ts';
import { newContext, type Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite } from './support/staff.ts';

let site: Site;
let officeContext: BrowserContext;
let office: Page;
let publicContext: BrowserContext;
let foreign: string[];

beforeAll(async () => {
  site = await startStaffSite();
  const signedIn = await signedInStaff(site, { role: 'coordination' });
  officeContext = signedIn.context;
  office = signedIn.page;
  const c = await newContext(site);
  publicContext = c.context;
  foreign = c.foreign;
}, 240_000);

afterAll(async () => {
  await officeContext?.close().catch(() => undefined);
  await publicContext?.close().catch(() => undefined);
  await site?.close();
});

async function fillEdition(page: Page, title: string) {
  await page.selectOption('#f-type', 'report');
  await page.selectOption('#f-language', 'de');
  await page.fill('#f-title', title);
  await page.fill('#f-summary', 'Ein Bericht für den Browsertest.');
  await page.fill('#f-authors', 'Netzwerkbüro');
  await page.fill('#f-issued', '2026-11-30');
  await page.selectOption('#f-visibility', 'public');
}

describe('the office publishes a PDF, the public finds it by a word inside', () => {
  it('the library page is accessible', async () => {
    const res = await office.goto(`${site.base}/de/staff/publications`);
    expect(res?.status()).toBe(200);
    // The demo library is there.
    expect(await office.locator('table').textContent()).toContain('Policy Paper');
    await expectAccessible(office);
  });

  it('refuses a text file renamed to .pdf, with its message', async () => {
    await office.goto(`${site.base}/de/staff/publications`);
    await fillEdition(office, 'Kein PDF');
    await office.setInputFiles('#f-file', {
      name: 'bericht.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Nur Text, keine PDF-Datei.\n'),
    });
    const [res] = await Promise.all([
      office.waitForResponse((r) => r.request().method() === 'POST'),
      office.click('button:has-text("Anlegen")'),
    ]);
    expect(res.status()).toBe(415);
    await office.waitForLoadState();
    expect(await office.textContent('body')).toContain('Diese Datei ist keine PDF-Datei.');
    await expectAccessible(office, 'the refused upload');
  });

  it('refuses a file over 20 MB, with its message', async () => {
    await office.goto(`${site.base}/de/staff/publications`);
    await fillEdition(office, 'Zu groß');
    await office.setInputFiles('#f-file', {
      name: 'gross.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 'a')]),
    });
    const [res] = await Promise.all([
      office.waitForResponse((r) => r.request().method() === 'POST'),
      office.click('button:has-text("Anlegen")'),
    ]);
    expect(res.status()).toBe(413);
    await office.waitForLoadState();
    expect(await office.textContent('body')).toContain('Die Datei ist größer als 20 MB.');
    await expectAccessible(office, 'the refused large upload');
  });

  it('uploads, publishes, and the public search finds a word from inside the PDF', async () => {
    await office.goto(`${site.base}/de/staff/publications`);
    await fillEdition(office, 'Browsertest Lagebild');
    await office.setInputFiles('#f-file', {
      name: 'lagebild.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Lagebild', ['Die Zeugenbegleitung im Strafverfahren braucht Dolmetscherinnen.']),
    });
    await Promise.all([
      office.waitForURL(/\/de\/staff\/publications\/[0-9a-f-]{36}\?done=created/),
      office.click('button:has-text("Anlegen")'),
    ]);
    expect(await office.textContent('main, body')).toContain('Der Text der PDF wurde gelesen');
    await expectAccessible(office, 'the new work');
    await Promise.all([office.waitForURL(/done=published/), office.click('button:has-text("Veröffentlichen")')]);

    const page = await publicContext.newPage();
    const res = await page.goto(`${site.base}/de/publications?q=Zeugenbegleitung`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('.publication-hits').textContent()).toContain('Browsertest Lagebild');
    expect(await page.locator('.publication-hits mark').first().textContent()).toBe('Zeugenbegleitung');
    await expectAccessible(page, 'the search results');
    await Promise.all([
      page.waitForURL(/\/de\/publications\/browsertest-lagebild-/),
      page.click('text=Browsertest Lagebild'),
    ]);
    await expectAccessible(page, 'the work page');
    expect(await page.locator('meta[name="DC.title"]').getAttribute('content')).toBe('Browsertest Lagebild');
  });

  it('edits the title and schedules it; the public finds it by the new title once published', async () => {
    await office.goto(`${site.base}/de/staff/publications`);
    await fillEdition(office, 'Browsertest Rohfassung');
    await office.setInputFiles('#f-file', {
      name: 'jahresbericht.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Jahresbericht', ['Die Fachberatung dokumentiert Arbeitsausbeutung in Schlachthöfen.']),
    });
    await Promise.all([
      office.waitForURL(/\/de\/staff\/publications\/[0-9a-f-]{36}\?done=created/),
      office.click('button:has-text("Anlegen")'),
    ]);
    const workPage = office.url().replace(/\?.*$/, '');

    await Promise.all([office.waitForURL(/\/edit$/), office.click('text=Angaben bearbeiten (Deutsch)')]);
    expect(await office.inputValue('#f-title')).toBe('Browsertest Rohfassung');
    await expectAccessible(office, 'the edit form');
    await office.fill('#f-title', 'Browsertest Jahresbericht Schlachthöfe');
    await Promise.all([office.waitForURL(/done=edited/), office.click('button:has-text("Änderungen speichern")')]);
    expect(await office.textContent('h1')).toBe('Browsertest Jahresbericht Schlachthöfe');

    // Tomorrow at 10:00, Berlin time, as the office types it.
    const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(
      new Date(Date.now() + 24 * 3600_000),
    );
    await office.fill('#f-publish_at', `${tomorrow}T10:00`);
    await Promise.all([office.waitForURL(/done=scheduled/), office.click('button:has-text("Planen")')]);
    expect(await office.textContent('main')).toContain(`Geplant: öffentlich ab ${tomorrow} 10:00`);
    await expectAccessible(office, 'the scheduled work');

    const page = await publicContext.newPage();
    await page.goto(`${site.base}/de/publications?q=Schlachthöfe`);
    expect(await page.textContent('main')).not.toContain('Browsertest Jahresbericht');

    await office.goto(workPage);
    await Promise.all([office.waitForURL(/done=published/), office.click('button:has-text("Jetzt veröffentlichen")')]);
    await page.goto(`${site.base}/de/publications?q=Schlachthöfe`);
    expect(await page.locator('.publication-hits').textContent()).toContain('Browsertest Jahresbericht Schlachthöfe');
    await page.goto(`${site.base}/de/publications?q=Rohfassung`);
    expect(await page.textContent('main')).not.toContain('Browsertest');
    await expectAccessible(page, 'the search after the edit');
  });

  it('the demo publications and the English pages are accessible; no cookie, no other origin', async () => {
    const page = await publicContext.newPage();
    for (const path of [
      '/de/publications',
      '/en/publications?q=shelters',
      '/de/publications?q=Menschenhandel',
      '/de/publications/dossier-gefluechtete-frauen-und-minderjaehrige',
      '/en/publications/policy-paper-beratungspraxis-und-rechtspolitik',
    ]) {
      const res = await page.goto(`${site.base}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page, path);
    }
    expect(await publicContext.cookies()).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
