/**
 * Recognise and refer, end to end in Chromium, the way the people involved
 * would go through it:
 *
 * - a professional, in a browser that has never been here, finds the page
 *   for professionals in the navigation, works through the guide for
 *   minors, reads the result (indicators are hints, call 110 in danger,
 *   the Jugendamt with a centre), refers the young person to the Leipzig
 *   demo centre and notes the receipt code. Every public page on the way
 *   sets no cookie, loads nothing from elsewhere and passes axe-core, also
 *   at 320 CSS px;
 * - the Leipzig centre's lead signs in (password and authenticator app),
 *   sees on the start page that a referral waits, must prove who she is
 *   once more before the content is decrypted, accepts it and forwards it
 *   to the Magdeburg centre;
 * - the professional follows the status with the code: received, accepted,
 *   forwarded, and never the content;
 * - a Magdeburg counsellor opens and closes it; 31 days later the
 *   retention jobs have deleted every trace, and the code finds nothing.
 *
 * The steps share state and run in order; each names what a person does.
 * The server's clock runs with the wall clock but can jump ahead
 * (laterClock), for the re-authentication that goes stale; the jobs run on
 * their own fake clock, as the server's runner would a month later.
 */
import { sql } from 'kysely';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCentreId } from '../../src/features/demo/network.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { createUser, fakeClock, type TestUser } from '../support/auth.ts';
import { watchPage, type PageLog } from './support/probes.ts';
import { newContext, type Site } from './support/site.ts';
import { jobRunnerFor } from '../support/app.ts';
import {
  Authenticator,
  describePage,
  expectAccessible,
  laterClock,
  LEIPZIG_CENTRE_ID,
  LEIPZIG_SERVICE_ID,
  signInInBrowser,
  startStaffSite,
  submitAndWait,
} from './support/staff.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const LEIPZIG_NAME = 'Beispiel-Fachberatungsstelle Leipzig';
const MAGDEBURG_CENTRE_ID = demoCentreId('magdeburg');
const MAGDEBURG_NAME = 'Beispiel-Fachberatungsstelle Magdeburg';

const PROFESSIONAL = {
  name: 'Jonas Beispielmann',
  organisation: 'Jugendamt Beispielstadt, Allgemeiner Sozialer Dienst',
  phone: '0341 5550123',
  email: 'asd.beispiel@example.org',
  message: 'Bitte rufen Sie mich vormittags an; die Jugendliche ist in einer Inobhutnahme-Gruppe.',
};
/** Indicators of the minors' guide the professional ticks (their German texts in the published set). */
const TICKED = [
  'Kein Zugang zu Eltern oder Sorgeberechtigten; ein fremder Erwachsener besteht auf Anwesenheit',
  'Eingeübte oder gleichlautende Geschichten',
];

const clock = laterClock();
let site: Site;
let lead: TestUser;
let leadAuth: Authenticator;
let counsellor: TestUser;
let counsellorAuth: Authenticator;
const contexts: BrowserContext[] = [];
/** The professional's browser: one context for the whole walk, as one person's browser. */
let pro: Page;
let proForeign: string[] = [];
let leadPage: Page;
let counsellorPage: Page;
let receipt = '';
let referralId = '';
const publicLogs: PageLog[] = [];
const staffLogs: PageLog[] = [];
const staffForeign: string[][] = [];

async function staffPage(): Promise<Page> {
  const guarded = await newContext(site);
  contexts.push(guarded.context);
  staffForeign.push(guarded.foreign);
  const page = await guarded.context.newPage();
  staffLogs.push(await watchPage(page));
  return page;
}

/** What a public page must be for a person at risk or a careful professional: no cookie, nothing from elsewhere, accessible. */
async function expectPublicPage(page: Page, res: Response | null, path: string): Promise<void> {
  expect(new URL(page.url()).pathname, await describePage(page, res?.status())).toBe(path);
  expect(res?.status(), await describePage(page, res?.status())).toBe(200);
  const headers = (await res?.allHeaders()) ?? {};
  expect(headers['set-cookie'], `Set-Cookie on ${path}`).toBeUndefined();
  expect(await page.context().cookies(), `cookies after ${path}`).toEqual([]);
  expect(
    await page.evaluate(() => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    })),
  ).toEqual({ cookie: '', local: 0, session: 0 });
  await expectAccessible(page);
}

/** Click something that loads a new page; returns the answer to that navigation. */
async function follow(page: Page, click: () => Promise<void>): Promise<Response | null> {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()]);
  return res;
}

