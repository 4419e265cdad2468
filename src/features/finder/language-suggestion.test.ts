/**
 * The page language offered as a language filter: a plain link on the
 * search form and the results page, never applied, never preselected; not
 * on German pages, not where the search already filters by it, not where no
 * centre counsels in it. The app is built with Arabic, Dari/Farsi and
 * Russian, whose catalogues are copies of the German ones (what is tested is
 * the link, not the words).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory } from '../../../test/support/entries.ts';
import { FEATURES } from '../../app.ts';
import { LOCALES, type Locale, type LocaleInfo } from '../../platform/i18n/locales.ts';
import { KERNEL_NAMESPACES } from '../../platform/messages.ts';
import { languagesOfLocale } from './language-suggestion.ts';

function germanCopy(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-lang-'));
  for (const ns of [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])]) {
    if (ns.audience !== 'public') continue;
    const german = path.join(fileURLToPath(ns.dir), 'de');
    fs.copyFileSync(path.join(german, `${ns.name}.json`), path.join(folder, `${ns.name}.json`));
    const pages = path.join(german, ns.name);
    if (fs.existsSync(pages)) fs.cpSync(pages, path.join(folder, ns.name), { recursive: true });
  }
  return folder;
}
const folder = germanCopy();
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const locales: Record<string, LocaleInfo> = {
  ...LOCALES,
  ar: { name: 'العربية', dir: 'rtl', htmlLang: 'ar', catalogues: folder },
  fa: { name: 'فارسی', dir: 'rtl', htmlLang: 'fa', catalogues: folder },
  ru: { name: 'Русский', dir: 'ltr', htmlLang: 'ru', catalogues: folder },
};

// Arabic: Leipzig; Russian: Dresden; English and Tigrinya: the online service; Dari/Farsi: nobody.
const { leipzig, dresden, munich, online } = knownCentres();
const t = appForFile({}, { locales });
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, dresden, munich, online]);
  t.app.directory.invalidate();
});

const get = async (url: string) => (await t.app.inject({ url })).body;
const suggestion = (html: string) =>
  /<p class="language-suggestion"><a href="([^"]*)">([^<]*)<\/a><\/p>/.exec(html)?.slice(1) ?? [];
const amp = (s: string) => s.replaceAll('&', '&amp;');

describe('the page language as a suggested language filter', () => {
  it('offers Arabic on the Arabic search form as a link, and preselects nothing', async () => {
    const html = await get('/ar/');
    expect(suggestion(html)).toEqual(['/ar/search?lang=ar', 'Nur Stellen zeigen, die auf العربية beraten']);
    expect(html).toContain('<option value="ar">');
    expect(html).not.toMatch(/<option value="[a-z]+" selected>/);
  });

  it('offers it on the results page with the same search, the filter added', async () => {
    const html = await get('/ar/search?q=04109&tg=women');
    expect(suggestion(html)[0]).toBe(amp('/ar/search?q=04109&tg=women&lang=ar'));
    expect(html).not.toMatch(/<option value="ar" selected>/);
    // Once: the results page does not repeat it in its form.
    expect(html.match(/class="language-suggestion"/g)).toHaveLength(1);
    // Added to a filter by other languages, not in place of it.
    expect(suggestion(await get('/ar/search?q=04109&lang=ru'))[0]).toBe(amp('/ar/search?q=04109&lang=ru&lang=ar'));
  });

  it('is not offered where the search filters by the language already', async () => {
    const html = await get('/ar/search?q=04109&lang=ar');
    expect(suggestion(html)).toEqual([]);
    expect(html).toContain('<option value="ar" selected>');
  });

  it('leads to the centres counselling in it', async () => {
    const html = await get('/ar/search?lang=ar');
    expect(html).toContain('Leipzig Mitte');
    expect(html).not.toContain('München Beratung');
  });

  it('is never offered on German pages: German is the default counselling language', async () => {
    for (const url of ['/de/', '/de/search?q=04109', '/de/search?q=04109&tg=women'])
      expect(await get(url), url).not.toContain('language-suggestion');
  });

  it('offers English on English pages where a centre counsels in English', async () => {
    expect(suggestion(await get('/en/search?q=04109'))).toEqual([
      amp('/en/search?q=04109&lang=en'),
      'Only show centres that counsel in English',
    ]);
  });

  it('offers nothing when no centre counsels in the page language', async () => {
    expect(await get('/fa/')).not.toContain('language-suggestion');
    expect(await get('/fa/search?q=04109')).not.toContain('language-suggestion');
  });

  it('offers Russian on Russian pages', async () => {
    expect(suggestion(await get('/ru/search?q=01067'))[0]).toBe(amp('/ru/search?q=01067&lang=ru'));
  });
});

describe('languagesOfLocale', () => {
  it('maps a page language to the directory’s codes; Dari and Farsi share fa; German maps to nothing', () => {
    expect(['de', 'en', 'fa', 'ar', 'ti', 'zh', 'uk'].map((l) => languagesOfLocale(l as Locale))).toEqual([
      [],
      ['en'],
      ['fa'],
      ['ar'],
      ['ti'],
      ['zh'],
      ['uk'],
    ]);
    // A language the directory does not record offers nothing.
    expect(languagesOfLocale('qps' as Locale)).toEqual([]);
  });
});
