/**
 * Quick exit, as someone being watched would use it: the button (with and
 * without JavaScript), Shift three times, and the skip link for assistive
 * technology. The neutral target is stubbed; nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { LEIPZIG_ID, PUBLIC_PAGES } from './support/pages.ts';
import { newContext, QUICK_EXIT_PATTERN, QUICK_EXIT_TARGET, startSite, type Site } from './support/site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** A context whose quick-exit target answers "neutral" and counts its visits. */
async function exitContext(options: { javaScriptEnabled?: boolean } = {}) {
  const { context } = await newContext(site, options);
  const exits: Request[] = [];
  await context.route(QUICK_EXIT_PATTERN, (route) => {
    exits.push(route.request());
    return route.fulfill({ body: 'neutral', contentType: 'text/html' });
  });
  const page = await context.newPage();
  return { context, page, exits };
}

type BlankState = { role: string | null; title: string; exiting: boolean; mainVisibility: string; covers: boolean };

const progress = (page: Page) => page.locator('.exit-progress').textContent();

/** Give a wrongly triggered exit time to happen before asserting that it did not. */
const settle = (page: Page) => page.waitForTimeout(400);

describe('quick exit button with JavaScript', () => {
  it('blanks the page first, then replaces it in history so Back does not return', async () => {
    const { context } = await newContext(site);
    try {
      const page = await context.newPage();
      // Hold the neutral page back so the blanked state can be observed.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const exits: Request[] = [];
      await context.route(QUICK_EXIT_PATTERN, async (route) => {
        exits.push(route.request());
        await held;
        await route.fulfill({ body: 'neutral', contentType: 'text/html' });
      });
      // While a navigation is pending Playwright cannot evaluate in the page,
      // so the page reports its own state the moment the overlay appears.
      let reportBlank!: (v: BlankState) => void;
      const blanked = new Promise<BlankState>((r) => (reportBlank = r));
      await page.exposeFunction('__reportBlank', (v: BlankState) => reportBlank(v));

      const home = `${site.base}/de/`;
      const centre = `${site.base}/de/centres/${LEIPZIG_ID}`;
      await page.goto(home);
      await page.goto(centre);
      const lengthBefore = await page.evaluate(() => history.length);
      await page.evaluate(() => {
        const report = (window as unknown as { __reportBlank(v: unknown): void }).__reportBlank;
        new MutationObserver((_m, obs) => {
          const overlay = document.querySelector('.exit-overlay');
          if (!overlay) return;
          obs.disconnect();
          const r = overlay.getBoundingClientRect();
          report({
            role: overlay.getAttribute('role'),
            title: document.title,
            exiting: document.documentElement.classList.contains('exiting'),
            mainVisibility: getComputedStyle(document.querySelector('main')!).visibility,
            covers: r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight,
          });
        }).observe(document.body, { childList: true });
      });

      await page.click('#quick-exit', { noWaitAfter: true });
      const state = await blanked;
      expect(state).toEqual({ role: 'alert', title: '', exiting: true, mainVisibility: 'hidden', covers: true });

      release();
      await page.waitForURL(QUICK_EXIT_TARGET);
      expect(await page.textContent('body')).toBe('neutral');
      // replace(), not assign(): the page left is no longer in history.
      expect(await page.evaluate(() => history.length)).toBe(lengthBefore);
      expect(
        exits[0]?.headers()['referer'],
        'the neutral site must not learn where the visitor came from',
      ).toBeUndefined();

      await page.goBack();
      expect(page.url(), 'Back must not return to the page that was left').not.toBe(centre);
      expect(page.url()).toBe(home);
    } finally {
      await context.close();
    }
  });
});

