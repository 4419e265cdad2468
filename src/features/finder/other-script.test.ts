/**
 * A place typed in another script over HTTP, on pages in that language: the
 * exonym tables find the larger cities; a name no table knows gets the hint
 * to search by postcode or state in the page's language, without a spelling
 * hint and without Latin "Did you mean" names. Latin queries keep their
 * hints. The languages are built from their own catalogue files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory } from '../../../test/support/entries.ts';
import { LOCALES, type LocaleInfo } from '../../platform/i18n/locales.ts';

const locales: Record<string, LocaleInfo> = {
  ...LOCALES,
  ar: { name: 'العربية', dir: 'rtl', htmlLang: 'ar' },
  ru: { name: 'Русский', dir: 'ltr', htmlLang: 'ru' },
  uk: { name: 'Українська', dir: 'ltr', htmlLang: 'uk' },
  ti: { name: 'ትግርኛ', dir: 'ltr', htmlLang: 'ti' },
  zh: { name: '中文', dir: 'ltr', htmlLang: 'zh-Hans' },
};

const { leipzig, munich } = knownCentres();

const t = appForFile({}, { locales });
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, munich]);
  t.app.directory.invalidate();
});

const get = (url: string) => t.app.inject({ url });
const q = (s: string) => encodeURIComponent(s);
const h1 = (html: string) => /<h1>(.*?)<\/h1>/.exec(html)?.[1];

describe('a place name in another script', () => {
  it.each([
    ['ar', 'برلين', 'Berlin'],
    ['ar', 'بَرلين', 'Berlin'],
    ['ru', 'Берлин', 'Berlin'],
    ['uk', 'Мюнхен', 'München'],
    ['zh', '柏林', 'Berlin'],
    ['ti', 'በርሊን', 'Berlin'],
  ])('/%s: “%s” finds %s', async (lang, query, place) => {
    const res = await get(`/${lang}/search?q=${q(query)}`);
    expect(res.statusCode).toBe(200);
    // The results near the place, not the page for a place that was not found.
    expect(res.body).not.toContain('<div class="notice warn" role="alert">');
    expect(h1(res.body)).toContain(place);
  });

  it.each([
    ['ar', 'قرية لا نعرفها', 'لا نستطيع العثور على اسم المكان هذا بهذه الكتابة'],
    ['ru', 'Неизвестный городок', 'Мы не можем найти это название места'],
    ['ti', 'ዘይፍለጥ ዓዲ', 'ነዚ ስም ቦታ ብእዚ ፊደል ክንረኽቦ ኣይንኽእልን'],
    ['zh', '不存在的小镇', '这种文字写的地名我们找不到'],
    ['en', 'قرية لا نعرفها', 'We cannot find this place name in this script.'],
    ['de', 'Неизвестный городок', 'Diesen Ortsnamen können wir in dieser Schrift nicht finden.'],
  ])('/%s: “%s” gets the hint to search by postcode or state, in the page’s language', async (lang, query, hint) => {
    const res = await get(`/${lang}/search?q=${q(query)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(hint);
    expect(res.body).not.toContain('class="place-choices"');
    expect(res.body).toContain(`href="/${lang}/search?state=DE-BE"`);
    if (lang === 'en') expect(res.body).not.toContain('check the spelling');
    if (lang === 'de') expect(res.body).not.toContain('Schreibweise');
  });

  it('suggests the exonym in the reader’s script for a slip, never the Latin name', async () => {
    // "دورتمند" lacks one letter of the Arabic exonym "دورتموند".
    const res = await get(`/ar/search?q=${q('دورتمند')}`);
    expect(res.body).toContain('لا نستطيع العثور على اسم المكان هذا بهذه الكتابة');
    const choices = /<ul class="place-choices">(.*?)<\/ul>/s.exec(res.body)?.[1] ?? '';
    expect(choices).toContain(`href="/ar/search?q=${q('دورتموند')}"`);
    expect(choices).toContain('>دورتموند – ');
    expect(choices).not.toContain('Dortmund');
  });

  it('reads a postcode in Arabic-Indic or Persian digits', async () => {
    for (const digits of ['٠٤١٠٩', '۰۴۱۰۹']) {
      const res = await get(`/en/search?q=${q(digits)}`);
      expect(h1(res.body), digits).toBe('Counselling centres near 04109 Leipzig');
    }
  });

  it('leaves Latin queries as they were: the spelling hint and Latin suggestions', async () => {
    const res = await get('/en/search?q=Dortmnd');
    expect(res.body).toContain('Please check the spelling');
    expect(res.body).toContain('Did you mean:');
    expect(res.body).toContain('Dortmund – ');
    expect(res.body).not.toContain('in this script');
  });
});
