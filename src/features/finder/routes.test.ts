import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory, testEntry } from '../../../test/support/entries.ts';

const { leipzig, halle, dresden, munich, online, closed } = knownCentres();

const t = appForFile();
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, halle, dresden, munich, online, closed]);
  t.app.directory.invalidate();
});

const get = (url: string) => t.app.inject({ url });
const names = (html: string) =>
  [...html.matchAll(/<h3><a href="\/\w\w\/centres\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('search by postcode or place', () => {
  it('lists services reachable from anywhere first, then the centres nearest first, with distances', async () => {
    const res = await get('/de/search?q=04109');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Beratungsstellen nahe 04109 Leipzig');
    expect(names(res.body)).toEqual([
      'Online bundesweit',
      'Leipzig Mitte',
      'Halle Süd',
      'Dresden Schutzhaus',
      'München Beratung',
    ]);
    const km = [...res.body.matchAll(/([\d.,]+) km entfernt/g)].map((m) =>
      Number(m[1]!.replace('.', '').replace(',', '.')),
    );
    expect(km).toHaveLength(4);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    // Each count says what it counts.
    expect(res.body).toContain('1 Angebot, das Sie von überall aus nutzen können.');
    expect(res.body).toContain(
      '2 Beratungsstellen im Umkreis von 50 km um 04109 Leipzig. Dazu die 2 nächsten in größerer Entfernung.',
    );
    expect(res.body).not.toContain('gefunden');
    expect(res.body).not.toContain('Geschlossen Leipzig');
  });

  it('marks a centre responsible for the searched state', async () => {
    const res = await get('/en/search?q=Leipzig');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Covers all of Saxony');
    expect(res.body).toContain('Available nationwide');
  });

  it('combines filters and keeps them in the form', async () => {
    const res = await get('/de/search?q=04109&lang=ar');
    expect(names(res.body)).toEqual(['Leipzig Mitte']);
    expect(res.body).toMatch(/<option value="ar" selected/);
    const both = await get('/de/search?q=04109&tg=minors&ex=labour');
    expect(names(both.body)).toEqual(['Halle Süd']);
  });

  it('suggests dropping the narrowest filter on an empty result and shows the helplines', async () => {
    const res = await get('/de/search?q=04109&lang=ti&acc=step_free');
    expect(res.statusCode).toBe(200);
    expect(names(res.body)).toEqual([]);
    expect(res.body).toContain('Keine Beratungsstelle passt');
    // Without "step-free" the Tigrinya online service is found; without Tigrinya the Munich one: both give 1.
    expect(res.body).toMatch(/Ohne „(Tigrinya|Stufenloser Zugang)“ gibt es 1 Treffer/);
    expect(res.body).toContain('href="tel:116016"');
    expect(res.body).toContain('href="tel:110"');
  });

  it('an unknown postcode gets a clear message and the state picker', async () => {
    const res = await get('/de/search?q=00000');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Wir konnten die Postleitzahl „00000“ nicht finden</h1>');
    expect(res.body).toContain('<select id="state" name="state">');
    expect(res.body).toContain('href="tel:116016"');
  });

  it('an ambiguous place name asks which one, with each candidate’s state', async () => {
    const res = await get('/de/search?q=Frankfurt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Welches „Frankfurt“ meinen Sie?</h1>');
    expect(res.body).toContain('>Frankfurt am Main – Hessen</a>');
    expect(res.body).toContain('>Frankfurt (Oder) – Brandenburg</a>');
  });

  it('searching by state lists centres located there and those responsible for it', async () => {
    const res = await get('/de/search?state=DE-SN');
    expect(names(res.body)).toEqual(['Online bundesweit', 'Dresden Schutzhaus', 'Leipzig Mitte']);
    expect(res.body).toContain('2 Beratungsstellen in Sachsen oder für ganz Sachsen zuständig.');
  });

  it('pages through long results', async () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      testEntry({ name: `Stelle ${String(i).padStart(2, '0')}`, postcode: '10117' }),
    );
    await replaceDirectory(t.database, many);
    t.app.directory.invalidate();
    const p1 = await get('/de/search?q=10117');
    expect(names(p1.body)).toHaveLength(10);
    expect(p1.body).toContain('Angezeigt: 1–10');
    expect(p1.body).toContain('23 Beratungsstellen im Umkreis von 50 km um 10117 Berlin.');
    expect(p1.body).toMatch(/<a href="\/de\/search\?q=10117&amp;page=2">Weitere Beratungsstellen anzeigen<\/a>/);
    const p3 = await get('/de/search?q=10117&page=3');
    expect(names(p3.body)).toHaveLength(3);
    expect(p3.body).toContain('Vorherige Seite');
    await replaceDirectory(t.database, [leipzig, halle, dresden, munich, online, closed]);
    t.app.directory.invalidate();
  });
});