describe('quick exit by keyboard: Shift three times', () => {
  it('leaves after three Shift presses and announces the progress', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      const live = page.locator('.exit-progress');
      expect(await live.getAttribute('role')).toBe('status');
      expect(await live.getAttribute('aria-live')).toBe('polite');
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Umschalttaste: 1 von 3');
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Umschalttaste: 2 von 3');
      await Promise.all([page.waitForURL(QUICK_EXIT_TARGET), page.keyboard.press('Shift')]);
      expect(exits).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('announces the progress in English on English pages', async () => {
    const { context, page } = await exitContext();
    try {
      await page.goto(`${site.base}/en/`);
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Shift key: 1 of 3');
    } finally {
      await context.close();
    }
  });

  it('does not count Shift used as a modifier (Shift+A), and resets the count', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift+KeyA');
      expect(await progress(page)).toBe('');
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Umschalttaste: 1 von 3');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+KeyA');
      await settle(page);
      expect(page.url()).toBe(`${site.base}/de/`);
      expect(exits).toHaveLength(0);
    } finally {
      await context.close();
    }
  });

  it('typing capitals in the search field never leaves', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      await page.locator('#q').focus();
      for (const key of ['KeyL', 'KeyE', 'KeyI', 'KeyP']) await page.keyboard.press(`Shift+${key}`);
      await settle(page);
      expect(exits).toHaveLength(0);
      expect(await page.inputValue('#q')).toBe('LEIP');
    } finally {
      await context.close();
    }
  });

  it('does not count Shift held with Alt or Ctrl (switching keyboard layout)', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      for (const modifier of ['Alt', 'Control']) {
        await page.keyboard.down(modifier);
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
        await page.keyboard.up(modifier);
      }
      await settle(page);
      expect(exits).toHaveLength(0);
      expect(page.url()).toBe(`${site.base}/de/`);
    } finally {
      await context.close();
    }
  });

  it('two presses, then more than 5 seconds, then one press does not leave', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.clock.install();
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Umschalttaste: 2 von 3');
      await page.clock.fastForward(5_100);
      await page.keyboard.press('Shift');
      await settle(page);
      expect(exits).toHaveLength(0);
      expect(await progress(page)).toBe('Umschalttaste: 1 von 3');
      // The window slides: two more presses within five seconds do leave.
      await page.clock.fastForward(1_000);
      await page.keyboard.press('Shift');
      await Promise.all([page.waitForURL(QUICK_EXIT_TARGET), page.keyboard.press('Shift')]);
      expect(exits).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});

describe('quick exit after coming back', () => {
  it('a stale Shift count does not survive leaving and returning with Back', async () => {
    const { context, page, exits } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      expect(await progress(page)).toBe('Umschalttaste: 2 von 3');
      await Promise.all([
        page.waitForURL(/\/de\/states$/),
        page.getByRole('link', { name: 'Bundesländer' }).first().click(),
      ]);
      await page.goBack();
      expect(page.url()).toBe(`${site.base}/de/`);
      expect(await progress(page)).toBe('');
      expect(await page.locator('.exit-overlay').count()).toBe(0);
      // One press after returning is one press, not the third.
      await page.keyboard.press('Shift');
      await settle(page);
      expect(exits).toHaveLength(0);
      expect(await progress(page)).toBe('Umschalttaste: 1 von 3');
    } finally {
      await context.close();
    }
  });
});

