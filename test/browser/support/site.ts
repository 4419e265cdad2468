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

/** Start the app on a free port and launch Chromium, in parallel. */
export async function startSite(): Promise<Site> {
  const [t, browser] = await Promise.all([
    testApp(),
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
