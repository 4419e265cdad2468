/** The finder's pages: start, results, states overview, one state (the centre page is CentrePage.tsx). */
import { dynamicKey, formatList, translator } from '../../../platform/i18n/index.ts';
import { HelplineList } from '../../../platform/helplines/HelplineList.tsx';
import { firstScreenHelplines, telHref, type Helpline } from '../../../platform/helplines/helplines.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { STATES, type StateCode, type StateInfo } from '../../geo/states.ts';
import type { DirectoryEntry } from '../../directory/entry.ts';
import type { ServiceLanguage } from '../../directory/taxonomies.ts';
import type { FinderQuery } from '../schema.ts';
import { toSearchParams } from '../schema.ts';
import type { Relaxation, SearchHit } from '../search.ts';
import { FinderMap, ResultsMap, markers } from './FinderMap.tsx';
import { ResultCard, stateName } from './ResultCard.tsx';
import { ResultGroups, type ResultGroupsModel } from './ResultGroups.tsx';
import { LanguageSuggestion, SearchForm } from './SearchForm.tsx';
import { languageSuggestion } from '../language-suggestion.ts';
import { languageName } from '../../directory/format.ts';

const ft = (ctx: PageContext) => translator(ctx.locale, 'finder');

export function HomePage({
  ctx,
  entries,
  helplines,
}: {
  ctx: PageContext;
  entries: readonly DirectoryEntry[];
  helplines: readonly Helpline[];
}) {
  const t = ft(ctx);
  const located = markers(
    ctx,
    entries.filter((e) => e.service.status === 'active'),
  );
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')} headerSearch={false}>
      <h1>{t('home.title')}</h1>
      <div class="split">
        <SearchForm locale={ctx.locale} t={t} suggestLanguages={languageSuggestion(ctx.locale, [], entries)} />
        <div>
          {/* After the form: on a phone the explanation must not push the search field off the first screen. */}
          <p>{t('home.lead')}</p>
          <FinderMap
            ctx={ctx}
            title={t('home.mapTitle')}
            description={t('home.mapDesc', { count: located.length })}
            markers={located}
            linkStates
          />
          <p>
            <a href={`/${ctx.locale}/states`}>{t('home.byState')}</a>
          </p>
        </div>
      </div>
      <YourLanguage ctx={ctx} helplines={helplines} />
      <HelplineList list={helplines} locale={ctx.locale} />
    </Layout>
  );
}

/**
 * What a person who has just found the page in their language needs to know
 * before anything else, in five short sentences: free, confidential, no
 * police report, the helpline to call (the office's first-screen helpline
 * that is not the emergency number, 116 016 as delivered), how to search.
 * Below the form and the map: the first screen keeps the search.
 */
function YourLanguage({ ctx, helplines }: { ctx: PageContext; helplines: readonly Helpline[] }) {
  const t = ft(ctx);
  const helpline = firstScreenHelplines(helplines).find((h) => !h.emergency);
  return (
    <section class="your-language" aria-labelledby="your-language-title">
      <h2 id="your-language-title">{t('home.yourLanguage.title')}</h2>
      <ul>
        <li>{t('home.yourLanguage.free')}</li>
        <li>{t('home.yourLanguage.confidential')}</li>
        <li>{t('home.yourLanguage.noPolice')}</li>
      </ul>
      {helpline ? (
        <p>
          {t('home.yourLanguage.helpline')}{' '}
          <a class="call-button" href={telHref(helpline.contact)}>
            <span class="number" dir="ltr">
              {helpline.contact.replaceAll(' ', '\u00a0')}
            </span>
          </a>
        </p>
      ) : null}
      <p>{t('home.yourLanguage.howToSearch')}</p>
    </section>
  );
}

export type ResultsModel = {
  query: FinderQuery;
  heading: string;
  hits: SearchHit[];
  total: number;
  pageSize: number;
  relaxation?: Relaxation | undefined;
  areaState?: StateCode | undefined;
  /** A search with a place or a state: the results in their groups (then `hits` and `total` are unused). */
  groups?: ResultGroupsModel | undefined;
  /** Shown when nothing matches. */
  helplines: readonly Helpline[];
  /** The page language's codes, offered as a language filter (none: nothing to offer). */
  suggestLanguages?: readonly ServiceLanguage[] | undefined;
};

