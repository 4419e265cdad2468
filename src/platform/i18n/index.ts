/**
 * Translations through i18next (plurals, interpolation, fallbacks) instead of
 * hand-rolled string code. Each feature owns its message namespaces: JSON
 * files per language next to its code (catalogues.ts), named in its
 * manifest and read once at start-up. Keys are checked at compile time
 * against the German catalogue; at run time `t` is i18next's own function.
 */
import i18next, { type TOptions } from 'i18next';
import { readCatalogues, setDocuments, type MessageNamespace, type NamespaceCatalogue } from './catalogues.ts';
import { DEFAULT_LOCALE, setOfferedLocales, type Locale, type LocaleInfo } from './locales.ts';
import { settleTranslationStates } from './translation-state.ts';

export * from './locales.ts';
export type { Audience, MessageNamespace, NamespaceCatalogue } from './catalogues.ts';
export { proseDocumentIn } from './catalogues.ts';
export { translationState } from './translation-state.ts';

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: {},
  lng: DEFAULT_LOCALE,
  // Any language the app was configured with: the request's language is checked before it gets here.
  fallbackLng: ['de', 'en'],
  // Preact escapes on output; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

/**
 * Make `locales` the offered languages and load every namespace's files in
 * each of them. Called once at start-up (buildApp) and by tests that render
 * views without an app. Returns what was read, for the completeness test.
 */
export function loadCatalogues(
  namespaces: readonly MessageNamespace[],
  locales: Readonly<Record<string, LocaleInfo>>,
): NamespaceCatalogue[] {
  const seen = new Set<string>();
  for (const ns of namespaces) {
    if (seen.has(ns.name)) throw new Error(`Message namespace "${ns.name}" is declared twice.`);
    seen.add(ns.name);
  }
  setOfferedLocales(locales);
  translators.clear();
  const catalogues = readCatalogues(namespaces, locales);
  for (const { spec, messages } of catalogues) {
    for (const [locale, bundle] of messages) i18n.addResourceBundle(locale, spec.name, bundle, false, true);
  }
  setDocuments(catalogues);
  settleTranslationStates(catalogues, locales);
  return catalogues;
}

/**
 * Each namespace's German catalogue, merged in by the namespace's owner:
 *
 *     import type finderCatalogue from './messages/de/finder.json';
 *     declare module '../../platform/i18n/index.ts' {
 *       interface Catalogues {
 *         finder: typeof finderCatalogue;
 *       }
 *     }
 *
 * @public Extended only by declaration merging, which knip does not count as a use.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Catalogues {}

export type Namespace = Extract<keyof Catalogues, string>;

type Json<M> = M extends { default: infer D } ? D : M;
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** A key, and for a plural form also the base key `t` is called with ('count_one' → 'count'). */
type Leaf<K extends string> = K | (K extends `${infer B}_${PluralSuffix}` ? B : never);
type KeysOf<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? Leaf<`${P}${K}`> : KeysOf<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of namespace N, e.g. MessageKey<'finder'> includes 'results.count'. */
export type MessageKey<N extends Namespace> = KeysOf<Json<Catalogues[N]>>;

/**
 * A translate function fixed to one language and namespace N: `t('title')`.
 * Keys are checked at compile time; a key built from a value
 * (`t(\`roles.${role}\`)`) type-checks when the value's type lists exactly
 * the keys that exist.
 */
export type Translate<N extends Namespace> = (key: MessageKey<N>, options?: TOptions) => string;

/** A translate function fixed to `locale` and `namespace`, e.g. t('title'). */
export function translator<N extends Namespace>(locale: Locale, namespace: N): Translate<N> {
  const id = `${locale}\u0000${namespace}`;
  let t = translators.get(id);
  if (!t) {
    const fixed = i18n.getFixedT(locale, namespace) as unknown as RawTranslate;
    t = memoised(fixed, locale);
    translators.set(id, t);
  }
  return t;
}

type RawTranslate = (key: string, options?: TOptions) => string;

/**
 * One memoised translate function per language and namespace. Messages do
 * not change after start (loadCatalogues clears these), and a result page
 * calls `t` a hundred times, each a full i18next lookup (fallback chain,
 * plural resolution, interpolation, nesting) costing tens of microseconds.
 *
 * - Without options: the message itself, cached by key.
 * - With plain variables (strings and numbers) and at most `count`: the
 *   message as i18next resolves it without interpolation (the plural form
 *   for this count's category), cut once into text and placeholders, then
 *   filled per call. That is i18next's own interpolation for messages
 *   without formats, nesting or dotted names, with escaping off (as
 *   configured): every other message and every other option go to i18next.
 *
 * Only keys and templates are kept, never values: nothing a visitor typed
 * stays in memory (ADR 003), and the number of keys bounds the caches.
 */
const translators = new Map<string, RawTranslate>();

/** A message cut at its placeholders: text, name, text, name, …, text. */
type Template = { texts: string[]; names: string[] };

const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const SIMPLE_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;
/** i18next's own options; a call with any of them (but count) is not memoised. */
const RESERVED = new Set([
  'defaultValue',
  'context',
  'replace',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keySeparator',
  'nsSeparator',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'ordinal',
  'nest',
]);
const MAX_CACHED = 5000;

