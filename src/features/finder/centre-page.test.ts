/**
 * The centre page as a person uses it: the contact card first, messenger
 * buttons, hours as people say them with "open now" by the (fake) clock in
 * German time, the age range, the centre's German texts marked on English
 * pages, and the way back to the same results — never anywhere else.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { fakeClock } from '../../../test/support/auth.ts';
import { replaceDirectory, testEntry } from '../../../test/support/entries.ts';
import type { DirectoryEntry } from '../directory/entry.ts';

// Wednesday 7 January 2026, 9:30 in Berlin (CET).
const clock = fakeClock(new Date('2026-01-07T08:30:00Z'));
const t = appForFile({}, { clock });

const youth = testEntry({
  name: 'Jugendberatung Leipzig',
  postcode: '04109',
  targetGroups: ['minors'],
  service: {
    minimum_age: 14,
    maximum_age: 27,
    description: 'Wir beraten junge Menschen vertraulich.',
    application_process: 'Rufen Sie an oder schreiben Sie uns.',
  },
  schedules: [
    {
      id: randomUUID(),
      byday: ['MO', 'TU', 'WE', 'TH', 'FR'],
      opens_at: '09:00',
      closes_at: '12:00',
      description: null,
    },
    { id: randomUUID(), byday: ['MO', 'TU', 'WE', 'TH'], opens_at: '13:00', closes_at: '17:00', description: null },
    { id: randomUUID(), byday: ['FR'], opens_at: '13:00', closes_at: '15:30', description: 'nur nach Absprache' },
  ],
});
const adults = testEntry({ name: 'Erwachsene', postcode: '04109', service: { minimum_age: 18 } });
const young = testEntry({ name: 'Bis 21', postcode: '04109', service: { maximum_age: 21 } });

const get = (url: string) => t.app.inject({ url });
/** The page's own content (the language switch repeats the address, encoded, as a link to the same page). */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const page = (id: string, lang = 'de', query = '') => get(`/${lang}/centres/${id}${query}`);

beforeAll(async () => {
  await replaceDirectory(t.database, [youth, adults, young]);
  t.app.directory.invalidate();
  // Messenger contacts, as the data model offers them once its phone types include them.
  const entry = (await t.app.directory.get()).byId.get(youth.service.id)!;
  const messenger = (type: string, number: string): DirectoryEntry['phones'][number] => ({
    id: randomUUID(),
    number,
    type: type as DirectoryEntry['phones'][number]['type'],
    description: null,
    languages: [],
  });
  entry.phones.push(
    messenger('signal', '0151 23456789'),
    messenger('whatsapp', '+49 151 23456789'),
    messenger('telegram', '@jugendberatung_le'),
    messenger('threema', 'ABCD1234'),
    messenger('fax', '0341 99999'),
  );
});

describe('the contact card', () => {
  it('comes right after the name, before the description', async () => {
    const res = await page(youth.service.id);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    const h1 = body.indexOf('<h1>');
    const card = body.indexOf('class="contact-card"');
    const description = body.indexOf('<p>Wir beraten junge Menschen');
    expect(h1).toBeGreaterThan(0);
    expect(card).toBeGreaterThan(h1);
    expect(description).toBeGreaterThan(card);
    expect(body.indexOf('href="tel:+493023125001"')).toBeLessThan(description);
  });

  it('offers call, write, messengers and website as buttons; numbers never wrap', async () => {
    const { body } = await page(youth.service.id);
    expect(body).toContain(
      '<a class="contact-button call" href="tel:+493023125001"><span class="contact-kind">Anrufen</span> <span class="phone-number" dir="ltr">+49 30 23125 001</span></a>',
    );
    expect(body).toContain('class="contact-button write" href="mailto:info@example.org"');
    expect(body).toContain('href="https://signal.me/#p/+4915123456789"');
    expect(body).toContain('href="https://wa.me/4915123456789"');
    expect(body).toContain('href="https://t.me/jugendberatung_le"');
    expect(body).toContain('href="https://threema.id/ABCD1234"');
    expect(body).toContain('class="contact-button web" href="https://example.org/" rel="noreferrer nofollow"');
    // Fax is a number to read, not a button.
    expect(body).toContain('Fax: <span class="phone-number" dir="ltr">0341 99999</span>');
    expect(body).not.toContain('tel:034199999');
    expect(body).toContain('Messenger speichern Ihre Telefonnummer');
  });
});

