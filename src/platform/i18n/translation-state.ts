/**
 * How far each language's translation can be trusted, recorded per unit
 * (ADR 030). A unit is one message (`finder:results.count_one`, one unit per
 * plural form the language has) or one text page (`pages:safety.md`). For
 * every language but German (the source) and English (written by the
 * project alongside German), a state file records for each unit present in
 * the language's catalogues:
 *
 *     "finder:home.title": { "state": "translated", "source": "3fa2b1c9", "target": "9c01d2e4" }
 *
 * - `state`: `translated` (by a person or with machine assistance, not yet
 *   checked) or `reviewed` (checked by a native speaker);
 * - `source`: a short hash of the German text it was translated from, so a
 *   later change of German shows the unit as outdated;
 * - `target`: a short hash of the translation as recorded, so a translation
 *   edited afterwards (without a new review) no longer counts as reviewed.
 *
 * A language is complete and reviewed only when it has every unit its
 * audience requires, each reviewed and none outdated; otherwise every page
 * in it says that the translation is machine-assisted and awaiting review
 * (layout `translationState.machine`).
 *
 * The state file is `src/platform/i18n/state/<locale>.json`, or
 * `translation-state.json` in the language's `catalogues` folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  keyPaths,
  lookup,
  mustHavePage,
  PLURAL,
  pluralBase,
  readJsonFile,
  type Messages,
  type NamespaceCatalogue,
} from './catalogues.ts';
import { DEFAULT_LOCALE, type LocaleInfo } from './locales.ts';
import type { ProseDocument } from './prose.ts';

/** Written by the project: German is the source, English is written with it. Both count as reviewed. */
export const PROJECT_LANGUAGES: readonly string[] = ['de', 'en'];

export type UnitState = 'translated' | 'reviewed';
type StateEntry = { state: UnitState; source: string; target: string };
export type StateFile = Record<string, StateEntry>;

const stateFileSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9_.-]+$/, 'unit ids are namespace:key'),
  z.strictObject({
    state: z.enum(['translated', 'reviewed']),
    source: z.string().regex(/^[0-9a-f]{8}$/),
    target: z.string().regex(/^[0-9a-f]{8}$/),
  }),
);

/** A short hash: enough to notice a change, short enough for one line per unit. */
export const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** A page's hash covers its parsed text, so re-wrapping lines in the file changes nothing. */
const pageHash = (doc: ProseDocument) => shortHash(JSON.stringify(doc));

/** i18next's plural suffixes in CLDR's order. */
const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/** The plural forms `locale` has (Intl.PluralRules, which i18next uses too), in CLDR order. */
export function pluralCategories(locale: string): string[] {
  let have: string[];
  try {
    have = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  } catch {
    have = ['one', 'other'];
  }
  return CATEGORY_ORDER.filter((c) => have.includes(c));
}

/** One thing to translate: a message (a plural form) or a text page. */
export type SourceUnit = {
  id: string;
  namespace: string;
  /** The key path (`results.count_few`), or the page's name for a page. */
  key: string;
  page: boolean;
  /** Whether the language must have it (its audience, and the language's completeness). */
  required: boolean;
  /** The German text: the message, or for a page its parsed text (the workflow reads the file). */
  text: string;
  hash: string;
  /** For a plural form: its base key, its category, and the German form it is translated from. */
  plural?: { base: string; category: string; from: string };
};

