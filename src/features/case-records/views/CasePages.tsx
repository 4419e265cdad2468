/**
 * The centre's case records: the list with filters and counts, the record
 * form, the deletion's confirmation. The form shows only the questions that
 * apply to what it holds; without JavaScript, "Update the form" sends it
 * back to be shown again with the questions the new answers need.
 */
import { dynamicKey, formatList, intlLocale, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import {
  CheckboxGroup,
  control,
  ErrorSummary,
  Field,
  FieldGroup,
  inputId,
  PostForm,
  type Errors,
} from '../../../platform/staff/forms.tsx';
import { StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { ListCounts, ListFilter, ListRow, Missing, RecordStatus, YearInfo } from '../queries.ts';
import type { RawAnswers, ValueField } from '../schema.ts';
import {
  asksLabourSector,
  asksMinorQuestions,
  CITIZENSHIP_CODES,
  MULTI_CHOICE,
  PLACE_CODES,
  QUARTERS,
  SINGLE_CHOICE,
  STATELESS,
  UNKNOWN_COUNTRY,
  type MultiChoiceField,
  type SingleChoiceField,
} from '../vocabulary.ts';

type T = ReturnType<typeof translator<'caseRecords'>>;

/** The first eight hex digits of the random id: enough to name a record, nothing about anyone. */
function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8);
}

const fieldLabel = (t: T, field: ValueField) => t(dynamicKey('caseRecords', `field.${field}.label`));
const fieldHint = (t: T, field: ValueField): string | undefined => {
  const hint = t(dynamicKey('caseRecords', `field.${field}.hint`), { defaultValue: '' });
  return hint === '' ? undefined : hint;
};

/** The message group of a field's options (fields sharing a vocabulary share their labels). */
function optionGroup(field: SingleChoiceField | MultiChoiceField): string {
  if (SINGLE_CHOICE[field as SingleChoiceField] === SINGLE_CHOICE.possibly_counted_elsewhere) return 'yes_no_unknown';
  if (field === 'residence_status_first' || field === 'residence_status_end') return 'residence_status';
  return field;
}
const optionLabel = (t: T, field: SingleChoiceField | MultiChoiceField, code: string) =>
  t(dynamicKey('caseRecords', `option.${optionGroup(field)}.${code}`));