describe('opening hours', () => {
  it('groups days, leaves out :00, keeps the centre’s notes, and says it is open now', async () => {
    const { body } = await page(youth.service.id);
    expect(body).toContain('<span class="hours-days">Mo–Do</span> 9–12 und 13–17 Uhr');
    expect(body).toContain(
      '<span class="hours-days">Fr</span> 9–12 und 13–15:30 Uhr (<span>nur nach Absprache</span>)',
    );
    expect(body).toContain('<p class="open-state open">Jetzt geöffnet, bis 12 Uhr</p>');
  });

  it('in English, in the 12-hour clock; the note marked as German', async () => {
    const { body } = await page(youth.service.id, 'en');
    expect(body).toContain('<span class="hours-days">Mon–Thu</span> 9 am–12 pm and 1 pm–5 pm');
    expect(body).toContain('(<span lang="de">nur nach Absprache</span>)');
    expect(body).toContain('Open now, until 12 pm');
  });

  it('after closing on Friday it names the day it opens again', async () => {
    clock.set(new Date('2026-01-09T15:00:00Z')); // Friday 16:00 CET
    expect((await page(youth.service.id)).body).toContain('Jetzt geschlossen, öffnet Mo um 9 Uhr');
    expect((await page(youth.service.id, 'en')).body).toContain('Closed now, opens Mon at 9 am');
    clock.set(new Date('2026-01-07T08:30:00Z'));
  });

  it('gives no open-now hint for an entry without hours', async () => {
    expect((await page(adults.service.id)).body).not.toContain('open-state');
  });
});

describe('who it is for', () => {
  it('shows the age range, the minimum or the maximum', async () => {
    expect((await page(youth.service.id)).body).toContain('für 14- bis 27-Jährige');
    expect((await page(youth.service.id, 'en')).body).toContain('for ages 14–27');
    expect((await page(adults.service.id, 'en')).body).toContain('from age 18');
    expect((await page(young.service.id, 'en')).body).toContain('up to age 21');
    expect((await page(adults.service.id)).body).toContain('ab 18 Jahren');
  });
});

describe('the centre’s own texts', () => {
  it('are marked as German on an English page, and not on a German one', async () => {
    const en = (await page(youth.service.id, 'en')).body;
    expect(en).toContain('<p lang="de">Wir beraten junge Menschen vertraulich.</p>');
    expect(en).toContain('<p lang="de">Rufen Sie an oder schreiben Sie uns.</p>');
    const de = (await page(youth.service.id)).body;
    expect(de).toContain('<p>Wir beraten junge Menschen vertraulich.</p>');
  });
});

describe('back to the same results', () => {
  it('result cards carry the search, and the centre page leads back to it', async () => {
    const results = await get('/de/search?q=04109&tg=minors');
    const href = /<h3><a href="([^"]+)">Jugendberatung Leipzig/.exec(results.body)?.[1];
    expect(href).toBe(
      `/de/centres/${youth.service.id}?from=${encodeURIComponent('/de/search?q=04109&amp;tg=minors').replace('%26amp%3B', '%26')}`,
    );
    const centre = await get(href!.replaceAll('&amp;', '&'));
    expect(centre.body).toContain('<a href="/de/search?q=04109&amp;tg=minors">Zurück zu den Suchergebnissen</a>');
    // The same way back in the other language.
    const en = await page(youth.service.id, 'en', `?from=${encodeURIComponent('/de/search?q=04109&tg=minors')}`);
    expect(en.body).toContain('<a href="/en/search?q=04109&amp;tg=minors">Back to the results</a>');
  });

  it('state pages are a way back too', async () => {
    const state = await get('/de/states/sachsen');
    expect(state.body).toContain(`/de/centres/${youth.service.id}?from=${encodeURIComponent('/de/states/sachsen')}`);
    const centre = await page(youth.service.id, 'de', `?from=${encodeURIComponent('/de/states/sachsen')}`);
    expect(centre.body).toContain('<a href="/de/states/sachsen">Zurück zu den Suchergebnissen</a>');
  });

  it.each([
    '//evil.example',
    'https://evil.example/de/search',
    '/\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/de/staff/users',
  ])('ignores from=%j and links to the home page', async (from) => {
    const res = await page(youth.service.id, 'de', `?from=${encodeURIComponent(from)}`);
    expect(res.statusCode).toBe(200);
    const main = mainOf(res.body);
    expect(main).toContain('<a href="/de/">Zur Startseite der Suche</a>');
    expect(main).not.toContain('evil.example');
    expect(main).not.toContain('javascript:');
    expect(main).not.toContain('/de/staff/users');
  });

  it('rebuilds the way back from its parts: a fragment or markup never comes back out', async () => {
    const res = await page(youth.service.id, 'de', `?from=${encodeURIComponent('/de/search?q=1#"><script>')}`);
    expect(mainOf(res.body)).toContain('<a href="/de/search?q=1">Zurück zu den Suchergebnissen</a>');
    expect(res.body).not.toContain('<script>');
  });

  it('a doubled parameter is ignored when its first value is no finder list, never an error', async () => {
    const res = await page(youth.service.id, 'de', '?from=%2F%2Fevil.example&from=%2Fde%2Fsearch%3Fq%3D1');
    expect(res.statusCode).toBe(200);
    expect(mainOf(res.body)).toContain('<a href="/de/">Zur Startseite der Suche</a>');
  });
});
