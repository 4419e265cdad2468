/**
 * The public statistics pages: the overview with the trends over the
 * years (charts with their tables) and the list of published years; and a
 * year's published tables, which is also the printable yearly report.
 * Network pages (ADR 030): German and English; in other languages the
 * text is German, marked and announced, inside the reader's own layout.
 * The notice that a year is being corrected is a public text: it is in the
 * reader's own language, marked as such inside the German.
 */
import { localeInfo, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import { TrendFigure } from '../charts/TrendChart.tsx';
import { correctionNotice, textLang } from '../present.ts';
import type { Report } from '../report.ts';
import type { Trend } from '../trends.ts';
import { StatTable, tableAnchor } from './StatTable.tsx';

const PUBLIC_THRESHOLD = 10;

export type PublishedYear = {
  year: number;
  version: number;
  publishedAt: Date;
  /** The year is reopened for corrections: these are its figures as published. */
  correcting: boolean;
};

/** That a year's figures are as published and the year is being corrected, in the reader's language. */
function CorrectionNotice({ ctx, year }: { ctx: PageContext; year: { year: number; publishedAt: Date } }) {
  const info = localeInfo(ctx.locale);
  const notice = correctionNotice(year, ctx.locale);
  return (
    <div class="notice warn" role="note" lang={info.htmlLang} dir={info.dir}>
      <p>
        <strong>{notice.label}</strong>
      </p>
      <p>{notice.text}</p>
    </div>
  );
}

function Protection({ lang }: { lang: Locale }) {
  const w = translator(lang, 'statisticsPages');
  return (
    <section aria-labelledby="protection-title" class="stat-section">
      <h2 id="protection-title">{w('protection.title')}</h2>
      <p>{w('protection.threshold', { threshold: PUBLIC_THRESHOLD })}</p>
      <p>{w('protection.secondary')}</p>
      <p>{w('protection.audit', { threshold: PUBLIC_THRESHOLD })}</p>
    </section>
  );
}

function Legend({ lang, threshold }: { lang: Locale; threshold: number }) {
  const w = translator(lang, 'statisticsPages');
  return (
    <p class="stat-legend">
      <strong>{w('marker')}</strong> {w('legend', { threshold })}
    </p>
  );
}

export function OverviewPage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { years: readonly PublishedYear[]; trends: readonly Trend[] };
}) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'statisticsPages');
  const htmlLang = localeInfo(lang).htmlLang;
  return (
    <Layout ctx={ctx} title={w('title')} description={w('description')}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="statistics printable">
          <h1>{w('title')}</h1>
          <p class="lead">{w('lead')}</p>
          {model.years
            .filter((y) => y.correcting)
            .map((y) => (
              <CorrectionNotice ctx={ctx} year={y} />
            ))}
          {model.years.length === 0 ? (
            <p>{w('none')}</p>
          ) : (
            <>
              <section aria-labelledby="years-title" class="stat-section">
                <h2 id="years-title">{w('years.title')}</h2>
                <ul class="stat-years">
                  {model.years.map((y) => (
                    <li>
                      <a href={`/${ctx.locale}/statistics/${y.year}`}>{String(y.year)}</a>{' '}
                      <span class="stat-note">
                        ({w('years.version', { version: y.version, date: formatDay(y.publishedAt, htmlLang) })})
                      </span>
                      {y.correcting ? (
                        <>
                          {' – '}
                          <strong lang={localeInfo(ctx.locale).htmlLang} dir={localeInfo(ctx.locale).dir}>
                            {correctionNotice(y, ctx.locale).label}
                          </strong>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="trends-title" class="stat-section">
                <h2 id="trends-title">{w('trends.title')}</h2>
                {model.trends.map((trend) => (
                  <TrendFigure
                    model={trend.model}
                    heading={{ level: 3, text: trend.title, id: `trend-${trend.id}` }}
                    note={trend.note}
                    yearHeader={w('trends.year')}
                    columns={trend.columns}
                  />
                ))}
                <Legend lang={lang} threshold={PUBLIC_THRESHOLD} />
              </section>
            </>
          )}
          <Protection lang={lang} />
        </div>
      </GermanFallback>
    </Layout>
  );
}

/**
 * A year's published tables: the yearly report, printable, with its
 * downloads; `correcting`: the year is reopened, its figures are the ones
 * published then.
 */
export function YearPage({
  ctx,
  report,
  correcting,
}: {
  ctx: PageContext;
  report: Report;
  correcting?: { year: number; publishedAt: Date } | undefined;
}) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'statisticsPages');
  const base = `/${ctx.locale}/statistics/${report.year}`;
  const threshold = PUBLIC_THRESHOLD;
  return (
    <Layout ctx={ctx} title={report.title} description={w('description')}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="statistics printable">
          <h1>{report.title}</h1>
          {correcting ? <CorrectionNotice ctx={ctx} year={correcting} /> : null}
          {report.intro.map((line) => (
            <p>{line}</p>
          ))}
          <p class="no-print">
            <a href={`/${ctx.locale}/statistics`}>{w('year.back')}</a>
          </p>
          <section aria-labelledby="downloads-title" class="no-print">
            <h2 id="downloads-title">{w('year.downloads')}</h2>
            <ul class="stat-downloads">
              <li>
                <a href={`${base}/tables.csv`} download>
                  {w('year.csv')}
                </a>
              </li>
              <li>
                <a href={`${base}/tables.xlsx`} download>
                  {w('year.xlsx')}
                </a>
              </li>
              <li>
                <a href={`${base}/report.pdf`} download>
                  {w('year.pdf')}
                </a>
              </li>
            </ul>
            <p class="stat-note">{w('year.print')}</p>
          </section>
          <Legend lang={lang} threshold={threshold} />
          <nav aria-labelledby="contents-title" class="no-print">
            <h2 id="contents-title">{w('year.contents')}</h2>
            <ul>
              {report.tables.map((table) => (
                <li>
                  <a href={`#${tableAnchor(table.id)}`}>{table.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {report.tables.map((table) => (
            <StatTable table={table} report={report} secret={w('secret')} headingLevel={2} />
          ))}
          <Legend lang={lang} threshold={threshold} />
        </div>
      </GermanFallback>
    </Layout>
  );
}
