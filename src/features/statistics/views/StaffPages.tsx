/**
 * The staff pages of the statistics: the coordination office's internal
 * dashboard of a year (live tables at the internal threshold, the year's
 * publications with their files, the form to publish), and a centre's own
 * figures. Staff namespace: German and English.
 */
import { localeInfo, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { PostForm } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { CentreYearSummary } from '../queries/counts.ts';
import type { PublicationSummary } from '../queries/publications.ts';
import type { ReportingYear } from '../queries/years.ts';
import type { Report } from '../report.ts';
import { StatTable } from './StatTable.tsx';

const staffT = (locale: Locale) => translator(locale, 'statisticsStaff');

/** The year chooser: a GET form, works without script. */
function YearForm({
  ctx,
  action,
  years,
  selected,
  released,
}: {
  ctx: PageContext;
  action: string;
  years: readonly { year: number; label: string }[];
  selected: number;
  /** The centre page's filter: whether only released records count. */
  released?: boolean | undefined;
}) {
  const s = staffT(ctx.locale);
  return (
    <form method="get" action={action} class="stack">
      <p>
        <label for="stat-year">{s('year.label')}</label>{' '}
        <select id="stat-year" name="year">
          {years.map((y) => (
            <option value={String(y.year)} selected={y.year === selected}>
              {y.label}
            </option>
          ))}
        </select>
      </p>
      {released !== undefined ? (
        <fieldset>
          <legend>{s('centre.filter')}</legend>
          <p>
            <input type="radio" id="stat-all" name="released" value="no" checked={!released} />{' '}
            <label for="stat-all">{s('centre.all')}</label>
          </p>
          <p>
            <input type="radio" id="stat-released" name="released" value="yes" checked={released} />{' '}
            <label for="stat-released">{s('centre.released')}</label>
          </p>
        </fieldset>
      ) : null}
      <p>
        <button type="submit">{s('year.show')}</button>
      </p>
    </form>
  );
}

function Tables({ ctx, report }: { ctx: PageContext; report: Report }) {
  const w = translator(ctx.locale === 'en' ? 'en' : 'de', 'statisticsPages');
  return (
    <>
      {report.tables.map((table) => (
        <StatTable table={table} report={report} secret={w('secret')} />
      ))}
    </>
  );
}

export type Live =
  | { kind: 'empty' }
  | { kind: 'failed'; failing: number; threshold: number }
  | { kind: 'passed'; report: Report; suppressed: number; threshold: number };

export type NetworkModel = {
  years: readonly ReportingYear[];
  /** The year shown, with its live tables and publications; undefined when there is no reporting year. */
  year?:
    | {
        year: ReportingYear;
        live: Live;
        publications: readonly PublicationSummary[];
        publicThreshold: number;
        internalThreshold: number;
      }
    | undefined;
  /** What was just published (after the redirect). */
  done?: { version: number; audience: 'public' | 'internal'; suppressed: number } | undefined;
  csrf: string;
  canPublish: boolean;
};

export function NetworkPage({ ctx, model }: { ctx: PageContext; model: NetworkModel }) {
  const s = staffT(ctx.locale);
  const base = `/${ctx.locale}/staff/statistics`;
  const y = model.year;
  return (
    <StaffPage ctx={ctx} title={s('network.title')}>
      {model.done && y ? (
        <p class="notice" role="status">
          {s('publish.done', {
            version: model.done.version,
            year: y.year.year,
            audience: s(`publications.${model.done.audience}`),
            suppressed: model.done.suppressed,
          })}
        </p>
      ) : null}
      {!y ? (
        <p>{s('network.noYears')}</p>
      ) : (
        <>
          <p class="lead">{s('network.lead', { threshold: y.internalThreshold })}</p>
          <YearForm
            ctx={ctx}
            action={base}
            years={model.years.map((r) => ({
              year: r.year,
              label: s('year.option', { year: r.year, status: s(`year.status.${r.status}`) }),
            }))}
            selected={y.year.year}
          />
          <p>
            {s('network.yearStatus', { year: y.year.year, status: s(`year.status.${y.year.status}`) })}{' '}
            {y.year.status === 'open' ? s('network.liveOpen') : null}
          </p>
          <Publications ctx={ctx} year={y.year.year} publications={y.publications} />
          {model.canPublish ? (
            <PublishForm
              ctx={ctx}
              csrf={model.csrf}
              year={y.year}
              again={y.publications.length > 0}
              thresholds={{ public: y.publicThreshold, internal: y.internalThreshold }}
            />
          ) : null}
          <section aria-labelledby="live-title">
            <h2 id="live-title">{s('network.tables')}</h2>
            <LiveTables ctx={ctx} year={y.year.year} live={y.live} />
          </section>
        </>
      )}
    </StaffPage>
  );
}

function LiveTables({ ctx, year, live }: { ctx: PageContext; year: number; live: Live }) {
  const s = staffT(ctx.locale);
  if (live.kind === 'empty') return <p>{s('network.empty', { year })}</p>;
  if (live.kind === 'failed') {
    return (
      <p class="audit-result failed" role="alert">
        {s('network.auditFailed', { count: live.failing })}
      </p>
    );
  }
  const w = translator(ctx.locale === 'en' ? 'en' : 'de', 'statisticsPages');
  return (
    <>
      <p class="audit-result">{s('network.auditOk', { suppressed: live.suppressed, threshold: live.threshold })}</p>
      <p class="stat-legend">
        <strong>{w('marker')}</strong> {w('legend', { threshold: live.threshold })}
      </p>
      <Tables ctx={ctx} report={live.report} />
    </>
  );
}

function Publications({
  ctx,
  year,
  publications,
}: {
  ctx: PageContext;
  year: number;
  publications: readonly PublicationSummary[];
}) {
  const s = staffT(ctx.locale);
  const lang = localeInfo(ctx.locale).htmlLang;
  const files = (p: PublicationSummary) => `/${ctx.locale}/staff/statistics/publications/${p.id}`;
  return (
    <section aria-labelledby="publications-title">
      <h2 id="publications-title">{s('publications.title', { year })}</h2>
      <DataTable
        label={s('publications.label', { year })}
        columns={[
          s('publications.version'),
          s('publications.audience'),
          s('publications.publishedAt'),
          s('publications.files'),
        ]}
        items={publications}
        empty={s('publications.none')}
        row={(p) => {
          const audience = s(`publications.${p.audience}`);
          const label = (format: string) => s('publications.filesOf', { format, version: p.version, audience });
          return (
            <>
              <td>{String(p.version)}</td>
              <td>{audience}</td>
              <td>
                {formatDay(p.publishedAt, lang)}
                {p.publishedBy ? ` (${p.publishedBy.name})` : null}
              </td>
              <td>
                <a href={`${files(p)}/tables.csv`} aria-label={label(s('publications.csv'))}>
                  {s('publications.csv')}
                </a>{' '}
                <a href={`${files(p)}/tables.xlsx`} aria-label={label(s('publications.xlsx'))}>
                  {s('publications.xlsx')}
                </a>{' '}
                <a href={`${files(p)}/report.pdf`} aria-label={label(s('publications.pdf'))}>
                  {s('publications.pdf')}
                </a>
                {p.audience === 'public' ? (
                  <>
                    {' '}
                    <a href={`/${ctx.locale}/statistics/${p.year}`}>{s('publications.publicPage')}</a>
                  </>
                ) : null}
              </td>
            </>
          );
        }}
      />
    </section>
  );
}

function PublishForm({
  ctx,
  csrf,
  year,
  again,
  thresholds,
}: {
  ctx: PageContext;
  csrf: string;
  year: ReportingYear;
  again: boolean;
  thresholds: { public: number; internal: number };
}) {
  const s = staffT(ctx.locale);
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{s('publish.title')}</h2>
      {year.status !== 'closed' ? (
        <p>{s('publish.onlyClosed')}</p>
      ) : (
        <>
          <p>{s('publish.lead')}</p>
          {again ? <p>{s('publish.again')}</p> : null}
          <PostForm action={`/${ctx.locale}/staff/statistics/publish`} csrf={csrf}>
            <input type="hidden" name="year" value={String(year.year)} />
            <fieldset>
              <legend>{s('publish.audience')}</legend>
              <p>
                <input type="radio" id="publish-public" name="audience" value="public" checked />{' '}
                <label for="publish-public">{s('publish.public', { threshold: thresholds.public })}</label>
              </p>
              <p>
                <input type="radio" id="publish-internal" name="audience" value="internal" />{' '}
                <label for="publish-internal">{s('publish.internal', { threshold: thresholds.internal })}</label>
              </p>
            </fieldset>
            <p>
              <button type="submit">{s('publish.submit')}</button>
            </p>
          </PostForm>
        </>
      )}
    </section>
  );
}

export type CentreModel = {
  years: readonly number[];
  year?:
    | {
        year: number;
        released: boolean;
        summary: CentreYearSummary;
        /** Undefined when no record matches. */
        report: Report | undefined;
      }
    | undefined;
};

export function CentrePage({ ctx, model }: { ctx: PageContext; model: CentreModel }) {
  const s = staffT(ctx.locale);
  const y = model.year;
  return (
    <StaffPage ctx={ctx} title={s('centre.title')}>
      <p class="lead">{s('centre.lead')}</p>
      {!y ? (
        <p>{s('centre.noYears')}</p>
      ) : (
        <>
          <YearForm
            ctx={ctx}
            action={`/${ctx.locale}/staff/statistics/centre`}
            years={model.years.map((year) => ({ year, label: String(year) }))}
            selected={y.year}
            released={y.released}
          />
          <p>{s('centre.summary', { year: y.year, ...y.summary })}</p>
          {y.report ? <Tables ctx={ctx} report={y.report} /> : <p>{s('centre.empty', { year: y.year })}</p>}
        </>
      )}
    </StaffPage>
  );
}