/** The status the status page shows (the definition beside "Aktueller Stand"). */
async function currentStatus(page: Page): Promise<string> {
  return ((await page.locator('dl.referral-status dt:text-is("Aktueller Stand") + dd').textContent()) ?? '').trim();
}

/** The status page's answer for the receipt code, typed as the professional would (with spaces). */
async function statusFor(page: Page, code: string): Promise<Response | null> {
  await page.goto(`${site.base}/de/referral/status`);
  await page.getByLabel('Eingangscode').fill(code);
  return follow(page, () => page.getByRole('button', { name: 'Stand abfragen' }).click());
}

/**
 * Every row anywhere that is about the referral: the referral itself and the
 * rows of every table with a `referral_id` column (found in the catalogue,
 * so a table added later is counted too), read directly as the database
 * owner; and the audit log's events about it.
 */
async function traces(id: string): Promise<{ rows: Record<string, number>; audit: string[]; auditText: string }> {
  const db = site.testApp.app.database.db;
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'referral_id' ORDER BY table_name`.execute(db);
  const rows: Record<string, number> = {};
  const count = async (table: string, column: string) => {
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}`.execute(db);
    rows[table] = r.rows[0]?.n ?? -1;
  };
  await count('referral', 'id');
  for (const t of tables.rows) await count(t.table_name, 'referral_id');
  const audit = await withScope(db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['event', 'details'])
      .where('object_id', '=', id)
      .orderBy('at')
      .orderBy('seq')
      .execute(),
  );
  return { rows, audit: audit.map((a) => a.event), auditText: JSON.stringify(audit) };
}