/** Every unit German defines for `locale`, in German's order: plural keys in the language's own forms. */
export function sourceUnits(catalogues: readonly NamespaceCatalogue[], locale: string, info: LocaleInfo): SourceUnit[] {
  const units: SourceUnit[] = [];
  const categories = pluralCategories(locale);
  for (const { spec, messages, documents } of catalogues) {
    const german = messages.get(DEFAULT_LOCALE)!;
    const required = spec.audience === 'public' || info.complete === 'all';
    const seenBases = new Set<string>();
    for (const k of keyPaths(german)) {
      if (!PLURAL.test(k)) {
        const text = lookup(german, k)!;
        units.push({
          id: `${spec.name}:${k}`,
          namespace: spec.name,
          key: k,
          page: false,
          required,
          text,
          hash: shortHash(text),
        });
        continue;
      }
      const base = pluralBase(k);
      if (seenBases.has(base)) continue;
      seenBases.add(base);
      // German's zero form (i18next uses `_zero` for a count of 0 where it exists) stays a form everywhere.
      const forms =
        lookup(german, `${base}_zero`) !== undefined && !categories.includes('zero')
          ? ['zero', ...categories]
          : categories;
      for (const category of forms) {
        const from = lookup(german, `${base}_${category}`) !== undefined ? category : 'other';
        const text = lookup(german, `${base}_${from}`) ?? '';
        const key = `${base}_${category}`;
        units.push({
          id: `${spec.name}:${key}`,
          namespace: spec.name,
          key,
          page: false,
          required,
          text,
          hash: shortHash(text),
          plural: { base, category, from },
        });
      }
    }
    for (const [page, doc] of documents.get(DEFAULT_LOCALE) ?? []) {
      units.push({
        id: `${spec.name}:${page}.md`,
        namespace: spec.name,
        key: page,
        page: true,
        required: mustHavePage(spec, page, info),
        text: JSON.stringify(doc),
        hash: pageHash(doc),
      });
    }
  }
  return units;
}

/** What a language has: each present unit's id with its text's hash, in file order. */
export function presentUnits(catalogues: readonly NamespaceCatalogue[], locale: string): Map<string, string> {
  const present = new Map<string, string>();
  for (const { spec, messages, documents } of catalogues) {
    const own: Messages | undefined = messages.get(locale);
    for (const k of own ? keyPaths(own) : []) present.set(`${spec.name}:${k}`, shortHash(lookup(own!, k)!));
    for (const [page, doc] of documents.get(locale) ?? []) present.set(`${spec.name}:${page}.md`, pageHash(doc));
  }
  return present;
}

/** Where `locale`'s state file is (see the module comment). */
export function stateFileOf(locale: string, info: LocaleInfo, stateDir = DEFAULT_STATE_DIR): string {
  return info.catalogues
    ? path.join(path.resolve(info.catalogues), 'translation-state.json')
    : path.join(stateDir, `${locale}.json`);
}

const DEFAULT_STATE_DIR = fileURLToPath(new URL('./state/', import.meta.url));

/** The language's state file, or undefined where it has none. Throws on a malformed file, naming it. */
export function readStateFile(file: string): StateFile | undefined {
  return readJsonFile(file, stateFileSchema);
}

/**
 * The state file's text: one unit a line, in `order` (German's), so a
 * change shows as a one-line diff.
 */
function formatStateFile(state: StateFile, order: readonly string[]): string {
  const ids = [
    ...order.filter((id) => state[id]),
    ...Object.keys(state)
      .filter((id) => !order.includes(id))
      .sort(),
  ];
  const lines = ids.map((id) => {
    const e = state[id]!;
    return `  ${JSON.stringify(id)}: { "state": "${e.state}", "source": "${e.source}", "target": "${e.target}" }`;
  });
  return lines.length === 0 ? '{}\n' : `{\n${lines.join(',\n')}\n}\n`;
}

export function writeStateFile(file: string, state: StateFile, order: readonly string[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatStateFile(state, order));
}

/** Per language: what keeps it from being complete and reviewed. */
export type LanguageReport = {
  locale: string;
  /** German, or English: written by the project, nothing to record. */
  project: boolean;
  hasStateFile: boolean;
  /** Units the language must have. */
  required: number;
  /** Units present. */
  present: number;
  reviewed: number;
  /** Required units (or plural forms of present keys) the language lacks. */
  missing: string[];
  /** Present units whose German text changed since they were translated. */
  outdated: string[];
  /** Present units not reviewed (translated only, changed since the review, or not recorded at all). */
  unreviewed: string[];
  /** Present units the state file does not record, and recorded units that are not present. */
  unrecorded: string[];
  stale: string[];
  /** Complete and reviewed. */
  complete: boolean;
};

