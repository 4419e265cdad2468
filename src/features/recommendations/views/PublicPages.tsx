/**
 * The public recommendations pages: the filtered list with both statuses
 * side by side, and one recommendation with its sources, both statuses,
 * the timeline of both tracks and its evidence. The recommendations are
 * German content; the labels are in German and English (network pages,
 * ADR 030), inside the reader's own layout. No script: the filters are a
 * GET form.
 */
import { dynamicKey, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { Evidence, Recommendation } from '../queries.ts';
import { FILTER_NAMES, type Filters } from '../schema.ts';
import { currentOf, newestFirst, type StatusEntry } from '../status.ts';
import {
  ADDRESSEE_KINDS,
  ADDRESSEE_STATUSES,
  AFFECTED_GROUPS,
  ASSESSMENT_STATUSES,
  EVIDENCE_KINDS,
  SOURCE_KINDS,
  THEMES,
  type Track,
} from '../vocabulary.ts';

/** The language the labels are read in: English for English readers, else German. */
function textLang(locale: Locale): Locale {
  return locale === 'en' ? 'en' : 'de';
}

type T = ReturnType<typeof translator<'recommendations'>>;

export function statusLabel(t: T, track: Track, status: string): string {
  return t(
    dynamicKey('recommendations', `${track === 'addressee' ? 'addresseeStatus' : 'assessmentStatus'}.${status}`),
  );
}

function Status({ t, entry, lang }: { t: T; entry: StatusEntry | undefined; lang: Locale }) {
  if (!entry) return <span class="muted">{t('none')}</span>;
  return (
    <>
      <strong>{statusLabel(t, entry.track, entry.status)}</strong>{' '}
      <span class="muted">{t('since', { date: formatDay(entry.statedOn, lang) })}</span>
    </>
  );
}

const FILTER_OPTIONS = {
  addressee: ['addresseeKind', ADDRESSEE_KINDS],
  assessment: ['assessmentStatus', ASSESSMENT_STATUSES],
  response: ['addresseeStatus', ADDRESSEE_STATUSES],
  theme: ['theme', THEMES],
  source: ['sourceKind', SOURCE_KINDS],
  group: ['group', AFFECTED_GROUPS],
} as const;

export function ListPage({
  ctx,
  list,
  filters,
}: {
  ctx: PageContext;
  list: readonly Recommendation[];
  filters: Filters;
}) {
  const lang = textLang(ctx.locale);
  const t = translator(lang, 'recommendations');
  const base = `/${ctx.locale}/recommendations`;
  const query = new URLSearchParams(
    FILTER_NAMES.flatMap((n) => (filters[n] ? [[n, filters[n]] as [string, string]] : [])),
  ).toString();
  return (
    <Layout ctx={ctx} title={t('title')} description={t('description')}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="recommendations">
          <h1>{t('title')}</h1>
          <p class="lead">{t('lead')}</p>
          <form method="get" action={base} class="filters">
            <fieldset>
              <legend>{t('filters.legend')}</legend>
              {FILTER_NAMES.map((name) => {
                const [group, codes] = FILTER_OPTIONS[name];
                return (
                  <p>
                    <label for={`filter-${name}`}>{t(`filters.${name}`)}</label>
                    <select id={`filter-${name}`} name={name}>
                      <option value="">{t('filters.all')}</option>
                      {codes.map((c) => (
                        <option value={c} selected={filters[name] === c}>
                          {t(dynamicKey('recommendations', `${group}.${c}`))}
                        </option>
                      ))}
                    </select>
                  </p>
                );
              })}
              <p>
                <button type="submit">{t('filters.apply')}</button> <a href={base}>{t('filters.reset')}</a>
              </p>
            </fieldset>
          </form>
          <p role="status">{t('count', { count: list.length })}</p>
          <p>
            <a href={`${base}.csv${query ? `?${query}` : ''}`} download>
              {t('csv')}
            </a>
          </p>
          {list.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-scroll" role="region" aria-label={t('title')} tabindex={0}>
              <table>
                <caption>{t('title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.recommendation')}</th>
                    <th scope="col">{t('columns.addressee')}</th>
                    <th scope="col">{t('columns.response')}</th>
                    <th scope="col">{t('columns.assessment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr>
                      <th scope="row">
                        <a href={`${base}/${r.slug}`} lang="de">
                          {r.title}
                        </a>
                      </th>
                      <td>
                        {t(`addresseeKind.${r.addresseeKind}`)}: <span lang="de">{r.addresseeName}</span>
                      </td>
                      <td>
                        <Status t={t} entry={currentOf(r.statuses, 'addressee')} lang={ctx.locale} />
                      </td>
                      <td>
                        <Status t={t} entry={currentOf(r.statuses, 'assessment')} lang={ctx.locale} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </GermanFallback>
    </Layout>
  );
}

function EvidenceItem({ t, e, locale }: { t: T; e: Evidence; locale: Locale }) {
  let target;
  if (e.kind === 'external') {
    target = (
      <>
        {e.externalUrl ? (
          <a href={e.externalUrl} rel="noopener noreferrer" lang="de">
            {e.externalTitle}
          </a>
        ) : (
          <span lang="de">{e.externalTitle}</span>
        )}
        {e.externalReference ? <> ({t('detail.reference', { reference: e.externalReference })})</> : null}
      </>
    );
  } else if (e.kind === 'statistics_table') {
    target = (
      <a href={`/${locale}/statistics/${e.statisticsYear}#table-${e.statisticsTable}`}>
        {t('detail.statisticsTable', { year: e.statisticsYear ?? '', table: e.statisticsTable ?? '' })}
      </a>
    );
  } else {
    // A work the reader may not see (a draft, or one withdrawn since) is named by its kind only.
    target = e.publication ? (
      <a
        href={`/${locale}/publications/${e.publication.slug}`}
        lang={e.publication.language === 'de-LS' ? 'de' : e.publication.language}
      >
        {e.publication.title}
      </a>
    ) : (
      <span>{t('detail.publication')}</span>
    );
  }
  return (
    <li>
      <p>{target}</p>
      <p>
        {t('detail.support')} <span lang="de">{e.support}</span>
      </p>
    </li>
  );
}

export function DetailPage({ ctx, r }: { ctx: PageContext; r: Recommendation }) {
  const lang = textLang(ctx.locale);
  const t = translator(lang, 'recommendations');
  const base = `/${ctx.locale}/recommendations`;
  const history = [...r.statuses].sort(newestFirst);
  return (
    <Layout ctx={ctx} title={r.title} description={t('description')}>
      <GermanFallback ctx={ctx} lang={lang}>
        <article class="recommendation">
          <p>
            <a href={base}>{t('detail.back')}</a>
          </p>
          <h1 lang="de">{r.title}</h1>
          <section aria-labelledby="status-title">
            <h2 id="status-title">{t('detail.status')}</h2>
            <dl class="status-pair">
              {(['addressee', 'assessment'] as const).map((track) => (
                <div>
                  <dt>{t(`track.${track}`)}</dt>
                  <dd>
                    <Status t={t} entry={currentOf(r.statuses, track)} lang={ctx.locale} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <h2>{t('detail.challenge')}</h2>
          <p lang="de">{r.challenge}</p>
          <h2>{t('detail.body')}</h2>
          <p lang="de">{r.body}</p>
          <dl>
            <dt>{t('detail.addressee')}</dt>
            <dd>
              {t(`addresseeKind.${r.addresseeKind}`)}: <span lang="de">{r.addresseeName}</span>
            </dd>
            {r.themes.length ? (
              <>
                <dt>{t('detail.themes')}</dt>
                <dd>{r.themes.map((x) => t(`theme.${x}`)).join(', ')}</dd>
              </>
            ) : null}
            {r.affectedGroups.length ? (
              <>
                <dt>{t('detail.groups')}</dt>
                <dd>{r.affectedGroups.map((x) => t(`group.${x}`)).join(', ')}</dd>
              </>
            ) : null}
          </dl>
          <section aria-labelledby="sources-title">
            <h2 id="sources-title">{t('detail.sources')}</h2>
            <ul>
              {r.sources.map((s) => (
                <li>
                  <strong>{t(`sourceKind.${s.sourceKind}`)}</strong> ({t(`strength.${s.strength}`)}):{' '}
                  {s.url ? (
                    <a href={s.url} rel="noopener noreferrer" lang="de">
                      {s.title}
                    </a>
                  ) : (
                    <span lang="de">{s.title}</span>
                  )}
                  {s.issuedOn ? <> {t('detail.issued', { date: formatDay(s.issuedOn, ctx.locale) })}</> : null}
                  {s.reference ? <>, {t('detail.reference', { reference: s.reference })}</> : null}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('detail.timeline')}</h2>
            <p>{t('detail.timelineLead')}</p>
            {history.length === 0 ? (
              <p>{t('detail.noHistory')}</p>
            ) : (
              <ol class="timeline" aria-labelledby="timeline-title">
                {history.map((e) => (
                  <li>
                    <p>
                      <time datetime={e.statedOn}>{formatDay(e.statedOn, ctx.locale)}</time> · {t(`track.${e.track}`)}:{' '}
                      <strong>{statusLabel(t, e.track, e.status)}</strong>
                    </p>
                    <p>
                      {e.url ? (
                        <a href={e.url} rel="noopener noreferrer" lang="de">
                          {t('detail.statedBy', { source: e.source })}
                        </a>
                      ) : (
                        <span lang="de">{t('detail.statedBy', { source: e.source })}</span>
                      )}
                    </p>
                    {e.note ? <p lang="de">{e.note}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="evidence-title">
            <h2 id="evidence-title">{t('detail.evidence')}</h2>
            {r.evidence.length === 0 ? <p>{t('detail.noEvidence')}</p> : null}
            {EVIDENCE_KINDS.map((kind) => {
              const items = r.evidence.filter((e) => e.kind === kind);
              if (items.length === 0) return null;
              return (
                <>
                  <h3>{t(`evidenceKind.${kind}`)}</h3>
                  <ul>
                    {items.map((e) => (
                      <EvidenceItem t={t} e={e} locale={ctx.locale} />
                    ))}
                  </ul>
                </>
              );
            })}
          </section>
        </article>
      </GermanFallback>
    </Layout>
  );
}