describe('quick exit without JavaScript', () => {
  it('is a plain link to the neutral site that leaves without a referrer', async () => {
    const { context, page, exits } = await exitContext({ javaScriptEnabled: false });
    try {
      await page.goto(`${site.base}/de/search?q=04109`);
      const link = page.locator('#quick-exit');
      expect(await link.getAttribute('href')).toBe(QUICK_EXIT_TARGET);
      const rel = (await link.getAttribute('rel'))?.split(/\s+/) ?? [];
      expect(rel).toEqual(expect.arrayContaining(['nofollow', 'noreferrer']));
      expect(await link.textContent()).toBe('Seite schnell verlassen');
      // Large and at the top, where a person in a hurry finds it.
      const box = await link.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeLessThan(100);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await Promise.all([page.waitForURL(QUICK_EXIT_TARGET), link.click()]);
      expect(await page.textContent('body')).toBe('neutral');
      expect(exits).toHaveLength(1);
      expect(exits[0]?.headers()['referer']).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});

describe('quick exit on every public page', () => {
  it('each page opens with the skip link, then the quick exit link to the neutral site', async () => {
    const { context, page } = await exitContext({ javaScriptEnabled: false });
    try {
      const wrong: string[] = [];
      for (const p of PUBLIC_PAGES) {
        await page.goto(`${site.base}${p.path}`);
        const facts = await page.evaluate(() => {
          const first = document.body.firstElementChild;
          const exit = document.getElementById('quick-exit');
          const focusable = [
            ...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'),
          ].filter((el) => el.getAttribute('tabindex') !== '-1');
          return {
            firstIsSkip: first?.localName === 'a' && first.getAttribute('href') === '#quick-exit',
            exitHref: exit?.getAttribute('href') ?? null,
            exitRel: exit?.getAttribute('rel') ?? '',
            exitBeforeHeader: Boolean(
              exit &&
              document.querySelector('header') &&
              exit.compareDocumentPosition(document.querySelector('header')!) & Node.DOCUMENT_POSITION_FOLLOWING,
            ),
            firstFocusable: focusable[0]?.getAttribute('href') ?? null,
            scripts: [...document.scripts].map((sc) => sc.getAttribute('src') ?? '(inline)'),
          };
        });
        const problems = [
          facts.firstIsSkip ? '' : 'first element in <body> is not the skip link to #quick-exit',
          facts.exitHref === QUICK_EXIT_TARGET ? '' : `quick exit href ${facts.exitHref}`,
          /\bnofollow\b/.test(facts.exitRel) && /\bnoreferrer\b/.test(facts.exitRel)
            ? ''
            : `quick exit rel "${facts.exitRel}"`,
          facts.exitBeforeHeader ? '' : 'quick exit is not before the header',
          facts.firstFocusable === '#quick-exit' ? '' : `first focusable element is ${facts.firstFocusable}`,
          facts.scripts.some((src) => /\/assets\/quick-exit\.[0-9a-f]+\.js$/.test(src))
            ? ''
            : `quick-exit.js not loaded (scripts: ${facts.scripts.join(', ')})`,
        ].filter(Boolean);
        if (problems.length) wrong.push(`${p.path}: ${problems.join('; ')}`);
      }
      expect(wrong, `pages without a proper quick exit:\n${wrong.join('\n')}`).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('Shift shortcut hint', () => {
  it('is shown with JavaScript, where the shortcut works', async () => {
    const { context, page } = await exitContext();
    try {
      await page.goto(`${site.base}/de/`);
      expect(await page.locator('#quick-exit-hint').isVisible()).toBe(true);
      expect(await page.locator('#quick-exit-hint').textContent()).toMatch(/Umschalttaste/);
    } finally {
      await context.close();
    }
  });

  it('is not shown without JavaScript, where pressing Shift does nothing', async () => {
    const { context, page } = await exitContext({ javaScriptEnabled: false });
    try {
      await page.goto(`${site.base}/de/`);
      expect(
        await page.locator('#quick-exit-hint').isVisible(),
        'Layout.tsx should render <span id="quick-exit-hint" hidden>; quick-exit.js un-hides it',
      ).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe('skip link to the quick exit', () => {
  for (const [lang, text] of [
    ['de', /^Zum Schnellausstieg/],
    ['en', /^Skip to quick exit/],
  ] as const) {
    it(`is the first thing Tab reaches, and moves focus to the button (${lang})`, async () => {
      const { context, page } = await exitContext();
      try {
        await page.goto(`${site.base}/${lang}/states`);
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => {
          const el = document.activeElement as HTMLAnchorElement;
          const r = el.getBoundingClientRect();
          return {
            text: el.textContent ?? '',
            href: el.getAttribute('href'),
            visible: r.width > 0 && r.left >= 0 && r.top >= 0 && r.bottom <= innerHeight,
          };
        });
        expect(first.text).toMatch(text);
        expect(first.href).toBe('#quick-exit');
        expect(first.visible, 'the focused skip link must become visible').toBe(true);
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('quick-exit');
      } finally {
        await context.close();
      }
    });
  }
});
