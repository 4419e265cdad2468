/**
 * What a watched person's browser and network would reveal: every public page
 * must load only from the site's own origin (no fonts, tiles, CDNs, data:
 * URIs), leave no cookies or storage behind, and run without a single CSP
 * violation (no inline script or style="" slipping in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PAGES, type PublicPage } from './support/pages.ts';
import { watchPage } from './support/probes.ts';
import { newContext, startSite, type GuardedContext, type Site } from './support/site.ts';

let site: Site;
let guarded: GuardedContext;
beforeAll(async () => {
  site = await startSite();
  // One context for the whole walk, like one person's browser: cookies set
  // anywhere would still be there at the end.
  guarded = await newContext(site);
});
afterAll(async () => {
  await guarded?.context.close();
  await site?.close();
});

/** Everything wrong with one page load, as readable lines. */
async function pageProblems(p: PublicPage): Promise<string[]> {
  const problems: string[] = [];
  const page = await guarded.context.newPage();
  try {
    const log = await watchPage(page);
    const res = await page.goto(`${site.base}${p.path}`, { waitUntil: 'networkidle' });
    if (res?.status() !== p.status) problems.push(`status ${res?.status()}, expected ${p.status}`);
    const headers = res ? await res.allHeaders() : {};
    if (headers['set-cookie']) problems.push(`Set-Cookie ${headers['set-cookie']}`);
    const csp = headers['content-security-policy'] ?? '';
    if (!csp.includes("default-src 'none'") || csp.includes('unsafe-inline')) problems.push(`weak CSP "${csp}"`);

    for (const url of log.requests) {
      if (!url.startsWith(`${site.base}/`)) problems.push(`request to ${url.slice(0, 120)}`);
    }
    // What the page holds after loading: resources it fetched, and any data:
    // URI or off-site url() in markup or CSS (CSP would block them, but they
    // should not be there in the first place).
    const inPage = await page.evaluate(() => {
      const found: string[] = [];
      const offSite = /^\s*(data:|https?:|\/\/)/i;
      for (const e of performance.getEntriesByType('resource')) {
        if (!e.name.startsWith(location.origin + '/')) found.push(`resource ${e.name}`);
      }
      for (const el of document.querySelectorAll('[src],[href],[srcset],[poster],[data]')) {
        for (const attr of ['src', 'srcset', 'poster', 'data']) {
          const v = el.getAttribute(attr);
          if (v && offSite.test(v)) found.push(`<${el.localName} ${attr}="${v.slice(0, 60)}">`);
        }
        // Links may point elsewhere (tel:, mailto:, a centre's website); loaded resources may not.
        const href = el.getAttribute('href');
        if (href && el.localName !== 'a' && offSite.test(href))
          found.push(`<${el.localName} href="${href.slice(0, 60)}">`);
      }
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (/url\(\s*["']?\s*(data:|https?:|\/\/)/i.test(rule.cssText))
            found.push(`css ${rule.cssText.slice(0, 80)}`);
          if (/^@(import|font-face)/i.test(rule.cssText)) found.push(`css ${rule.cssText.slice(0, 80)}`);
        }
      }
      return found;
    });
    problems.push(...inPage);

    const store = await page.evaluate(() => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    if (store.cookie || store.local || store.session) problems.push(`stored ${JSON.stringify(store)}`);
    for (const v of log.cspViolations) problems.push(`CSP violation: ${v}`);
    for (const e of log.consoleErrors) {
      // The 404 page's own status shows up as a console error; that is expected.
      if (p.status === 404 && /status of 404/.test(e)) continue;
      problems.push(`console error: ${e}`);
    }
  } finally {
    await page.close();
  }
  return problems;
}

describe('privacy on every public page', () => {
  for (const p of PUBLIC_PAGES) {
    it(`${p.name}: only its own origin, no cookie, no storage, no CSP violation`, async () => {
      const problems = await pageProblems(p);
      expect(problems, `privacy problems on ${p.path}:\n${problems.join('\n')}`).toEqual([]);
    });
  }

  it('leaves no cookie in the browser after visiting all of them, and nothing left the origin', async () => {
    expect(await guarded.context.cookies()).toEqual([]);
    expect(guarded.foreign).toEqual([]);
  });

  it('keeps no trace of a search in storage or cookies (no "recent searches")', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/de/`);
      await page.getByLabel('Postleitzahl oder Ort').fill('04109');
      await Promise.all([
        page.waitForURL(/\/search\?/),
        page.getByRole('button', { name: 'Beratungsstellen finden' }).click(),
      ]);
      const res = await page.goto(`${site.base}/de/`);
      // Nothing pre-filled from an earlier search, and nothing to pre-fill from.
      expect(await page.inputValue('#q')).toBe('');
      expect(
        await page.evaluate(() => ({
          cookie: document.cookie,
          local: localStorage.length,
          session: sessionStorage.length,
        })),
      ).toEqual({
        cookie: '',
        local: 0,
        session: 0,
      });
      expect(await context.cookies()).toEqual([]);
      // Pages must not sit in a cache a shared device could reopen.
      expect((await res?.allHeaders())?.['cache-control']).toBe('no-store');
      // The form asks the browser not to remember what was typed.
      expect(await page.getAttribute('#q', 'autocomplete')).toBe('off');
    } finally {
      await context.close();
    }
  });
});
