/** The helpline cache on both databases: loads once, serves from memory, reloads after its window or an own edit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope } from '../db/tenant.ts';
import { HelplineCache } from './cache.ts';
import { firstScreenHelplines } from './helplines.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const setHours = (hours: string) =>
  withScope(database.db, { kind: 'coordination' }, (trx) =>
    trx.updateTable('helpline').set({ hours_de: hours }).where('contact', '=', '116 111').execute(),
  );

describe('HelplineCache', () => {
  it('holds the seeded list in display order, with 110 and 116 016 for the first screen', async () => {
    const cache = new HelplineCache(database.db, 60_000);
    expect(cache.current()).toEqual([]);
    const list = await cache.get();
    expect(list.map((h) => h.contact)).toEqual([
      '110',
      '112',
      '116 016',
      'https://www.hilfetelefon.de',
      '116 111',
      '0800 22 55 530',
      '0800 123 99 00',
    ]);
    expect(firstScreenHelplines(list).map((h) => h.contact)).toEqual(['110', '116 016']);
    // Not around the clock: every such line carries its hours in both languages.
    for (const h of list.filter((x) => !x.aroundTheClock)) expect([h.hours.de, h.hours.en]).not.toContain('');
    expect(list.find((h) => h.contact === '116 111')?.aroundTheClock).toBe(false);
  });

  it('answers from memory within its window, and reloads after it or when invalidated', async () => {
    let now = 0;
    const cache = new HelplineCache(database.db, 1000, () => now);
    const first = await cache.get();
    await setHours('Mo–Fr 8–9 Uhr');
    now = 500;
    expect(await cache.get()).toBe(first);
    now = 1500;
    expect((await cache.get()).find((h) => h.contact === '116 111')?.hours.de).toBe('Mo–Fr 8–9 Uhr');
    await setHours('Mo–Sa 14–20 Uhr');
    cache.invalidate();
    expect((await cache.get()).find((h) => h.contact === '116 111')?.hours.de).toBe('Mo–Sa 14–20 Uhr');
  });

  it('shares one load between concurrent requests', async () => {
    const cache = new HelplineCache(database.db, 60_000);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
  });
});
