/**
 * Translations through i18next (plurals, interpolation, fallbacks) instead of
 * hand-rolled string code. Each feature owns its messages in a `messages.ts`
 * and registers them under its own namespace, so features do not edit one
 * shared dictionary.
 */
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts';

export * from './locales.ts';

type Messages = { [key: string]: string | readonly string[] | Messages | readonly Messages[] };
export type MessagesByLocale = { de: Messages; en: Messages } & Partial<Record<Locale, Messages>>;

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: {},
  lng: DEFAULT_LOCALE,
  fallbackLng: ['de', 'en'],
  supportedLngs: Object.keys(LOCALES),
  // Preact escapes on output; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

/** Register a feature's messages under its namespace. Idempotent. */
export function addMessages(namespace: string, messages: MessagesByLocale): void {
  for (const [locale, bundle] of Object.entries(messages)) {
    if (bundle) i18n.addResourceBundle(locale, namespace, bundle, true, true);
  }
}

export type Translate = TFunction;

/** A translate function fixed to one locale and namespace, e.g. t('title'). */
export function translator(locale: Locale, namespace: string): Translate {
  return i18n.getFixedT(locale, namespace);
}

/** For tests: every key of a namespace in `reference` exists in `locale`. */
export function missingKeys(namespace: string, locale: Locale, reference: Locale = 'de'): string[] {
  const flatten = (obj: unknown, prefix = ''): string[] =>
    obj && typeof obj === 'object'
      ? Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  const ref = flatten(i18n.getResourceBundle(reference, namespace));
  const have = new Set(flatten(i18n.getResourceBundle(locale, namespace)));
  // i18next plural forms differ per language (_one/_other vs _zero/_two/_few/_many).
  const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
  const haveBase = new Set([...have].map(base));
  return ref.filter((k) => !have.has(k) && !haveBase.has(base(k)));
}