/** Country names in the reader's language, sorted by name; unknown and stateless first. */
const countryLists = new Map<string, { citizenship: Option[]; place: Option[] }>();
type Option = { value: string; label: string };
function countries(locale: Locale, t: T): { citizenship: Option[]; place: Option[] } {
  const known = countryLists.get(locale);
  if (known) return known;
  const lang = intlLocale(locale);
  const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const special: Record<string, string> = {
    [UNKNOWN_COUNTRY]: t('option.country.XX'),
    [STATELESS]: t('option.country.XS'),
  };
  const byName = (codes: readonly string[]) => {
    const named = codes
      .filter((c) => !(c in special))
      .map((c) => ({ value: c, label: names.of(c) ?? c }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
    return [...codes.filter((c) => c in special).map((c) => ({ value: c, label: special[c]! })), ...named];
  };
  const lists = { citizenship: byName(CITIZENSHIP_CODES), place: byName(PLACE_CODES) };
  countryLists.set(locale, lists);
  return lists;
}

/** A select's options: the empty one first (its text says what leaving it means), then `options`. */
function SelectOptions({ options, value, empty }: { options: Option[]; value: string; empty: string }) {
  return (
    <>
      <option value="" selected={value === ''}>
        {empty}
      </option>
      {options.map((o) => (
        <option value={o.value} selected={o.value === value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

// ---------------------------------------------------------------- the list

export type ListModel = {
  filter: ListFilter;
  years: number[];
  rows: ListRow[];
  counts: ListCounts;
  /** The filtered year's state and what is missing in it (only when one year is chosen). */
  year: { year: number; info: YearInfo | null; missing: Missing; releasable: number } | null;
  done: string | null;
  doneCount: number | null;
  csrf: string;
};

function FilterSelect({
  name,
  label,
  value,
  options,
  any,
}: {
  name: string;
  label: string;
  value: string;
  options: Option[];
  any: string;
}) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <SelectOptions options={options} value={value} empty={any} />
      </select>
    </div>
  );
}

export function CaseListPage({ ctx, model }: { ctx: PageContext; model: ListModel }) {
  const t = translator(ctx.locale, 'caseRecords');
  const base = `/${ctx.locale}/staff/cases`;
  const f = model.filter;
  const y = model.year;
  const yearValue = f.year === undefined ? '' : f.year === null ? 'none' : String(f.year);
  return (
    <StaffPage ctx={ctx} title={t('list.title')}>
      {model.done ? (
        <p class="notice" role="status">
          {model.done === 'releasedYear'
            ? t('done.releasedYear', { count: model.doneCount ?? 0 })
            : t(dynamicKey('caseRecords', `done.${model.done}`))}
        </p>
      ) : null}
      <p class="lead">{t('list.lead')}</p>
      <p>
        <a class="button" href={`${base}/new`}>
          {t('list.new')}
        </a>
      </p>
      <form method="get" action={base} class="staff-form filters">
        <fieldset>
          <legend>{t('list.filters')}</legend>
          <div class="inline-fields">
            <FilterSelect
              name="year"
              label={t('list.year')}
              value={yearValue}
              any={t('list.allYears')}
              options={[
                ...model.years.map((year) => ({ value: String(year), label: String(year) })),
                { value: 'none', label: t('list.noYear') },
              ]}
            />
            <FilterSelect
              name="status"
              label={t('list.status')}
              value={f.status ?? ''}
              any={t('list.any')}
              options={(['draft', 'complete'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
            <FilterSelect
              name="released"
              label={t('list.released')}
              value={f.released === undefined ? '' : f.released ? 'yes' : 'no'}
              any={t('list.any')}
              options={(['yes', 'no'] as const).map((s) => ({ value: s, label: t(`filter.released.${s}`) }))}
            />
            <FilterSelect
              name="consent"
              label={t('list.consent')}
              value={f.consent ?? ''}
              any={t('list.any')}
              options={(['yes', 'no', 'unknown'] as const).map((s) => ({ value: s, label: t(`filter.consent.${s}`) }))}
            />
          </div>
          <p class="actions">
            <button type="submit">{t('list.apply')}</button> <a href={base}>{t('list.reset')}</a>
          </p>
        </fieldset>
      </form>
      {y ? <YearPanel t={t} ctx={ctx} y={y} csrf={model.csrf} /> : null}
      <p role="status">
        {t('list.counts', {
          shown: model.counts.shown,
          total: model.counts.total,
          drafts: model.counts.drafts,
          complete: model.counts.complete,
          released: model.counts.released,
        })}
      </p>
      <DataTable
        label={t('list.label')}
        columns={[
          t('list.id'),
          t('list.firstContact'),
          t('list.status'),
          t('list.consent'),
          t('list.released'),
          t('list.updated'),
        ]}
        items={model.rows}
        empty={t('list.none')}
        row={(r) => (
          <>
            <th scope="row">
              <a href={`${base}/${r.id}`}>
                <code>{shortId(r.id)}</code>
              </a>
            </th>
            <td>
              {r.first_contact_year === null
                ? t('list.noDate')
                : r.first_contact_quarter === null
                  ? String(r.first_contact_year)
                  : t('list.quarter', { year: r.first_contact_year, quarter: r.first_contact_quarter })}
            </td>
            <td>{t(`status.${r.status}`)}</td>
            <td>
              {r.consent_statistics === null
                ? t('filter.consent.unknown')
                : t(`filter.consent.${r.consent_statistics ? 'yes' : 'no'}`)}
            </td>
            <td>
              {r.released_at
                ? t('list.releasedOn', { date: formatDay(r.released_at, ctx.locale) })
                : t('list.notReleased')}
            </td>
            <td>{formatDay(r.updated_at, ctx.locale)}</td>
          </>
        )}
      />
    </StaffPage>
  );
}

function YearPanel({ t, ctx, y, csrf }: { t: T; ctx: PageContext; y: NonNullable<ListModel['year']>; csrf: string }) {
  const closed = y.info?.status === 'closed';
  const m = y.missing;
  const nothing = m.drafts === 0 && m.unreleased === 0 && m.consentUnanswered === 0;
  return (
    <section aria-labelledby="year-state">
      <h2 id="year-state">{t('list.missing', { year: y.year })}</h2>
      <p class={closed ? 'notice warn' : 'notice'}>
        {y.info === null
          ? t('list.yearNotOpened', { year: y.year })
          : closed
            ? t('list.yearClosed', { year: y.year })
            : t('list.yearOpen', { year: y.year, deadline: formatDay(y.info.releaseDeadline, ctx.locale) })}
      </p>
      {nothing ? (
        <p>{t('list.nothingMissing')}</p>
      ) : (
        <ul>
          {m.drafts > 0 ? <li>{t('list.missingDrafts', { count: m.drafts })}</li> : null}
          {m.unreleased > 0 ? <li>{t('list.missingRelease', { count: m.unreleased })}</li> : null}
          {m.consentUnanswered > 0 ? <li>{t('list.missingConsent', { count: m.consentUnanswered })}</li> : null}
          {m.unanswered.length > 0 ? (
            <li>
              {t('list.missingFields', {
                fields: formatList(
                  m.unanswered.slice(0, 5).map((u) => `${fieldLabel(t, u.field)} (${u.count})`),
                  ctx.locale,
                ),
              })}
            </li>
          ) : null}
        </ul>
      )}
      {closed ? null : y.releasable > 0 ? (
        <PostForm action={`/${ctx.locale}/staff/cases/release-year`} csrf={csrf} class="inline">
          <input type="hidden" name="year" value={String(y.year)} />
          <button type="submit">{t('list.releaseYear', { count: y.releasable, year: y.year })}</button>
        </PostForm>
      ) : (
        <p>{t('list.releaseYearNone', { year: y.year })}</p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- the form

export type FormModel = {
  /** null: a new record. */
  record: {
    id: string;
    status: RecordStatus;
    releasedAt: Date | null;
    releasable: boolean;
  } | null;
  answers: RawAnswers;
  /** Problems by field, already in the reader's language. */
  problems: Errors;
  /** The closed year the record lies in: shown, not editable. */
  lockedYear: number | null;
  done: string | null;
  thisYear: number;
  csrf: string;
};

const str = (v: string | readonly string[] | undefined): string => (typeof v === 'string' ? v : (v?.[0] ?? ''));
const arr = (v: string | readonly string[] | undefined): string[] =>
  (typeof v === 'string' ? [v] : [...(v ?? [])]).filter((s) => s !== '');

/** The form's idea of the age, to decide which questions apply (invalid input counts as not given). */
function ageOf(a: RawAnswers): { age: number | null; unknown: boolean } {
  const s = str(a.age_at_first_contact).trim();
  const age = /^\d{1,2}$/.test(s) ? Number(s) : null;
  return { age, unknown: str(a.age_unknown) !== '' };
}

/** Where a field's error links to: its control, or a group's first option. */
function anchorOf(field: ValueField): string {
  if (field in MULTI_CHOICE) return inputId(field, MULTI_CHOICE[field as MultiChoiceField][0]);
  if (field === 'country_of_recruitment' || field === 'country_of_exploitation') return inputId(`${field}-0`);
  if (radioField(field)) return inputId(field, radioOptions(field)[0]);
  return inputId(field);
}

const RADIO_MAX = 7;
function radioField(field: ValueField): field is SingleChoiceField | 'consent_statistics' | 'first_contact_quarter' {
  if (field === 'consent_statistics' || field === 'first_contact_quarter') return true;
  return field in SINGLE_CHOICE && SINGLE_CHOICE[field as SingleChoiceField].length <= RADIO_MAX;
}
function radioOptions(field: ValueField): readonly string[] {
  if (field === 'consent_statistics') return ['yes', 'no'];
  if (field === 'first_contact_quarter') return QUARTERS.map(String);
  return SINGLE_CHOICE[field as SingleChoiceField];
}

function Radios({
  name,
  legend,
  hint,
  options,
  value,
  errors,
  prefix,
  disabled,
}: {
  name: string;
  legend: string;
  hint?: string | undefined;
  options: Option[];
  value: string;
  errors: Errors;
  prefix: string;
  disabled: boolean;
}) {
  return (
    <FieldGroup name={name} legend={legend} hint={hint} errors={errors} errorPrefix={prefix}>
      <div class="checks">
        {options.map((o) => (
          <label>
            <input
              type="radio"
              id={inputId(name, o.value)}
              name={name}
              value={o.value}
              checked={o.value === value}
              disabled={disabled}
            />
            {o.label}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

function Select({
  name,
  label,
  hint,
  options,
  value,
  errors,
  prefix,
  choose,
  disabled,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  options: Option[];
  value: string;
  errors: Errors;
  prefix: string;
  choose: string;
  disabled: boolean;
}) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors} errorPrefix={prefix}>
      <select {...control(name, errors, Boolean(hint))} disabled={disabled}>
        <SelectOptions options={options} value={value} empty={choose} />
      </select>
    </Field>
  );
}

/** Several selects of one name, one country each: the filled ones and one more (two at least). */
function CountryList({
  name,
  legend,
  hint,
  options,
  values,
  errors,
  prefix,
  t,
  disabled,
}: {
  name: 'country_of_recruitment' | 'country_of_exploitation';
  legend: string;
  hint?: string | undefined;
  options: Option[];
  values: string[];
  errors: Errors;
  prefix: string;
  t: T;
  disabled: boolean;
}) {
  const slots = Math.min(30, Math.max(2, values.length + (disabled ? 0 : 1)));
  return (
    <FieldGroup name={name} legend={legend} hint={hint} errors={errors} errorPrefix={prefix}>
      {Array.from({ length: slots }, (_, i) => (
        <div class="field">
          <label for={inputId(`${name}-${i}`)} class="visually-hidden">
            {i === 0 ? legend : `${legend}: ${t('form.another')} (${i + 1})`}
          </label>
          <select id={inputId(`${name}-${i}`)} name={name} disabled={disabled}>
            <SelectOptions
              options={options}
              value={values[i] ?? ''}
              empty={i === 0 ? t('form.choose') : t('form.none')}
            />
          </select>
        </div>
      ))}
    </FieldGroup>
  );
}

export function CaseFormPage({ ctx, model }: { ctx: PageContext; model: FormModel }) {
  const t = translator(ctx.locale, 'caseRecords');
  const base = `/${ctx.locale}/staff/cases`;
  const a = model.answers;
  const e = model.problems;
  const prefix = t('form.errorPrefix');
  const locked = model.lockedYear !== null;
  const r = model.record;
  const title = r ? t('form.editTitle', { id: shortId(r.id) }) : t('form.newTitle');
  const { age, unknown } = ageOf(a);
  const lists = countries(ctx.locale, t);

  const single = (field: SingleChoiceField) => {
    const options = SINGLE_CHOICE[field].map((c) => ({ value: c, label: optionLabel(t, field, c) }));
    const props = {
      name: field,
      hint: fieldHint(t, field),
      options,
      value: str(a[field]),
      errors: e,
      prefix,
      disabled: locked,
    };
    return radioField(field) ? (
      <Radios {...props} legend={fieldLabel(t, field)} />
    ) : (
      <Select {...props} label={fieldLabel(t, field)} choose={t('form.choose')} />
    );
  };
  const multi = (field: MultiChoiceField) => (
    <CheckboxGroup
      name={field}
      legend={fieldLabel(t, field)}
      hint={fieldHint(t, field)}
      options={MULTI_CHOICE[field].map((c) => ({ value: c, label: optionLabel(t, field, c) }))}
      checked={arr(a[field])}
      errors={e}
      errorPrefix={prefix}
    />
  );

  const summary = [...e.keys()].map((field) => ({
    href: `#${anchorOf(field as ValueField)}`,
    text: `${fieldLabel(t, field as ValueField)}: ${(e.get(field) ?? []).join(' ')}`,
  }));

  const body = (
    <>
      <fieldset class="section">
        <legend>{t('form.sections.contact')}</legend>
        <Field name="first_contact_year" label={fieldLabel(t, 'first_contact_year')} errors={e} errorPrefix={prefix}>
          <input
            type="text"
            inputMode="numeric"
            class="short"
            maxLength={4}
            {...control('first_contact_year', e, false)}
            value={str(a.first_contact_year)}
            disabled={locked}
          />
        </Field>
        <Radios
          name="first_contact_quarter"
          legend={fieldLabel(t, 'first_contact_quarter')}
          options={QUARTERS.map((q) => ({ value: String(q), label: t(`option.quarter.${q}`) }))}
          value={str(a.first_contact_quarter)}
          errors={e}
          prefix={prefix}
          disabled={locked}
        />
        <Radios
          name="consent_statistics"
          legend={fieldLabel(t, 'consent_statistics')}
          hint={fieldHint(t, 'consent_statistics')}
          options={(['yes', 'no'] as const).map((c) => ({ value: c, label: t(`option.consent.${c}`) }))}
          value={str(a.consent_statistics)}
          errors={e}
          prefix={prefix}
          disabled={locked}
        />
        {single('possibly_counted_elsewhere')}
      </fieldset>

      <fieldset class="section">
        <legend>{t('form.sections.person')}</legend>
        {single('trafficking_status')}
        {single('gender')}
        <Field
          name="age_at_first_contact"
          label={fieldLabel(t, 'age_at_first_contact')}
          hint={fieldHint(t, 'age_at_first_contact')}
          errors={e}
          errorPrefix={prefix}
        >
          <input
            type="text"
            inputMode="numeric"
            class="short"
            maxLength={2}
            {...control('age_at_first_contact', e, true)}
            value={str(a.age_at_first_contact)}
            disabled={locked}
          />
          <label>
            <input
              type="checkbox"
              id={inputId('age_unknown')}
              name="age_unknown"
              value="1"
              checked={unknown}
              disabled={locked}
            />
            {fieldLabel(t, 'age_unknown')}
          </label>
        </Field>
        {single('minor_at_exploitation')}
        {asksMinorQuestions(age, unknown) ? single('unaccompanied_minor') : null}
        <Select
          name="citizenship"
          label={fieldLabel(t, 'citizenship')}
          options={lists.citizenship}
          value={str(a.citizenship)}
          errors={e}
          prefix={prefix}
          choose={t('form.choose')}
          disabled={locked}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{t('form.sections.exploitation')}</legend>
        {multi('exploitation_forms')}
        {asksLabourSector(arr(a.exploitation_forms)) ? single('labour_sector') : null}
        <CountryList
          name="country_of_recruitment"
          legend={fieldLabel(t, 'country_of_recruitment')}
          hint={fieldHint(t, 'country_of_recruitment')}
          options={lists.place}
          values={arr(a.country_of_recruitment)}
          errors={e}
          prefix={prefix}
          t={t}
          disabled={locked}
        />
        <CountryList
          name="country_of_exploitation"
          legend={fieldLabel(t, 'country_of_exploitation')}
          hint={fieldHint(t, 'country_of_exploitation')}
          options={lists.place}
          values={arr(a.country_of_exploitation)}
          errors={e}
          prefix={prefix}
          t={t}
          disabled={locked}
        />
        {multi('means_of_control')}
        {single('recruiter_relation')}
        {single('first_contact_online')}
      </fieldset>

      <fieldset class="section">
        <legend>{t('form.sections.migration')}</legend>
        {multi('exploitation_timing')}
        {single('asylum_stage')}
        {single('residence_status_first')}
        {single('residence_status_end')}
      </fieldset>

      <fieldset class="section">
        <legend>{t('form.sections.support')}</legend>
        {single('referral_source')}
        {single('criminal_proceedings')}
        {multi('support_provided')}
      </fieldset>
    </>
  );

  return (
    <StaffPage ctx={ctx} title={title}>
      {model.done ? (
        <p class="notice" role="status">
          {t(dynamicKey('caseRecords', `done.${model.done}`))}
        </p>
      ) : null}
      <ErrorSummary title={t('form.errorTitle')} items={summary} />
      {locked ? (
        <p class="notice warn">{t('form.locked', { year: model.lockedYear })}</p>
      ) : (
        <>
          <p class="lead">{t('form.lead')}</p>
          <p class="hint">{t('form.updateHint')}</p>
        </>
      )}
      {r?.releasedAt ? (
        <p class="notice">{t('form.releasedNote', { date: formatDay(r.releasedAt, ctx.locale) })}</p>
      ) : null}
      {locked ? (
        <div class="staff-form">{body}</div>
      ) : (
        <PostForm action={r ? `${base}/${r.id}` : `${base}/new`} csrf={model.csrf}>
          {body}
          <p class="actions">
            <button type="submit" name="intent" value="save">
              {t('form.save')}
            </button>{' '}
            <button type="submit" name="intent" value="draft" class="secondary">
              {t('form.draft')}
            </button>{' '}
            <button type="submit" name="intent" value="update" class="secondary">
              {t('form.update')}
            </button>
          </p>
        </PostForm>
      )}
      {r && !locked ? (
        <div class="actions">
          {r.releasedAt ? (
            <PostForm action={`${base}/${r.id}/withdraw`} csrf={model.csrf} class="inline">
              <button type="submit" class="secondary">
                {t('form.withdraw')}
              </button>
            </PostForm>
          ) : r.releasable ? (
            <PostForm action={`${base}/${r.id}/release`} csrf={model.csrf} class="inline">
              <button type="submit">{t('form.release')}</button>
            </PostForm>
          ) : (
            <p class="hint">{t('form.releaseHint')}</p>
          )}
          <p>
            <a href={`${base}/${r.id}/delete`}>{t('form.delete')}</a>
          </p>
        </div>
      ) : null}
      <p>
        <a href={base}>{t('form.cancel')}</a>
      </p>
    </StaffPage>
  );
}

// ---------------------------------------------------------------- deletion

export function CaseDeletePage({ ctx, id, csrf }: { ctx: PageContext; id: string; csrf: string }) {
  const t = translator(ctx.locale, 'caseRecords');
  const base = `/${ctx.locale}/staff/cases`;
  return (
    <StaffPage ctx={ctx} title={t('delete.title', { id: shortId(id) })}>
      <p>{t('delete.question')}</p>
      <PostForm action={`${base}/${id}/delete`} csrf={csrf} class="inline">
        <button type="submit">{t('delete.confirm')}</button>
      </PostForm>
      <p>
        <a href={`${base}/${id}`}>{t('delete.cancel')}</a>
      </p>
    </StaffPage>
  );
}
