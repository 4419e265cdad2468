/** The coordination office's helpline pages: the list, and one helpline's form (new or existing). */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { HELPLINE_KINDS, type Helpline } from '../../../platform/helplines/helplines.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, Field, FieldError, control, inputId, type Errors } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import { HELPLINE_FIELDS, translationLocales, type HelplineField } from '../schema.ts';

export type Done = 'added' | 'saved' | 'removed' | 'translated';

export function HelplineListPage({
  ctx,
  list,
  done,
}: {
  ctx: PageContext;
  list: readonly Helpline[];
  done?: Done | undefined;
}) {
  const t = translator(ctx.locale, 'helplineEditor');
  const base = `/${ctx.locale}/staff/helplines`;
  return (
    <StaffFrame ctx={ctx} title={t('list.title')}>
      <h1>{t('list.title')}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(`list.${done}`)}
        </p>
      ) : null}
      <p class="lead">{t('list.lead')}</p>
      <p>
        <a class="button" href={`${base}/new`}>
          {t('list.add')}
        </a>
      </p>
      <DataTable
        label={t('list.title')}
        columns={[t('list.name'), t('list.contact'), t('list.hours'), t('list.checked')]}
        items={list}
        empty={t('list.empty')}
        row={(h) => (
          <>
            <th scope="row">
              <a href={`${base}/${h.id}`} aria-label={t('list.edit', { name: h.name.de })}>
                {h.name.de}
              </a>
            </th>
            <td class="number">{h.contact}</td>
            <td>{h.aroundTheClock ? t('list.always') : h.hours.de}</td>
            <td>{formatDay(h.checkedOn, ctx.locale)}</td>
          </>
        )}
      />
    </StaffFrame>
  );
}

/** The form's values as typed (strings; checkboxes as booleans). */
export type HelplineFormValues = Record<
  Exclude<HelplineField, 'around_the_clock' | 'emergency' | 'first_screen'>,
  string
> & {
  around_the_clock: boolean;
  emergency: boolean;
  first_screen: boolean;
};

export function valuesOf(h: Helpline): HelplineFormValues {
  return {
    kind: h.kind,
    contact: h.contact,
    name_de: h.name.de,
    name_en: h.name.en,
    description_de: h.description.de,
    description_en: h.description.en,
    around_the_clock: h.aroundTheClock,
    hours_de: h.hours.de,
    hours_en: h.hours.en,
    emergency: h.emergency,
    first_screen: h.firstScreen,
    sort_order: String(h.sortOrder),
    checked_on: h.checkedOn,
  };
}

export type HelplineFormModel = {
  /** Null for a new helpline. */
  id: string | null;
  /** The saved name, for the heading of an existing helpline. */
  savedName: string | null;
  values: HelplineFormValues;
  errors: Errors;
  csrf: string;
};

export function HelplineFormPage({ ctx, model }: { ctx: PageContext; model: HelplineFormModel }) {
  const t = translator(ctx.locale, 'helplineEditor');
  const base = `/${ctx.locale}/staff/helplines`;
  const { values: v, errors } = model;
  const title = model.savedName ? t('form.editTitle', { name: model.savedName }) : t('form.newTitle');
  const prefix = t('form.errorPrefix');
  const label = (f: HelplineField) => t(`form.${f}`);
  const summary = HELPLINE_FIELDS.flatMap((f) =>
    (errors.get(f) ?? []).map((m) => ({ href: `#${inputId(f)}`, text: `${label(f)}: ${m}` })),
  );
  const textField = (
    f: Exclude<HelplineField, 'kind' | 'around_the_clock' | 'emergency' | 'first_screen'>,
    opts: { hint?: string; multiline?: boolean; max: number; inputMode?: 'numeric' },
  ) => (
    <Field name={f} label={label(f)} hint={opts.hint} errors={errors} errorPrefix={prefix}>
      {opts.multiline ? (
        <textarea {...control(f, errors, !!opts.hint)} rows={3} maxLength={opts.max}>
          {v[f]}
        </textarea>
      ) : (
        <input
          type="text"
          {...control(f, errors, !!opts.hint)}
          value={v[f]}
          maxLength={opts.max}
          inputMode={opts.inputMode}
        />
      )}
    </Field>
  );
  const checkbox = (f: 'around_the_clock' | 'emergency' | 'first_screen') => (
    <div class={errors.has(f) ? 'field has-error' : 'field'}>
      <FieldError name={f} errors={errors} prefix={prefix} />
      <label class="check">
        <input type="checkbox" id={inputId(f)} name={f} value="on" checked={v[f]} /> {label(f)}
      </label>
    </div>
  );
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={base}>{t('form.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary title={t('form.errorTitle')} items={summary} />
      {model.id && translationLocales().length > 0 ? (
        <p>
          <a href={`${base}/${model.id}/translations`}>{t('form.translations')}</a>
        </p>
      ) : null}
      <form method="post" action={model.id ? `${base}/${model.id}` : `${base}/new`} class="staff-form" novalidate>
        <input type="hidden" name="_csrf" value={model.csrf} />
        <fieldset class={errors.has('kind') ? 'field has-error' : 'field'}>
          <legend>{label('kind')}</legend>
          <FieldError name="kind" errors={errors} prefix={prefix} />
          <div class="checks">
            {HELPLINE_KINDS.map((k) => (
              <label>
                <input type="radio" id={inputId('kind', k)} name="kind" value={k} checked={v.kind === k} />
                {t(`form.kind_${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {textField('contact', { hint: t('form.contactHint'), max: 200 })}
        {textField('name_de', { max: 200 })}
        {textField('name_en', { max: 200 })}
        {textField('description_de', { multiline: true, max: 1000 })}
        {textField('description_en', { multiline: true, max: 1000 })}
        {checkbox('around_the_clock')}
        {textField('hours_de', { hint: t('form.hoursHint'), max: 300 })}
        {textField('hours_en', { hint: t('form.hoursHint'), max: 300 })}
        {checkbox('emergency')}
        {checkbox('first_screen')}
        {textField('sort_order', { hint: t('form.sortHint'), max: 5, inputMode: 'numeric' })}
        {textField('checked_on', { hint: t('form.checkedHint'), max: 10 })}
        <button type="submit">{t('form.save')}</button>
      </form>
      {model.id ? (
        <section aria-labelledby="remove-title" class="decision">
          <h2 id="remove-title">{t('form.removeTitle')}</h2>
          <p>{t('form.removeText')}</p>
          <form method="post" action={`${base}/${model.id}/delete`}>
            <input type="hidden" name="_csrf" value={model.csrf} />
            <button type="submit" class="secondary">
              {t('form.remove')}
            </button>
          </form>
        </section>
      ) : null}
    </StaffFrame>
  );
}
