/**
 * The translation workflow against a made-up namespace and a French
 * delivered as one folder: export, import (and every refusal), outdated
 * units after a German change, the report, the stamp, and the state a page
 * shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeI18nCommands } from '../../cli/commands/i18n.ts';
import type { CliIo } from '../../cli/types.ts';
import { readCatalogues, type MessageNamespace } from './catalogues.ts';
import type { LocaleInfo } from './locales.ts';
import {
  languageReport,
  pluralFormGaps,
  readStateFile,
  sameAsGerman,
  settleTranslationStates,
  stateFileGaps,
  translationState,
  type SameAsGerman,
  type StateFile,
} from './translation-state.ts';
import { exportXliff, ImportRefused, importXliff, type Workspace } from './xliff.ts';

const GERMAN = {
  title: 'Hilfe finden',
  greeting: 'Hallo {{name}}, willkommen',
  results: { count_one: 'Eine Stelle', count_other: '{{count}} Stellen' },
  brand: 'Schutznetz',
  mail: 'Hallo,\n\ndies ist eine Mail.\n',
};
const GUIDE = `---
title: Anleitung
description: Wie es geht
---

Einleitung mit [Link](privacy).

## Erstens {#first}

Text.

### Unterpunkt

- a
- b
`;
const TEAM = `---
title: Team
description: Wer wir sind
---

Wir.

## Kontakt {#contact}

Schreiben Sie uns.
`;

let root: string;
let ns: MessageNamespace;
let locales: Record<string, LocaleInfo>;
const fr = () => path.join(root, 'fr');
const ws = (): Workspace => ({ catalogues: readCatalogues([ns], locales), locales });
const write = (file: string, content: string | object) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
};
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const state = (): StateFile | undefined => readStateFile(path.join(fr(), 'translation-state.json'));

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-'));
  write('messages/de/demo.json', GERMAN);
  write('messages/de/demo/guide.md', GUIDE);
  write('messages/de/demo/team.md', TEAM);
  write('fr/demo.json', { title: 'Trouver de l’aide' });
  ns = { name: 'demo', audience: 'public', pageAudience: { team: 'network' }, dir: pathToFileURL(`${root}/messages/`) };
  locales = {
    de: { name: 'Deutsch', dir: 'ltr', htmlLang: 'de', complete: 'all' },
    fr: { name: 'Français', dir: 'ltr', htmlLang: 'fr', complete: 'public', catalogues: fr() },
  };
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The exported file as a translator's tool returns it: `targets` by unit id, with a segment state. */
function fill(xml: string, targets: Record<string, string | [string, string]>): string {
  let out = xml;
  for (const [id, value] of Object.entries(targets)) {
    const [text, st] = Array.isArray(value) ? value : [value, 'translated'];
    const unit = new RegExp(`(<unit id="${id.replace(/\./g, '\\.')}"[^>]*>)([\\s\\S]*?)(</unit>)`);
    expect(out, id).toMatch(unit);
    out = out.replace(unit, (_m, open: string, body: string, close: string) => {
      const b = body
        .replace(/<segment state="[^"]*">/, `<segment state="${st}">`)
        .replace(/\s*<target>[\s\S]*?<\/target>/, '')
        .replace('</source>', `</source>\n        <target>${escape(text)}</target>`);
      return `${open}${b}${close}`;
    });
  }
  return out;
}

const FRENCH_GUIDE = GUIDE.replace('Anleitung', 'Mode d’emploi')
  .replace('Wie es geht', 'Comment faire')
  .replace('Einleitung mit [Link]', 'Introduction avec [lien]')
  .replace('## Erstens', '## Premièrement')
  .replace('### Unterpunkt', '### Sous-point');

