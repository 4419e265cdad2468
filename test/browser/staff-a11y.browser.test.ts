/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every staff page the issue-3 workflow
 * reaches, in the states people meet them in: empty, filled, and sent back
 * with errors; and each of those states again at 320 CSS px, where it must
 * reflow (WCAG 1.4.10, which axe does not check). Staff use these pages all
 * day, some with screen readers or magnification, and BITV applies to them
 * as much as to the public site.
 *
 * The walk follows the real flow (invitation, enrolment, entry change,
 * review), one test per page so a failure names it; the tests share the
 * browsers and run in order.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../src/platform/db/tenant.ts';
import { issueAdminInvitation } from '../../src/features/user-admin/operator.ts';
import { createUser, type TestUser } from '../support/auth.ts';
import { newContext, type Site } from './support/site.ts';
import {
  Authenticator,
  enterPassword,
  enterTotp,
  expectAccessible,
  invitationLinkFromOutbox,
  LEIPZIG_SERVICE_ID,
  secretFromPage,
  signInInBrowser,
  startStaffSite,
  submitAndWait,
  addPasskeyOnSetupPage,
  signInWithPasskey,
  VirtualAuthenticator,
} from './support/staff.ts';

const LEAD_EMAIL = 'leitung.a11y@example.org';
const LEAD_PASSWORD = 'mulde auenwald sommer regen';
const CENTRE_NAME = 'Beispiel-Fachberatungsstelle Leipzig';

let site: Site;
const ADMIN_PASSWORD = 'abends schweigt der wald';
let admin: { email: string; password: string };
let adminLink = '';
let coordination: TestUser;
const contexts: BrowserContext[] = [];
let anon: Page;
let adminPage: Page;
let leadPage: Page;
let coordinationPage: Page;
let leadAuth: Authenticator;
let invitationLink = '';

async function freshPage(): Promise<Page> {
  const { context } = await newContext(site);
  contexts.push(context);
  return context.newPage();
}

/** The page as it is now, checked (expectAccessible); with `expectedPath`, the step must have led there. */
async function expectAccessibleOn(page: Page, expectedPath?: string): Promise<void> {
  if (expectedPath) expect(new URL(page.url()).pathname, 'the page the step should be on').toBe(expectedPath);
  await expectAccessible(page);
}

/** Open a page by its address and check it. */
async function visit(page: Page, path: string, status = 200): Promise<void> {
  const res = await page.goto(`${site.base}${path}`);
  expect(res?.status(), `${path} status`).toBe(status);
  await expectAccessibleOn(page, path.split('?')[0]);
}

