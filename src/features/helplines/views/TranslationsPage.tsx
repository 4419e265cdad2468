/**
 * One helpline's name and description in every offered language beyond
 * German and English. Each field is optional; the English text is shown
 * beside it as the source, and each input is marked with its language and
 * direction so that it is typed and read the right way round.
 */
import { localeInfo, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import type { Helpline } from '../../../platform/helplines/helplines.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, Field, control, inputId, type Errors } from '../../../platform/staff/forms.tsx';
import { translationFields } from '../schema.ts';

export type TranslationsModel = {
  helpline: Helpline;
  locales: readonly Locale[];
  /** The form's values by field name (`name_ar`, `description_ar` …), as stored or as typed. */
  values: Readonly<Record<string, string>>;
  errors: Errors;
  csrf: string;
};

/** The stored translations as the form's values. */
export function translationValues(h: Helpline, locales: readonly Locale[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of locales) {
    const f = translationFields(l);
    out[f.name] = h.translations?.[l]?.name ?? '';
    out[f.description] = h.translations?.[l]?.description ?? '';
  }
  return out;
}

export function TranslationsPage({ ctx, model }: { ctx: PageContext; model: TranslationsModel }) {
  const t = translator(ctx.locale, 'helplineEditor');
  const { helpline: h, locales, values, errors } = model;
  const base = `/${ctx.locale}/staff/helplines`;
  const title = t('translations.title', { name: h.name.de });
  const prefix = t('form.errorPrefix');
  const label = (l: Locale, field: 'name' | 'description') => `${localeInfo(l).name}: ${t(`translations.${field}`)}`;
  const summary = locales.flatMap((l) =>
    (['name', 'description'] as const).flatMap((field) => {
      const f = translationFields(l)[field];
      return (errors.get(f) ?? []).map((m) => ({ href: `#${inputId(f)}`, text: `${label(l, field)}: ${m}` }));
    }),
  );
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={`${base}/${h.id}`}>{t('translations.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary title={t('form.errorTitle')} items={summary} />
      {locales.length === 0 ? (
        <p>{t('translations.none')}</p>
      ) : (
        <>
          <p class="lead">{t('translations.lead')}</p>
          <form method="post" action={`${base}/${h.id}/translations`} class="staff-form" novalidate>
            <input type="hidden" name="_csrf" value={model.csrf} />
            {locales.map((l) => {
              const info = localeInfo(l);
              const f = translationFields(l);
              return (
                <fieldset>
                  <legend lang={info.htmlLang}>{info.name}</legend>
                  <Field
                    name={f.name}
                    label={t('translations.name')}
                    hint={t('translations.english', { text: h.name.en })}
                    errors={errors}
                    errorPrefix={prefix}
                  >
                    <input
                      type="text"
                      {...control(f.name, errors, true)}
                      value={values[f.name] ?? ''}
                      maxLength={200}
                      lang={info.htmlLang}
                      dir={info.dir}
                    />
                  </Field>
                  <Field
                    name={f.description}
                    label={t('translations.description')}
                    hint={h.description.en ? t('translations.english', { text: h.description.en }) : undefined}
                    errors={errors}
                    errorPrefix={prefix}
                  >
                    <textarea
                      {...control(f.description, errors, !!h.description.en)}
                      rows={3}
                      maxLength={1000}
                      lang={info.htmlLang}
                      dir={info.dir}
                    >
                      {values[f.description] ?? ''}
                    </textarea>
                  </Field>
                </fieldset>
              );
            })}
            <button type="submit">{t('translations.save')}</button>
          </form>
        </>
      )}
    </StaffFrame>
  );
}