export function ResultsPage({ ctx, model }: { ctx: PageContext; model: ResultsModel }) {
  const t = ft(ctx);
  const { query, hits, total, pageSize } = model;
  const from = (query.page - 1) * pageSize + 1;
  const to = Math.min(total, query.page * pageSize);
  const link = (q: Partial<FinderQuery>) => `/${ctx.locale}/search?${toSearchParams(q)}`;
  const relaxLabel = (r: Relaxation) =>
    formatList(
      r.values.map((v) =>
        r.kind === 'languages'
          ? languageName(v, ctx.locale)
          : t(
              dynamicKey(
                'finder',
                `${{ targetGroups: 'tg', exploitation: 'ex', accessibility: 'acc' }[r.kind as 'targetGroups']}.${v}`,
              ),
            ),
      ),
      ctx.locale,
    );
  const relaxKey = { targetGroups: 'tg', exploitation: 'ex', languages: 'lang', accessibility: 'acc' } as const;
  return (
    <Layout ctx={ctx} title={model.heading}>
      <h1>{model.heading}</h1>
      <div class="split">
        <div>
          <LanguageSuggestion locale={ctx.locale} t={t} query={query} codes={model.suggestLanguages ?? []} />
          {model.groups ? (
            <ResultGroups
              locale={ctx.locale}
              t={t}
              query={query}
              groups={model.groups}
              areaState={model.areaState}
              from={link(query)}
            />
          ) : (
            <p role="status">
              {t('results.count', { count: total })} {total > pageSize ? t('results.showing', { from, to }) : ''}
            </p>
          )}
          {total === 0 ? (
            <div class="notice warn">
              <p>{t('results.none')}</p>
              {model.relaxation ? (
                <p>
                  <a
                    href={link({
                      ...query,
                      page: 1,
                      [relaxKey[model.relaxation.kind]]: (query[relaxKey[model.relaxation.kind]] as string[]).filter(
                        (v) => !model.relaxation!.values.includes(v),
                      ),
                    })}
                  >
                    {t('results.relax', { filter: relaxLabel(model.relaxation), count: model.relaxation.count })}
                  </a>
                </p>
              ) : null}
            </div>
          ) : null}
          {hits.length > 0 && !model.groups ? (
            <ol class="results" start={from}>
              {hits.map((h) => (
                <ResultCard hit={h} locale={ctx.locale} t={t} areaState={model.areaState} from={link(query)} />
              ))}
            </ol>
          ) : null}
          {total > pageSize && !model.groups ? (
            <nav class="pager" aria-label={t('results.showing', { from, to })}>
              {query.page > 1 ? <a href={link({ ...query, page: query.page - 1 })}>{t('results.prev')}</a> : null}
              {to < total ? <a href={link({ ...query, page: query.page + 1 })}>{t('results.next')}</a> : null}
            </nav>
          ) : null}
          {total === 0 ? <HelplineList list={model.helplines} locale={ctx.locale} /> : null}
        </div>
        <div>
          {hits.length > 0 ? <ResultsMap ctx={ctx} hits={hits} highlight={model.areaState} /> : null}
          <SearchForm locale={ctx.locale} t={t} query={query} />
        </div>
      </div>
    </Layout>
  );
}

export function StatesPage({
  ctx,
  counts,
  entries,
}: {
  ctx: PageContext;
  counts: Map<StateCode, number>;
  entries: readonly DirectoryEntry[];
}) {
  const t = ft(ctx);
  return (
    <Layout ctx={ctx} title={t('states.title')}>
      <h1>{t('states.title')}</h1>
      <p>{t('states.lead')}</p>
      <div class="split">
        <ul class="states-list">
          {STATES.map((s) => (
            <li>
              <a href={`/${ctx.locale}/states/${s.slug}`}>{stateName(s.code, ctx.locale)}</a> (
              {t('states.count', { count: counts.get(s.code) ?? 0 })})
            </li>
          ))}
        </ul>
        <FinderMap
          ctx={ctx}
          title={t('home.mapTitle')}
          description={t('home.mapDesc', { count: entries.length })}
          markers={markers(ctx, entries)}
          linkStates
        />
      </div>
    </Layout>
  );
}

export function StatePage({
  ctx,
  state,
  located,
  responsible,
}: {
  ctx: PageContext;
  state: StateInfo;
  located: SearchHit[];
  responsible: SearchHit[];
}) {
  const t = ft(ctx);
  const name = stateName(state.code, ctx.locale);
  return (
    <Layout ctx={ctx} title={t('states.stateTitle', { state: name })}>
      <h1>{t('states.stateTitle', { state: name })}</h1>
      <div class="split">
        <div>
          <h2>{t('states.located', { state: name })}</h2>
          {located.length === 0 ? (
            <p>{t('states.none')}</p>
          ) : (
            <ul class="results">
              {located.map((h) => (
                <ResultCard
                  hit={h}
                  locale={ctx.locale}
                  t={t}
                  areaState={state.code}
                  from={`/${ctx.locale}/states/${state.slug}`}
                />
              ))}
            </ul>
          )}
          {responsible.length > 0 ? (
            <>
              <h2>{t('states.responsible', { state: stateName(state.code, ctx.locale) })}</h2>
              <ul class="results">
                {responsible.map((h) => (
                  <ResultCard
                    hit={h}
                    locale={ctx.locale}
                    t={t}
                    areaState={state.code}
                    from={`/${ctx.locale}/states/${state.slug}`}
                  />
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div>
          <ResultsMap ctx={ctx} hits={located} highlight={state.code} linkStates />
          <SearchForm locale={ctx.locale} t={t} query={{ state: state.code }} />
        </div>
      </div>
    </Layout>
  );
}
