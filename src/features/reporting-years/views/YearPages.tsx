/**
 * The coordination office's reporting-year pages: the list with the form
 * that opens a year, and one year's page — its state, what each centre
 * still has to do (counts only), the form that closes it or reopens it, and
 * its history.
 */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, Field, FieldError, control, inputId, type Errors } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { Missing } from '../queries/progress.ts';
import type { ReportingYear, YearEvent } from '../queries/years.ts';
import { MAX_REASON } from '../schema.ts';

type T = ReturnType<typeof translator<'reportingYears'>>;

/** The problems at the top of a form, each linking to its field. */
function summaryOf(errors: Errors, label: (field: string) => string) {
  return [...errors].flatMap(([f, list]) => list.map((m) => ({ href: `#${inputId(f)}`, text: `${label(f)}: ${m}` })));
}

function TextInput({
  name,
  label,
  hint,
  value,
  errors,
  prefix,
  max,
  numeric,
}: {
  name: string;
  label: string;
  hint: string;
  value: string;
  errors: Errors;
  prefix: string;
  max: number;
  numeric?: boolean;
}) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors} errorPrefix={prefix}>
      <input
        type="text"
        {...control(name, errors, true)}
        value={value}
        maxLength={max}
        inputMode={numeric ? 'numeric' : undefined}
      />
    </Field>
  );
}

export type ListModel = {
  years: readonly ReportingYear[];
  done: 'opened' | undefined;
  form: { values: { year: string; release_deadline: string }; errors: Errors };
  csrf: string;
};

export function YearListPage({ ctx, model }: { ctx: PageContext; model: ListModel }) {
  const t = translator(ctx.locale, 'reportingYears');
  const base = `/${ctx.locale}/staff/reporting-years`;
  const { errors, values } = model.form;
  const label = (f: string) => (f === 'year' ? t('open.year') : t('open.deadline'));
  return (
    <StaffFrame ctx={ctx} title={t('list.title')}>
      <h1>{t('list.title')}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t('list.opened')}
        </p>
      ) : null}
      <ErrorSummary title={t('problem.title')} items={summaryOf(errors, label)} />
      <p class="lead">{t('list.lead')}</p>
      <DataTable
        label={t('list.label')}
        columns={[t('list.year'), t('list.status'), t('list.deadline'), t('list.closedAt')]}
        items={model.years}
        empty={t('list.none')}
        row={(y) => (
          <>
            <th scope="row">
              <a href={`${base}/${y.year}`} aria-label={t('list.show', { year: y.year })}>
                {y.year}
              </a>
            </th>
            <td>{t(`status.${y.status}`)}</td>
            <td>{formatDay(y.releaseDeadline, ctx.locale)}</td>
            <td>{y.status === 'closed' && y.closedAt ? formatDay(y.closedAt, ctx.locale) : ''}</td>
          </>
        )}
      />
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t('open.title')}</h2>
        <form method="post" action={base} class="staff-form" novalidate>
          <input type="hidden" name="_csrf" value={model.csrf} />
          <TextInput
            name="year"
            label={t('open.year')}
            hint={t('open.yearHint')}
            value={values.year}
            errors={errors}
            prefix={t('problem.prefix')}
            max={4}
            numeric
          />
          <TextInput
            name="release_deadline"
            label={t('open.deadline')}
            hint={t('open.deadlineHint')}
            value={values.release_deadline}
            errors={errors}
            prefix={t('problem.prefix')}
            max={10}
          />
          <button type="submit">{t('open.submit')}</button>
        </form>
      </section>
    </StaffFrame>
  );
}

type CentreProgress = { name: string; missing: Missing };

export type YearModel = {
  year: ReportingYear;
  centres: readonly CentreProgress[];
  totals: Missing;
  history: readonly YearEvent[];
  done: 'opened' | 'closed' | 'reopened' | undefined;
  /** Problems of the close or reopen form, by field. */
  errors: Errors;
  reopen: { reason: string; release_deadline: string };
  csrf: string;
};

