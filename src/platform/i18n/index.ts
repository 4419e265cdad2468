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

export * from './locales.ts';
export type { Audience, MessageNamespace, NamespaceCatalogue } from './catalogues.ts';
export { proseDocument } from './catalogues.ts';

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
  const catalogues = readCatalogues(namespaces, locales);
  for (const { spec, messages } of catalogues) {
    for (const [locale, bundle] of messages) i18n.addResourceBundle(locale, spec.name, bundle, false, true);
  }
  setDocuments(catalogues);
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
  return i18n.getFixedT(locale, namespace) as unknown as Translate<N>;
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
