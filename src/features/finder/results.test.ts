/**
 * The result page's groups with the demo directory: what a person in
 * Dortmund sees first.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { replaceDirectory, testEntry } from '../../../test/support/entries.ts';
import { demoEntries } from '../demo/entries.ts';

const t = appForFile();
const demo = demoEntries();
beforeAll(async () => {
  await replaceDirectory(t.database, demo);
  t.app.directory.invalidate();
});

const get = (url: string) => t.app.inject({ url });
const names = (html: string) =>
  [...html.matchAll(/<h3><a href="\/\w\w\/centres\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('results for 44135 (Dortmund), demo directory', () => {
  const online = demo.find((e) => e.service.name.endsWith('bundesweit – online'))!;
  const youth = demo.find((e) => e.service.name.includes('bundesweit – Telefon und Chat'))!;

  it('shows the nationwide online service and the youth chat on the first page, above the local results', async () => {
    const res = await get('/de/search?q=44135');
    expect(res.statusCode).toBe(200);
    const remote = names(section(res.body, 'remote-title'));
    expect(remote).toEqual(expect.arrayContaining([online.service.name, youth.service.name]));
    expect(remote.length).toBeLessThanOrEqual(3);
    expect(res.body.indexOf('id="remote-title"')).toBeLessThan(res.body.indexOf('id="local-title"'));
    const local = names(section(res.body, 'local-title'));
    expect(local.length).toBeGreaterThanOrEqual(1);
    expect(local).not.toContain(online.service.name);
  });

  it('keeps the remote group on every page and only with services that fit the filters', async () => {
    const p2 = await get('/de/search?q=44135&page=2');
    expect(names(section(p2.body, 'remote-title'))).toContain(online.service.name);
    // The youth chat is not for women; the online service is.
    const women = await get('/de/search?q=44135&tg=women');
    const remote = names(section(women.body, 'remote-title'));
    expect(remote).toContain(online.service.name);
    expect(remote).not.toContain(youth.service.name);
    expect(women.body).toContain('1 Angebot, das Sie von überall aus nutzen können.');
  });

  it('says what it counts: centres within 50 km of the place, and the nearest beyond', async () => {
    const res = await get('/en/search?q=44135');
    const status = /<p role="status">([^<]*)<\/p>/.exec(section(res.body, 'local-title'))?.[1] ?? '';
    expect(status).toMatch(
      /^(\d+ centres? within 50 km of 44135 Dortmund\.|No centre within 50 km of 44135 Dortmund\.)/,
    );
    expect(res.body).toMatch(/\d+ services? you can use from anywhere\./);
    expect(res.body).not.toMatch(/counselling centres found/);
    expect(names(section(res.body, 'local-title')).length).toBe(10);
  });

  it('gives every card a call button with the whole number, and never "0 km"', async () => {
    const res = await get('/de/search?q=44135');
    const cards = res.body.split('<li class="card">').slice(1);
    expect(cards.length).toBeGreaterThan(3);
    for (const card of cards) {
      if (!/href="tel:/.test(card)) continue;
      expect(card).toMatch(
        /<a class="call-button" href="tel:\+?\d+">Anrufen: <span class="number" dir="ltr">[^<]+<\/span><\/a>/,
      );
    }
    expect(res.body).not.toMatch(/>0 km|· 0 km/);
  });
});

describe('result groups', () => {
  it('says "less than 1 km" for a centre next door, not "0 km"', async () => {
    await replaceDirectory(t.database, [testEntry({ name: 'Nebenan', postcode: '44135' })]);
    t.app.directory.invalidate();
    try {
      const res = await get('/de/search?q=44135');
      expect(res.body).toContain('weniger als 1 km entfernt');
      expect((await get('/en/search?q=44135')).body).toContain('less than 1 km away');
    } finally {
      await replaceDirectory(t.database, demo);
      t.app.directory.invalidate();
    }
  });

  it('links to all services reachable from anywhere when there are more than three, and lists them', async () => {
    const remote = Array.from({ length: 5 }, (_, i) => testEntry({ name: `Chat ${i}`, postcode: null, areas: ['DE'] }));
    await replaceDirectory(t.database, [...remote, testEntry({ name: 'Vor Ort', postcode: '44135' })]);
    t.app.directory.invalidate();
    try {
      const res = await get('/de/search?q=44135');
      expect(names(section(res.body, 'remote-title'))).toEqual(['Chat 0', 'Chat 1', 'Chat 2']);
      expect(res.body).toContain('<a href="/de/search?q=44135&amp;group=remote">Alle 5 Angebote per Telefon');
      const all = await get('/de/search?q=44135&group=remote');
      expect(all.statusCode).toBe(200);
      expect(names(all.body)).toEqual(['Chat 0', 'Chat 1', 'Chat 2', 'Chat 3', 'Chat 4']);
      expect(all.body).toContain('Zurück zu den Beratungsstellen vor Ort');
      expect((await get('/de/search?q=44135&group=everything')).statusCode).toBe(400);
    } finally {
      await replaceDirectory(t.database, demo);
      t.app.directory.invalidate();
    }
  });

  it('styles the call button in the stylesheet: 44 px at least, the number on one line', () => {
    const css = fs.readFileSync(new URL('../../../public/app.css', import.meta.url), 'utf8');
    const rule = (sel: string) =>
      new RegExp(`\\n${sel.replace(/[.[\]^$]/g, '\\$&')} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    expect(rule('.call-button')).toMatch(/min-height: 44px/);
    expect(rule('.call-button')).toMatch(/min-width: 44px/);
    expect(css).toMatch(/\n\.number,\na\[href\^='tel:'\] \{\s*white-space: nowrap;/);
  });
});