function History({ ctx, t, events }: { ctx: PageContext; t: T; events: readonly YearEvent[] }) {
  const what = (e: YearEvent) => {
    const deadline = e.releaseDeadline ? formatDay(e.releaseDeadline, ctx.locale) : '';
    if (e.action === 'opened') return t('history.opened', { deadline });
    if (e.action === 'closed') return t('history.closed');
    return t('history.reopened', { deadline, reason: e.reason ?? '' });
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <DataTable
        label={t('history.label')}
        columns={[t('history.when'), t('history.what'), t('history.who')]}
        items={events}
        row={(e) => (
          <>
            <td>{formatDay(e.at, ctx.locale)}</td>
            <td>{what(e)}</td>
            <td>{e.actorName ?? t('history.unknownActor')}</td>
          </>
        )}
      />
    </section>
  );
}

export function YearPage({ ctx, model }: { ctx: PageContext; model: YearModel }) {
  const t = translator(ctx.locale, 'reportingYears');
  const y = model.year;
  const base = `/${ctx.locale}/staff/reporting-years`;
  const title = t('year.title', { year: y.year });
  const prefix = t('problem.prefix');
  const { errors } = model;
  const label = (f: string) =>
    f === 'reason' ? t('reopen.reason') : f === 'release_deadline' ? t('reopen.deadline') : t('close.title');
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={base}>{t('year.back')}</a>
      </p>
      <h1>{title}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t(`year.${model.done}`)}
        </p>
      ) : null}
      <ErrorSummary title={t('problem.title')} items={summaryOf(errors, label)} />
      <p class="lead">
        {y.status === 'open'
          ? t('year.statusOpen', { deadline: formatDay(y.releaseDeadline, ctx.locale) })
          : t('year.statusClosed', { closedAt: y.closedAt ? formatDay(y.closedAt, ctx.locale) : '' })}
      </p>
      {y.reopenedAt && y.reopenReason ? (
        <p>{t('year.reopenedNote', { at: formatDay(y.reopenedAt, ctx.locale), reason: y.reopenReason })}</p>
      ) : null}
      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t('year.progressTitle')}</h2>
        <p>{t('year.progressLead')}</p>
        <DataTable
          label={t('year.progressLabel')}
          columns={[t('year.centre'), t('year.drafts'), t('year.unreleased'), t('year.unanswered')]}
          items={model.centres}
          empty={t('year.noCentres')}
          row={(c) => (
            <>
              <th scope="row">{c.name}</th>
              <td class="number">{c.missing.drafts}</td>
              <td class="number">{c.missing.unreleased}</td>
              <td class="number">{c.missing.unanswered}</td>
            </>
          )}
        />
        <p>
          {t('year.total')}: {t('close.stillMissing', { ...model.totals })}
        </p>
      </section>
      {y.status === 'open' ? (
        <section aria-labelledby="close-title" class="decision">
          <h2 id="close-title">{t('close.title')}</h2>
          <p>{t('close.text')}</p>
          <form method="post" action={`${base}/${y.year}/close`} class="staff-form" novalidate>
            <input type="hidden" name="_csrf" value={model.csrf} />
            <div class={errors.has('confirm') ? 'field has-error' : 'field'}>
              <FieldError name="confirm" errors={errors} prefix={prefix} />
              <label class="check">
                <input type="checkbox" id={inputId('confirm')} name="confirm" value="yes" />{' '}
                {t('close.confirm', { year: y.year })}
              </label>
            </div>
            <button type="submit">{t('close.submit')}</button>
          </form>
        </section>
      ) : (
        <section aria-labelledby="reopen-title" class="decision">
          <h2 id="reopen-title">{t('reopen.title')}</h2>
          <p>{t('reopen.text')}</p>
          <form method="post" action={`${base}/${y.year}/reopen`} class="staff-form" novalidate>
            <input type="hidden" name="_csrf" value={model.csrf} />
            <Field
              name="reason"
              label={t('reopen.reason')}
              hint={t('reopen.reasonHint')}
              errors={errors}
              errorPrefix={prefix}
            >
              <textarea {...control('reason', errors, true)} rows={3} maxLength={MAX_REASON}>
                {model.reopen.reason}
              </textarea>
            </Field>
            <TextInput
              name="release_deadline"
              label={t('reopen.deadline')}
              hint={t('reopen.deadlineHint')}
              value={model.reopen.release_deadline}
              errors={errors}
              prefix={prefix}
              max={10}
            />
            <button type="submit">{t('reopen.submit')}</button>
          </form>
        </section>
      )}
      <History ctx={ctx} t={t} events={model.history} />
    </StaffFrame>
  );
}
