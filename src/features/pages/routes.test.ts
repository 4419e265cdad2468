import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { PAGE_PATHS } from './routes.ts';

const t = appForFile();

const PATHS = Object.keys(PAGE_PATHS);
const cases = PATHS.flatMap((p) => (['de', 'en'] as const).map((lang) => ({ path: `/${lang}/${p}`, lang })));

const get = (url: string) => t.app.inject({ method: 'GET', url });
const all = (html: string, re: RegExp) => [...html.matchAll(re)];

describe('static pages', () => {
  it('registers the five pages', () => {
    expect(PATHS.sort()).toEqual(['about', 'accessibility', 'leichte-sprache', 'privacy', 'safety']);
  });

  it.each(cases)('$path renders a complete, well-formed page', async ({ path, lang }) => {
    const res = await get(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
    expect(all(html, /<h1[\s>]/g)).toHaveLength(1);
    expect(html).toMatch(/<a [^>]*id="quick-exit"[^>]*>/);
    expect(html).toMatch(/<a class="skip" href="#quick-exit">/);
    expect(html).toMatch(/<a class="skip" href="#main">/);
    // Nothing is fetched from another origin, and no inline code or style (CSP).
    expect(html).not.toMatch(/\ssrc="(https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]+href="(https?:)?\/\//);
    expect(html).not.toMatch(/\sstyle=|<style|<script(?![^>]*\ssrc=)/);
    // External links leak no referrer.
    for (const [a] of all(html, /<a [^>]*href="https?:[^>]*>/g)) expect(a).toMatch(/rel="[^"]*noreferrer/);
    // No unfilled interpolation or stray markup from the messages.
    expect(html).not.toMatch(/\{\{|\]\(|\*\*|undefined|\bnull\b/);
    // Headings go down one level at a time.
    const levels = all(html, /<h([1-6])[\s>]/g).map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    // One round trip on a slow connection: well under 14 KB compressed.
    expect(gzipSync(html).length).toBeLessThan(14 * 1024);
  });

  it.each(PATHS)('/xx/%s is 404', async (p) => {
    expect((await get(`/xx/${p}`)).statusCode).toBe(404);
    expect((await get(`/DE/${p}`)).statusCode).toBe(404);
  });

  it('links between the pages lead to pages that exist', async () => {
    for (const { path, lang } of cases) {
      const main = /<main[\s\S]*<\/main>/.exec((await get(path)).body)![0];
      const targets = all(main, /href="(\/[a-z]{2}\/[a-z-]+)"/g).map((m) => m[1]!);
      for (const target of targets.filter((x) => PATHS.some((p) => x.endsWith(`/${p}`)))) {
        expect((await get(target)).statusCode, `${path} → ${target}`).toBe(200);
        expect(target.startsWith(`/${lang}/`), `${path} → ${target}`).toBe(true);
      }
    }
  });

  it('serves Leichte Sprache in German and an easy-read version in English', async () => {
    const de = (await get('/de/leichte-sprache')).body;
    expect(de).toContain('Fach·beratungs·stellen');
    expect(de).toContain('class="prose easy"');
    expect(de).toContain('href="tel:110"');
    const en = await get('/en/leichte-sprache');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('easy English');
  });

  it('never claims the site is completely safe, and explains the limits of the quick exit', async () => {
    const de = (await get('/de/safety')).body;
    expect(de).toContain('löscht Ihren Verlauf nicht');
    expect(de).toContain('keine Website völlig sicher');
    expect(de).toContain('Umschalttaste');
    const en = (await get('/en/safety')).body;
    expect(en).toContain('does not delete your history');
    expect(en).toContain('no website is completely safe');
  });

  it('names the licences and sources on the about page', async () => {
    const html = (await get('/de/about')).body;
    for (const s of [
      'EUPL-1.2',
      'GeoNames',
      'CC BY 4.0',
      'GeoBasis-DE / BKG',
      'dl-de/by-2-0',
      'Flucht &amp; Menschenhandel',
    ])
      expect(html).toContain(s);
  });

  it('gives the accessibility statement its required parts', async () => {
    const html = (await get('/de/accessibility')).body;
    for (const s of [
      'WCAG',
      'BITV 2.0',
      'teilweise vereinbar',
      'Gebärdensprache',
      'axe-core',
      'Koordinierungsstelle',
      'https://www.schlichtungsstelle-bgg.de/',
    ]) {
      expect(html).toContain(s);
    }
    expect(html).toMatch(/erstellt\./);
  });

  it('tells in the privacy notice where the quick exit leads', async () => {
    const html = (await get('/en/privacy')).body;
    expect(html).toContain(`leads to: ${new URL(t.config.quickExitUrl).host}`);
    expect(html).toContain('No cookies');
  });
});

describe('the language picker', () => {
  it('links every language to the same page, with the path escaped, never echoed as markup', async () => {
    const res = await get('/ar/safety?x="><b>x</b>&y=1');
    expect(res.statusCode).toBe(200);
    const list =
      /<ul aria-label="[^"]*">(.*?)<\/ul>/s.exec(res.body.slice(res.body.indexOf('class="lang"')))?.[1] ?? '';
    const links = all(
      list,
      /<li><a href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)"( aria-current="true")?>([^<]+)<\/a><\/li>/g,
    );
    expect(links).toHaveLength(14);
    expect(links.filter((m) => m[4])).toHaveLength(1);
    expect(links.find((m) => m[4])?.[3]).toBe('ar');
    for (const m of links) expect(m[1]).toMatch(/^\/[a-z]{2}\/safety\?x=(&quot;|%22)(&gt;|%3E)/);
    expect(res.body).not.toContain('"><b>x</b>');
  });
});