/** The state of `locale`'s translation, against the catalogues and its state file. */
export function languageReport(
  catalogues: readonly NamespaceCatalogue[],
  locale: string,
  info: LocaleInfo,
  state: StateFile | undefined,
): LanguageReport {
  const project = PROJECT_LANGUAGES.includes(locale);
  const sources = sourceUnits(catalogues, locale, info);
  const present = presentUnits(catalogues, locale);
  const presentBases = new Set([...present.keys()].map((id) => pluralBase(id)));
  const missing = sources
    .filter(
      (u) => !present.has(u.id) && (u.required || (u.plural && presentBases.has(`${u.namespace}:${u.plural.base}`))),
    )
    .map((u) => u.id);
  const outdated: string[] = [];
  const unreviewed: string[] = [];
  const unrecorded: string[] = [];
  let reviewed = 0;
  if (!project) {
    for (const u of sources) {
      const target = present.get(u.id);
      if (target === undefined) continue;
      const entry = state?.[u.id];
      if (!entry) {
        unrecorded.push(u.id);
        unreviewed.push(u.id);
        continue;
      }
      if (entry.source !== u.hash) outdated.push(u.id);
      if (entry.state === 'reviewed' && entry.target === target) reviewed++;
      else unreviewed.push(u.id);
    }
  }
  const stale = project ? [] : Object.keys(state ?? {}).filter((id) => !present.has(id));
  return {
    locale,
    project,
    hasStateFile: state !== undefined,
    required: sources.filter((u) => u.required).length,
    present: [...present.keys()].length,
    reviewed: project ? present.size : reviewed,
    missing,
    outdated,
    unreviewed,
    unrecorded,
    stale,
    complete: missing.length === 0 && (project || (outdated.length === 0 && unreviewed.length === 0)),
  };
}

/**
 * Record every unit present in `locale` as translated from today's German,
 * keeping a review where neither German nor the translation changed since.
 * Returns the new state file.
 */
export function stampLanguage(
  catalogues: readonly NamespaceCatalogue[],
  locale: string,
  info: LocaleInfo,
  previous: StateFile | undefined,
): StateFile {
  const hashes = new Map(sourceUnits(catalogues, locale, info).map((u) => [u.id, u.hash]));
  const state: StateFile = {};
  for (const [id, target] of presentUnits(catalogues, locale)) {
    const source = hashes.get(id);
    if (source === undefined) continue; // not a unit German has (catalogueGaps names it)
    const before = previous?.[id];
    const keep = before?.state === 'reviewed' && before.source === source && before.target === target;
    state[id] = { state: keep ? 'reviewed' : 'translated', source, target };
  }
  return state;
}

/** German's order of units, for writing state files. */
export function unitOrder(catalogues: readonly NamespaceCatalogue[], locale: string, info: LocaleInfo): string[] {
  return sourceUnits(catalogues, locale, info).map((u) => u.id);
}

// ---- At run time: which languages say on every page that they await review.

/** 'source' German and English, 'reviewed' a complete and reviewed language, 'machine' any other. */
export type TranslationState = 'source' | 'reviewed' | 'machine';

let states = new Map<string, TranslationState>();

/**
 * Work out each offered language's state at start-up (loadCatalogues). A
 * language without a state file, or with any unit not reviewed, is
 * 'machine'; only a language that passes every check is 'reviewed'.
 */
export function settleTranslationStates(
  catalogues: readonly NamespaceCatalogue[],
  locales: Readonly<Record<string, LocaleInfo>>,
): void {
  const next = new Map<string, TranslationState>();
  for (const [locale, info] of Object.entries(locales)) {
    if (PROJECT_LANGUAGES.includes(locale)) {
      next.set(locale, 'source');
      continue;
    }
    // Cheap first (start-up time): a language with any unit awaiting review needs no further check.
    const file = stateFileOf(locale, info);
    if (!fs.existsSync(file) || /"state":\s*"translated"/.test(fs.readFileSync(file, 'utf8'))) {
      next.set(locale, 'machine');
      continue;
    }
    const state = readStateFile(file);
    next.set(locale, languageReport(catalogues, locale, info, state).complete ? 'reviewed' : 'machine');
  }
  states = next;
}

/** The state of `locale` as settled at start-up (a language not settled counts as 'machine'). */
export function translationState(locale: string): TranslationState {
  return states.get(locale) ?? (PROJECT_LANGUAGES.includes(locale) ? 'source' : 'machine');
}

// ---- Checks the suite runs over every offered language (languages.test.ts).

