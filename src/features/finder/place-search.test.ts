/** The place cases of the finder over HTTP: what people type resolves, and what does not says so. */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory } from '../../../test/support/entries.ts';

const { leipzig, munich, online } = knownCentres();

const t = appForFile();
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, munich, online]);
  t.app.directory.invalidate();
});

const get = (url: string) => t.app.inject({ url });
const h1 = (html: string) => /<h1>(.*?)<\/h1>/.exec(html)?.[1];

describe('place search over HTTP', () => {
  it.each([
    ['/en/search?q=Munich', 'Counselling centres near München'],
    ['/en/search?q=Cologne', 'Counselling centres near Köln'],
    ['/en/search?q=Nuremberg', 'Counselling centres near Nürnberg'],
    ['/de/search?q=Neuk%C3%B6lln', 'Beratungsstellen nahe Berlin Neukölln'],
    ['/de/search?q=Kreuzberg', 'Beratungsstellen nahe Berlin Kreuzberg'],
    ['/de/search?q=Berlin-Neuk%C3%B6lln', 'Beratungsstellen nahe Berlin Neukölln'],
    ['/de/search?q=Berlin+Kreuzberg', 'Beratungsstellen nahe Berlin Kreuzberg'],
    ['/de/search?q=Hamburg+Altona-Altstadt', 'Beratungsstellen nahe Hamburg Altona-Altstadt'],
    ['/de/search?q=Altona', 'Beratungsstellen nahe Hamburg Altona-Altstadt'],
    ['/de/search?q=1067', 'Beratungsstellen nahe 01067 Dresden'],
    ['/de/search?q=Frankfurt%2FMain', 'Beratungsstellen nahe Frankfurt am Main'],
    ['/de/search?q=Frankfurt+am+Main', 'Beratungsstellen nahe Frankfurt am Main'],
    ['/de/search?q=Frankfurt+a.+M.', 'Beratungsstellen nahe Frankfurt am Main'],
    ['/de/search?q=Frankfurt+(Oder)', 'Beratungsstellen nahe Frankfurt (Oder)'],
    ['/de/search?q=Frankfurt%2FOder', 'Beratungsstellen nahe Frankfurt (Oder)'],
  ])('%s → results near the place', async (url, heading) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(h1(res.body)).toBe(heading);
  });

  it('offers a typo’s likely place as a link and searches nothing by itself', async () => {
    const res = await get('/de/search?q=Dortmnd&tg=women');
    expect(res.statusCode).toBe(200);
    expect(h1(res.body)).toBe('Wir konnten den Ort „Dortmnd“ nicht finden');
    expect(res.body).toContain('Meinten Sie:');
    // The link keeps the filters and searches the suggested name.
    expect(res.body).toContain('<a href="/de/search?q=Dortmund&amp;tg=women">Dortmund – Nordrhein-Westfalen</a>');
    // Nothing was searched: no result list, no count.
    expect(res.body).not.toContain('class="results"');
    expect(res.body).not.toMatch(/Beratungsstellen? gefunden/);
  });

  it('asks which Neustadt, showing the state of each', async () => {
    const res = await get('/en/search?q=Neustadt');
    expect(h1(res.body)).toBe('Which “Neustadt” do you mean?');
    expect(res.body).toContain('Neustadt an der Weinstraße – Rhineland-Palatinate</a>');
    expect(res.body).toMatch(/>Neustadt \(Dosse\) – Brandenburg<\/a>/);
    // Each choice searches by the place's postcode, which names one place only.
    expect(res.body).toMatch(/href="\/en\/search\?q=\d{5}"/);
  });

  it('says which place it could not find, in the reader’s language, with states and helplines', async () => {
    for (const [url, heading] of [
      ['/en/search?q=Xyz', 'We could not find the place “Xyz”'],
      ['/de/search?q=Xyz', 'Wir konnten den Ort „Xyz“ nicht finden'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(h1(res.body)).toBe(heading);
      expect(res.body).not.toMatch(/Alle Beratungsstellen|All counselling centres/);
      // The state picker as links (keeping filters) and in the form.
      expect(res.body).toContain('search?state=DE-SN"');
      expect(res.body).toContain('<select id="state" name="state">');
      // The helplines, as call buttons.
      for (const tel of ['tel:110', 'tel:112', 'tel:116016', 'tel:116111', 'tel:08002255530', 'tel:08001239900'])
        expect(res.body).toContain(`class="call-button" href="${tel}"`);
    }
  });

  it('escapes what was typed', async () => {
    const res = await get('/en/search?q=%3Cscript%3Ex%3C%2Fscript%3E');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>x</script>');
    expect(res.body).toContain('“&lt;script>x&lt;/script>”');
  });

  it('asks for a place when none was given', async () => {
    const res = await get('/en/search?q=');
    expect(h1(res.body)).toBe('Where are you looking for help?');
    expect(res.body).not.toContain('All counselling centres');
  });

  it('still lists everything that fits the filters when no place is given', async () => {
    const res = await get('/en/search?tg=women');
    expect(h1(res.body)).toBe('All counselling centres');
    expect(res.body).toContain('class="results"');
  });

  it('keeps the failure pages and the home page within one round trip, without inline styles', async () => {
    for (const url of ['/de/search?q=Dortmnd', '/en/search?q=Neustadt', '/de/search?q=Xyz', '/de/', '/en/']) {
      const res = await get(url);
      const size = gzipSync(res.body).length;
      expect(size, `${url}: ${size} B gzipped`).toBeLessThan(14 * 1024);
      expect(res.body).not.toMatch(/\sstyle=|<style/);
      for (const [a] of res.body.matchAll(/<a [^>]*href="https?:[^>]*>/g)) expect(a).toMatch(/rel="[^"]*noreferrer/);
    }
  });
});
