/**
 * Message catalogues as files translators can edit: for each namespace and
 * language one JSON file of messages, and for namespaces with text pages one
 * Markdown file per page (prose.ts). German is the source; every other
 * language is checked against it (`catalogueGaps`).
 *
 * Where the files are (ADR 018): a namespace lives with the code that uses
 * it, in its owner's `messages/` folder, one subfolder per language:
 *
 *     src/features/finder/messages/de/finder.json
 *     src/features/pages/messages/en/pages.json
 *     src/features/pages/messages/en/pages/safety.md
 *
 * A language whose entry names a `catalogues` folder keeps all its
 * namespaces there instead, laid out like one of those language subfolders
 * (`<folder>/finder.json`, `<folder>/pages/safety.md`): a new language can
 * be delivered as one folder.
 *
 * Everything is read once at start-up; rendering only looks things up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale, type LocaleInfo } from './locales.ts';
import { parseProse, type ProseDocument, type ProseSection } from './prose.ts';

/**
 * Who reads a namespace. Public namespaces must be complete in every offered
 * language. Staff namespaces (behind sign-in) and network namespaces (the
 * network's own pages and pages for professionals, public but not help for
 * a person in need) must be complete in the languages declared complete for
 * 'all' (German, English); elsewhere they fall back to German, and a page
 * shown in German says so in the reader's language (GermanFallback).
 */
export type Audience = 'public' | 'network' | 'staff';

/** A message namespace as its owner's manifest declares it. */
export type MessageNamespace = {
  readonly name: string;
  readonly audience: Audience;
  /**
   * Text pages whose audience differs from the namespace's, by page name
   * (`{ about: 'network' }`): a public namespace can hold a network page
   * without every language having to translate it.
   */
  readonly pageAudience?: Readonly<Record<string, Audience>>;
  /** The owner's `messages/` folder (`new URL('./messages/', import.meta.url)`). */
  readonly dir: URL;
};

export type Messages = { [key: string]: string | Messages };

export type NamespaceCatalogue = {
  readonly spec: MessageNamespace;
  /** Messages per language; a language without a file is absent. */
  readonly messages: ReadonlyMap<string, Messages>;
  /** Text pages per language, by page name (the German folder names them). */
  readonly documents: ReadonlyMap<string, ReadonlyMap<string, ProseDocument>>;
};

const messagesSchema: z.ZodType<Messages> = z.lazy(() =>
  z.record(
    z.string().regex(/^[A-Za-z0-9_-]+$/, 'keys are letters, digits, _ and -'),
    z.union([z.string(), messagesSchema]),
  ),
);

/** The folder holding `namespace`'s files in `locale`. */
export function folderOf(spec: MessageNamespace, locale: string, info: Partial<LocaleInfo>): string {
  return info.catalogues ? path.resolve(info.catalogues) : path.join(fileURLToPath(spec.dir), locale);
}

/**
 * A JSON file checked against `schema`, or undefined where there is none.
 * Throws on a malformed file, naming it: a translator's typo must say where it is.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const readMessages = (file: string): Messages | undefined => readJsonFile(file, messagesSchema);

function pageNames(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Read every namespace in every language of `locales`. Throws on a
 * malformed file, and when German — the source — lacks a namespace.
 */
export function readCatalogues(
  namespaces: readonly MessageNamespace[],
  locales: Readonly<Record<string, LocaleInfo>>,
): NamespaceCatalogue[] {
  return namespaces.map((spec) => {
    const messages = new Map<string, Messages>();
    const documents = new Map<string, Map<string, ProseDocument>>();
    const pages = pageNames(path.join(folderOf(spec, DEFAULT_LOCALE, locales[DEFAULT_LOCALE] ?? {}), spec.name));
    for (const [locale, info] of Object.entries(locales)) {
      const folder = folderOf(spec, locale, info);
      const m = readMessages(path.join(folder, `${spec.name}.json`));
      if (m) messages.set(locale, m);
      const docs = new Map<string, ProseDocument>();
      for (const page of pages) {
        const file = path.join(folder, spec.name, `${page}.md`);
        if (fs.existsSync(file)) docs.set(page, parseProse(fs.readFileSync(file, 'utf8'), file));
      }
      documents.set(locale, docs);
    }
    if (!messages.has(DEFAULT_LOCALE))
      throw new Error(
        `Message namespace "${spec.name}" has no German catalogue ${spec.name}.json in ${spec.dir.href}.`,
      );
    return { spec, messages, documents };
  });
}

/** Every key path of a message tree, e.g. 'results.count_one'. */
export function keyPaths(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keyPaths(v, `${prefix}${k}.`),
  );
}

// i18next's plural forms differ per language (_one/_other vs _zero/_two/_few/_many).
export const PLURAL = /_(zero|one|two|few|many|other)$/;
export const pluralBase = (k: string) => k.replace(PLURAL, '');