/** Values a language may keep as German has them: names and numbers. */
export type SameAsGerman = {
  /** Values any language may keep (brand names). */
  everywhere?: string[];
  /**
   * Unit ids, or prefixes ending in "." naming a group of them, that hold
   * proper names: any language may keep German's ("Berlin", "Saarland").
   */
  names?: string[];
} & { [locale: string]: { values?: string[]; units?: string[] } | string[] | undefined };

/**
 * Units whose translation is German's text unchanged, which usually means a
 * copy nobody translated. Allowed: text without letters once placeholders
 * are taken out ("{{from}}–{{to}}"), values the allow-list names for every
 * language or for this one, and units it names for this one.
 */
export function sameAsGerman(
  catalogues: readonly NamespaceCatalogue[],
  locale: string,
  info: LocaleInfo,
  allow: SameAsGerman,
): string[] {
  const own = allow[locale];
  const mine = Array.isArray(own) ? { values: own } : (own ?? {});
  const values = new Set([...(allow.everywhere ?? []), ...(mine.values ?? [])]);
  const units = new Set(mine.units ?? []);
  const names = allow.names ?? [];
  const isName = (id: string) => names.some((n) => (n.endsWith('.') ? id.startsWith(n) : id === n));
  const present = presentUnits(catalogues, locale);
  const found: string[] = [];
  for (const u of sourceUnits(catalogues, locale, info)) {
    if (present.get(u.id) !== u.hash || units.has(u.id) || isName(u.id)) continue;
    if (u.page) {
      found.push(`${locale}: ${u.id} is the German page unchanged`);
      continue;
    }
    if (values.has(u.text) || !/\p{L}/u.test(u.text.replace(/\{\{[^}]*\}\}/g, ''))) continue;
    found.push(`${locale}: ${u.id} is German's text unchanged: ${JSON.stringify(u.text)}`);
  }
  return found;
}

/**
 * Plural keys that lack a form their language has (i18next would show German
 * for that count: Arabic's `_zero` for 0, French's `_many` for a million), or
 * have a form it does not have. Only in namespaces the language must have:
 * elsewhere (the staff area of a language complete for 'public') its pages
 * are not shown.
 */
export function pluralFormGaps(catalogues: readonly NamespaceCatalogue[], locale: string, info: LocaleInfo): string[] {
  const gaps: string[] = [];
  const present = presentUnits(catalogues, locale);
  const expected = sourceUnits(catalogues, locale, info).filter((u) => u.plural && u.required);
  const bases = new Set(expected.map((u) => `${u.namespace}:${u.plural!.base}`));
  const presentBases = new Set([...present.keys()].filter((id) => PLURAL.test(id)).map((id) => pluralBase(id)));
  for (const u of expected)
    if (presentBases.has(`${u.namespace}:${u.plural!.base}`) && !present.has(u.id))
      gaps.push(
        `${locale}: ${u.id} is missing (${locale} has the plural forms ${pluralCategories(locale).join(', ')})`,
      );
  const ids = new Set(expected.map((u) => u.id));
  for (const id of present.keys())
    if (PLURAL.test(id) && bases.has(pluralBase(id)) && !ids.has(id))
      gaps.push(`${locale}: ${id} is not a plural form of ${locale} (${pluralCategories(locale).join(', ')})`);
  return gaps;
}

/**
 * Where the state file does not record exactly the units present (so a stamp
 * was forgotten). Units German does not have are catalogueGaps' business.
 */
export function stateFileGaps(
  catalogues: readonly NamespaceCatalogue[],
  locale: string,
  info: LocaleInfo,
  state: StateFile | undefined,
): string[] {
  if (!state) return [`${locale}: no state file; run \`npm run i18n -- stamp ${locale}\``];
  const known = new Set(unitOrder(catalogues, locale, info));
  const present = new Map([...presentUnits(catalogues, locale)].filter(([id]) => known.has(id)));
  const gaps: string[] = [];
  for (const id of present.keys()) if (!state[id]) gaps.push(`${locale}: ${id} is not in the state file`);
  for (const id of Object.keys(state))
    if (!present.has(id)) gaps.push(`${locale}: ${id} is in the state file but not present`);
  if (gaps.length) gaps.push(`${locale}: run \`npm run i18n -- stamp ${locale}\` after checking the translations`);
  return gaps;
}
