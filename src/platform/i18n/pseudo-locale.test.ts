/**
 * A new language is a folder of files and one entry of configuration. This
 * test makes a pseudo-language `qps` (German with accents and longer words,
 * so untranslated text and cut-off layouts stand out) from the German
 * catalogues into a temporary folder, adds it to the offered languages, and
 * builds the app: /qps/ pages are served in it, with lang="qps", and the
 * completeness test holds for it. It translates only the public namespaces
 * and pages, as a new language would at first: the staff area is German, the
 * network's about page is German with a note, and every page says that the
 * translation awaits review (it has no state file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { FEATURES, registerMessages } from '../../app.ts';
import finderGerman from '../../features/finder/messages/de/finder.json' with { type: 'json' };
import layoutGerman from '../layout/messages/de/layout.json' with { type: 'json' };
import { KERNEL_NAMESPACES } from '../messages.ts';
import { catalogueGaps, type Messages } from './catalogues.ts';
import { LOCALES, type LocaleInfo } from './locales.ts';

const ACCENTS: Record<string, string> = { a: 'àà', e: 'éé', i: 'íí', o: 'öö', u: 'üü', A: 'Å', E: 'É', O: 'Ö', U: 'Ü' };

/**
 * German text as pseudo-text. Left alone: placeholders ({{name}}), link
 * targets ("](privacy)"), heading anchors ({#id}) and Markdown's own marks
 * at the start of a line, so the result still works as a catalogue.
 */
function pseudo(text: string): string {
  const kept = /(\{\{[^}]*\}\}|\]\([^)]*\)|\{#[^}]*\}|^(?:#{2,3} |- |\d+\. |title: |description: |---$))/gm;
  return text
    .split(kept)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[aeiouAEOU]/g, (c) => ACCENTS[c]!)))
    .join('');
}

const pseudoTree = (m: Messages): Messages =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? pseudo(v) : pseudoTree(v)]));

/** The language folder: every public namespace's German files, made pseudo. */
function makePseudoLanguage(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qps-'));
  for (const ns of [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])]) {
    if (ns.audience !== 'public') continue;
    const german = path.join(fileURLToPath(ns.dir), 'de');
    const messages = JSON.parse(fs.readFileSync(path.join(german, `${ns.name}.json`), 'utf8')) as Messages;
    fs.writeFileSync(path.join(folder, `${ns.name}.json`), JSON.stringify(pseudoTree(messages), null, 2));
    const pages = path.join(german, ns.name);
    if (!fs.existsSync(pages)) continue;
    fs.mkdirSync(path.join(folder, ns.name));
    for (const page of fs.readdirSync(pages)) {
      if ((ns.pageAudience?.[page.replace(/\.md$/, '')] ?? ns.audience) !== 'public') continue;
      fs.writeFileSync(path.join(folder, ns.name, page), pseudo(fs.readFileSync(path.join(pages, page), 'utf8')));
    }
  }
  return folder;
}

let folder: string;
let locales: Record<string, LocaleInfo>;
let t: TestApp;

beforeAll(async () => {
  folder = makePseudoLanguage();
  // The one entry of configuration.
  locales = { ...LOCALES, qps: { name: 'Pseudo', dir: 'ltr', htmlLang: 'qps', catalogues: folder } };
  t = await testApp({}, { locales });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ url });

describe('a pseudo-language added as a folder and one entry', () => {
  it('is complete as its entry declares (public namespaces)', () => {
    expect(catalogueGaps(registerMessages(FEATURES, locales), locales)).toEqual([]);
  });

  it('serves the help finder in it, marked lang="qps", with the language offered in the switch', async () => {
    const res = await get('/qps/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="qps" dir="ltr">');
    expect(res.body).toContain(`<h1>${pseudo(finderGerman.home.title)}</h1>`);
    expect(res.body).toContain('hreflang="qps"');
    const de = await get('/de/');
    expect(de.body).toContain('hreflang="qps"');
  });

  it('serves the text pages from its Markdown files', async () => {
    const res = await get('/qps/safety');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${pseudo('Sicher surfen')}</h1>`);
    expect(res.body).toContain(`<h2>${pseudo('Der Schnellausstieg')}</h2>`);
    // Link targets stay intact.
    expect((await get('/qps/privacy')).body).toContain('href="/qps/safety"');
  });

  it('pluralises and interpolates in it', async () => {
    const res = await get('/qps/search?q=04109');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      new RegExp(`\\d+ ${pseudo('Beratungsstellen im Umkreis von')} 50 km ${pseudo('um')} 04109`),
    );
  });

  it('sends the staff area, which it does not translate, to German', async () => {
    const res = await get('/qps/staff/sign-in?next=%2Fstaff');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/de/staff/sign-in?next=%2Fstaff');
    const german = await get('/de/staff/sign-in');
    expect(german.statusCode).toBe(200);
    expect(german.body).toContain('<html lang="de" dir="ltr">');
  });

  it('shows the network’s about page in German, marked lang="de", under a note in its own language', async () => {
    const res = await get('/qps/about');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="qps" dir="ltr">');
    expect(res.body).toContain(`<p class="fallback-note" role="note">${pseudo(layoutGerman.fallback.german)}</p>`);
    expect(res.body).toMatch(/<div lang="de" dir="ltr"><article class="prose"><h1>Über Schutznetz<\/h1>/);
    // Translated pages carry no such note.
    expect((await get('/qps/safety')).body).not.toContain('fallback-note');
  });

  it('says on every page that it awaits review, with the same page in German', async () => {
    for (const url of ['/qps/', '/qps/safety', '/qps/search?q=04109']) {
      const body = (await get(url)).body;
      expect(body).toContain(
        `<p class="translation-state" role="note">${pseudo(layoutGerman.translationState.machine)} `,
      );
      expect(body).toContain(
        `<a href="/de${url.slice(4)}" hreflang="de">${pseudo(layoutGerman.translationState.germanVersion)}</a>`,
      );
    }
    for (const url of ['/de/', '/en/safety']) expect((await get(url)).body).not.toContain('translation-state');
  });

  it('is not offered where the configuration does not name it', async () => {
    const plain = await testApp();
    try {
      expect((await plain.app.inject({ url: '/qps/' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