const COMPLETE = {
  'demo:title': 'Trouver de l’aide',
  'demo:greeting': 'Bonjour {{name}}, bienvenue',
  'demo:results.count_one': 'Un centre',
  'demo:results.count_many': '{{count}} de centres',
  'demo:results.count_other': '{{count}} centres',
  'demo:brand': 'Schutznetz',
  // As XML readers return it: without the final newline, which the import restores from German.
  'demo:mail': 'Bonjour,\n\nceci est un mail.',
  'demo:guide.md': FRENCH_GUIDE,
};

describe('export', () => {
  it('writes XLIFF 2.0 from German: a unit per key, per plural form of the language and per page, with state and source hash', async () => {
    const xml = await exportXliff(ws(), 'fr');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns:sn="urn:schutznetz:translation:1"/);
    expect(xml).toContain('version="2.0" srcLang="de" trgLang="fr"');
    expect(xml).toContain('<file id="demo">');
    expect(xml).toMatch(
      /<unit id="demo:title" sn:source="[0-9a-f]{8}">\s*<segment state="translated">\s*<source>Hilfe finden<\/source>\s*<target>Trouver de l’aide<\/target>/,
    );
    expect(xml).toMatch(
      /<unit id="demo:greeting" sn:source="[0-9a-f]{8}">\s*<segment state="initial">\s*<source>Hallo \{\{name\}\}, willkommen<\/source>\s*<\/segment>/,
    );
    // French has one, many and other (Intl.PluralRules); "many" is translated from German's "other".
    const ids = [...xml.matchAll(/<unit id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'demo:title',
      'demo:greeting',
      'demo:results.count_one',
      'demo:results.count_many',
      'demo:results.count_other',
      'demo:brand',
      'demo:mail',
      'demo:guide.md',
    ]);
    expect(xml).toContain('<note>Plural form "many" of fr, translated from German\'s "other" form.</note>');
    expect(xml).toMatch(/<unit id="demo:guide.md" sn:source="[0-9a-f]{8}" xml:space="preserve">/);
    expect(xml).toContain('## Erstens {#first}');
    // The network page only on request: French may show it in German.
    expect(await exportXliff(ws(), 'fr', { all: true })).toContain('<unit id="demo:team.md"');
  });

  it('refuses German and languages not offered', async () => {
    await expect(exportXliff(ws(), 'de')).rejects.toThrow(/German is the source/);
    await expect(exportXliff(ws(), 'xx')).rejects.toThrow(/not an offered language/);
  });
});