beforeAll(async () => {
  site = await startStaffSite({ clock });
  const app = site.testApp.app;
  // The centres take referrals once someone there can open them: an enrolled lead, an enrolled counsellor.
  lead = await createUser(app, {
    role: 'centre_lead',
    centreId: LEIPZIG_CENTRE_ID,
    email: 'leitung.referral@example.org',
    displayName: 'Mira Beispiel',
  });
  counsellor = await createUser(app, {
    role: 'counsellor',
    centreId: MAGDEBURG_CENTRE_ID,
    email: 'beratung.magdeburg@example.org',
    displayName: 'Sara Muster',
  });
  leadAuth = new Authenticator(lead.totpSecret!, clock.now);
  counsellorAuth = new Authenticator(counsellor.totpSecret!, clock.now);
  const guarded = await newContext(site);
  contexts.push(guarded.context);
  proForeign = guarded.foreign;
  pro = await guarded.context.newPage();
  publicLogs.push(await watchPage(pro));
  [leadPage, counsellorPage] = await Promise.all([staffPage(), staffPage()]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('a professional recognises signs and refers', () => {
  it('finds the page for professionals in the navigation and opens the guide for minors', async () => {
    expect(await pro.context().cookies()).toEqual([]);
    const home = await pro.goto(`${site.base}/de`);
    expect(home?.status()).toBe(200);
    const overview = await follow(pro, () =>
      pro.getByRole('navigation').getByRole('link', { name: 'Für Fachkräfte' }).first().click(),
    );
    await expectPublicPage(pro, overview, '/de/professionals');
    const guide = await follow(pro, () =>
      pro.getByRole('link', { name: 'Leitfaden für Minderjährige' }).first().click(),
    );
    await expectPublicPage(pro, guide, '/de/professionals/guide/minors');
    expect(await pro.locator('h1').textContent()).toBe('Menschenhandel erkennen: Leitfaden für Minderjährige');
  });

  it('ticks what was observed, names the place and the form of exploitation, and reads the result', async () => {
    for (const text of TICKED) await pro.getByLabel(text, { exact: true }).check();
    await pro.getByLabel('Postleitzahl oder Ort').fill('Leipzig');
    await pro.getByLabel('Form der Ausbeutung').selectOption({ label: 'Sexuelle Ausbeutung' });
    const res = await follow(pro, () => pro.getByRole('button', { name: 'Auswerten' }).click());
    await expectPublicPage(pro, res, '/de/professionals/guide/minors');
    expect((await res?.allHeaders())?.['cache-control']).toContain('no-store');
    const main = (await pro.locator('main').textContent()) ?? '';
    expect(await pro.locator('h1').textContent()).toBe('Auswertung: Leitfaden für Minderjährige');
    // The framing: hints, not proof; for minors, no coercion needs to be shown.
    expect(await pro.locator('.guide-framing').count()).toBe(1);
    for (const text of TICKED) expect(main).toContain(text);
    expect(main).toContain('Das ist keine Feststellung, ob Menschenhandel vorliegt.');
    expect(await pro.locator('main a[href="tel:110"]').count()).toBe(1);
    expect(main).toContain('Informieren Sie das Jugendamt, zusammen mit einer Fachberatungsstelle.');
    // What was ticked never travels in an address.
    expect(pro.url()).toBe(`${site.base}/de/professionals/guide/minors`);
    const card = pro.locator('.guide-centres li', { hasText: LEIPZIG_NAME });
    expect(await card.count(), 'the Leipzig demo centre among the competent centres').toBe(1);
    expect(await card.getByRole('link', { name: LEIPZIG_NAME }).getAttribute('href')).toBe(
      `/de/centres/${LEIPZIG_SERVICE_ID}`,
    );
  });

  it('chooses to refer to the Leipzig centre and finds the form filled in with the centre and the indicators', async () => {
    const card = pro.locator('.guide-centres li', { hasText: LEIPZIG_NAME });
    const res = await follow(pro, () => card.getByRole('button', { name: 'An diese Stelle vermitteln' }).click());
    await expectPublicPage(pro, res, '/de/referral/new');
    expect(await pro.locator('h1').textContent()).toBe('Person an eine Fachberatungsstelle vermitteln');
    const centre = pro.getByLabel('Beratungsstelle', { exact: true });
    expect(await centre.inputValue(), 'the centre chosen on the result page').toBe(LEIPZIG_CENTRE_ID);
    expect(await pro.getByLabel('Diese Hinweise mitschicken').isChecked()).toBe(true);
    // What goes with it, in the words that were ticked.
    const observed = await pro
      .locator('form fieldset', { hasText: 'Beobachtete Hinweise' })
      .locator('li')
      .allTextContents();
    expect(observed).toEqual(TICKED);
  });

  it('gives the consent, the languages, the urgency and the consent to forwarding, sends it and notes the receipt code', async () => {
    const opened = Date.now();
    await pro.getByLabel('Ihr Name').fill(PROFESSIONAL.name);
    await pro.getByLabel('Ihre Organisation oder Dienststelle').fill(PROFESSIONAL.organisation);
    await pro.getByLabel('Art der Organisation').selectOption({ label: 'Jugendamt' });
    await pro.getByRole('textbox', { name: 'Telefon' }).fill(PROFESSIONAL.phone);
    await pro.getByRole('textbox', { name: 'E-Mail' }).fill(PROFESSIONAL.email);
    await pro
      .getByLabel('Vertraulich: Die Beratungsstelle bespricht den Fall mit Ihnen, ohne die Person zu kontaktieren')
      .check();
    await pro.getByLabel('Arabisch', { exact: true }).check();
    await pro.getByLabel('Englisch', { exact: true }).check();
    await pro.getByLabel('In den nächsten Tagen').check();
    await pro.locator('input[name="forwarding"][value="yes"]').check();
    await pro.getByLabel('Nachricht an die Beratungsstelle (freiwillig)').fill(PROFESSIONAL.message);
    // A person takes a moment; the form refuses what is sent within a few seconds of opening it.
    await pro.waitForTimeout(Math.max(0, 5_500 - (Date.now() - opened)));
    const res = await follow(pro, () => pro.getByRole('button', { name: 'Anfrage sicher senden' }).click());
    await expectPublicPage(pro, res, '/de/referral/send');
    expect(await pro.locator('h1').textContent(), await describePage(pro)).toBe('Ihre Anfrage ist angekommen');
    expect(await pro.getByRole('status').textContent()).toContain(LEIPZIG_NAME);
    receipt = ((await pro.locator('.receipt-code').textContent()) ?? '').trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // The code is shown, never put in an address.
    expect(pro.url()).not.toContain(receipt);
    const rows = await site.testApp.app.database.db
      .selectFrom('referral')
      .select(['id', 'centre_id', 'status', 'forwarding_consent', 'urgency', 'payload'])
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    referralId = row.id;
    expect(row).toMatchObject({
      centre_id: LEIPZIG_CENTRE_ID,
      status: 'received',
      forwarding_consent: true,
      urgency: 'days',
    });
    // Stored encrypted: nothing the professional typed is readable in the row.
    for (const typed of [PROFESSIONAL.name, PROFESSIONAL.email, 'coached-story', 'Inobhutnahme'])
      expect(JSON.stringify(row)).not.toContain(typed);
  });

  it('the status page, asked with the code, says received — and nothing of the content', async () => {
    const res = await statusFor(pro, receipt);
    await expectPublicPage(pro, res, '/de/referral/status');
    expect(await currentStatus(pro)).toBe('Eingegangen');
    const main = (await pro.locator('main').textContent()) ?? '';
    expect(main).toContain(LEIPZIG_NAME);
    for (const secret of [PROFESSIONAL.name, PROFESSIONAL.organisation, TICKED[0]!, 'Inobhutnahme'])
      expect(main).not.toContain(secret);
  });
});

describe('the Leipzig centre takes it on and forwards it', () => {
  it('the lead signs in with password and authenticator and sees on the start page that a referral waits', async () => {
    await signInInBrowser(leadPage, site.base, lead, leadAuth);
    const waiting = leadPage.locator('#main').getByRole('link', { name: '1 Vermittlung wartet auf Annahme.' });
    expect(await waiting.count(), await describePage(leadPage)).toBe(1);
    await expectAccessible(leadPage);
    await submitAndWait(leadPage, () => waiting.click());
    expect(new URL(leadPage.url()).pathname).toBe('/de/staff/referrals');
    await expectAccessible(leadPage);
    const rows = leadPage.locator('main table tbody tr');
    expect(await rows.count()).toBe(1);
    // The inbox shows no content: an id, dates, urgency and status only.
    const inbox = (await leadPage.locator('main').textContent()) ?? '';
    for (const secret of [PROFESSIONAL.name, PROFESSIONAL.organisation, 'Jugendamt'])
      expect(inbox).not.toContain(secret);
    expect(await rows.first().textContent()).toContain('eingegangen');
  });

  it('opening it asks her to confirm who she is first; then she sees the professional and the observed indicators', async () => {
    // Sign-in counts as a fresh proof; a quarter of an hour later it no longer does.
    clock.advance(15 * MINUTE);
    const shortId = referralId.replace(/-/g, '').slice(0, 8);
    await submitAndWait(leadPage, () => leadPage.getByRole('link', { name: shortId }).click());
    expect(new URL(leadPage.url()).pathname, await describePage(leadPage)).toBe('/de/staff/reauth');
    expect(await leadPage.locator('h1').textContent()).toBe('Identität bestätigen');
    const reauthText = (await leadPage.locator('main').textContent()) ?? '';
    expect(reauthText).not.toContain(PROFESSIONAL.name);
    await expectAccessible(leadPage);
    await leadPage.getByLabel('Passwort', { exact: true }).fill(lead.password);
    await leadPage.getByLabel('Code', { exact: true }).fill(await leadAuth.code());
    const status = await submitAndWait(leadPage, () => leadPage.getByRole('button', { name: 'Bestätigen' }).click());
    expect(`${status} ${new URL(leadPage.url()).pathname}`, await describePage(leadPage, status)).toBe(
      `200 /de/staff/referrals/${referralId}`,
    );
    const main = (await leadPage.locator('main').textContent()) ?? '';
    expect(main).toContain(PROFESSIONAL.name);
    expect(main).toContain(PROFESSIONAL.organisation);
    expect(main).toContain(PROFESSIONAL.message);
    for (const text of TICKED) expect(main, 'the observed indicators, as the guide words them').toContain(text);
    await expectAccessible(leadPage);
  });

  it('accepts it', async () => {
    const status = await submitAndWait(leadPage, () => leadPage.getByRole('button', { name: 'Annehmen' }).click());
    expect(status).toBe(200);
    expect(leadPage.url()).toBe(`${site.base}/de/staff/referrals/${referralId}?done=accepted`);
    expect(await leadPage.getByRole('status').textContent()).toContain('Die Vermittlung ist angenommen.');
    await expectAccessible(leadPage);
  });

  it('forwards it to the Magdeburg centre; afterwards Leipzig can no longer open it', async () => {
    await leadPage.getByLabel('An Beratungsstelle').selectOption({ label: MAGDEBURG_NAME });
    const status = await submitAndWait(leadPage, () => leadPage.getByRole('button', { name: 'Weiterleiten' }).click());
    expect(status).toBe(200);
    expect(leadPage.url()).toBe(`${site.base}/de/staff/referrals?forwarded=1`);
    await expectAccessible(leadPage);
    expect(await leadPage.locator('main table tbody tr').count()).toBe(0);
    const again = await leadPage.goto(`${site.base}/de/staff/referrals/${referralId}`);
    expect(again?.status()).toBe(404);
    const row = await site.testApp.app.database.db
      .selectFrom('referral')
      .select(['centre_id', 'status'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ centre_id: MAGDEBURG_CENTRE_ID, status: 'forwarded' });
  });
});

describe('the professional follows the status', () => {
  it('received → accepted → forwarded, at the Magdeburg centre, and still no content', async () => {
    const res = await statusFor(pro, receipt.toLowerCase().replace(/-/g, ' '));
    await expectPublicPage(pro, res, '/de/referral/status');
    expect(await currentStatus(pro)).toBe('An eine andere Beratungsstelle weitergegeben');
    const history = await pro.locator('main ol li').allTextContents();
    expect(history.map((h) => h.replace(/^.*:\s*/, ''))).toEqual([
      'Eingegangen',
      'Angenommen',
      'An eine andere Beratungsstelle weitergegeben',
    ]);
    const main = (await pro.locator('main').textContent()) ?? '';
    expect(main).toContain(MAGDEBURG_NAME);
    for (const secret of [PROFESSIONAL.name, PROFESSIONAL.organisation, TICKED[0]!, 'Inobhutnahme'])
      expect(main).not.toContain(secret);
  });
});

describe('the Magdeburg centre closes it, and a month later nothing is left', () => {
  it('the counsellor signs in, sees it waiting, opens it and closes it', async () => {
    await signInInBrowser(counsellorPage, site.base, counsellor, counsellorAuth);
    const waiting = counsellorPage.locator('#main').getByRole('link', { name: '1 Vermittlung wartet auf Annahme.' });
    expect(await waiting.count(), await describePage(counsellorPage)).toBe(1);
    await submitAndWait(counsellorPage, () => waiting.click());
    const row = counsellorPage.locator('main table tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('weitergeleitet (an Sie)');
    await submitAndWait(counsellorPage, () => row.getByRole('link').first().click());
    // Just signed in: that counts as the proof, so the content opens directly.
    expect(new URL(counsellorPage.url()).pathname).toBe(`/de/staff/referrals/${referralId}`);
    const main = (await counsellorPage.locator('main').textContent()) ?? '';
    expect(main, 're-encrypted for Magdeburg and readable there').toContain(PROFESSIONAL.name);
    for (const text of TICKED) expect(main).toContain(text);
    await expectAccessible(counsellorPage);
    const status = await submitAndWait(counsellorPage, () =>
      counsellorPage.getByRole('button', { name: 'Abschließen' }).click(),
    );
    expect(status).toBe(200);
    expect(await counsellorPage.getByRole('status').textContent()).toContain('Die Vermittlung ist abgeschlossen.');
    await expectAccessible(counsellorPage);
    const closed = await statusFor(pro, receipt);
    expect(closed?.status()).toBe(200);
    expect(await currentStatus(pro)).toBe('Abgeschlossen');
  });

  it('31 days after closing, the retention jobs have deleted it: no row, no history, and the code finds nothing', async () => {
    const before = await traces(referralId);
    expect(before.rows['referral']).toBe(1);
    expect(before.rows['referral_status_event'], 'received, accepted, forwarded, closed').toBe(4);
    const jobClock = fakeClock(new Date(clock.now().getTime() + 31 * DAY));
    const app = site.testApp.app;
    const runner = jobRunnerFor(app, jobClock);
    try {
      const results = await runner.runDue();
      expect(results.filter((r) => r.outcome !== 'ok')).toEqual([]);
    } finally {
      await runner.stop();
    }
    const after = await traces(referralId);
    expect(Object.keys(after.rows).length).toBeGreaterThanOrEqual(2);
    expect(after.rows, 'rows left about the referral, per table').toEqual(
      Object.fromEntries(Object.keys(after.rows).map((t) => [t, 0])),
    );
    // The tamper-evident log keeps that it happened (by its random id), never what it said.
    expect(after.audit).toEqual(expect.arrayContaining(['referral.received_done', 'referral.closed_done']));
    for (const typed of [PROFESSIONAL.name, PROFESSIONAL.organisation, PROFESSIONAL.email, receipt, 'coached-story'])
      expect(after.auditText).not.toContain(typed);
    const res = await statusFor(pro, receipt);
    expect(res?.status()).toBe(404);
    expect(await pro.locator('main').textContent()).toContain('Zu diesem Code gibt es keine Anfrage.');
  });
});

describe('what the pages did in the browsers', () => {
  it('no CSP violation, no script error, nothing from another origin, no cookie for the professional', async () => {
    const logs = [...publicLogs, ...staffLogs];
    const csp = logs.flatMap((l) => l.cspViolations);
    // The answers given on purpose with 404 (a forwarded or deleted referral) show up as console errors.
    const errors = logs.flatMap((l) => l.consoleErrors).filter((e) => !/status of 404\b/.test(e));
    const offSite = logs.flatMap((l) => l.requests).filter((u) => !u.startsWith(`${site.base}/`));
    expect({ csp, errors, offSite, stopped: [...proForeign, ...staffForeign.flat()] }).toEqual({
      csp: [],
      errors: [],
      offSite: [],
      stopped: [],
    });
    expect(await pro.context().cookies()).toEqual([]);
  });
});