export function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (text: string) =>
  new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));

/**
 * A page's headings as a short string, e.g. "## ## {#controller} ## ### ###".
 * Translations keep German's headings and anchors (computed content is put
 * under the anchors); paragraphs and lists may differ between languages.
 */
export function outline(doc: ProseDocument): string {
  const walk = (s: ProseSection, level: string): string[] => [
    s.id ? `${level} {#${s.id}}` : level,
    ...(s.sub ?? []).flatMap((x) => walk(x, '###')),
  ];
  return doc.sections.flatMap((s) => walk(s, '##')).join(' ');
}

/** Keys of `reference` missing from `messages` (a plural key is present when any of its forms is). */
function missingKeys(reference: Messages, messages: Messages | undefined): string[] {
  const have = new Set(messages ? keyPaths(messages) : []);
  const haveBase = new Set([...have].map(pluralBase));
  return keyPaths(reference).filter((k) => !have.has(k) && !haveBase.has(pluralBase(k)));
}

/**
 * What keeps the catalogues from being complete and consistent, one line
 * each (empty when all is well):
 *
 * - a public namespace, or any namespace in a language declared complete
 *   for 'all', lacks a German key or text page, or a page's headings differ
 *   from German's;
 * - a language has a key German does not (a typo, or a key left behind);
 * - a translation uses a placeholder ({{name}}) its German text does not
 *   have, so it would be shown unreplaced.
 */
/** Whether `locale` must have page `page` of the namespace `spec`. */
export function mustHavePage(spec: MessageNamespace, page: string, info: LocaleInfo): boolean {
  return (spec.pageAudience?.[page] ?? spec.audience) === 'public' || info.complete === 'all';
}

export function catalogueGaps(
  catalogues: readonly NamespaceCatalogue[],
  locales: Readonly<Record<string, LocaleInfo>>,
): string[] {
  const gaps: string[] = [];
  for (const { spec, messages, documents } of catalogues) {
    const german = messages.get(DEFAULT_LOCALE)!;
    const germanBases = new Set(keyPaths(german).map(pluralBase));
    for (const [locale, info] of Object.entries(locales)) {
      if (locale === DEFAULT_LOCALE) continue;
      const own = messages.get(locale);
      const mustBeComplete = spec.audience === 'public' || info.complete === 'all';
      if (mustBeComplete) {
        if (!own) gaps.push(`${locale}/${spec.name}: no catalogue ${spec.name}.json`);
        else for (const k of missingKeys(german, own)) gaps.push(`${locale}/${spec.name}: missing key ${k}`);
      }
      for (const [page, source] of documents.get(DEFAULT_LOCALE)!) {
        const translation = documents.get(locale)?.get(page);
        if (!translation) {
          if (mustHavePage(spec, page, info)) gaps.push(`${locale}/${spec.name}: missing page ${page}.md`);
        } else if (outline(translation) !== outline(source))
          gaps.push(
            `${locale}/${spec.name}: ${page}.md has the headings ${outline(translation)}, German has ${outline(source)}`,
          );
      }
      for (const k of own ? keyPaths(own) : []) {
        if (!germanBases.has(pluralBase(k))) {
          gaps.push(`${locale}/${spec.name}: key ${k} is not in the German catalogue`);
          continue;
        }
        // A plural form may exist in one language only (Arabic's _few): compare with German's _other.
        const base = pluralBase(k);
        const source = lookup(german, k) ?? lookup(german, `${base}_other`) ?? lookup(german, base) ?? '';
        const allowed = placeholders(source);
        if (PLURAL.test(k)) allowed.add('count');
        for (const p of placeholders(lookup(own!, k)!))
          if (!allowed.has(p))
            gaps.push(`${locale}/${spec.name}: ${k} uses {{${p}}}, which the German text does not have`);
      }
    }
  }
  return gaps;
}

/** Text pages by namespace and language, filled at start-up. */
let documents = new Map<string, ReadonlyMap<string, ReadonlyMap<string, ProseDocument>>>();

export function setDocuments(catalogues: readonly NamespaceCatalogue[]): void {
  documents = new Map(catalogues.map((c) => [c.spec.name, c.documents]));
}

/**
 * Text page `page` of `namespace` in `locale` and the language it is
 * written in: `locale`, or German where the language has no translation of
 * it (a network page), so the page can mark the text `lang="de"` and say so.
 */
export function proseDocumentIn(locale: Locale, namespace: string, page: string): { doc: ProseDocument; lang: Locale } {
  const byLocale = documents.get(namespace);
  const own = byLocale?.get(locale)?.get(page);
  if (own) return { doc: own, lang: locale };
  const doc = byLocale?.get(DEFAULT_LOCALE)?.get(page);
  if (!doc) throw new Error(`No text page "${page}" in message namespace "${namespace}".`);
  return { doc, lang: DEFAULT_LOCALE };
}
