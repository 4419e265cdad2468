/**
 * The volunteers' translation workflow (ADR 030): export a language as
 * XLIFF 2.0 for a translation tool, import the file back, report what is
 * missing, outdated or unreviewed.
 *
 * The package `xliff` (locize) writes and reads the structure: one <file>
 * per namespace, one <unit> per key (`finder:results.count_few`, each plural
 * form the language has) and per text page (`pages:safety.md`, the whole
 * Markdown file), notes, and attributes on <unit>. Two things it does not
 * carry, which we add: each segment's `state` (initial, translated,
 * reviewed, final — XLIFF 2.0 puts it on <segment>), and the hash of the
 * German source a unit was exported with, as the extension attribute
 * `sn:source` in our own namespace.
 *
 * An import is all or nothing: every unit is checked first (known key,
 * plural form of the language, placeholders as in German, a page that
 * parses and keeps German's headings and anchors), and only a file without
 * a single error writes the catalogue files and the state file.
 */
import fs from 'node:fs';
import path from 'node:path';
import js2xliff from 'xliff/js2xliff';
import xliff2js from 'xliff/xliff2js';
import {
  folderOf,
  keyPaths,
  lookup,
  outline,
  PLURAL,
  pluralBase,
  type Messages,
  type NamespaceCatalogue,
} from './catalogues.ts';
import { DEFAULT_LOCALE, type LocaleInfo } from './locales.ts';
import { parseProse, type ProseDocument } from './prose.ts';
import {
  languageReport,
  pluralCategories,
  PROJECT_LANGUAGES,
  presentUnits,
  readStateFile,
  shortHash,
  sourceUnits,
  stateFileOf,
  unitOrder,
  writeStateFile,
  type LanguageReport,
  type SourceUnit,
  type StateFile,
  type UnitState,
} from './translation-state.ts';

/** What the workflow works on: the catalogues as read, the languages, where state files are. */
export type Workspace = {
  catalogues: readonly NamespaceCatalogue[];
  locales: Readonly<Record<string, LocaleInfo>>;
  /** Default: src/platform/i18n/state/. */
  stateDir?: string;
};

const SN = 'urn:schutznetz:translation:1';
type XliffState = 'initial' | 'translated' | 'reviewed' | 'final';

export class WorkflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowError';
  }
}

/** An import refused, with every problem found: `unit id: reason`. */
export class ImportRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`The import was refused; nothing was written:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ImportRefused';
  }
}

function translatable(ws: Workspace, locale: string): LocaleInfo {
  const info = ws.locales[locale];
  if (!info) throw new WorkflowError(`"${locale}" is not an offered language (${Object.keys(ws.locales).join(', ')}).`);
  if (locale === DEFAULT_LOCALE)
    throw new WorkflowError('German is the source language: there is nothing to translate.');
  return info;
}

function specOf(ws: Workspace, namespace: string): NamespaceCatalogue {
  return ws.catalogues.find((c) => c.spec.name === namespace)!;
}

/** A text page's file as written, or undefined. */
function pageFile(ws: Workspace, namespace: string, page: string, locale: string): string | undefined {
  const file = path.join(
    folderOf(specOf(ws, namespace).spec, locale, ws.locales[locale] ?? {}),
    namespace,
    `${page}.md`,
  );
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The text of a message unit in `locale`, or undefined. */
function messageIn(ws: Workspace, unit: SourceUnit, locale: string): string | undefined {
  const own = specOf(ws, unit.namespace).messages.get(locale);
  return own ? lookup(own, unit.key) : undefined;
}

/**
 * `locale` as an XLIFF 2.0 document: every unit the language must have, and
 * any other it already has (with `all`, every unit German has). State per
 * segment: `initial` where there is no translation or German changed since
 * it was made, otherwise `translated` or `reviewed` as the state file says.
 */
export async function exportXliff(ws: Workspace, locale: string, opts: { all?: boolean } = {}): Promise<string> {
  const info = translatable(ws, locale);
  const state = readStateFile(stateFileOf(locale, info, ws.stateDir)) ?? {};
  // English is written by the project and counts as reviewed.
  const project = PROJECT_LANGUAGES.includes(locale);
  const present = presentUnits(ws.catalogues, locale);
  const resources: Record<string, Record<string, XliffUnit>> = {};
  const states: XliffState[] = [];
  for (const u of sourceUnits(ws.catalogues, locale, info)) {
    const targetHash = present.get(u.id);
    if (!u.required && !opts.all && targetHash === undefined) continue;
    const source = u.page ? pageFile(ws, u.namespace, u.key, DEFAULT_LOCALE)! : u.text;
    const target =
      targetHash === undefined
        ? undefined
        : u.page
          ? pageFile(ws, u.namespace, u.key, locale)
          : messageIn(ws, u, locale);
    const entry = state[u.id];
    const outdated = entry !== undefined && entry.source !== u.hash;
    const notes: string[] = [];
    if (u.plural)
      notes.push(
        `Plural form "${u.plural.category}" of ${locale}${u.plural.from !== u.plural.category ? `, translated from German's "${u.plural.from}" form` : ''}.`,
      );
    if (u.page)
      notes.push('Markdown: keep the ## and ### headings, their order and their {#anchors}; keep link targets in (…).');
    if (outdated) notes.push('The German text changed since this was translated: check the translation.');
    const attributes: Record<string, string> = { 'sn:source': u.hash };
    if (u.page) attributes['xml:space'] = 'preserve';
    (resources[u.namespace] ??= {})[u.id] = {
      source,
      ...(target !== undefined ? { target } : {}),
      ...(notes.length ? { note: notes.length === 1 ? notes[0]! : notes } : {}),
      additionalAttributes: attributes,
    };
    states.push(
      target === undefined || outdated
        ? 'initial'
        : project || (entry?.state === 'reviewed' && entry.target === targetHash)
          ? 'reviewed'
          : 'translated',
    );
  }
  const xml = await js2xliff({ sourceLanguage: DEFAULT_LOCALE, targetLanguage: locale, resources }, { indent: '  ' });
  // What the package does not write: our namespace, and each segment's state (segments come in unit order).
  let n = 0;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml
    .replace(/^<xliff /, `<xliff xmlns:sn="${SN}" `)
    .replace(/<segment>/g, () => `<segment state="${states[n++]!}">`)}\n`;
}

