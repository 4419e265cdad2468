/**
 * The search form. A plain GET form: it works without JavaScript, and the
 * result URL can be shared or bookmarked (nothing is stored server-side).
 */
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { STATES } from '../../geo/states.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
  type ServiceLanguage,
} from '../../directory/taxonomies.ts';
import type { FinderQuery } from '../schema.ts';
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

type Props = { locale: Locale; t: Translate<'finder'>; query?: Partial<FinderQuery> };

function Checks<V extends string>({
  name,
  legend,
  values,
  chosen,
  label,
}: {
  name: string;
  legend: string;
  values: readonly V[];
  chosen: readonly string[];
  label: (v: V) => string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="checks">
        {values.map((v) => (
          <label>
            <input type="checkbox" name={name} value={v} checked={chosen.includes(v)} />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SearchForm({ locale, t, query = {} }: Props) {
  const tg = query.tg ?? [];
  const ex = query.ex ?? [];
  const lang = query.lang ?? [];
  const acc = query.acc ?? [];
  const anyFilter = tg.length + ex.length + lang.length + acc.length > 0;
  const languages = sortedLanguages(locale);
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
        <select id="state" name="state">
          <option value="">{t('form.anyState')}</option>
          {STATES.map((s) => (
            <option value={s.code} selected={query.state === s.code}>
              {locale === 'de' ? s.nameDe : s.nameEn}
            </option>
          ))}
        </select>
      </div>
      <details class="filters" open={anyFilter}>
        <summary>{t('form.filters')}</summary>
        <div>
          <Checks
            name="tg"
            legend={t('form.targetGroups')}
            values={TARGET_GROUPS}
            chosen={tg}
            label={(v) => t(`tg.${v}`)}
          />
          <Checks
            name="ex"
            legend={t('form.exploitation')}
            values={EXPLOITATION_FORMS}
            chosen={ex}
            label={(v) => t(`ex.${v}`)}
          />
          <div>
            <label for="lang">{t('form.language')}</label>
            <select id="lang" name="lang">
              <option value="">{t('form.anyLanguage')}</option>
              {languages.map((l) => (
                <option value={l} selected={lang.includes(l)}>
                  {languageName(l, locale)}
                </option>
              ))}
            </select>
          </div>
          <Checks
            name="acc"
            legend={t('form.accessibility')}
            values={ACCESSIBILITY_FEATURES}
            chosen={acc}
            label={(v) => t(`acc.${v}`)}
          />
        </div>
      </details>
      <div>
        <button type="submit">{t('form.submit')}</button>
      </div>
    </form>
  );
}
