/**
 * The whole staff workflow in Chromium, driven the way people
 * would: the administrator opens the set-up link that `schutznetz users
 * create-admin` prints, chooses a password, connects the authenticator app,
 * adds the first passkey as the last step of enrolling (the browser's
 * virtual authenticator), finds that a code does not sign an administrator
 * in, signs in with the passkey and then invites
 * the lead of the Leipzig demo centre, the
 * lead sets up the account (password, authenticator, recovery codes), signs
 * in and proposes a change to the centre's directory entry, the
 * coordination office reviews and accepts it, and the public help finder
 * shows it as verified today. Afterwards the public pages must still be
 * what a person at risk relies on: no cookie, a working quick exit.
 *
 * The steps share state and run in order; each names what a person does.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/features/directory/format.ts';
import { berlinDate, formatDay } from '../../src/platform/time/dates.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { issueAdminInvitation } from '../../src/features/user-admin/operator.ts';
import { createUser, type TestUser } from '../support/auth.ts';
import { watchPage, type PageLog } from './support/probes.ts';
import { newContext, QUICK_EXIT_PATTERN, QUICK_EXIT_TARGET, type Site } from './support/site.ts';
import {
  Authenticator,
  describePage,
  enterPassword,
  enterTotp,
  invitationLinkFromOutbox,
  invitationLinkIn,
  LEIPZIG_CENTRE_ID,
  LEIPZIG_SERVICE_ID,
  secretFromPage,
  signInInBrowser,
  startStaffSite,
  submitAndWait,
  addPasskeyOnSetupPage,
  signInWithPasskey,
  VirtualAuthenticator,
} from './support/staff.ts';

const LEAD_EMAIL = 'leitung.leipzig@example.org';
const LEAD_NAME = 'Mira Beispiel';
const LEAD_PASSWORD = 'elbe brücke morgen nebel';
const NEW_DESCRIPTION =
  'Beratung und Begleitung für Frauen und Minderjährige, die von Menschenhandel betroffen sind. Neu: Beratung auch auf Rumänisch, nach Absprache mit Dolmetscherin.';
const CENTRE_NAME = 'Beispiel-Fachberatungsstelle Leipzig';

const ADMIN_EMAIL = 'betrieb@example.org';
const ADMIN_PASSWORD = 'morgens leuchtet der hafen';

let site: Site;
let admin: { email: string; password: string; id: string };
let adminLink = '';
let adminAuth: Authenticator;
let coordination: TestUser;
const contexts: BrowserContext[] = [];
let adminPage: Page;
let adminPasskeys: VirtualAuthenticator;
let leadPage: Page;
let coordinationPage: Page;
let invitationLink = '';
let leadAuth: Authenticator;
let oldDescription = '';
/** What every page of the walk sent or complained about, and requests stopped at the origin. */
const logs: PageLog[] = [];
const foreign: string[][] = [];

async function freshPage(): Promise<Page> {
  const guarded = await newContext(site);
  contexts.push(guarded.context);
  foreign.push(guarded.foreign);
  const page = await guarded.context.newPage();
  logs.push(await watchPage(page));
  return page;
}

/** The <dd> that follows the <dt> with this label on a public centre page. */
const fact = (page: Page, label: string) => page.locator(`dl.facts dt:text-is("${label}") + dd`);

