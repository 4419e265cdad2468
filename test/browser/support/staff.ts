/**
 * Helpers for browser tests of the staff area: a server whose public origin
 * is the address Chromium really uses (the CSRF check compares the browser's
 * Origin header with it, and invitation links are built from it), an
 * authenticator that hands out each TOTP step once, Chromium's virtual
 * WebAuthn authenticator for passkeys, and the sign-in steps a person would
 * take.
 */
import net from 'node:net';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { derivedId } from '../../../src/features/directory/derived-id.ts';
import { DEMO_NAMESPACE } from '../../../src/features/demo/entries.ts';
import { demoCentreId } from '../../../src/features/demo/network.ts';
import { withScope } from '../../../src/platform/db/tenant.ts';
import { generateTotp, TOTP_PERIOD_SECONDS, TOTP_WINDOW_STEPS, totpStep } from '../../../src/platform/security/totp.ts';
import type { Clock } from '../../../src/app.ts';
import { testApp } from '../../support/app.ts';
import { createUser, type CreateUserOptions, type TestUser } from '../../support/auth.ts';
import { formatViolations, runAxe, type AxeViolation } from './probes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, newContext, type Site } from './site.ts';

/** The demo centre in Leipzig: its tenant id and the directory entry it maintains. */
export const LEIPZIG_CENTRE_ID = demoCentreId('leipzig');
export const LEIPZIG_SERVICE_ID = derivedId(DEMO_NAMESPACE, 'service:leipzig');

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Like startSite(), but PUBLIC_ORIGIN is the origin the browser uses, so
 * staff forms can pass the Origin check and invitation links point here.
 * `clock` replaces the server's time source (see `laterClock`).
 * `localhost` as in the app's default origin (Chromium keeps the Secure
 * `__Host-` cookie over plain HTTP for loopback hosts). The port is chosen
 * before the app is built (its config needs it), so a port taken in between
 * is retried.
 */
export async function startStaffSite(opts: { clock?: Clock } = {}): Promise<Site> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      const base = `http://localhost:${port}`;
      const t = await testApp({ PUBLIC_ORIGIN: base }, opts.clock ? { clock: opts.clock } : {});
      try {
        await t.app.listen({ port, host: '127.0.0.1' });
      } catch (err) {
        await t.close();
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
        throw err;
      }
      return {
        base,
        testApp: t,
        browser,
        close: async () => {
          await browser.close().catch(() => undefined);
          await t.close();
        },
      };
    }
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The server's clock for a walk that needs time to pass (a re-authentication
 * going stale, a retention period): it runs with the wall clock, so sessions
 * and one-time codes behave as for a person, and `advance` jumps it ahead.
 * An Authenticator given `clock.now` computes its codes on the same time.
 */
export function laterClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/**
 * What an authenticator app does with a secret, plus the one thing a test
 * must remember that a person does not: each time step's code works once.
 * `code()` returns the current step's code, or the next step's (the server
 * accepts ±1 step) when the current one is used; only when both are used
 * does it wait for the clock, at most one step.
 */
export class Authenticator {
  private lastStep = -Infinity;
  /** `now`: the server's time, when its clock is not the wall clock (`laterClock`). */
  constructor(
    readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A code the server has not seen yet. */
  async code(): Promise<string> {
    for (;;) {
      const now = this.now().getTime();
      const step = Math.max(totpStep(now), this.lastStep + 1);
      if (step <= totpStep(now) + TOTP_WINDOW_STEPS) {
        this.lastStep = step;
        return generateTotp(this.secret, step * TOTP_PERIOD_SECONDS * 1000);
      }
      await sleep((totpStep(now) + 1) * TOTP_PERIOD_SECONDS * 1000 - now + 50);
    }
  }

  /** The code of the last step handed out (to try a replay). */
  lastCode(): string {
    return generateTotp(this.secret, this.lastStep * TOTP_PERIOD_SECONDS * 1000);
  }
}

/** The secret shown for manual entry on an enrolment page, without the grouping spaces. */
export async function secretFromPage(page: Page): Promise<string> {
  const text = (await page.locator('.totp-setup code.secret').textContent()) ?? '';
  const secret = text.replace(/\s+/g, '');
  expect(secret, 'the manual-entry secret on the enrolment page').toMatch(/^[A-Z2-7]{32}$/);
  return secret;
}

/** Click a submit control and wait for the page the POST leads to. */
export async function submitAndWait(page: Page, click: () => Promise<void>): Promise<number> {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()]);
  return res?.status() ?? 0;
}

/** Where the browser is and what the page says, for failure messages. */
export async function describePage(page: Page, status?: number): Promise<string> {
  const text = (
    (await page
      .locator('main')
      .textContent()
      .catch(() => '')) ?? ''
  )
    .replace(/\s+/g, ' ')
    .trim();
  return `${status === undefined ? '' : `status ${status}, `}${new URL(page.url()).pathname}: "${text.slice(0, 240)}"`;
}

