/**
 * The staff statistics pages in Chromium: the coordination office's
 * internal tables with the publish form and the publications, and a
 * centre's own figures — zero axe violations (WCAG 2.1 AA) at desktop width
 * and at 320 CSS px, where only table regions may scroll sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUserOptions } from '../support/auth.ts';
import { demoCentreIds, publishAs, publishedTestYear } from '../../src/features/statistics/test-fixtures.ts';
import type { Site } from './support/site.ts';
import { expectAccessible, signedInStaff, startStaffSite } from './support/staff.ts';

let site: Site;
const contexts: BrowserContext[] = [];

async function signedIn(account: CreateUserOptions): Promise<Page> {
  const { context, page } = await signedInStaff(site, account);
  contexts.push(context);
  return page;
}

/** Open a staff page by its address and check it (expectAccessible). */
async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(`${site.base}${path}`);
  expect(res?.status(), path).toBe(200);
  await expectAccessible(page, path);
}

let office: Page;
let lead: Page;
beforeAll(async () => {
  site = await startStaffSite();
  const app = site.testApp.app;
  await publishedTestYear(app, 2018);
  await publishAs(app, 2018, 'internal');
  const [centre] = demoCentreIds(1, 1);
  office = await signedIn({ role: 'coordination' });
  lead = await signedIn({ role: 'centre_lead', centreId: centre! });
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('staff statistics pages', () => {
  it('the internal tables, publications and publish form', async () => {
    await visit(office, '/de/staff/statistics?year=2018');
    expect(await office.locator('table.stat-table').count()).toBeGreaterThan(10);
    expect(await office.locator('form[action="/de/staff/statistics/publish"]').count()).toBe(1);
  });

  it('in English', async () => {
    await visit(office, '/en/staff/statistics?year=2018');
  });

  it('a centre’s own figures', async () => {
    await visit(lead, '/de/staff/statistics/centre?year=2018&released=yes');
    expect(await lead.locator('table.stat-table').count()).toBeGreaterThan(10);
  });
});