beforeAll(async () => {
  site = await startStaffSite();
  // The administrator enrols through the set-up link, which ends with the passkey set-up.
  const app = site.testApp.app;
  admin = { email: 'betrieb.a11y@example.org', password: ADMIN_PASSWORD };
  const invitation = await issueAdminInvitation(
    { db: app.database.db, auditRing: app.keys.audit, publicOrigin: site.base, mail: app, now: app.clock.now() },
    admin.email,
    'Betrieb',
  );
  if (!invitation.ok) throw new Error('the administrator could not be invited');
  adminLink = invitation.link;
  coordination = await createUser(app, { role: 'coordination' });
  [anon, adminPage, leadPage, coordinationPage] = await Promise.all([
    freshPage(),
    freshPage(),
    freshPage(),
    freshPage(),
  ]);
  await VirtualAuthenticator.attach(adminPage);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('sign-in pages', () => {
  it('sign-in (de)', () => visit(anon, '/de/staff/sign-in'));
  it('sign-in (en)', () => visit(anon, '/en/staff/sign-in'));

  it('sign-in with the failure message', async () => {
    await anon.goto(`${site.base}/de/staff/sign-in`);
    await anon.locator('#email').fill('niemand@example.org');
    await anon.locator('#password').fill('falsches passwort 123');
    expect(await submitAndWait(anon, () => anon.locator('main form button[type=submit]').click())).toBe(401);
    await expectAccessibleOn(anon, '/de/staff/sign-in');
  });

  it('password reset request', () => visit(anon, '/de/staff/password-reset'));

  it('second factor', async () => {
    await enterPassword(coordinationPage, site.base, coordination.email, coordination.password);
    await expectAccessibleOn(coordinationPage, '/de/staff/second-factor');
  });

  it('second factor with the recovery-code form opened', async () => {
    await coordinationPage.locator('details.recovery summary').click();
    await expectAccessibleOn(coordinationPage, '/de/staff/second-factor');
  });

  it('second factor with the failure message', async () => {
    expect(await enterTotp(coordinationPage, '000000')).toBe(401);
    await expectAccessibleOn(coordinationPage, '/de/staff/second-factor');
  });

  it('passkey set-up (the last step of an administrator’s enrolment)', async () => {
    expect((await adminPage.goto(adminLink))?.status()).toBe(200);
    await adminPage.getByLabel('Ihr Name').fill('Betrieb');
    await adminPage.getByLabel('Passwort', { exact: true }).fill(ADMIN_PASSWORD);
    await adminPage.getByLabel('Passwort wiederholen').fill(ADMIN_PASSWORD);
    expect(await submitAndWait(adminPage, () => adminPage.getByRole('button', { name: 'Weiter' }).click())).toBe(200);
    await expectAccessibleOn(adminPage);
    const code = await new Authenticator(await secretFromPage(adminPage)).code();
    await adminPage.getByLabel('Sechsstelliger Code aus der App').fill(code);
    expect(await submitAndWait(adminPage, () => adminPage.getByRole('button', { name: 'Bestätigen' }).click())).toBe(
      200,
    );
    await expectAccessibleOn(adminPage, '/de/staff/passkey-setup');
  });

  it('passkey set-up (en)', async () => {
    await adminPage.goto(`${site.base}/en/staff/passkey-setup`);
    await expectAccessibleOn(adminPage, '/en/staff/passkey-setup');
  });

  it('sign-in after adding a passkey (with the notice)', async () => {
    await adminPage.goto(`${site.base}/de/staff/passkey-setup`);
    await addPasskeyOnSetupPage(adminPage, 'Laptop');
    await expectAccessibleOn(adminPage, '/de/staff/sign-in');
  });

  it('second factor of an administrator (the passkey alone)', async () => {
    await enterPassword(adminPage, site.base, admin.email, admin.password);
    await expectAccessibleOn(adminPage, '/de/staff/second-factor');
  });

  it('staff start page (administrator, signed in with the passkey)', async () => {
    await signInWithPasskey(adminPage, site.base, admin);
    await expectAccessibleOn(adminPage, '/de/staff');
  });
});

describe('administrator pages', () => {
  it('people', () => visit(adminPage, '/de/staff/users'));
  it('a person’s page, opened from the list (disable and role forms)', async () => {
    await adminPage.goto(`${site.base}/de/staff/users`);
    const links = adminPage.locator('main table a[href^="/de/staff/users/"]');
    expect(await links.count()).toBeGreaterThan(0);
    await visit(adminPage, (await links.last().getAttribute('href'))!);
  });
  it('invitation form', () => visit(adminPage, '/de/staff/users/invite'));

  it('invitation form with errors', async () => {
    await adminPage.goto(`${site.base}/de/staff/users/invite`);
    await adminPage.locator('#f-email').fill('keine-adresse');
    expect(
      await submitAndWait(adminPage, () => adminPage.locator('main form.staff-form button[type=submit]').click()),
    ).toBe(400);
    expect(await adminPage.locator('.error-summary').count()).toBe(1);
    await expectAccessibleOn(adminPage, '/de/staff/users/invite');
  });

  it('invitation sent', async () => {
    await adminPage.goto(`${site.base}/de/staff/users/invite`);
    await adminPage.locator('#f-email').fill(LEAD_EMAIL);
    await adminPage.locator('input[name=role][value=centre_lead]').check();
    await adminPage.locator('#f-centre_id').selectOption({ label: CENTRE_NAME });
    expect(
      await submitAndWait(adminPage, () => adminPage.locator('main form.staff-form button[type=submit]').click()),
    ).toBe(200);
    await expectAccessibleOn(adminPage, '/de/staff/users/invite');
    invitationLink = await invitationLinkFromOutbox(site, LEAD_EMAIL);
  });

  it('outbox', () => visit(adminPage, '/de/staff/outbox'));
  it('audit log (network)', () => visit(adminPage, '/de/staff/audit'));
  it('sessions', () => visit(adminPage, '/de/staff/sessions'));
  it('account', () => visit(adminPage, '/de/staff/account'));

  it('account with password errors', async () => {
    await adminPage.goto(`${site.base}/de/staff/account`);
    await adminPage.locator('#f-password').fill('kurz');
    await adminPage.locator('#f-password_repeat').fill('anders');
    const form = adminPage.locator('form', { has: adminPage.locator('#f-password') });
    expect(await submitAndWait(adminPage, () => form.locator('button[type=submit]').click())).toBe(400);
    expect(await adminPage.locator('.error-summary').count()).toBe(1);
    await expectAccessibleOn(adminPage, '/de/staff/account/password');
  });

  it('re-authentication', () => visit(adminPage, `/de/staff/reauth?next=${encodeURIComponent('/de/staff/account')}`));
});

describe('invitation acceptance', () => {
  it('step 1: name and password', async () => {
    const res = await leadPage.goto(invitationLink);
    expect(res?.status()).toBe(200);
    await expectAccessibleOn(leadPage);
  });

  it('step 1 with errors', async () => {
    await leadPage.locator('#f-display_name').fill('');
    await leadPage.locator('#f-password').fill('kurz');
    await leadPage.locator('#f-password_repeat').fill('anders');
    expect(await submitAndWait(leadPage, () => leadPage.locator('main form button[type=submit]').click())).toBe(400);
    expect(await leadPage.locator('.error-summary').count()).toBe(1);
    await expectAccessibleOn(leadPage);
  });

  it('step 2: authenticator (QR code and key)', async () => {
    await leadPage.locator('#f-display_name').fill('Nora Beispiel');
    await leadPage.locator('#f-password').fill(LEAD_PASSWORD);
    await leadPage.locator('#f-password_repeat').fill(LEAD_PASSWORD);
    expect(await submitAndWait(leadPage, () => leadPage.locator('main form button[type=submit]').click())).toBe(200);
    leadAuth = new Authenticator(await secretFromPage(leadPage));
    await expectAccessibleOn(leadPage);
  });

  it('step 2 with a wrong code', async () => {
    await leadPage.locator('#f-code').fill('000000');
    expect(await submitAndWait(leadPage, () => leadPage.locator('main form button[type=submit]').click())).toBe(400);
    await expectAccessibleOn(leadPage);
  });

  it('step 3: recovery codes', async () => {
    await leadPage.locator('#f-code').fill(await leadAuth.code());
    expect(await submitAndWait(leadPage, () => leadPage.locator('main form button[type=submit]').click())).toBe(200);
    expect(await leadPage.locator('ol.recovery-codes li').count()).toBeGreaterThan(0);
    await expectAccessibleOn(leadPage);
  });

  it('a used link', async () => {
    const res = await anon.goto(invitationLink);
    expect(res?.status()).toBe(410);
    await expectAccessibleOn(anon);
  });
});

describe('centre lead pages', () => {
  it('staff start page (centre lead)', async () => {
    await signInInBrowser(leadPage, site.base, { email: LEAD_EMAIL, password: LEAD_PASSWORD }, leadAuth);
    await expectAccessibleOn(leadPage, '/de/staff');
  });

  it('entry', () => visit(leadPage, '/de/staff/entry'));
  it('entry form', () => visit(leadPage, '/de/staff/entry/edit'));

  it('entry form with errors next to the fields', async () => {
    await leadPage.goto(`${site.base}/de/staff/entry/edit`);
    await leadPage.locator('#f-postal_code').fill('123');
    await leadPage.locator('#f-email').fill('keine-adresse');
    await leadPage.locator('#f-website').fill('beispiel');
    await leadPage.locator('#f-minimum_age').fill('zwölf');
    expect(
      await submitAndWait(leadPage, () => leadPage.locator('main form.staff-form button[type=submit]').click()),
    ).toBe(400);
    expect(await leadPage.locator('.error-summary li').count()).toBeGreaterThanOrEqual(3);
    expect(await leadPage.locator('[aria-invalid=true]').count()).toBeGreaterThanOrEqual(3);
    await expectAccessibleOn(leadPage, '/de/staff/entry/edit');
  });

  it('entry with a pending proposal', async () => {
    await leadPage.goto(`${site.base}/de/staff/entry/edit`);
    await leadPage
      .locator('#f-description')
      .fill('Beratung für Frauen und Minderjährige, die von Menschenhandel betroffen sind (geändert).');
    await leadPage.locator('#f-languages-ro').check();
    expect(
      await submitAndWait(leadPage, () => leadPage.locator('main form.staff-form button[type=submit]').click()),
    ).toBe(200);
    await expectAccessibleOn(leadPage, '/de/staff/entry');
    expect(await leadPage.locator('section.pending').count()).toBe(1);
  });

  it('people (own centre)', () => visit(leadPage, '/de/staff/users'));
  it('audit log (own centre)', () => visit(leadPage, '/de/staff/audit'));
  it('sessions (centre lead)', () => visit(leadPage, '/de/staff/sessions'));
  it('account (centre lead)', () => visit(leadPage, '/de/staff/account'));
});

describe('coordination office pages', () => {
  let draftPath = '';

  it('review queue', async () => {
    await signInInBrowser(coordinationPage, site.base, coordination, new Authenticator(coordination.totpSecret!));
    await visit(coordinationPage, '/de/staff/review');
    draftPath = new URL(
      (await coordinationPage.locator('table.list-table tbody a', { hasText: CENTRE_NAME }).getAttribute('href'))!,
      site.base,
    ).pathname;
  });

  it('review detail with the difference', () => visit(coordinationPage, draftPath));

  it('review detail with an error (return without a comment)', async () => {
    await coordinationPage.goto(`${site.base}${draftPath}`);
    const form = coordinationPage.locator('form', { has: coordinationPage.locator('#f-comment') });
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(400);
    await expectAccessibleOn(coordinationPage);
  });

  it('entries not verified for 12 months', () => visit(coordinationPage, '/de/staff/review/overdue'));

  it('readers’ error reports', async () => {
    // One report as the public form writes it, so the list has a row with its handling button.
    await withScope(site.testApp.app.database.db, { kind: 'auth' }, (trx) =>
      trx
        .insertInto('entry_report')
        .values({
          id: randomUUID(),
          service_id: LEIPZIG_SERVICE_ID,
          kind: 'hours',
          message: 'Dienstags ist geschlossen.',
          locale: 'de',
          created_at: new Date(),
        })
        .execute(),
    );
    await visit(coordinationPage, '/de/staff/reports');
    expect(await coordinationPage.locator('main table.list-table tbody tr').count()).toBeGreaterThan(0);
  });
  it('audit log (coordination office)', () => visit(coordinationPage, '/de/staff/audit'));
  it('helplines', () => visit(coordinationPage, '/de/staff/helplines'));
  it('a helpline’s form', () => visit(coordinationPage, '/de/staff/helplines/79830281-9359-4c57-bf35-0ea10e6ba1f2'));
  it('a helpline’s translations', () =>
    visit(coordinationPage, '/de/staff/helplines/79830281-9359-4c57-bf35-0ea10e6ba1f2/translations'));
  it('a helpline’s form with errors', async () => {
    await coordinationPage.goto(`${site.base}/de/staff/helplines/new`);
    const form = coordinationPage.locator('form.staff-form');
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(400);
    await expectAccessibleOn(coordinationPage);
  });

  it('indicator sets', () => visit(coordinationPage, '/de/staff/indicators'));
  it('a published indicator set', () =>
    visit(coordinationPage, '/de/staff/indicators/0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01'));
  it('an indicator draft with errors', async () => {
    await coordinationPage.goto(`${site.base}/de/staff/indicators`);
    const start = coordinationPage.locator('form[action$="/drafts"]').first();
    expect(await submitAndWait(coordinationPage, () => start.locator('button[type=submit]').click())).toBe(200);
    const form = coordinationPage.locator('form.staff-form');
    await form.locator('input[name^="text_de."]').first().fill('');
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').last().click())).toBe(400);
    await expectAccessibleOn(coordinationPage);
  });

  it('review queue after accepting', async () => {
    await coordinationPage.goto(`${site.base}${draftPath}`);
    const form = coordinationPage.locator('form[action$="/accept"]');
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(200);
    await expectAccessibleOn(coordinationPage, '/de/staff/review');
  });

  it("the lead's entry page after publication", () => visit(leadPage, '/de/staff/entry'));
  it('the published entry in the help finder', () => visit(anon, `/de/centres/${LEIPZIG_SERVICE_ID}`));
});

describe('reporting years and statistics', () => {
  const year = new Date().getUTCFullYear();
  const deadline = new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10);

  it('reporting years, none yet', () => visit(coordinationPage, '/de/staff/reporting-years'));

  it('opening a year with errors next to the fields', async () => {
    await coordinationPage.goto(`${site.base}/de/staff/reporting-years`);
    await coordinationPage.locator('#f-year').fill('20');
    await coordinationPage.locator('#f-release_deadline').fill('gestern');
    const form = coordinationPage.locator('form', { has: coordinationPage.locator('#f-year') });
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(400);
    expect(await coordinationPage.locator('[aria-invalid=true]').count()).toBeGreaterThanOrEqual(2);
    await expectAccessibleOn(coordinationPage, '/de/staff/reporting-years');
  });

  it('a reporting year just opened, with what each centre still has to do', async () => {
    await coordinationPage.locator('#f-year').fill(String(year));
    await coordinationPage.locator('#f-release_deadline').fill(deadline);
    const form = coordinationPage.locator('form', { has: coordinationPage.locator('#f-year') });
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(200);
    await expectAccessibleOn(coordinationPage, `/de/staff/reporting-years/${year}`);
  });

  it('closing a year without the confirmation', async () => {
    const form = coordinationPage.locator('form[action$="/close"]');
    expect(await submitAndWait(coordinationPage, () => form.locator('button[type=submit]').click())).toBe(400);
    expect(await coordinationPage.locator('.error-summary').count()).toBe(1);
    await expectAccessibleOn(coordinationPage, `/de/staff/reporting-years/${year}/close`);
  });

  it('the list of reporting years', () => visit(coordinationPage, '/de/staff/reporting-years'));

  it('the statistics of the open year', () => visit(coordinationPage, `/de/staff/statistics?year=${year}`));

  // With records: statistics-staff.browser.test.ts.
  it('a centre’s own figures before it documented anything (centre lead)', () =>
    visit(leadPage, '/de/staff/statistics/centre'));
});

describe('English versions', () => {
  const pages: [string, () => Page][] = [
    ['/en/staff', () => adminPage],
    ['/en/staff/users', () => adminPage],
    ['/en/staff/users/invite', () => adminPage],
    ['/en/staff/outbox', () => adminPage],
    ['/en/staff/audit', () => adminPage],
    ['/en/staff/sessions', () => adminPage],
    ['/en/staff/account', () => adminPage],
    ['/en/staff/entry', () => leadPage],
    ['/en/staff/entry/edit', () => leadPage],
    ['/en/staff/review', () => coordinationPage],
    ['/en/staff/review/overdue', () => coordinationPage],
    ['/en/staff/helplines', () => coordinationPage],
    ['/en/staff/helplines/new', () => coordinationPage],
    ['/en/staff/reports', () => coordinationPage],
    ['/en/staff/indicators', () => coordinationPage],
    ['/en/staff/reports', () => leadPage],
    ['/en/staff/reporting-years', () => coordinationPage],
    ['/en/staff/statistics', () => coordinationPage],
    ['/en/staff/statistics/centre', () => leadPage],
  ];
  for (const [path, page] of pages) it(path, () => visit(page(), path));
});