describe('import', () => {
  it('round-trips: writes German-ordered catalogues, the pages and the state file, and a new export carries them back', async () => {
    const xml = fill(await exportXliff(ws(), 'fr'), { ...COMPLETE, 'demo:brand': ['Schutznetz', 'reviewed'] });
    const result = await importXliff(ws(), xml);
    expect(result).toMatchObject({ locale: 'fr', imported: 8, reviewed: 1, skipped: 0, outdated: [] });
    // Key order is German's, plural forms in CLDR order.
    expect(read('fr/demo.json')).toBe(
      `${JSON.stringify(
        {
          title: 'Trouver de l’aide',
          greeting: 'Bonjour {{name}}, bienvenue',
          results: { count_one: 'Un centre', count_many: '{{count}} de centres', count_other: '{{count}} centres' },
          brand: 'Schutznetz',
          mail: 'Bonjour,\n\nceci est un mail.\n',
        },
        null,
        2,
      )}\n`,
    );
    expect(read('fr/demo/guide.md')).toBe(FRENCH_GUIDE);
    const s = state()!;
    expect(Object.keys(s)).toEqual([
      'demo:title',
      'demo:greeting',
      'demo:results.count_one',
      'demo:results.count_many',
      'demo:results.count_other',
      'demo:brand',
      'demo:mail',
      'demo:guide.md',
    ]);
    expect(s['demo:brand']!.state).toBe('reviewed');
    expect(s['demo:greeting']!.state).toBe('translated');
    expect(stateFileGaps(ws().catalogues, 'fr', locales.fr!, s)).toEqual([]);

    const again = await exportXliff(ws(), 'fr');
    expect(again).toMatch(/<unit id="demo:brand"[^>]*>\s*<segment state="reviewed">/);
    expect(again).toMatch(/<unit id="demo:guide.md"[^>]*>\s*<notes>[\s\S]*?<segment state="translated">/);
    expect(again).toContain('<target>Bonjour {{name}}, bienvenue</target>');
    expect(again).toContain('## Premièrement {#first}');
    // Importing what was exported changes nothing.
    const before = [read('fr/demo.json'), read('fr/demo/guide.md'), read('fr/translation-state.json')];
    const second = await importXliff(ws(), again);
    expect(second).toMatchObject({ imported: 8, reviewed: 1, skipped: 0 });
    expect([read('fr/demo.json'), read('fr/demo/guide.md'), read('fr/translation-state.json')]).toEqual(before);
  });

  it('refuses the whole file, naming each unit and what is wrong, and writes nothing', async () => {
    const exported = await exportXliff(ws(), 'fr');
    const broken = fill(exported, {
      'demo:title': 'Trouver {{name}} de l’aide',
      'demo:greeting': 'Bonjour {name}, bienvenue',
      'demo:results.count_one': 'Un centre {{count}',
      'demo:results.count_other': '{{count}} centres',
      'demo:guide.md': FRENCH_GUIDE.replace(' {#first}', ''),
    }).replace(
      '</file>',
      '<unit id="demo:titel" sn:source="00000000"><segment state="translated"><source>x</source><target>y</target></segment></unit>\n<unit id="demo:results.count_few" sn:source="00000000"><segment><source>x</source><target>y</target></segment></unit></file>',
    );
    let refused: ImportRefused | undefined;
    try {
      await importXliff(ws(), broken);
    } catch (err) {
      refused = err as ImportRefused;
    }
    expect(refused).toBeInstanceOf(ImportRefused);
    expect(refused!.problems).toEqual([
      'demo:title: the placeholder {{name}} is not in the German text',
      'demo:greeting: a broken placeholder (write {{name}} exactly as in the German text)',
      'demo:greeting: the placeholder {{name}} is missing',
      'demo:results.count_one: a broken placeholder (write {{name}} exactly as in the German text)',
      'demo:guide.md: has the headings ## ###, German has ## {#first} ###',
      'demo:titel: no such key in the German catalogues',
      'demo:results.count_few: fr has no plural form "few" (its forms: one, many, other)',
    ]);
    expect(read('fr/demo.json')).toBe(JSON.stringify({ title: 'Trouver de l’aide' }, null, 2));
    expect(fs.existsSync(path.join(fr(), 'demo'))).toBe(false);
    expect(state()).toBeUndefined();

    const unparsable = fill(exported, { 'demo:guide.md': FRENCH_GUIDE.replace('### Sous-point', '#### Sous-point') });
    await expect(importXliff(ws(), unparsable)).rejects.toThrow(
      /demo:guide\.md:\d+: unsupported Markdown \(heading_open h4\)/,
    );
    await expect(importXliff(ws(), fill(exported, { 'demo:greeting': 'Bonjour' }))).rejects.toThrow(
      /demo:greeting: the placeholder \{\{name\}\} is missing/,
    );
    await expect(importXliff(ws(), exported.replace('srcLang="de"', 'srcLang="en"'))).rejects.toThrow(/srcLang/);
    await expect(importXliff(ws(), exported.replace('trgLang="fr"', 'trgLang="xx"'))).rejects.toThrow(/trgLang/);
    await expect(importXliff(ws(), exported.replace(/ sn:source="[0-9a-f]+"/, ''))).rejects.toThrow(
      /demo:title: no sn:source attribute/,
    );
    await expect(importXliff(ws(), '<xliff')).rejects.toThrow(/not XML/);
  });
});

