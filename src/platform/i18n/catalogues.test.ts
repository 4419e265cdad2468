/**
 * The catalogues are complete: every namespace of the kernel and of every
 * feature, in every offered language, as its audience requires — public
 * namespaces in full everywhere, staff namespaces in full in the languages
 * that declare it (German and English), German fallback elsewhere. Below,
 * the rules themselves against small made-up catalogues, each breaking one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURES, registerMessages } from '../../app.ts';
import { KERNEL_NAMESPACES } from '../messages.ts';
import { catalogueGaps, readCatalogues, type Audience, type MessageNamespace } from './catalogues.ts';
import { LOCALES, type LocaleInfo } from './locales.ts';

describe('the platform’s catalogues', () => {
  it('are complete in every offered language, as each namespace’s audience requires', () => {
    expect(catalogueGaps(registerMessages(), LOCALES)).toEqual([]);
  });

  it('name every namespace once, each with an audience', () => {
    const all = [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])];
    expect(new Set(all.map((n) => n.name)).size).toBe(all.length);
    for (const n of all) {
      expect(['public', 'network', 'staff']).toContain(n.audience);
      for (const a of Object.values(n.pageAudience ?? {})) expect(['public', 'network', 'staff']).toContain(a);
    }
  });
});

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

type Files = Record<string, string | object>;

/** A namespace `demo` with `files` (paths below its messages folder, e.g. 'en/demo.json'). */
function fixture(audience: Audience, files: Files, pageAudience?: Record<string, Audience>): MessageNamespace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogues-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { name: 'demo', audience, dir: pathToFileURL(`${root}/`), ...(pageAudience ? { pageAudience } : {}) };
}

const PUBLIC_ONLY: Record<string, LocaleInfo> = {
  de: { name: 'Deutsch', dir: 'ltr', htmlLang: 'de', complete: 'all' },
  fr: { name: 'Français', dir: 'ltr', htmlLang: 'fr', complete: 'public' },
};

/** The fixtures' languages: German and English, whatever production offers. */
const TWO: Record<string, LocaleInfo> = { de: LOCALES.de, en: LOCALES.en };

const gaps = (ns: MessageNamespace, locales: Record<string, LocaleInfo> = TWO) =>
  catalogueGaps(readCatalogues([ns], locales), locales);

const page = (headings: string) =>
  `---\ntitle: T\ndescription: D\n---\n\nLead.\n\n${headings
    .split(' ')
    .map((h) => `${h.replace('/', ' ')}\n\nText.\n`)
    .join('\n')}`;

describe('catalogueGaps', () => {
  const de = { title: 'Titel', results: { count_one: '{{count}} Stelle', count_other: '{{count}} Stellen' } };

  it('accepts a complete translation, with the plural forms its language has', () => {
    const en = { title: 'Title', results: { count_one: '{{count}} centre', count_other: '{{count}} centres' } };
    expect(gaps(fixture('public', { 'de/demo.json': de, 'en/demo.json': en }))).toEqual([]);
    const ar = { title: 'عنوان', results: { count_zero: 'لا شيء', count_few: '{{count}} مراكز', count_other: '…' } };
    const arabic = { de: PUBLIC_ONLY.de!, ar: { name: 'العربية', dir: 'rtl', htmlLang: 'ar' } } as const;
    expect(gaps(fixture('public', { 'de/demo.json': de, 'ar/demo.json': ar }), arabic)).toEqual([]);
  });

  it('fails on a key or a whole catalogue missing from a public namespace', () => {
    const en = { results: { count_one: '{{count}} centre', count_other: '{{count}} centres' } };
    expect(gaps(fixture('public', { 'de/demo.json': de, 'en/demo.json': en }))).toEqual(['en/demo: missing key title']);
    expect(gaps(fixture('public', { 'de/demo.json': { title: 'Titel' } }), PUBLIC_ONLY)).toEqual([
      'fr/demo: no catalogue demo.json',
    ]);
  });

  it('lets a staff namespace fall back to German only where the language says so', () => {
    const ns = fixture('staff', { 'de/demo.json': de, 'en/demo.json': { title: 'Title' } });
    expect(gaps(ns)).toEqual(['en/demo: missing key results.count_one', 'en/demo: missing key results.count_other']);
    expect(gaps(ns, PUBLIC_ONLY)).toEqual([]);
  });

  it('fails on a key German does not have, and on a placeholder German does not fill', () => {
    const en = { title: 'Title {{name}}', titel: 'typo', results: { count_one: '1', count_other: '{{count}}' } };
    expect(gaps(fixture('staff', { 'de/demo.json': de, 'en/demo.json': en }))).toEqual([
      'en/demo: title uses {{name}}, which the German text does not have',
      'en/demo: key titel is not in the German catalogue',
    ]);
  });

  it('fails on a missing text page and on a page whose headings or anchors differ from German', () => {
    const files = {
      'de/demo.json': {},
      'en/demo.json': {},
      'de/demo/about.md': page('##/A ##/B{#contact} ###/C'),
      'de/demo/privacy.md': page('##/A'),
      'en/demo/about.md': page('##/A ##/B ###/C'),
    };
    expect(gaps(fixture('public', files))).toEqual([
      'en/demo: about.md has the headings ## ## ###, German has ## ## {#contact} ###',
      'en/demo: missing page privacy.md',
    ]);
  });

  it('requires a network page in the languages complete for all only, and checks any translation of it', () => {
    const files = {
      'de/demo.json': {},
      'en/demo.json': {},
      'fr/demo.json': {},
      'de/demo/about.md': page('##/A ##/B{#contact}'),
      'de/demo/safety.md': page('##/A'),
      'en/demo/safety.md': page('##/A'),
      'fr/demo/safety.md': page('##/A'),
    };
    const locales = { de: LOCALES.de, en: LOCALES.en, fr: PUBLIC_ONLY.fr! };
    expect(gaps(fixture('public', files, { about: 'network' }), locales)).toEqual(['en/demo: missing page about.md']);
    const wrong = { ...files, 'en/demo/about.md': page('##/A ##/B{#contact}'), 'fr/demo/about.md': page('##/A') };
    expect(gaps(fixture('public', wrong, { about: 'network' }), locales)).toEqual([
      'fr/demo: about.md has the headings ##, German has ## ## {#contact}',
    ]);
  });

  it('refuses a catalogue that is not a tree of texts, naming the file', () => {
    const ns = fixture('public', { 'de/demo.json': { title: ['a', 'list'] } });
    expect(() => readCatalogues([ns], TWO)).toThrow(/de[/\\]demo\.json/);
    const broken = fixture('public', { 'de/demo.json': '{"title": "Titel",}' });
    expect(() => readCatalogues([broken], TWO)).toThrow(/de[/\\]demo\.json: .*JSON/);
    expect(() => readCatalogues([fixture('public', { 'en/demo.json': {} })], LOCALES)).toThrow(/no German catalogue/);
  });
});
