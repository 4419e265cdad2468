/** The entry form: what a centre lead may change, with every error next to its field. */
import { dynamicKey, translator } from '../../../platform/i18n/index.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import type { PageContext } from '../../../platform/layout/context.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../../directory/taxonomies.ts';
import { WEEKDAYS } from '../../directory-io/entry-schema.ts';
import { languageName } from '../../directory/format.ts';
import '../../directory/drafts/entry-fields.ts';
import { explainProblem } from '../explain.ts';
import type { FieldProblem } from '../form-model.ts';
import {
  contactKindsFor,
  hourField,
  MAX_HOUR_ROWS,
  MAX_PHONE_ROWS,
  MIN_HOUR_ROWS,
  MIN_PHONE_ROWS,
  phoneField,
  type EntryForm,
  type HourRow,
  type PhoneRow,
} from '../form-schema.ts';
import {
  CheckboxGroup,
  control,
  ErrorSummary,
  Field,
  FieldError,
  inputId,
  type Errors,
  type SummaryItem,
} from '../../../platform/staff/forms.tsx';

type Props = { ctx: PageContext; centreName: string; form: EntryForm; problems: FieldProblem[]; csrf: string };

/** Rows to show: the filled ones plus one empty, at least `min`, at most `max`. */
function padRows<T>(rows: readonly T[], blank: T, min: number, max: number): T[] {
  const out = [...rows];
  const target = Math.min(max, Math.max(min, rows.length + 1));
  while (out.length < target) out.push(blank);
  return out.slice(0, Math.max(target, rows.length));
}

/** Where each field sits in the form, for the error summary's order. */
function formOrder(field: string): number {
  const fixed = [
    'description',
    'targetGroups',
    'exploitation',
    'languages',
    'accessibility',
    'minimum_age',
    'maximum_age',
  ];
  const i = fixed.indexOf(field);
  if (i >= 0) return i;
  const row = /^(hours|phone)_(\d+)_(\w+)$/.exec(field);
  if (row)
    return (
      (row[1] === 'hours' ? 100 : 200) +
      Number(row[2]) * 10 +
      ['days', 'opens', 'closes', 'note', 'number', 'type', 'description'].indexOf(row[3]!)
    );
  const rest = ['email', 'website', 'address_1', 'postal_code', 'city', 'address_protected'].indexOf(field);
  return rest >= 0 ? 300 + rest : -1;
}

/** The link target of a field's error: its input, or a group's first option. */
function anchorOf(field: string): string {
  if (field === 'targetGroups') return inputId(field, TARGET_GROUPS[0]);
  if (field === 'exploitation') return inputId(field, EXPLOITATION_FORMS[0]);
  if (field === 'accessibility') return inputId(field, ACCESSIBILITY_FEATURES[0]);
  if (field === 'languages') return inputId(field, [...SERVICE_LANGUAGES].sort()[0]);
  if (/^hours_\d+_days$/.test(field)) return inputId(field, WEEKDAYS[0]);
  return inputId(field);
}

