import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory } from '../../../test/support/entries.ts';
import { publishedGuide } from '../indicators/queries.ts';
import { createCentre, createUser } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { setEntryOwner } from '../directory/queries.ts';

const t = appForFile();

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
/** Text without markup, whitespace collapsed (entities as preact writes them). */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function published(kind: 'adults' | 'minors') {
  const g = await publishedGuide(t.database.db, kind);
  if (!g) throw new Error(`no published ${kind} guide`);
  return g;
}

describe('the page for professionals', () => {
  it('is linked in the main navigation of every public page', async () => {
    for (const url of ['/de/', '/en/safety', '/ar/states']) {
      const nav = /<nav [^>]*class="main-nav"[\s\S]*?<\/nav>/.exec((await get(url)).body)![0];
      expect(nav, url).toContain(`href="/${url.split('/')[1]}/professionals"`);
    }
  });

  it('names each rule with its source and links the guides and the referral', async () => {
    const res = await get('/de/professionals');
    expect(res.statusCode).toBe(200);
    const main = mainOf(res.body);
    const words = text(main);
    for (const source of [
      '§ 8a SGB VIII',
      '§ 42a SGB VIII',
      '§ 59 Abs. 7 AufenthG',
      'Richtlinie 2011/36/EU',
      'Richtlinie (EU) 2024/1712',
      '2013/32/EU',
      'Sonderbeauftragte',
    ])
      expect(words).toContain(source);
    expect(main).toContain('href="https://www.gesetze-im-internet.de/sgb_8/__8a.html"');
    expect(main).toContain('href="/de/professionals/guide/adults"');
    expect(main).toContain('href="/de/professionals/guide/minors"');
    expect(main).toContain('href="/de/referral/new"');
    expect(main).toContain('href="tel:110"');
    for (const level of ['Kontakt weitergeben', 'Vertraulich', 'Anonyme Fallberatung']) expect(words).toContain(level);
    for (const [a] of main.matchAll(/<a [^>]*href="https:[^>]*>/g)) expect(a).toContain('rel="noreferrer"');
  });

  it('in English is English throughout, and keeps English links', async () => {
    const main = mainOf((await get('/en/professionals')).body);
    expect(text(main)).toContain('Rules you need to know');
    expect(main).toContain('href="/en/professionals/guide/minors"');
    expect(main).not.toContain('lang="de"');
  });

  it('in a language without a translation shows the German text, marked, under a note in that language', async () => {
    const res = await get('/fr/professionals');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="fr"/);
    const main = mainOf(res.body);
    expect(main).toMatch(/class="fallback-note"/);
    expect(main).toMatch(/<div lang="de" dir="ltr">[\s\S]*Für Fachkräfte/);
    // The site's own links keep the reader's language.
    expect(main).toContain('href="/fr/professionals/guide/minors"');
  });
});

describe('the indicator guides', () => {
  it.each(['adults', 'minors'] as const)(
    '%s: every published indicator is a checkbox with its explanation and source',
    async (kind) => {
      const g = await published(kind);
      for (const lang of ['de', 'en'] as const) {
        const res = await get(`/${lang}/professionals/guide/${kind}`);
        expect(res.statusCode).toBe(200);
        const main = mainOf(res.body);
        const words = text(main);
        expect(main).toContain(`<form method="post" action="/${lang}/professionals/guide/${kind}"`);
        expect(words).toContain(g.content.framing[lang]!);
        for (const group of g.content.groups) {
          expect(main).toContain(`<legend>${group.title[lang]!}</legend>`);
          for (const ind of group.indicators) {
            expect(main).toMatch(
              new RegExp(`<input type="checkbox" name="observed" value="${ind.key}" id="ind-${ind.key}"`),
            );
            expect(main).toContain(`<label for="ind-${ind.key}">`);
            expect(words).toContain(ind.text[lang]!);
            expect(words).toContain(ind.explanation[lang]!);
            expect(words).toContain(ind.source);
          }
        }
        expect(main).toContain('name="place"');
        for (const f of ['sexual', 'labour', 'begging', 'forced_criminality', 'forced_marriage'])
          expect(main).toContain(`<option value="${f}"`);
      }
    },
  );

  it('an unknown guide is a 404', async () => {
    expect((await get('/de/professionals/guide/children')).statusCode).toBe(404);
  });
});

describe('the evaluation', () => {
  it('minors: framing, what was observed, no verdict, 110, the Jugendamt and the centres for place and form', async () => {
    const c = knownCentres();
    await replaceDirectory(t.database, Object.values(c));
    t.app.directory.invalidate();
    const g = await published('minors');
    const [first, second] = g.content.groups;
    const ticked = [first!.indicators[0]!, first!.indicators[1]!, second!.indicators[0]!];
    const send = () =>
      post('/de/professionals/guide/minors', { observed: ticked.map((i) => i.key), place: '04109', form: 'labour' });
    // A centre nobody staffs on the platform yet is offered by phone, without a referral form.
    const unstaffed = mainOf((await send()).body);
    expect(text(unstaffed)).toContain('Halle Süd');
    expect(unstaffed).not.toContain('action="/de/referral/new"');
    expect(text(unstaffed)).toContain('nimmt noch keine Vermittlungen über die Plattform an');
    // Once the centre has an active counsellor, the guide offers the referral.
    const halle = await createCentre(t.app, 'Halle Süd');
    await withScope(t.database.db, { kind: 'import' }, (trx) => setEntryOwner(trx, c.halle.service.id, halle));
    await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('centre').set({ service_id: c.halle.service.id }).where('id', '=', halle).execute(),
    );
    await createUser(t.app, { role: 'counsellor', centreId: halle });
    const res = await send();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    const main = mainOf(res.body);
    const words = text(main);
    // The framing first, then what was observed, by group.
    expect(words.indexOf(g.content.framing.de)).toBeGreaterThan(-1);
    expect(words.indexOf(g.content.framing.de)).toBeLessThan(words.indexOf('Was Sie beobachtet haben'));
    for (const i of ticked) expect(words).toContain(i.text.de);
    expect(words).not.toContain(second!.indicators[1]!.text.de);
    expect(words).toContain(`Mehrere Anzeichen im Bereich „${first!.title.de}“`);
    expect(words).toContain(`Ein Anzeichen im Bereich „${second!.title.de}“`);
    expect(words).toContain('keine Feststellung');
    expect(main).toMatch(/<a class="call" href="tel:110">/);
    expect(words).toContain('Jugendamt');
    expect(words).toContain('nie auf Ihren Verdacht an');
    // The centre for minors near Leipzig that counsels on labour exploitation, with the finder's link.
    expect(words).toContain('Halle Süd');
    expect(words).not.toContain('Leipzig Mitte');
    expect(main).toContain(`href="/de/centres/${c.halle.service.id}"`);
    expect(main).toMatch(/href="tel:\+493023125001"/);
    expect(main).toContain('href="/de/search?q=04109&amp;tg=minors&amp;ex=labour"');
    // The referral is a form the professional sends; the ticked keys are in its body, never in a URL.
    const referral = /<form method="post" action="\/de\/referral\/new">([\s\S]*?)<\/form>/.exec(main)![1]!;
    expect(referral).toContain(`name="centre" value="${c.halle.service.id}"`);
    expect(referral).toContain(`name="guide" value="${g.id}"`);
    expect(referral).toContain(`name="observed" value="${ticked.map((i) => i.key).join(',')}"`);
    for (const [, url] of main.matchAll(/(?:href|action)="([^"]*)"/g))
      for (const i of ticked) expect(url).not.toContain(i.key);
  });

  it('adults: no Jugendamt step, and says when no place was given', async () => {
    const g = await published('adults');
    const res = await post('/en/professionals/guide/adults', { observed: g.content.groups[0]!.indicators[0]!.key });
    expect(res.statusCode).toBe(200);
    const words = text(mainOf(res.body));
    expect(words).toContain(g.content.framing.en!);
    expect(words).toContain(`One sign in the area “${g.content.groups[0]!.title.en!}”`);
    expect(words).toContain('You did not enter a place');
    expect(words).not.toContain('Jugendamt');
  });

  it('nothing ticked: nothing can be derived, and still the way to a centre', async () => {
    const res = await post('/de/professionals/guide/adults', {});
    expect(res.statusCode).toBe(200);
    expect(text(mainOf(res.body))).toContain('Ohne Kreuz lässt sich nichts ableiten');
  });

  it('the checklist: today’s date, ticked and unticked boxes, nothing personal', async () => {
    const g = await published('adults');
    const all = g.content.groups.flatMap((x) => x.indicators);
    const res = await post('/de/professionals/guide/adults', {
      observed: [all[0]!.key, all[3]!.key],
      place: 'Holunderweg Kanarienstadt',
      form: 'sexual',
      view: 'checklist',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const main = mainOf(res.body);
    const today = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date());
    expect(text(main)).toContain(`Stand: ${today}`);
    expect(main).toContain('class="checklist printable"');
    expect([...main.matchAll(/class="is-ticked"/g)]).toHaveLength(2);
    expect([...main.matchAll(/class="is-unticked"/g)]).toHaveLength(all.length - 2);
    for (const i of all) expect(text(main)).toContain(i.text.de);
    expect(main).not.toContain('Kanarienstadt');
  });

  it('“change your answers” shows the form again as it was sent', async () => {
    const g = await published('minors');
    const [a, b] = g.content.groups.flatMap((x) => x.indicators);
    const res = await post('/de/professionals/guide/minors', {
      observed: [b!.key],
      place: 'Leipzig',
      form: 'begging',
      view: 'edit',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const main = mainOf(res.body);
    expect(main).toMatch(new RegExp(`value="${b!.key}" id="ind-${b!.key}" checked`));
    expect(main).not.toMatch(new RegExp(`value="${a!.key}" id="ind-${a!.key}" checked`));
    expect(main).toContain('value="Leipzig"');
    expect(main).toMatch(/<option value="begging" selected/);
  });

  it('refuses an indicator the guide does not have with a 400 in the reader’s language', async () => {
    const de = await post('/de/professionals/guide/adults', { observed: ['not-an-indicator'] });
    expect(de.statusCode).toBe(400);
    expect(de.body).toMatch(/<html lang="de"/);
    const en = await post('/en/professionals/guide/adults', { observed: ['not-an-indicator'] });
    expect(en.statusCode).toBe(400);
    expect(en.body).toMatch(/<html lang="en"/);
    expect(text(mainOf(de.body))).not.toEqual(text(mainOf(en.body)));
    // A language without the professionals' texts still gets the refusal in its own words.
    const fr = await post('/fr/professionals/guide/adults', { observed: ['not-an-indicator'] });
    expect(fr.statusCode).toBe(400);
    expect(fr.body).toMatch(/<html lang="fr"/);
    expect(text(mainOf(fr.body))).not.toEqual(text(mainOf(de.body)));
    expect(mainOf(fr.body)).not.toMatch(/lang="de"/);
    // A key of the other guide is not one of this guide's.
    const minorsOnly = (await published('minors')).content.groups[0]!.indicators[0]!.key;
    expect((await post('/de/professionals/guide/adults', { observed: minorsOnly })).statusCode).toBe(400);
  });

  it('refuses oversize input, unknown fields and unknown forms of exploitation with a 400', async () => {
    expect((await post('/de/professionals/guide/adults', { place: 'x'.repeat(101) })).statusCode).toBe(400);
    const key = (await published('adults')).content.groups[0]!.indicators[0]!.key;
    expect((await post('/de/professionals/guide/adults', { observed: Array(500).fill(key) })).statusCode).toBe(400);
    expect((await post('/de/professionals/guide/adults', { name: 'Ada' })).statusCode).toBe(400);
    expect((await post('/de/professionals/guide/adults', { form: 'organ_removal' })).statusCode).toBe(400);
    expect((await post('/de/professionals/guide/adults', { place: ['a', 'b'] })).statusCode).toBe(400);
  });

  it('sets no cookie even when the request brings one', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/de/professionals/guide/minors',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sid=abc' },
      payload: 'place=10115',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