describe('outdated units', () => {
  it('shows a unit outdated once German changes, exports it as initial, and keeps it outdated when imported from an older export', async () => {
    const before = await exportXliff(ws(), 'fr');
    await importXliff(ws(), fill(before, COMPLETE));
    expect(languageReport(ws().catalogues, 'fr', locales.fr!, state()).outdated).toEqual([]);

    write('messages/de/demo.json', { ...GERMAN, greeting: 'Hallo {{name}}, schön, dass Sie da sind' });
    const report = languageReport(ws().catalogues, 'fr', locales.fr!, state());
    expect(report.outdated).toEqual(['demo:greeting']);
    expect(report.complete).toBe(false);
    const after = await exportXliff(ws(), 'fr');
    expect(after).toMatch(
      /<unit id="demo:greeting"[^>]*>\s*<notes>\s*<note>The German text changed since this was translated: check the translation.<\/note>\s*<\/notes>\s*<segment state="initial">/,
    );

    // Left "initial" with the text it had: not worked on, still outdated.
    expect((await importXliff(ws(), after)).skipped).toBe(1);
    expect(languageReport(ws().catalogues, 'fr', locales.fr!, state()).outdated).toEqual(['demo:greeting']);

    // A file exported before the change: its units are recorded with the hash they were translated from.
    const late = await importXliff(ws(), fill(before, { 'demo:greeting': 'Bonjour {{name}}, enchanté' }));
    expect(late.outdated).toEqual(['demo:greeting']);
    expect(languageReport(ws().catalogues, 'fr', locales.fr!, state()).outdated).toEqual(['demo:greeting']);
    // Translated anew from the current export: current.
    await importXliff(ws(), fill(after, { 'demo:greeting': 'Bonjour {{name}}, ravi de vous voir' }));
    expect(languageReport(ws().catalogues, 'fr', locales.fr!, state()).outdated).toEqual([]);
  });
});

/** The i18n commands over the fixture, with what they print. */
async function cli(argv: string[]) {
  const group = makeI18nCommands(ws, () => {});
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env: {}, cwd: root };
  const [name, ...rest] = argv;
  const cmd = group.commands.find((c) => c.name === name)!;
  const values: Record<string, string | boolean> = {};
  const positionals = rest.filter((a) => {
    if (a.startsWith('--')) values[a.slice(2)] = true;
    return !a.startsWith('--');
  });
  const code = await cmd.run({ positionals, values }, io);
  return { code, out, err };
}

