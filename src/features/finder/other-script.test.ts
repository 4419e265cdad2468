/**
 * A place typed in another script over HTTP: when no exonym knows it, the
 * page says so in the page's language and points to the postcode and the
 * states, without a spelling hint and without Latin "Did you mean" names.
 * Latin queries keep their hints. (Which names in other scripts are found is
 * tested on the place index, src/features/geo/otherScripts.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory } from '../../../test/support/entries.ts';

const { leipzig, munich } = knownCentres();

const t = appForFile();
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, munich]);
  t.app.directory.invalidate();
});

const get = (url: string) => t.app.inject({ url });
const q = (s: string) => encodeURIComponent(s);

describe('a place name in another script', () => {
  it.each([
    ['en', 'قرية لا نعرفها', 'We cannot find this place name in this script.'],
    ['de', 'Неизвестный городок', 'Diesen Ortsnamen können wir in dieser Schrift nicht finden.'],
    ['en', 'ዘይፍለጥ ዓዲ', 'We cannot find this place name in this script.'],
    ['en', '不存在的小镇', 'We cannot find this place name in this script.'],
  ])('/%s: “%s” gets the hint to search by postcode or state', async (lang, query, hint) => {
    const res = await get(`/${lang}/search?q=${q(query)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(hint);
    // No spelling hint, no Latin suggestion, the states to choose from.
    expect(res.body).not.toContain(lang === 'de' ? 'Schreibweise' : 'check the spelling');
    expect(res.body).not.toContain(lang === 'de' ? 'Meinten Sie' : 'Did you mean');
    expect(res.body).toContain(`href="/${lang}/search?state=DE-BE"`);
  });

  it('suggests no Latin name for an Arabic query of a Latin name’s length', async () => {
    // "Dortmnd" gets Dortmund; the same number of Arabic letters gets nothing Latin.
    const res = await get(`/en/search?q=${q('دورتمند')}`);
    expect(res.body).toContain('We cannot find this place name in this script.');
    expect(res.body).not.toContain('Did you mean');
    expect(res.body).not.toContain('Dortmund');
  });

  it('reads a postcode in Arabic-Indic or Persian digits', async () => {
    for (const digits of ['٠٤١٠٩', '۰۴۱۰۹']) {
      const res = await get(`/en/search?q=${q(digits)}`);
      expect(/<h1>(.*?)<\/h1>/.exec(res.body)?.[1], digits).toBe('Counselling centres near 04109 Leipzig');
    }
  });

  it('leaves Latin queries as they were: the spelling hint and Latin suggestions', async () => {
    const res = await get('/en/search?q=Dortmnd');
    expect(res.body).toContain('Please check the spelling');
    expect(res.body).toContain('Did you mean:');
    expect(res.body).not.toContain('in this script');
  });
});
