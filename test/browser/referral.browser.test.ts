/**
 * A professional refers a person, as she would: without JavaScript, without
 * a cookie, from the form (first sent incomplete: errors next to the fields)
 * to the receipt code, then looks up the status with it. axe-core finds no
 * WCAG 2.1 AA violation on any of these states, and none scrolls sideways at
 * 320 CSS px. Writes, so it runs on the staff site.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../support/auth.ts';
import { formatViolations, runAxe } from './support/probes.ts';
import { newContext, type Site } from './support/site.ts';
import { LEIPZIG_CENTRE_ID, reflowProblems, startStaffSite } from './support/staff.ts';

let site: Site;
beforeAll(async () => {
  site = await startStaffSite();
  // A centre takes referrals once it has an active member.
  await createUser(site.testApp.app, { role: 'counsellor', centreId: LEIPZIG_CENTRE_ID });
});
afterAll(async () => {
  await site?.close();
});

/** Fill in the form like a person and send it, after the moment a person takes. */
async function fillAndSend(page: Page): Promise<void> {
  await page.getByLabel('Ihr Name').fill('Erika Muster');
  await page.getByLabel('Ihre Organisation oder Dienststelle').fill('Jugendamt Leipzig');
  await page.getByLabel('Art der Organisation').selectOption('jugendamt');
  await page.getByLabel('E-Mail').fill('erika@example.org');
  await page.getByLabel('Kein Einverständnis').check();
  await page.getByLabel('die Person minderjährig ist').check();
  await page.getByLabel('Tigrinya').check();
  await page.getByLabel('In den nächsten Tagen').check();
  await page
    .getByRole('group', { name: /weitergeben/ })
    .getByLabel('Ja')
    .check();
  // The form refuses what is sent within 5 seconds of being handed out.
  await page.waitForTimeout(5200);
  await page.getByRole('button', { name: 'Anfrage sicher senden' }).click();
  await page.waitForSelector('.receipt-code');
}

describe('referring a person to a centre', () => {
  it('works without JavaScript and without a cookie', async () => {
    const { context } = await newContext(site, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${site.base}/de/referral/new?centre=${LEIPZIG_CENTRE_ID}`);
      expect(await page.locator('input[name="website"]').isVisible()).toBe(false);
      await fillAndSend(page);
      expect(await page.locator('h1').textContent()).toBe('Ihre Anfrage ist angekommen');
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is accessible in every state, from the form with errors to the status, and asks no other origin', async () => {
    const { context } = await newContext(site);
    const otherOrigins: string[] = [];
    context.on('request', (r) => {
      if (!r.url().startsWith(site.base)) otherOrigins.push(r.url());
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const accessible = async (state: string) => {
        expect(formatViolations(await runAxe(page)), state).toBe(formatViolations([]));
        expect(await reflowProblems(page), state).toEqual([]);
      };
      await page.goto(`${site.base}/de/referral/new?centre=${LEIPZIG_CENTRE_ID}`);
      await accessible('the empty form');

      // Sent without the essentials: the form comes back with each problem next to its field.
      await page.getByRole('button', { name: 'Anfrage sicher senden' }).click();
      await page.waitForSelector('.error-summary');
      expect(await page.locator('#f-name-error').textContent()).toContain('Bitte ausfüllen.');
      expect(await page.locator('#f-contact-error').textContent()).toContain('Telefonnummer oder eine E-Mail-Adresse');
      await accessible('the form with errors');

      await fillAndSend(page);
      const code = (await page.locator('.receipt-code').textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      expect(page.url()).not.toContain(code);
      await accessible('the receipt');

      await page.getByRole('link', { name: 'Stand einer Anfrage abfragen' }).click();
      await page.getByLabel('Eingangscode').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Stand abfragen' }).click();
      await page.waitForSelector('.referral-status');
      expect(await page.locator('.referral-status dd').first().textContent()).toBe('Eingegangen');
      expect(page.url()).not.toContain(code);
      await accessible('the status');
      expect(await context.cookies()).toEqual([]);
      expect(otherOrigins).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
