/**
 * A reader reports an error in an entry, as a person would: without
 * JavaScript, without a cookie, from the centre page to the thanks page;
 * the report then waits in the coordination office's list. Writes, so it
 * runs on the staff site (both databases).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../src/platform/db/tenant.ts';
import { newContext, type Site } from './support/site.ts';
import { LEIPZIG_SERVICE_ID, startStaffSite } from './support/staff.ts';

let site: Site;
beforeAll(async () => {
  site = await startStaffSite();
});
afterAll(async () => {
  await site?.close();
});

describe('reporting an error in an entry', () => {
  it('takes an error report without JavaScript and without a cookie', async () => {
    const { context } = await newContext(site, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/centres/${LEIPZIG_SERVICE_ID}`);
      await Promise.all([
        page.waitForURL(/\/report$/),
        page.getByRole('link', { name: 'Fehler in diesem Eintrag melden' }).click(),
      ]);
      // The honeypot is there for robots only.
      expect(await page.locator('input[name="website"]').isVisible()).toBe(false);
      await page.getByLabel('Öffnungszeiten').check();
      await page.getByLabel('Was sollen wir wissen? (freiwillig)').fill('Dienstags ist geschlossen.');
      // A person takes a moment; the form refuses what is sent within 3 seconds.
      await page.waitForTimeout(3200);
      await Promise.all([
        page.waitForURL(/report\?sent=1$/),
        page.getByRole('button', { name: 'Meldung senden' }).click(),
      ]);
      expect(await page.locator('h1').textContent()).toBe('Danke für Ihre Meldung');
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
    const stored = await withScope(site.testApp.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('entry_report').select(['kind', 'message']).where('service_id', '=', LEIPZIG_SERVICE_ID).execute(),
    );
    expect(stored).toContainEqual({ kind: 'hours', message: 'Dienstags ist geschlossen.' });
  });
});