beforeAll(async () => {
  site = await startStaffSite();
  const app = site.testApp.app;
  // The administrator has nothing but the set-up link, as after `users create-admin`.
  const invitation = await issueAdminInvitation(
    {
      db: app.database.db,
      auditRing: app.keys.audit,
      publicOrigin: site.base,
      mail: app,
      now: app.clock.now(),
    },
    ADMIN_EMAIL,
    'Betrieb',
  );
  if (!invitation.ok) throw new Error('the administrator could not be invited');
  adminLink = invitation.link;
  coordination = await createUser(app, { role: 'coordination' });
  // The demo network links the Leipzig centre (tenant) to its directory entry.
  const centre = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('centre')
      .select(['name', 'service_id'])
      .where('id', '=', LEIPZIG_CENTRE_ID)
      .executeTakeFirstOrThrow(),
  );
  expect(centre).toEqual({ name: CENTRE_NAME, service_id: LEIPZIG_SERVICE_ID });
  oldDescription = (await app.directory.get()).byId.get(LEIPZIG_SERVICE_ID)!.service.description;
  [adminPage, leadPage, coordinationPage] = await Promise.all([freshPage(), freshPage(), freshPage()]);
  adminPasskeys = await VirtualAuthenticator.attach(adminPage);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

describe('invitation → account → entry change → review → help finder', () => {
  // Every form post is checked for where it comes from (csrf.ts). Pages send
  // `Referrer-Policy: no-referrer`, under which browsers post `Origin: null`
  // even from our own pages, so the check must let those through by
  // Sec-Fetch-Site and still refuse a form on any other site.
  it("the browser's own form posts pass the origin check; the same form on another site is refused", async () => {
    const { context } = await newContext(site);
    contexts.push(context);
    const page = await context.newPage();
    const attempt = async (url: string) => {
      await page.goto(url);
      const posted = page.waitForRequest((r) => r.method() === 'POST');
      await page.locator('#email').fill('niemand@example.org');
      await page.locator('#password').fill('irgendein langes passwort');
      const status = await submitAndWait(page, () => page.locator('form button[type=submit]').first().click());
      const h = await (await posted).allHeaders();
      return { status, sent: `Origin ${h['origin']}, Sec-Fetch-Site ${h['sec-fetch-site']}` };
    };
    const own = await attempt(`${site.base}/de/staff/sign-in`);
    expect(own.status, `own sign-in form (${own.sent}): ${await describePage(page)}`).toBe(401);

    for (const policy of ['no-referrer', 'unsafe-url']) {
      const elsewhere = `http://elsewhere.test/${policy}`;
      await context.route(elsewhere, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="de"><meta name="referrer" content="${policy}"><title>x</title><form method="post" action="${site.base}/de/staff/sign-in"><input id="email" name="email"><input id="password" name="password"><button type="submit">Los</button></form></html>`,
        }),
      );
      const foreignPost = await attempt(elsewhere);
      expect(foreignPost.status, `sign-in form on another site, referrer policy ${policy} (${foreignPost.sent})`).toBe(
        403,
      );
    }
  });

  it('the administrator opens the set-up link, chooses a password and connects the authenticator app', async () => {
    const page = adminPage;
    expect(new URL(adminLink).origin).toBe(site.base);
    expect((await page.goto(adminLink))?.status()).toBe(200);
    await page.getByLabel('Ihr Name').fill('Betrieb');
    await page.getByLabel('Passwort', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Passwort wiederholen').fill(ADMIN_PASSWORD);
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Weiter' }).click())).toBe(200);
    // On a phone the secret opens the authenticator app directly.
    expect(await page.locator('.totp-setup a[href^="otpauth://totp/"]').count()).toBe(1);
    adminAuth = new Authenticator(await secretFromPage(page));
    await page.getByLabel('Sechsstelliger Code aus der App').fill(await adminAuth.code());
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Bestätigen' }).click())).toBe(200);
    // The last step of an administrator's enrolment: the first passkey, nothing else.
    expect(new URL(page.url()).pathname).toBe('/de/staff/passkey-setup');
    expect(await page.locator('h1').textContent()).toBe('Letzter Schritt: Passkey einrichten');
    for (const path of ['/de/staff', '/de/staff/users/invite', '/de/staff/outbox']) {
      await page.goto(`${site.base}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/de/staff/passkey-setup');
    }
    const row = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirstOrThrow(),
    );
    admin = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, id: row.id };
  });

  it('adds the first passkey with the browser’s authenticator and is asked to sign in with it', async () => {
    expect(await adminPasskeys.credentials()).toEqual([]);
    await addPasskeyOnSetupPage(adminPage, 'Laptop');
    expect(await adminPage.getByRole('status').filter({ hasText: 'Der Passkey wurde hinzugefügt' }).count()).toBe(1);
    // A discoverable passkey for this site, created with user verification; the enrolment session is gone.
    expect(await adminPasskeys.credentials()).toEqual([
      { rpId: 'localhost', resident: true, signCount: expect.any(Number) },
    ]);
    expect(await adminPage.context().cookies()).toEqual([]);
  });

  it('a code from the app does not sign an administrator in: the page offers the passkey alone', async () => {
    const page = adminPage;
    await enterPassword(page, site.base, admin.email, admin.password);
    expect(await page.locator('main').textContent()).toContain(
      'Als Administratorin oder Administrator melden Sie sich nur mit Ihrem Passkey an.',
    );
    expect(await page.locator('input[name="code"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mit Passkey bestätigen' }).isVisible()).toBe(true);
  });

  it('signs in with password and passkey and gets a __Host- session cookie', async () => {
    await signInWithPasskey(adminPage, site.base, admin);
    const cookies = await adminPage.context().cookies();
    expect(
      cookies.map((c) => ({
        name: c.name,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: c.sameSite,
        path: c.path,
        session: c.expires === -1,
      })),
    ).toEqual([{ name: '__Host-sn_session', secure: true, httpOnly: true, sameSite: 'Lax', path: '/', session: true }]);
    // The session records the passkey as its second factor.
    const factors = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('user_session').select('second_factor').where('user_id', '=', admin.id).execute(),
    );
    expect(factors).toEqual([{ second_factor: 'passkey' }]);
  });

  it('invites a lead for the Leipzig centre with the invitation form', async () => {
    const page = adminPage;
    await submitAndWait(page, () => page.locator('#main').getByRole('link', { name: 'Person einladen' }).click());
    expect(new URL(page.url()).pathname).toBe('/de/staff/users/invite');
    await page.getByLabel('E-Mail-Adresse').fill(LEAD_EMAIL);
    await page.getByLabel('Name (optional)').fill('Mira');
    await page.getByRole('radio', { name: 'Leitung einer Fachberatungsstelle' }).check();
    await page.getByLabel('Fachberatungsstelle', { exact: true }).selectOption({ label: CENTRE_NAME });
    const status = await submitAndWait(page, () => page.getByRole('button', { name: 'Einladung senden' }).click());
    expect(status).toBe(200);
    expect(page.url()).toBe(`${site.base}/de/staff/users/invite?sent=1`);
    expect(await page.getByRole('status').filter({ hasText: 'Erledigt.' }).count()).toBe(1);
  });

  it('finds the invitation link on the outbox page (no SMTP configured)', async () => {
    const page = adminPage;
    await page.goto(`${site.base}/de/staff`);
    await submitAndWait(page, () =>
      page
        .locator('#main')
        .getByRole('link', { name: /Postausgang/ })
        .click(),
    );
    const card = page.locator('ol.outbox li', { hasText: LEAD_EMAIL });
    await expect.poll(() => card.count()).toBe(1);
    const shown = invitationLinkIn((await card.locator('pre.mail-body').textContent()) ?? '', site.base);
    expect(shown, 'the mail on the outbox page holds an invitation link to this server').not.toBeNull();
    // The page shows exactly the mail that is stored.
    expect(shown).toBe(await invitationLinkFromOutbox(site, LEAD_EMAIL));
    invitationLink = shown!;
  });

  it('the lead opens the link in a fresh browser and chooses name and password (a typo in the repetition is explained first)', async () => {
    const page = leadPage;
    expect(await page.context().cookies()).toEqual([]);
    const res = await page.goto(invitationLink);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.locator('main').textContent()).toContain(LEAD_EMAIL);
    expect(await page.locator('h2').first().textContent()).toContain('Schritt 1 von 3');
    await page.getByLabel('Ihr Name').fill(LEAD_NAME);
    await page.getByLabel('Passwort', { exact: true }).fill(LEAD_PASSWORD);
    await page.getByLabel('Passwort wiederholen').fill(`${LEAD_PASSWORD}x`);
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Weiter' }).click())).toBe(400);
    const repeat = page.getByLabel('Passwort wiederholen');
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-password_repeat-error').textContent()).toContain('stimmen nicht überein');
    // The name survives the round trip; passwords are never sent back.
    expect(await page.getByLabel('Ihr Name').inputValue()).toBe(LEAD_NAME);
    await page.getByLabel('Passwort', { exact: true }).fill(LEAD_PASSWORD);
    await repeat.fill(LEAD_PASSWORD);
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Weiter' }).click())).toBe(200);
    expect(await page.locator('h2').first().textContent()).toContain('Schritt 2 von 3');
  });

  it('connects an authenticator from the manual-entry key, confirms a code and is shown recovery codes once', async () => {
    const page = leadPage;
    // The QR code is drawn on the server (inline SVG), nothing is fetched for it.
    expect(await page.locator('.totp-setup .qr svg').count()).toBe(1);
    leadAuth = new Authenticator(await secretFromPage(page));
    await page.getByLabel('Sechsstelliger Code aus der App').fill(await leadAuth.code());
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Bestätigen' }).click())).toBe(200);
    expect(await page.locator('h2').first().textContent()).toContain('Schritt 3 von 3');
    const codes = await page.locator('ol.recovery-codes li code').allTextContents();
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(new Set(codes).size).toBe(codes.length);
    // Setting up an account does not sign anyone in.
    expect(await page.context().cookies()).toEqual([]);
    await submitAndWait(page, () => page.getByRole('link', { name: 'Weiter zur Anmeldung' }).click());
    expect(new URL(page.url()).pathname).toBe('/de/staff/sign-in');
    // The link worked once.
    const again = await (await freshPage()).goto(invitationLink);
    expect(again?.status()).toBe(410);
  });

  it('signs in with the new password and a fresh code; the code used for enrolment is refused', async () => {
    const page = leadPage;
    await enterPassword(page, site.base, LEAD_EMAIL, LEAD_PASSWORD);
    expect(await enterTotp(page, leadAuth.lastCode()), 'replayed enrolment code').toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain('nicht angenommen');
    expect(await enterTotp(page, await leadAuth.code())).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/de/staff');
    expect(await page.locator('main').textContent()).toContain('Unseren Eintrag in der Hilfesuche pflegen');
  });

  it('proposes a change to the centre entry: a new description and Romanian as a language', async () => {
    const page = leadPage;
    await submitAndWait(page, () =>
      page.locator('#main').getByRole('link', { name: 'Unseren Eintrag in der Hilfesuche pflegen' }).click(),
    );
    expect(await page.locator('h1').textContent()).toContain(CENTRE_NAME);
    await submitAndWait(page, () => page.getByRole('link', { name: 'Änderungen vorschlagen' }).click());
    expect(new URL(page.url()).pathname).toBe('/de/staff/entry/edit');
    const description = page.locator('#f-description');
    expect(await description.inputValue()).toBe(oldDescription);
    await description.fill(NEW_DESCRIPTION);
    const romanian = page.locator('#f-languages-ro');
    expect(await romanian.isChecked()).toBe(false);
    await romanian.check();
    expect(await submitAndWait(page, () => page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click())).toBe(
      200,
    );
    expect(page.url()).toBe(`${site.base}/de/staff/entry?done=submitted`);
    expect(await page.getByRole('status').filter({ hasText: 'an die Koordinierungsstelle geschickt' }).count()).toBe(1);
    const pending = page.locator('section.pending');
    expect(await pending.textContent()).toContain(NEW_DESCRIPTION);
  });

  it('nothing is public before the coordination office has reviewed it', async () => {
    const page = await freshPage();
    await page.goto(`${site.base}/de/centres/${LEIPZIG_SERVICE_ID}`);
    expect(await page.locator('main').textContent()).toContain(oldDescription);
    expect(await page.locator('main').textContent()).not.toContain(NEW_DESCRIPTION);
  });

  it('the coordination office signs in, opens the review queue, sees the difference and accepts', async () => {
    const page = coordinationPage;
    await signInInBrowser(page, site.base, coordination, new Authenticator(coordination.totpSecret!));
    await submitAndWait(page, () =>
      page.locator('#main').getByRole('link', { name: 'Vorschläge der Beratungsstellen prüfen' }).click(),
    );
    const row = page.locator('table.list-table tbody tr', { hasText: CENTRE_NAME });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(LEAD_NAME);
    await submitAndWait(page, () => row.getByRole('link', { name: CENTRE_NAME }).click());
    const diff = (await page.locator('main').textContent()) ?? '';
    expect(diff).toContain(oldDescription);
    expect(diff).toContain(NEW_DESCRIPTION);
    expect(diff).toContain('Rumänisch');
    expect(
      await submitAndWait(page, () => page.getByRole('button', { name: 'Annehmen und veröffentlichen' }).click()),
    ).toBe(200);
    expect(page.url()).toBe(`${site.base}/de/staff/review?done=accepted`);
    expect(await page.locator('table.list-table tbody tr', { hasText: CENTRE_NAME }).count()).toBe(0);
  });

  it('the public help finder shows the change, verified today', async () => {
    const page = await freshPage();
    const res = await page.goto(`${site.base}/de/centres/${LEIPZIG_SERVICE_ID}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('main').textContent()).toContain(NEW_DESCRIPTION);
    expect(await fact(page, 'Sprachen').textContent()).toContain('Rumänisch');
    const today = berlinDate(new Date());
    expect((await fact(page, 'Zuletzt geprüft').textContent())?.trim()).toBe(formatDate(today, 'de'));
    // The lead's own page says so as well.
    await leadPage.goto(`${site.base}/de/staff/entry`);
    const own = (await leadPage.locator('main').textContent()) ?? '';
    expect(own).toContain('veröffentlicht');
    expect(own).toContain(`Zuletzt bestätigt: ${formatDay(today, 'de')}`);
  });

  it('every step is in the audit log', async () => {
    const rows = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('audit_log').select(['event']).execute(),
    );
    const events = new Set(rows.map((r) => r.event));
    for (const e of [
      'auth.sign_in',
      'auth.mfa_passkey_added',
      'users.invited',
      'outbox.read',
      'users.invitation_accepted',
      'auth.mfa_totp_enrolled',
      'auth.sign_in_failed',
      'directory.draft_submitted',
      'directory.draft_accepted',
    ]) {
      expect(events, `audit event ${e}`).toContain(e);
    }
    // The administrator's one sign-in: with the passkey (the enrolment opened no sign-in of its own).
    const adminSignIns = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select('details')
        .where('event', '=', 'auth.sign_in')
        .where('actor_id', '=', admin.id)
        .orderBy('at')
        .orderBy('seq')
        .execute(),
    );
    expect(adminSignIns.map((r) => r.details)).toEqual([{ method: 'passkey' }]);
  });
});

describe('what the staff pages did in the browser', () => {
  it('no CSP violation, no script error, nothing from another origin', () => {
    const csp = logs.flatMap((l) => l.cspViolations);
    // Pages answered on purpose with 400/401/410 show up as console errors; nothing else may.
    const errors = logs.flatMap((l) => l.consoleErrors).filter((e) => !/status of (400|401|410)\b/.test(e));
    const offSite = logs.flatMap((l) => l.requests).filter((u) => !u.startsWith(`${site.base}/`));
    expect({ csp, errors, offSite, stopped: foreign.flat() }).toEqual({
      csp: [],
      errors: [],
      offSite: [],
      stopped: [],
    });
  });
});

describe('public pages after staff activity elsewhere', () => {
  it('set no cookie, store nothing, and the quick exit still leaves at once', async () => {
    const { context } = await newContext(site);
    contexts.push(context);
    const exits: string[] = [];
    await context.route(QUICK_EXIT_PATTERN, (route) => {
      exits.push(route.request().url());
      return route.fulfill({ body: 'neutral', contentType: 'text/html' });
    });
    const page = await context.newPage();
    for (const path of ['/de/', `/de/centres/${LEIPZIG_SERVICE_ID}`, '/de/search?q=04109']) {
      const res = await page.goto(`${site.base}${path}`);
      expect(res?.status(), path).toBe(200);
      expect((await res?.allHeaders())?.['set-cookie'], `Set-Cookie on ${path}`).toBeUndefined();
    }
    expect(
      await page.evaluate(() => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
      })),
    ).toEqual({ cookie: '', local: 0, session: 0 });
    expect(await context.cookies()).toEqual([]);
    await Promise.all([page.waitForURL(QUICK_EXIT_TARGET), page.click('#quick-exit')]);
    expect(exits).toEqual([QUICK_EXIT_TARGET]);
  });

  it('in the signed-in browser, public pages set no cookie either and scripts cannot read the session', async () => {
    const res = await leadPage.goto(`${site.base}/de/centres/${LEIPZIG_SERVICE_ID}`);
    expect((await res?.allHeaders())?.['set-cookie']).toBeUndefined();
    expect(await leadPage.evaluate(() => document.cookie)).toBe('');
  });

  it('signing out ends the session in the browser and on the server, and Back shows nothing from before', async () => {
    await leadPage.goto(`${site.base}/de/staff`);
    // Staff may be at risk too: the quick exit is on their pages as well.
    expect(await leadPage.locator('#quick-exit').count()).toBe(1);
    await submitAndWait(leadPage, () => leadPage.getByRole('button', { name: 'Abmelden' }).click());
    expect(new URL(leadPage.url()).pathname).toBe('/de/staff/sign-in');
    expect(await leadPage.context().cookies()).toEqual([]);
    // Pages are no-store: Back asks the server again instead of showing the signed-in page.
    await leadPage.goBack();
    expect(new URL(leadPage.url()).pathname, 'Back after sign-out').toBe('/de/staff/sign-in');
    expect(await leadPage.getByRole('button', { name: 'Abmelden' }).count()).toBe(0);
    const res = await leadPage.goto(`${site.base}/de/staff/entry`);
    expect(new URL(leadPage.url()).pathname, `after sign-out /de/staff/entry answered ${res?.status()}`).toBe(
      '/de/staff/sign-in',
    );
  });
});