describe('report, stamp and the state a page shows', () => {
  it('reports missing, outdated and unreviewed units; --strict fails until the language is complete and reviewed', async () => {
    const first = await cli(['report', '--strict']);
    expect(first.code).toBe(1);
    expect(first.out).toBe(
      'fr Français: machine-assisted, awaiting review by a native speaker\n' +
        '  1 units present, 8 required, 7 missing, 0 outdated, 1 unreviewed, 0 reviewed\n' +
        '  no state file: run `npm run i18n -- stamp fr`\n' +
        '  missing (7):\n    demo:greeting\n    demo:results.count_one\n    demo:results.count_many\n' +
        '    demo:results.count_other\n    demo:brand\n    demo:mail\n    demo:guide.md\n' +
        '  unreviewed (1):\n    demo:title\n' +
        '  present but not in the state file (1):\n    demo:title\n',
    );
    expect((await cli(['report'])).code).toBe(0);

    const reviewed = Object.fromEntries(Object.entries(COMPLETE).map(([id, text]) => [id, [text, 'final']]));
    await importXliff(ws(), fill(await exportXliff(ws(), 'fr'), reviewed as Record<string, [string, string]>));
    const done = await cli(['report', 'fr', '--strict']);
    expect(done.out).toBe(
      'fr Français: complete and reviewed\n  8 units present, 8 required, 0 missing, 0 outdated, 0 unreviewed, 8 reviewed\n',
    );
    expect(done.code).toBe(0);
  });

  it('stamps a language: every unit it has, translated from today’s German, keeping reviews that still hold', async () => {
    write('fr/demo.json', { title: 'Trouver de l’aide', brand: 'Schutznetz' });
    const stamped = await cli(['stamp', 'fr']);
    expect(stamped.out).toBe('fr: 2 units recorded (0 reviewed) in fr/translation-state.json\n');
    expect(Object.values(state()!).map((e) => e.state)).toEqual(['translated', 'translated']);
    expect(read('fr/translation-state.json')).toMatch(
      /^\{\n {2}"demo:title": \{ "state": "translated", "source": "[0-9a-f]{8}", "target": "[0-9a-f]{8}" \},\n {2}"demo:brand": /,
    );

    await importXliff(ws(), fill(await exportXliff(ws(), 'fr'), { 'demo:brand': ['Schutznetz', 'reviewed'] }));
    write('fr/demo.json', { title: 'Trouver de l’aide (modifié)', brand: 'Schutznetz' });
    await cli(['stamp', 'fr']);
    expect(state()!['demo:brand']!.state).toBe('reviewed');
    expect(state()!['demo:title']!.state).toBe('translated');
    await expect(cli(['stamp', 'de'])).rejects.toThrow(/other than German/);
  });

  it('marks a language machine-assisted on its pages until every unit is reviewed and current', async () => {
    settleTranslationStates(ws().catalogues, locales);
    expect(translationState('fr')).toBe('machine');
    expect(translationState('de')).toBe('source');
    const reviewed = Object.fromEntries(Object.entries(COMPLETE).map(([id, text]) => [id, [text, 'reviewed']]));
    await importXliff(ws(), fill(await exportXliff(ws(), 'fr'), reviewed as Record<string, [string, string]>));
    settleTranslationStates(ws().catalogues, locales);
    expect(translationState('fr')).toBe('reviewed');
    // Edited after the review, without a new one: awaiting review again.
    write('fr/demo.json', { ...JSON.parse(read('fr/demo.json')), title: 'Trouvez de l’aide' });
    settleTranslationStates(ws().catalogues, locales);
    expect(translationState('fr')).toBe('machine');
  });
});

describe('the suite’s checks over each language', () => {
  it('find texts left German, except names, numbers and what the allow-list names', () => {
    write('fr/demo.json', {
      title: 'Hilfe finden',
      greeting: 'Hallo {{name}}, willkommen',
      results: { count_one: '1', count_many: '{{count}}', count_other: '{{count}} Stellen' },
      brand: 'Schutznetz',
    });
    write('fr/demo/guide.md', GUIDE);
    const found = (allow: SameAsGerman) => sameAsGerman(ws().catalogues, 'fr', locales.fr!, allow);
    expect(found({ everywhere: ['Schutznetz'] })).toEqual([
      'fr: demo:title is German\'s text unchanged: "Hilfe finden"',
      'fr: demo:greeting is German\'s text unchanged: "Hallo {{name}}, willkommen"',
      'fr: demo:results.count_other is German\'s text unchanged: "{{count}} Stellen"',
      'fr: demo:guide.md is the German page unchanged',
    ]);
    expect(
      found({
        everywhere: ['Schutznetz'],
        fr: { values: ['Hilfe finden', '{{count}} Stellen'], units: ['demo:greeting', 'demo:guide.md'] },
      }),
    ).toEqual([]);
    expect(found({})).toContain('fr: demo:brand is German\'s text unchanged: "Schutznetz"');
  });

  it('find plural forms the language lacks or does not have', () => {
    write('fr/demo.json', { results: { count_one: 'Un centre', count_few: 'x', count_other: '{{count}} centres' } });
    expect(pluralFormGaps(ws().catalogues, 'fr', locales.fr!)).toEqual([
      'fr: demo:results.count_many is missing (fr has the plural forms one, many, other)',
      'fr: demo:results.count_few is not a plural form of fr (one, many, other)',
    ]);
  });

  it('fail a language without a state file', () => {
    expect(stateFileGaps(ws().catalogues, 'fr', locales.fr!, undefined)).toEqual([
      'fr: no state file; run `npm run i18n -- stamp fr`',
    ]);
  });
});