/** The password step of the sign-in, as a person types it; lands on the second-factor page. */
export async function enterPassword(
  page: Page,
  base: string,
  email: string,
  password: string,
  lang = 'de',
): Promise<void> {
  await page.goto(`${base}/${lang}/staff/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  const status = await submitAndWait(page, () => page.locator('main form button[type=submit]').first().click());
  expect(new URL(page.url()).pathname, `password step: ${await describePage(page, status)}`).toBe(
    `/${lang}/staff/second-factor`,
  );
}

/** Type a TOTP code on the second-factor page and send it; returns the answer's status. */
export async function enterTotp(page: Page, code: string): Promise<number> {
  await page.locator('#code').fill(code);
  return submitAndWait(page, () => page.locator('form:has(#code) button[type=submit]').click());
}

/**
 * A passkey authenticator built into the browser, through the DevTools
 * protocol's WebAuthn domain: a platform authenticator (CTAP2, "internal")
 * that stores resident keys and verifies the user (as a fingerprint or PIN
 * would) without any prompt. It belongs to this page (tab) and survives its
 * navigations, like a laptop's built-in authenticator.
 */
export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly authenticatorId: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  /** The passkeys it holds: relying party, whether discoverable, how often used. */
  async credentials(): Promise<{ rpId: string | undefined; resident: boolean; signCount: number }[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.authenticatorId });
    return credentials.map((c) => ({ rpId: c.rpId, resident: c.isResidentCredential, signCount: c.signCount }));
  }
}

/**
 * On the passkey set-up page (an administrator signed in without a passkey):
 * name the passkey and add it with the page's own script; the browser ends
 * on the sign-in page, which asks for a sign-in with the new passkey.
 */
export async function addPasskeyOnSetupPage(page: Page, name: string): Promise<void> {
  expect(new URL(page.url()).pathname, `before adding a passkey: ${await describePage(page)}`).toMatch(
    /^\/(de|en)\/staff\/passkey-setup$/,
  );
  await page.getByLabel('Name des Passkeys').fill(name);
  await Promise.all([
    page.waitForURL(/\/staff\/sign-in\?passkey_added=1$/),
    page.getByRole('button', { name: 'Passkey hinzufügen' }).click(),
  ]);
}

/** Password, then "Confirm with a passkey" (the page's script asks the authenticator); ends on the staff start page. */
export async function signInWithPasskey(
  page: Page,
  base: string,
  user: { email: string; password: string },
  lang = 'de',
): Promise<void> {
  await enterPassword(page, base, user.email, user.password, lang);
  const button = page.getByRole('button', {
    name: lang === 'de' ? 'Mit Passkey bestätigen' : 'Confirm with a passkey',
  });
  await Promise.all([page.waitForURL(`${base}/${lang}/staff`), button.click()]);
  expect(await page.locator('h1').textContent(), `after the passkey: ${await describePage(page)}`).toContain(
    lang === 'de' ? 'Übersicht' : 'Overview',
  );
}

/** Both sign-in steps; ends on the staff start page. */
export async function signInInBrowser(
  page: Page,
  base: string,
  user: { email: string; password: string },
  auth: Authenticator,
  lang = 'de',
): Promise<void> {
  await enterPassword(page, base, user.email, user.password, lang);
  const status = await enterTotp(page, await auth.code());
  expect(`${status} ${new URL(page.url()).pathname}`, `second-factor step: ${await describePage(page, status)}`).toBe(
    `200 /${lang}/staff`,
  );
}

/**
 * A new staff account (password and authenticator app enrolled) signed in
 * by both steps in a browser context of its own, so several people can be
 * signed in side by side; ends on the staff start page. The caller closes
 * the context.
 */
export async function signedInStaff(
  site: Site,
  account: CreateUserOptions,
): Promise<{ user: TestUser; context: BrowserContext; page: Page }> {
  const user = await createUser(site.testApp.app, account);
  const { context } = await newContext(site);
  try {
    const page = await context.newPage();
    await signInInBrowser(page, site.base, user, new Authenticator(user.totpSecret!));
    return { user, context, page };
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}

/** The newest invitation link sent to `email`, read from the outbox table (as the owner role, like an operator). */
export async function invitationLinkFromOutbox(site: Site, email: string): Promise<string> {
  const row = await withScope(site.testApp.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('outbox_mail')
      .select(['body_text'])
      .where('recipient', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  );
  const link = row ? /https?:\/\/\S+\/staff\/invitation\/\S+/.exec(row.body_text)?.[0] : undefined;
  if (!link) throw new Error(`no invitation link in the outbox for ${email}`);
  return link;
}

/** The invitation link in a mail body as shown on the outbox page. */
export function invitationLinkIn(text: string, base: string): string | null {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}/(?:de|en)/staff/invitation/[A-Za-z0-9_-]+`).exec(text)?.[0] ?? null;
}