function compile(message: string): Template | null {
  if (message.includes('$t(')) return null;
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of message.matchAll(PLACEHOLDER)) {
    const name = SIMPLE_NAME.exec(m[1]!)?.[1];
    // Formats ({{x, number}}), unescaped ({{- x}}) and dotted paths: left to i18next.
    if (!name) return null;
    texts.push(message.slice(last, m.index));
    names.push(name);
    last = m.index + m[0].length;
  }
  texts.push(message.slice(last));
  return { texts, names };
}

const pluralRules = new Map<string, { rules: Intl.PluralRules; small: string[] }>();
/** `Intl.PluralRules.select` costs about a microsecond: whole counts below 1,000 are looked up. */
function pluralCategory(locale: string, count: number): string {
  let p = pluralRules.get(locale);
  if (!p) {
    const rules = new Intl.PluralRules(locale);
    p = { rules, small: Array.from({ length: 1000 }, (_, n) => rules.select(n)) };
    pluralRules.set(locale, p);
  }
  return Number.isInteger(count) && count >= 0 && count < 1000 ? p.small[count]! : p.rules.select(count);
}

function memoised(fixed: RawTranslate, locale: Locale): RawTranslate {
  const plain = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  // i18next picks a plural form in each language of the fallback chain by that language's rules.
  const chain = [...new Set([locale, 'de', 'en'])];
  return (key, options) => {
    if (options === undefined) {
      let text = plain.get(key);
      if (text === undefined) {
        text = fixed(key);
        if (plain.size < MAX_CACHED) plain.set(key, text);
      }
      return text;
    }
    let count: number | undefined;
    for (const name in options) {
      const v = (options as Record<string, unknown>)[name];
      if (name === 'count') {
        if (typeof v !== 'number') return fixed(key, options);
        count = v;
      } else if (
        RESERVED.has(name) ||
        name.startsWith('defaultValue') ||
        (typeof v !== 'string' && typeof v !== 'number')
      )
        return fixed(key, options);
    }
    const id =
      count === undefined
        ? key
        : `${key}\u0000${count === 0 ? 0 : ''}${chain.map((l) => pluralCategory(l, count)).join()}`;
    let template = templates.get(id);
    if (template === undefined) {
      template = compile(fixed(key, { ...options, skipInterpolation: true }));
      if (templates.size < MAX_CACHED) templates.set(id, template);
    }
    if (template === null) return fixed(key, options);
    const values = options as Record<string, string | number | undefined>;
    let out = template.texts[0]!;
    for (let i = 0; i < template.names.length; i++) {
      const v = values[template.names[i]!];
      // A missing variable: i18next keeps the placeholder; let it.
      if (v === undefined) return fixed(key, options);
      out += String(v) + template.texts[i + 1]!;
    }
    return out;
  };
}

/**
 * A message of any namespace by its full name, for keys that travel as data
 * (a staff menu label 'auditLog:staffLink', a message chosen by a validation
 * rule). Unknown names show as themselves, like any missing message.
 */
export function translateRef(locale: Locale, ref: string, options?: TOptions): string {
  return i18n.t(ref, { ...options, lng: locale });
}

/**
 * A key built from data — an event code from the database, a form field's
 * name — which the compiler cannot check. i18next shows `defaultValue`, or
 * the key itself, where no message exists; prefer a key whose parts have
 * literal types (`t(\`roles.${role}\`)`), which is checked.
 */
export function dynamicKey<N extends Namespace>(_namespace: N, key: string): MessageKey<N> {
  return key as MessageKey<N>;
}

/** The full name of a message, checked at compile time: messageRef('auditLog', 'staffLink') → 'auditLog:staffLink'. */
export function messageRef<N extends Namespace>(namespace: N, key: MessageKey<N>): `${N}:${string}` {
  return `${namespace}:${key as string}`;
}

const listFormats = new Map<string, Intl.ListFormat>();
/** Joined lists by language and items: result cards repeat the same few lists, and ListFormat is slow. */
const joinedLists = new Map<string, string>();
const JOINED_LISTS_MAX = 5_000;

/**
 * Items joined as the reader's language joins a list: "Arabisch, Englisch
 * und Farsi", "عربی، انگلیسی و فارسی", "阿拉伯语、英语和波斯语". A comma is
 * not a list separator in every script.
 */
export function formatList(items: readonly string[], locale: Locale): string {
  if (items.length < 2) return items[0] ?? '';
  const key = `${locale}\u0000${items.join('\u0001')}`;
  let joined = joinedLists.get(key);
  if (joined === undefined) {
    let format = listFormats.get(locale);
    if (!format) {
      format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
      listFormats.set(locale, format);
    }
    joined = format.format(items);
    // Bounded: the lists come from the directory's small vocabularies, but a cap keeps memory flat whatever comes.
    if (joinedLists.size >= JOINED_LISTS_MAX) joinedLists.clear();
    joinedLists.set(key, joined);
  }
  return joined;
}