/** The form, pre-filled (or as typed, with `problems` next to their fields). */
export function EntryFormPage({ ctx, centreName, form, problems, csrf }: Props) {
  const t = translator(ctx.locale, 'centreEntry');
  const dt = translator(ctx.locale, 'directory');
  const ft = translator(ctx.locale, 'finder');
  const errors = new Map<string, string[]>();
  for (const p of problems) {
    const list = errors.get(p.field) ?? [];
    list.push(explainProblem(p, ctx.locale));
    errors.set(p.field, list);
  }
  const labelOf = (field: string): string => {
    const row = /^(hours|phone)_(\d+)_(\w+)$/.exec(field);
    if (row) {
      const n = Number(row[2]) + 1;
      const part =
        {
          days: 'days',
          opens: 'opens',
          closes: 'closes',
          note: 'note',
          number: 'number',
          type: 'type',
          description: 'phoneDescription',
        }[row[3]!] ?? 'number';
      return `${row[1] === 'hours' ? t('form.hoursLegend') : t('form.phonesLegend')}, ${t(row[1] === 'hours' ? 'form.hoursRow' : 'form.phoneRow', { n })}, ${t(dynamicKey('centreEntry', `form.${part}`))}`;
    }
    return dt(dynamicKey('directory', `field.${field}`));
  };
  const summary: SummaryItem[] = [...problems]
    .sort((a, b) => formOrder(a.field) - formOrder(b.field))
    .map((p) => ({
      href: p.field ? `#${anchorOf(p.field)}` : null,
      text: `${p.field ? labelOf(p.field) : t('form.formProblem')}: ${explainProblem(p, ctx.locale)}`,
    }));
  const e: Errors = errors;
  const pre = t('form.errorPrefix');
  const hours = padRows<HourRow>(
    form.hours,
    { days: [], opens: '', closes: '', note: '' },
    MIN_HOUR_ROWS,
    MAX_HOUR_ROWS,
  );
  const phones = padRows<PhoneRow>(
    form.phones,
    { number: '', type: 'voice', description: '' },
    MIN_PHONE_ROWS,
    MAX_PHONE_ROWS,
  );
  const languages = [...SERVICE_LANGUAGES]
    .map((c) => ({ value: c, label: `${languageName(c, ctx.locale)} (${c})` }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  const base = `/${ctx.locale}/staff/entry`;
  return (
    <StaffFrame ctx={ctx} title={problems.length ? t('form.titleWithErrors') : t('form.title')}>
      <ErrorSummary title={t('form.errorTitle')} items={summary} />
      <h1>
        {t('form.title')}: {centreName}
      </h1>
      <p class="lead">{t('form.lead')}</p>
      <form method="post" action={`${base}/edit`} class="staff-form" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <h2>{t('form.services')}</h2>
        <Field
          name="description"
          label={dt('field.description')}
          hint={t('form.descriptionHint')}
          errors={e}
          errorPrefix={pre}
        >
          <textarea {...control('description', e, true)} rows={8}>
            {form.description}
          </textarea>
        </Field>
        <CheckboxGroup
          name="targetGroups"
          legend={dt('field.targetGroups')}
          options={TARGET_GROUPS.map((c) => ({ value: c, label: ft(`tg.${c}`) }))}
          checked={form.targetGroups}
          errors={e}
          errorPrefix={pre}
        />
        <CheckboxGroup
          name="exploitation"
          legend={dt('field.exploitation')}
          options={EXPLOITATION_FORMS.map((c) => ({ value: c, label: ft(`ex.${c}`) }))}
          checked={form.exploitation}
          errors={e}
          errorPrefix={pre}
        />
        <CheckboxGroup
          name="languages"
          legend={dt('field.languages')}
          options={languages}
          checked={form.languages}
          errors={e}
          errorPrefix={pre}
        />
        <CheckboxGroup
          name="accessibility"
          legend={dt('field.accessibility')}
          options={ACCESSIBILITY_FEATURES.map((c) => ({ value: c, label: ft(`acc.${c}`) }))}
          checked={form.accessibility}
          errors={e}
          errorPrefix={pre}
        />
        {(['minimum_age', 'maximum_age'] as const).map((name) => (
          <Field name={name} label={dt(`field.${name}`)} hint={t('form.ageHint')} errors={e} errorPrefix={pre}>
            <input type="text" inputMode="numeric" class="short" {...control(name, e, true)} value={form[name]} />
          </Field>
        ))}

        <h2>{t('form.hoursLegend')}</h2>
        <p class="hint">{t('form.hoursHint')}</p>
        {hours.map((r, i) => (
          <fieldset class="row">
            <legend>{t('form.hoursRow', { n: i + 1 })}</legend>
            <CheckboxGroup
              name={hourField(i, 'days')}
              legend={t('form.days')}
              options={WEEKDAYS.map((d) => ({ value: d, label: ft(`days.${d}`) }))}
              checked={r.days}
              errors={e}
              errorPrefix={pre}
            />
            <div class="inline-fields">
              {(['opens', 'closes'] as const).map((part) => (
                <Field name={hourField(i, part)} label={t(`form.${part}`)} errors={e} errorPrefix={pre}>
                  <input type="time" class="short" {...control(hourField(i, part), e, false)} value={r[part]} />
                </Field>
              ))}
              <Field name={hourField(i, 'note')} label={t('form.note')} errors={e} errorPrefix={pre}>
                <input type="text" {...control(hourField(i, 'note'), e, false)} value={r.note} />
              </Field>
            </div>
          </fieldset>
        ))}

        <h2>{t('form.contact')}</h2>
        <p class="hint">{t('form.phonesHint')}</p>
        {phones.map((r, i) => (
          <fieldset class="row">
            <legend>{t('form.phoneRow', { n: i + 1 })}</legend>
            <div class="inline-fields">
              <Field name={phoneField(i, 'number')} label={t('form.number')} errors={e} errorPrefix={pre}>
                {/* text, not tel: a Telegram username or a Threema ID has letters */}
                <input type="text" {...control(phoneField(i, 'number'), e, false)} value={r.number} />
              </Field>
              <Field name={phoneField(i, 'type')} label={t('form.type')} errors={e} errorPrefix={pre}>
                <select {...control(phoneField(i, 'type'), e, false)}>
                  {contactKindsFor(r.type).map((p) => (
                    <option value={p} selected={(r.type || 'voice') === p}>
                      {dt(`phoneType.${p}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                name={phoneField(i, 'description')}
                label={t('form.phoneDescription')}
                errors={e}
                errorPrefix={pre}
              >
                <input type="text" {...control(phoneField(i, 'description'), e, false)} value={r.description} />
              </Field>
            </div>
          </fieldset>
        ))}
        <Field name="email" label={dt('field.email')} hint={t('form.emailHint')} errors={e} errorPrefix={pre}>
          <input type="email" autocomplete="off" {...control('email', e, true)} value={form.email} />
        </Field>
        <Field name="website" label={dt('field.website')} hint={t('form.websiteHint')} errors={e} errorPrefix={pre}>
          <input type="url" {...control('website', e, true)} value={form.website} />
        </Field>

        <h2>{t('form.place')}</h2>
        <Field name="address_1" label={dt('field.address_1')} hint={t('form.streetHint')} errors={e} errorPrefix={pre}>
          <input type="text" {...control('address_1', e, true)} value={form.address_1} />
        </Field>
        <Field
          name="postal_code"
          label={dt('field.postal_code')}
          hint={t('form.postcodeHint')}
          errors={e}
          errorPrefix={pre}
        >
          <input
            type="text"
            inputMode="numeric"
            class="short"
            {...control('postal_code', e, true)}
            value={form.postal_code}
          />
        </Field>
        <Field name="city" label={dt('field.city')} hint={t('form.cityHint')} errors={e} errorPrefix={pre}>
          <input type="text" {...control('city', e, true)} value={form.city} />
        </Field>
        <div class={e.has('address_protected') ? 'field has-error checks' : 'field checks'}>
          <FieldError name="address_protected" errors={e} prefix={pre} />
          <label>
            <input
              type="checkbox"
              value="1"
              checked={form.address_protected}
              {...control('address_protected', e, true)}
            />
            {t('form.protectedLabel')}
          </label>
          <p class="hint" id="f-address_protected-hint">
            {t('form.protectedHint')}
          </p>
        </div>

        <p class="actions">
          <button type="submit">{t('form.submit')}</button> <a href={base}>{t('form.cancel')}</a>
        </p>
      </form>
    </StaffFrame>
  );
}
