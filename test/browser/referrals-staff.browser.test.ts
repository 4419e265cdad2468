/**
 * The receiving centre's referral pages in Chromium, as a counsellor meets
 * them: the start page says a referral waits, the inbox lists it without
 * content, opening it (the sign-in just now counts as re-authentication)
 * shows the content, and accepting it works without JavaScript. Each page
 * with zero axe violations at desktop width and at 320 CSS px, where it
 * must reflow (WCAG 1.4.10).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReferral, type SentReferral } from '../../src/features/referrals/test-fixtures.ts';
import { createCentre, createUser } from '../support/auth.ts';
import type { Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite, submitAndWait } from './support/staff.ts';

let site: Site;
let context: BrowserContext;
let page: Page;
let referral: SentReferral;

beforeAll(async () => {
  site = await startStaffSite();
  const app = site.testApp.app;
  const centre = await createCentre(app, 'Beratung im Browser');
  // A second centre with staff, so the forwarding form offers a choice.
  const other = await createCentre(app, 'Andere Beratung');
  await createUser(app, { role: 'counsellor', centreId: other });
  await sendReferral(app, centre, { urgency: 'no_rush' });
  referral = await sendReferral(app, centre, { urgency: 'immediate' });
  ({ context, page } = await signedInStaff(site, { role: 'counsellor', centreId: centre }));
}, 120_000);
afterAll(async () => {
  await context?.close();
  await site?.close();
});

describe('a counsellor’s referrals in the browser', () => {
  it('the start page says how many wait and leads to the inbox', async () => {
    await page.goto(`${site.base}/de/staff`);
    const link = page.getByRole('link', { name: '2 Vermittlungen warten auf Annahme.' });
    await expect(link.count()).resolves.toBe(1);
    await expectAccessible(page, '/de/staff');
    await link.click();
    expect(new URL(page.url()).pathname).toBe('/de/staff/referrals');
  });

  it('the inbox lists the referrals, the urgent one first, without content', async () => {
    const body = await page.content();
    expect(body).not.toContain(referral.payload.message);
    const first = await page.locator('tbody tr').first().locator('a').getAttribute('href');
    expect(first).toBe(`/de/staff/referrals/${referral.id}`);
    await expectAccessible(page, '/de/staff/referrals');
  });

  it('opening shows the content and the decisions; accepting works without JavaScript', async () => {
    await page.goto(`${site.base}/de/staff/referrals/${referral.id}`);
    await expect(page.locator('main').innerText()).resolves.toContain(referral.payload.message);
    await expectAccessible(page, '/de/staff/referrals/:id');
    const status = await submitAndWait(page, () => page.getByRole('button', { name: 'Annehmen' }).click());
    expect(status).toBe(200);
    expect(new URL(page.url()).search).toBe('?done=accepted');
    await expect(page.getByRole('status').innerText()).resolves.toContain('angenommen');
    await expectAccessible(page, '/de/staff/referrals/:id?done=accepted');
  });
});