type XliffUnit = {
  source?: string;
  target?: string;
  note?: string | string[];
  additionalAttributes?: Record<string, string>;
};
type XliffJs = {
  sourceLanguage?: string;
  targetLanguage?: string;
  resources?: Record<string, Record<string, XliffUnit & { groupUnits?: unknown }>>;
};

/** Each unit's segment state, which the package's reader drops. */
function segmentStates(xml: string): Map<string, string> {
  const states = new Map<string, string>();
  const unit = /<unit\b([^>]*)>([\s\S]*?)<\/unit>/g;
  for (const m of xml.matchAll(unit)) {
    const id = /\bid\s*=\s*(["'])(.*?)\1/.exec(m[1]!)?.[2];
    const segment = /<segment\b([^>]*)>/.exec(m[2]!)?.[1] ?? '';
    const state = /\bstate\s*=\s*(["'])(.*?)\1/.exec(segment)?.[2];
    if (id !== undefined && state !== undefined) states.set(id, state);
  }
  return states;
}

const PLACEHOLDER_NAME = /^\s*[\w.]+\s*(?:,[^}]*)?$/;

/** Problems with a message's placeholders against its German source, or none. */
function placeholderProblems(target: string, source: string, plural: boolean): string[] {
  const problems: string[] = [];
  const opens = target.split('{{').length - 1;
  const closes = target.split('}}').length - 1;
  const inner = [...target.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]!);
  if (opens !== closes || inner.some((x) => !PLACEHOLDER_NAME.test(x)) || /(^|[^{])\{[\w.]+\}(?!\})/.test(target))
    problems.push('a broken placeholder (write {{name}} exactly as in the German text)');
  const names = (t: string) => new Set([...t.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));
  const want = names(source);
  const have = names(target);
  for (const p of want)
    if (!have.has(p) && !(plural && p === 'count')) problems.push(`the placeholder {{${p}}} is missing`);
  for (const p of have)
    if (!want.has(p) && !(plural && p === 'count')) problems.push(`the placeholder {{${p}}} is not in the German text`);
  return problems;
}

export type ImportResult = {
  locale: string;
  /** Units written, and of them reviewed. */
  imported: number;
  reviewed: number;
  /** Units left as they were (no translation, or state initial and unchanged). */
  skipped: number;
  /** Units translated from a German text that has changed since the export: recorded as outdated. */
  outdated: string[];
  /** Files written, relative to the current folder where possible. */
  files: string[];
};

/** Read an XLIFF 2.0 file back: check all of it, then write the catalogues and the state file. */
export async function importXliff(ws: Workspace, xml: string): Promise<ImportResult> {
  let js: XliffJs;
  try {
    js = (await xliff2js(xml)) as XliffJs;
  } catch (err) {
    throw new ImportRefused([`the file is not XML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (!js.resources) throw new ImportRefused(['the file is not XLIFF 2.0 (<xliff version="2.0">)']);
  if (js.sourceLanguage !== DEFAULT_LOCALE)
    throw new ImportRefused([`srcLang is "${js.sourceLanguage ?? ''}"; the source language is German (de)`]);
  const locale = js.targetLanguage ?? '';
  let info: LocaleInfo;
  try {
    info = translatable(ws, locale);
  } catch (err) {
    throw new ImportRefused([`trgLang: ${(err as Error).message}`]);
  }
  const units = new Map(sourceUnits(ws.catalogues, locale, info).map((u) => [u.id, u]));
  const categories = pluralCategories(locale);
  const states = segmentStates(xml);
  const problems: string[] = [];
  type Accepted = { unit: SourceUnit; text: string; state: UnitState; from: string; doc?: ProseDocument };
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  for (const [file, fileUnits] of Object.entries(js.resources)) {
    for (const [id, x] of Object.entries(fileUnits)) {
      if (x.groupUnits) {
        problems.push(`${id}: groups are not used; one <unit> per key`);
        continue;
      }
      if (seen.has(id)) {
        problems.push(`${id}: appears twice`);
        continue;
      }
      seen.add(id);
      const unit = units.get(id);
      if (!unit) {
        const base = pluralBase(id);
        const isPluralOfKnown =
          PLURAL.test(id) && [...units.values()].some((u) => u.plural && `${u.namespace}:${u.plural.base}` === base);
        problems.push(
          isPluralOfKnown
            ? `${id}: ${locale} has no plural form "${PLURAL.exec(id)![1]}" (its forms: ${categories.join(', ')})`
            : `${id}: no such key in the German catalogues`,
        );
        continue;
      }
      if (file !== unit.namespace) problems.push(`${id}: belongs in <file id="${unit.namespace}">, not "${file}"`);
      if (x.target === undefined || x.target.trim() === '') {
        skipped++;
        continue;
      }
      // XML readers drop the whitespace around a text; a message keeps German's (a mail's final newline).
      const target = unit.page ? x.target : aroundLike(unit.text, x.target);
      const from = x.additionalAttributes?.['sn:source'];
      if (!from || !/^[0-9a-f]{8}$/.test(from)) {
        problems.push(`${id}: no sn:source attribute (export the file with \`npm run i18n -- export ${locale}\`)`);
        continue;
      }
      const xState = states.get(id) ?? 'translated';
      if (!['initial', 'translated', 'reviewed', 'final'].includes(xState)) {
        problems.push(`${id}: unknown state "${xState}"`);
        continue;
      }
      const current = unit.page ? pageFile(ws, unit.namespace, unit.key, locale) : messageIn(ws, unit, locale);
      // A unit left at "initial" with the text it already had was not worked on.
      if (xState === 'initial' && current !== undefined && normalise(current) === normalise(target)) {
        skipped++;
        continue;
      }
      const state: UnitState = xState === 'reviewed' || xState === 'final' ? 'reviewed' : 'translated';
      if (unit.page) {
        let doc: ProseDocument;
        try {
          doc = parseProse(withNewline(target), id);
        } catch (err) {
          problems.push((err as Error).message);
          continue;
        }
        const german = specOf(ws, unit.namespace).documents.get(DEFAULT_LOCALE)!.get(unit.key)!;
        if (outline(doc) !== outline(german)) {
          problems.push(`${id}: has the headings ${outline(doc)}, German has ${outline(german)}`);
          continue;
        }
        accepted.push({ unit, text: withNewline(target), state, from, doc });
      } else {
        const found = placeholderProblems(target, unit.text, unit.plural !== undefined);
        if (found.length) {
          problems.push(...found.map((p) => `${id}: ${p}`));
          continue;
        }
        accepted.push({ unit, text: target, state, from });
      }
    }
  }
  if (problems.length) throw new ImportRefused(problems);

  // Everything checked: write the namespaces touched, in German's key order, and the state file.
  const files: string[] = [];
  const byNamespace = new Map<string, Accepted[]>();
  for (const a of accepted) byNamespace.set(a.unit.namespace, [...(byNamespace.get(a.unit.namespace) ?? []), a]);
  for (const [namespace, list] of byNamespace) {
    const { spec, messages } = specOf(ws, namespace);
    const folder = folderOf(spec, locale, info);
    const messagesIn = list.filter((a) => !a.unit.page);
    if (messagesIn.length) {
      const values = new Map<string, string>();
      const own = messages.get(locale);
      for (const k of own ? keyPaths(own) : []) values.set(k, lookup(own!, k)!);
      for (const a of messagesIn) values.set(a.unit.key, a.text);
      const file = path.join(folder, `${namespace}.json`);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(orderedLike(messages.get(DEFAULT_LOCALE)!, values), null, 2)}\n`);
      files.push(file);
    }
    for (const a of list.filter((x) => x.unit.page)) {
      const file = path.join(folder, namespace, `${a.unit.key}.md`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, a.text);
      files.push(file);
    }
  }
  const stateFile = stateFileOf(locale, info, ws.stateDir);
  const state: StateFile = { ...readStateFile(stateFile) };
  for (const a of accepted) {
    const target = a.doc ? shortHash(JSON.stringify(a.doc)) : shortHash(a.text);
    state[a.unit.id] = { state: a.state, source: a.from, target };
  }
  if (accepted.length) {
    writeStateFile(stateFile, state, unitOrder(ws.catalogues, locale, info));
    files.push(stateFile);
  }
  return {
    locale,
    imported: accepted.length,
    reviewed: accepted.filter((a) => a.state === 'reviewed').length,
    skipped,
    outdated: accepted.filter((a) => a.from !== a.unit.hash).map((a) => a.unit.id),
    files,
  };
}

const aroundLike = (source: string, text: string) =>
  `${/^\s*/.exec(source)![0]}${text.trim()}${/\s*$/.exec(source)![0]}`;
const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
const normalise = (s: string) => s.trim();

/**
 * A message tree with German's shape and key order: `values` by key path.
 * Plural forms follow German's plural key, in CLDR's order; keys German does
 * not have are left out (the completeness test names them).
 */
function orderedLike(german: Messages, values: ReadonlyMap<string, string>, prefix = ''): Messages {
  const out: Messages = {};
  const bases = new Set<string>();
  for (const [k, v] of Object.entries(german)) {
    const keyPath = `${prefix}${k}`;
    if (typeof v !== 'string') {
      const sub = orderedLike(v, values, `${keyPath}.`);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (PLURAL.test(k)) {
      const base = pluralBase(k);
      if (bases.has(base)) continue;
      bases.add(base);
      for (const c of ['zero', 'one', 'two', 'few', 'many', 'other']) {
        const value = values.get(`${prefix}${base}_${c}`);
        if (value !== undefined) out[`${base}_${c}`] = value;
      }
    } else {
      const value = values.get(keyPath);
      if (value !== undefined) out[k] = value;
    }
  }
  return out;
}

/** The state of each language in `locales` (default: all offered but German). */
export function reportLanguages(ws: Workspace, locales?: readonly string[]): LanguageReport[] {
  const list = locales ?? Object.keys(ws.locales).filter((l) => l !== DEFAULT_LOCALE);
  return list.map((locale) => {
    const info = translatable(ws, locale);
    return languageReport(ws.catalogues, locale, info, readStateFile(stateFileOf(locale, info, ws.stateDir)));
  });
}

/** The report as text: one block per language, lists cut at `limit` entries. */
export function formatReport(reports: readonly LanguageReport[], ws: Workspace, limit = 20): string {
  const list = (title: string, ids: readonly string[]) => {
    if (ids.length === 0) return '';
    const shown = Number.isFinite(limit) ? ids.slice(0, limit) : ids;
    const more = ids.length - shown.length;
    return `  ${title} (${ids.length}):\n${shown.map((id) => `    ${id}\n`).join('')}${more > 0 ? `    … and ${more} more (--full lists all)\n` : ''}`;
  };
  return reports
    .map((r) => {
      const name = ws.locales[r.locale]?.name ?? r.locale;
      const verdict = r.project
        ? 'written by the project'
        : r.complete
          ? 'complete and reviewed'
          : 'machine-assisted, awaiting review by a native speaker';
      const counts = r.project
        ? `${r.present} units, ${r.missing.length} missing`
        : `${r.present} units present, ${r.required} required, ${r.missing.length} missing, ${r.outdated.length} outdated, ${r.unreviewed.length} unreviewed, ${r.reviewed} reviewed`;
      return (
        `${r.locale} ${name}: ${verdict}\n  ${counts}\n` +
        (r.project || r.hasStateFile ? '' : `  no state file: run \`npm run i18n -- stamp ${r.locale}\`\n`) +
        list('missing', r.missing) +
        list('outdated (German changed since the translation)', r.outdated) +
        list('unreviewed', r.unreviewed) +
        list('present but not in the state file', r.unrecorded) +
        list('in the state file but not present', r.stale)
      );
    })
    .join('\n');
}
