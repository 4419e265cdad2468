/**
 * A real server plus a real Chromium for one browser test file.
 *
 * The browser is Debian's /usr/bin/chromium driven by playwright-core: no
 * browser download, no network. Every context gets a guard that answers
 * requests for the quick-exit target with a neutral stub and aborts anything
 * else that leaves the server's origin, recording it so privacy tests can
 * fail on it instead of the test machine contacting a third party.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { expect } from 'vitest';
import type { AppDeps } from '../../../src/app.ts';
import { isPublicRoute } from '../../../src/platform/http/route-kind.ts';
import { testApp, type TestApp } from '../../support/app.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const READING = new Set(['GET', 'HEAD']);

/** Default QUICK_EXIT_URL (config): the neutral site the quick exit leaves for. */
export const QUICK_EXIT_TARGET = 'https://www.dwd.de/';
export const QUICK_EXIT_PATTERN = 'https://www.dwd.de/**';

export type Site = {
  /** http://127.0.0.1:<port> — no trailing slash. */
  base: string;
  testApp: TestApp;
  browser: Browser;
  close(): Promise<void>;
};

/**
 * Start the app on a free port and launch Chromium, in parallel.
 *
 * This is the public site for reading public pages: files that use only it
 * run on one database (test/support/test-sets.ts, ADR 019). What the
 * database gives these pages is checked on both databases by their HTTP
 * tests; what the browser adds (scripts, focus, layout, privacy) does not
 * depend on it. So the site records every request that is more than reading
 * a public page — a route that is not public (the staff area), or a method
 * other than GET/HEAD (a form that writes) — and close() fails the file that
 * made one. `locales` serves another list of languages (a test language).
 */
export async function startSite(opts: { locales?: AppDeps['locales'] } = {}): Promise<Site> {
  const refused: string[] = [];
  const [t, browser] = await Promise.all([
    testApp(
      {},
      {
        ...(opts.locales ? { locales: opts.locales } : {}),
        beforeReady: (app) =>
          app.addHook('onRequest', async (req) => {
            if (!isPublicRoute(req) || !READING.has(req.method)) refused.push(`${req.method} ${req.url}`);
          }),
      },
    ),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true }),
  ]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not report a TCP address');
  return {
    base: `http://127.0.0.1:${address.port}`,
    testApp: t,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await t.close();
      if (refused.length > 0)
        throw new Error(
          `${expect.getState().testPath ?? 'This browser test'} did more than read public pages through the public site ` +
            `(${[...new Set(refused)].join(', ')}). Flows that sign in or write depend on the database: ` +
            'start the server with startStaffSite() from support/staff.ts, so the file runs on both databases.',
        );
    },
  };
}

export type GuardedContext = {
  context: BrowserContext;
  /** Every request the guard stopped because it left the server's origin. */
  foreign: string[];
};

/**
 * A fresh context (own cookies, storage, history) that never reaches the
 * internet. German browser locale by default, like most users.
 */
export async function newContext(site: Site, options: BrowserContextOptions = {}): Promise<GuardedContext> {
  const context = await site.browser.newContext({
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const foreign: string[] = [];
  await context.route(
    (url) => url.origin !== site.base,
    async (route) => {
      const url = route.request().url();
      if (url.startsWith(QUICK_EXIT_TARGET)) {
        await route.fulfill({ body: 'neutral', contentType: 'text/html' });
        return;
      }
      foreign.push(url);
      await route.abort('blockedbyclient');
    },
  );
  return { context, foreign };
}