/**
 * Does the page scroll sideways (WCAG 1.4.10 Reflow)? Null when it fits;
 * otherwise its width and the outermost elements that stick out.
 */
async function horizontalOverflow(page: Page): Promise<string | null> {
  const o = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > width + 1 &&
          !el.closest('.skip') &&
          !el.parentElement?.closest('.table-scroll'),
      )
      .filter((el, _i, all) => !all.some((other) => other !== el && other.contains(el)))
      .slice(0, 3)
      .map(
        (el) =>
          `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${el.getAttribute('class')!.split(' ').join('.')}` : ''}> right=${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
  return o.scrollWidth > o.width ? `${o.scrollWidth}px wide at ${o.width}px; ${o.culprits.join(', ')}` : null;
}

/**
 * WCAG 1.4.10 Reflow for the page in the state it is in now (a form sent
 * back with errors included: the viewport narrows to 320 CSS px, nothing is
 * reloaded). The page must not scroll sideways. Data tables may, but only
 * inside a `.table-scroll` region (TableScroll.tsx), and every one that does
 * scroll must be usable without a mouse: a named region that Tab reaches,
 * shows a focus outline and scrolls with the arrow keys. `whileNarrow` runs
 * at 320 px too (axe: its scrollable-region rule only sees regions that
 * scroll). Returns the problems found; the viewport is restored.
 */
export async function reflowProblems(page: Page, whileNarrow?: () => Promise<void>): Promise<string[]> {
  const wide = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const problems: string[] = [];
    const overflow = await horizontalOverflow(page);
    if (overflow) problems.push(`the page scrolls sideways: ${overflow}`);
    const loose = await page
      .locator('main table')
      .evaluateAll((tables) => tables.filter((t) => !t.parentElement?.closest('.table-scroll')).length);
    if (loose) problems.push(`${loose} data table(s) outside a .table-scroll region`);
    const regions = page.locator('.table-scroll');
    for (let i = 0; i < (await regions.count()); i++) {
      const region = regions.nth(i);
      const facts = await region.evaluate((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        role: el.getAttribute('role'),
        name: (el.getAttribute('aria-label') ?? '').trim(),
        tabIndex: (el as HTMLElement).tabIndex,
      }));
      const which = `.table-scroll "${facts.name}"`;
      if (facts.role !== 'region' || !facts.name)
        problems.push(`${which}: role=${facts.role}, needs role=region and a name`);
      if (!facts.scrolls) continue;
      if (facts.tabIndex !== 0) {
        problems.push(`${which} scrolls but is not in the tab order (tabindex ${facts.tabIndex})`);
        continue;
      }
      // Reach it as a keyboard user does: from the control before it, with Tab.
      await region.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focus = await region.evaluate((el) => {
        const style = getComputedStyle(el);
        return {
          focused: document.activeElement === el,
          outline: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth),
        };
      });
      if (!focus.focused) {
        problems.push(`${which}: Tab does not reach it`);
        continue;
      }
      if (focus.outline === 'none' || focus.outlineWidth < 2)
        problems.push(`${which}: no visible focus outline (${focus.outline} ${focus.outlineWidth}px)`);
      await page.keyboard.press('ArrowRight');
      const scrolled = await region
        .evaluate(
          (el) =>
            new Promise<number>((resolve) => {
              const started = performance.now();
              const check = () =>
                el.scrollLeft > 0 || performance.now() - started > 1000
                  ? resolve(el.scrollLeft)
                  : requestAnimationFrame(check);
              check();
            }),
        )
        .catch(() => 0);
      if (scrolled <= 0) problems.push(`${which}: the arrow keys do not scroll it`);
      await region.evaluate((el) => {
        el.scrollLeft = 0;
        (el as HTMLElement).blur();
      });
    }
    if (whileNarrow) await whileNarrow();
    return problems;
  } finally {
    await page.setViewportSize(wide);
  }
}

/**
 * The page as it is now, without reloading it: zero axe violations at
 * desktop width; at 320 CSS px (a small phone, or 400 % zoom) no sideways
 * scrolling except inside a keyboard-usable table region (reflowProblems),
 * and zero axe violations again (a table region only scrolls, and so only
 * meets axe's scrollable-region rule, there). `where` names the page in the
 * failure messages; by default its path and query.
 */
export async function expectAccessible(page: Page, where?: string): Promise<void> {
  const url = new URL(page.url());
  const name = where ?? `${url.pathname}${url.search}`;
  const violations = await runAxe(page);
  expect(violations, `axe violations on ${name}:\n${formatViolations(violations)}`).toEqual([]);
  let narrow: AxeViolation[] = [];
  const reflow = await reflowProblems(page, async () => {
    narrow = await runAxe(page);
  });
  expect(reflow, `${name} at 320 CSS px (WCAG 1.4.10 Reflow):\n${reflow.join('\n')}`).toEqual([]);
  expect(narrow, `axe violations on ${name} at 320 CSS px:\n${formatViolations(narrow)}`).toEqual([]);
}
