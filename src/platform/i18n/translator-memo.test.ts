/**
 * The memoised translators say exactly what i18next says: every message of
 * every namespace, in every offered language, without options, with its
 * placeholders filled, with counts of every plural category, and with
 * values that look like markup, placeholders or nesting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import type { Messages } from './catalogues.ts';
import { dynamicKey, loadCatalogues, LOCALES, translateRef, translator, type Locale, type Namespace } from './index.ts';

function keys(m: Messages, prefix = ''): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const PLURAL = /_(zero|one|two|few|many|other)$/;
const VALUES = ['<b>Dortmund</b>', '{{count}}', '$t(finder:home.title)', 12.5];

describe('memoised translators', () => {
  it('agree with i18next on every message in every language', () => {
    const catalogues = registerMessages();
    let checked = 0;
    for (const { spec, messages } of catalogues) {
      const german = messages.get('de')!;
      const all = [...new Set(keys(german).map((k) => k.replace(PLURAL, '')))];
      for (const locale of Object.keys(LOCALES) as Locale[]) {
        const t = translator(locale, spec.name as Namespace);
        const ref = (key: string, options?: Record<string, unknown>) =>
          translateRef(locale, `${spec.name}:${key}`, options);
        for (const key of all) {
          const k = dynamicKey(spec.name as Namespace, key);
          // Twice: the first call fills the cache, the second reads it.
          for (let round = 0; round < 2; round++) {
            if (round === 1 && checked % 7 !== 0) continue;
            expect(t(k), `${locale} ${spec.name}:${key}`).toBe(ref(key));
            const raw = ref(key, { skipInterpolation: true, count: 2 });
            const names = [...raw.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).filter((n) => n !== 'count');
            for (const value of VALUES) {
              const vars = Object.fromEntries(names.map((n) => [n, value]));
              for (const count of [0, 1, 2, 1.5]) {
                const options = { ...vars, count };
                expect(t(k, options), `${locale} ${spec.name}:${key} ${JSON.stringify(options)}`).toBe(
                  ref(key, options),
                );
              }
              expect(t(k, vars)).toBe(ref(key, vars));
              // A variable left out: i18next keeps the placeholder.
              expect(t(k, { count: 3 })).toBe(ref(key, { count: 3 }));
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // Fourteen languages × every message: minutes on a busy two-core machine, not the default 30 s.
  }, 180_000);

  it('leave formats, nesting and i18next options to i18next', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'memo-'));
    try {
      const write = (lang: string, m: object) => {
        fs.mkdirSync(path.join(root, lang), { recursive: true });
        fs.writeFileSync(path.join(root, lang, 'memo.json'), JSON.stringify(m));
      };
      const de = {
        a: 'Titel',
        nested: 'Vor $t(memo:a) nach {{x}}',
        dotted: 'Hallo {{who.name}}',
        spaced: 'Hallo {{ who }}!',
        n_one: 'eine',
        n_other: '{{count}} Stück',
        n_zero: 'keine',
      };
      write('de', de);
      write('en', { ...de, a: 'Title', n_one: 'one', n_other: '{{count}} pieces', n_zero: 'none' });
      loadCatalogues([{ name: 'memo', audience: 'public', dir: pathToFileURL(`${root}/`) }], LOCALES);
      for (const locale of ['de', 'en'] as Locale[]) {
        const t = translator(locale, 'memo' as Namespace) as unknown as (k: string, o?: object) => string;
        const ref = (k: string, o?: Record<string, unknown>) => translateRef(locale, `memo:${k}`, o);
        for (const [k, o] of [
          ['nested', { x: 'X' }],
          ['dotted', { who: { name: 'Ana' } }],
          ['spaced', { who: 'Ana' }],
          ['n', { count: 0 }],
          ['n', { count: 1 }],
          ['n', { count: 7 }],
          ['a', { defaultValue: 'D' }],
          ['missing', { defaultValue: 'D' }],
        ] as const) {
          expect(t(k, o), `${locale} ${k} ${JSON.stringify(o)}`).toBe(ref(k, o));
          expect(t(k, o)).toBe(ref(k, o));
        }
      }
      expect(translator('de', 'memo' as Namespace)).toBe(translator('de', 'memo' as Namespace));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      registerMessages();
    }
  });
});

afterAll(() => registerMessages());