describe('bad input', () => {
  it.each([
    ['/de/search?q=04109&page=abc', /page/],
    ['/de/search?q=04109&page=0', /page/],
    ['/de/search?tg=everyone', /unknown target group/],
    ['/de/search?lang=xx', /unknown language/],
    ['/de/search?state=DE-XX', /unknown federal state/],
    [`/de/search?q=${'9'.repeat(101)}`, /too long/],
  ])('%s → 400 with a message', async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(message);
    expect(res.body).toContain('id="quick-exit"');
  });

  it('ignores unknown parameters such as tracking tags', async () => {
    expect((await get('/de/search?q=04109&utm_source=x')).statusCode).toBe(200);
  });
});

describe('centre page', () => {
  it('shows what a person needs to get in touch', async () => {
    const res = await get(`/de/centres/${leipzig.service.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Leipzig Mitte');
    expect(res.body).toContain('href="tel:+493023125001"');
    expect(res.body).toContain('Teststraße 1');
    expect(res.body).toContain('<span class="hours-days">Mo, Mi</span> 9–16 Uhr');
    expect(res.body).toContain('Arabisch');
    expect(res.body).toContain('15. Januar 2026');
  });

  it('never shows a protected street address', async () => {
    const res = await get(`/en/centres/${dresden.service.id}`);
    expect(res.body).toContain('Address kept confidential');
    expect(res.body).toContain('<span dir="ltr">01067</span> Dresden');
    expect(res.body).not.toContain('Teststraße');
  });

  it('an unknown or malformed id is a plain 404', async () => {
    expect((await get('/de/centres/6f1c8d4e-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/de/centres/1%27%20OR%201=1')).statusCode).toBe(404);
  });
});

describe('states', () => {
  it('lists all 16 states with counts and a page per state', async () => {
    const res = await get('/en/states');
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/href="\/en\/states\/[a-z-]+"/g)!.length).toBeGreaterThanOrEqual(16);
    const sn = await get('/en/states/sachsen');
    expect(sn.statusCode).toBe(200);
    expect(sn.body).toContain('Counselling centres in Saxony');
    expect(names(sn.body)).toEqual(['Dresden Schutzhaus', 'Leipzig Mitte', 'Online bundesweit']);
    expect((await get('/en/states/atlantis')).statusCode).toBe(404);
  });
});

describe('demo banner', () => {
  it('appears on every page while demo content is loaded, and only then', async () => {
    expect((await get('/de/')).body).not.toContain('class="demo-banner"');
    const demo = testEntry({ name: 'Demo', service: { is_demo: true } });
    await replaceDirectory(t.database, [leipzig, demo]);
    t.app.directory.invalidate();
    for (const url of ['/de/', '/en/search?q=04109', `/de/centres/${demo.service.id}`, '/de/states', '/de/nope']) {
      expect((await get(url)).body, url).toContain('class="demo-banner"');
    }
    expect((await get(`/de/centres/${demo.service.id}`)).body).toContain('erfundener Beispieleintrag');
    await replaceDirectory(t.database, [leipzig, halle, dresden, munich, online, closed]);
    t.app.directory.invalidate();
  });
});
