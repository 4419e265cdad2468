/**
 * The search form. A plain GET form: it works without JavaScript, and the
 * result URL can be shared or bookmarked (nothing is stored server-side).
 */
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { escapeText } from '../../../platform/layout/markup.ts';
import { STATES } from '../../geo/states.ts';
import { stateName } from './ResultCard.tsx';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
  type ServiceLanguage,
} from '../../directory/taxonomies.ts';
import { toSearchParams, type FinderQuery } from '../schema.ts';
import { collatorFor, languageName } from '../../directory/format.ts';

/** The language options in the reader's alphabetical order, computed once per locale. */
const sortedLanguages = (() => {
  const byLocale = new Map<Locale, ServiceLanguage[]>();
  return (locale: Locale) => {
    let list = byLocale.get(locale);
    if (!list) {
      const collator = collatorFor(locale);
      list = [...SERVICE_LANGUAGES].sort((a, b) => collator.compare(languageName(a, locale), languageName(b, locale)));
      byLocale.set(locale, list);
    }
    return list;
  };
})();

type Props = {
  locale: Locale;
  t: Translate<'finder'>;
  query?: Partial<FinderQuery>;
  /** The page language's codes to offer as a language filter (see language-suggestion.ts). */
  suggestLanguages?: readonly ServiceLanguage[] | undefined;
};

/**
 * "Only show centres that counsel in Arabic": a plain link to the search
 * with the page language added to the filter. Offered, never applied: the
 * language select stays as the reader left it.
 */
export function LanguageSuggestion({
  locale,
  t,
  query = {},
  codes,
}: {
  locale: Locale;
  t: Translate<'finder'>;
  query?: Partial<FinderQuery>;
  codes: readonly ServiceLanguage[];
}) {
  const [first] = codes;
  if (!first) return null;
  const href = `/${locale}/search?${toSearchParams({ ...query, page: 1, lang: [...(query.lang ?? []), ...codes] })}`;
  return (
    <p class="language-suggestion">
      <a href={href}>{t('form.suggestLanguage', { language: languageName(first, locale) })}</a>
    </p>
  );
}

/** One control's markup when it is not chosen and when it is. */
type Choice = { value: string; plain: string; chosen: string };

/**
 * The option lists and checkboxes of the form as markup, made once per
 * language and kept: they are most of the form's elements, and rendering
 * them element by element on every search page cost more than the search.
 * A request only picks, for each value, the plain or the chosen variant, so
 * the work does not depend on what was chosen, and nothing of a query is
 * kept (ADR 025).
 */
function memoPerLocale(make: (locale: Locale, t: Translate<'finder'>) => Choice[]) {
  const byLocale = new Map<Locale, Choice[]>();
  return (locale: Locale, t: Translate<'finder'>) => {
    let list = byLocale.get(locale);
    if (!list) byLocale.set(locale, (list = make(locale, t)));
    return list;
  };
}

const options = (values: readonly { value: string; label: string }[]): Choice[] =>
  values.map(({ value, label }) => ({
    value,
    plain: `<option value="${value}">${escapeText(label)}</option>`,
    chosen: `<option value="${value}" selected>${escapeText(label)}</option>`,
  }));

const checks = (name: string, values: readonly { value: string; label: string }[]): Choice[] =>
  values.map(({ value, label }) => ({
    value,
    plain: `<label><input type="checkbox" name="${name}" value="${value}"/>${escapeText(label)}</label>`,
    chosen: `<label><input type="checkbox" name="${name}" value="${value}" checked/>${escapeText(label)}</label>`,
  }));

// In the reader's alphabet order: "Bavaria" and "بافاريا" sort where a reader looks for them.
const stateOptions = memoPerLocale((locale) => {
  const collator = new Intl.Collator(locale);
  const labelled = STATES.map((s) => ({ value: s.code, label: stateName(s.code, locale) }));
  return options(labelled.sort((a, b) => collator.compare(a.label, b.label)));
});
const languageOptions = memoPerLocale((locale) =>
  options(sortedLanguages(locale).map((l) => ({ value: l, label: languageName(l, locale) }))),
);
const targetGroupChecks = memoPerLocale((_, t) =>
  checks(
    'tg',
    TARGET_GROUPS.map((v) => ({ value: v, label: t(`tg.${v}`) })),
  ),
);
const exploitationChecks = memoPerLocale((_, t) =>
  checks(
    'ex',
    EXPLOITATION_FORMS.map((v) => ({ value: v, label: t(`ex.${v}`) })),
  ),
);
const accessibilityChecks = memoPerLocale((_, t) =>
  checks(
    'acc',
    ACCESSIBILITY_FEATURES.map((v) => ({ value: v, label: t(`acc.${v}`) })),
  ),
);

function markup(list: readonly Choice[], chosen: readonly string[]): string {
  let html = '';
  for (const c of list) html += chosen.includes(c.value) ? c.chosen : c.plain;
  return html;
}

function Checks({ legend, list, chosen }: { legend: string; list: readonly Choice[]; chosen: readonly string[] }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="checks" dangerouslySetInnerHTML={{ __html: markup(list, chosen) }} />
    </fieldset>
  );
}

export function SearchForm({ locale, t, query = {}, suggestLanguages = [] }: Props) {
  const tg = query.tg ?? [];
  const ex = query.ex ?? [];
  const lang = query.lang ?? [];
  const acc = query.acc ?? [];
  const anyFilter = tg.length + ex.length + lang.length + acc.length > 0;
  return (
    <form class="search" method="get" action={`/${locale}/search`} role="search" aria-label={t('form.legend')}>
      <div>
        <label for="q">{t('form.where')}</label>
        <input
          type="search"
          id="q"
          name="q"
          value={query.q ?? ''}
          autocomplete="off"
          maxLength={100}
          aria-describedby="q-hint"
          inputMode="search"
        />
        <p class="hint" id="q-hint">
          {t('form.whereHint')}
        </p>
      </div>
      <div>
        <label for="state">{t('form.state')}</label>
        <select
          id="state"
          name="state"
          dangerouslySetInnerHTML={{
            __html:
              `<option value="">${escapeText(t('form.anyState'))}</option>` +
              markup(stateOptions(locale, t), query.state ? [query.state] : []),
          }}
        />
      </div>
      <LanguageSuggestion locale={locale} t={t} query={query} codes={suggestLanguages} />
      <details class="filters" open={anyFilter}>
        <summary>{t('form.filters')}</summary>
        <div>
          <Checks legend={t('form.targetGroups')} list={targetGroupChecks(locale, t)} chosen={tg} />
          <Checks legend={t('form.exploitation')} list={exploitationChecks(locale, t)} chosen={ex} />
          <div>
            <label for="lang">{t('form.language')}</label>
            <select
              id="lang"
              name="lang"
              dangerouslySetInnerHTML={{
                __html:
                  `<option value="">${escapeText(t('form.anyLanguage'))}</option>` +
                  markup(languageOptions(locale, t), lang),
              }}
            />
          </div>
          <Checks legend={t('form.accessibility')} list={accessibilityChecks(locale, t)} chosen={acc} />
        </div>
      </details>
      <div>
        <button type="submit">{t('form.submit')}</button>
      </div>
    </form>
  );
}
