/**
 * The results of a search with a place or a state, in two groups: services
 * reachable from anywhere (phone, chat, online) on top of every page, a few
 * of them with a link to all; then the centres near the place. Each count
 * says what it counts. Paging is plain links, so it works without JavaScript.
 */
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import type { StateCode } from '../../geo/states.ts';
import { toSearchParams, type FinderQuery } from '../schema.ts';
import type { SearchHit } from '../search.ts';
import { ResultCard, stateName } from './ResultCard.tsx';

export type ResultGroupsModel = {
  /** The place searched from ('44135 Dortmund'); absent for a search by state. */
  place?: string | undefined;
  radiusKm: number;
  /** Listing every remote service (`group=remote`) instead of the local results. */
  remoteOnly: boolean;
  pageSize: number;
  remote: { hits: SearchHit[]; total: number };
  local: { hits: SearchHit[]; total: number; withinRadius: number };
};

export function ResultGroups({
  locale,
  t,
  query,
  groups,
  areaState,
  from: back,
}: {
  locale: Locale;
  t: Translate<'finder'>;
  query: FinderQuery;
  groups: ResultGroupsModel;
  areaState: StateCode | undefined;
  /** This page's own path, for the centre pages' way back. */
  from: string;
}) {
  const link = (q: Partial<FinderQuery>) => `/${locale}/search?${toSearchParams(q)}`;
  const { remote, local, pageSize } = groups;
  const from = (query.page - 1) * pageSize + 1;
  const cards = (hits: SearchHit[]) =>
    hits.map((h) => <ResultCard hit={h} locale={locale} t={t} areaState={areaState} from={back} />);
  const pager = (total: number, shown: number) => {
    const to = from - 1 + shown;
    return query.page > 1 || to < total ? (
      <nav class="pager" aria-label={t('results.showing', { from, to })}>
        {query.page > 1 ? <a href={link({ ...query, page: query.page - 1 })}>{t('results.prev')}</a> : null}
        {to < total ? <a href={link({ ...query, page: query.page + 1 })}>{t('list.more')}</a> : null}
      </nav>
    ) : null;
  };

  if (groups.remoteOnly) {
    return (
      <section aria-labelledby="remote-title">
        <h2 id="remote-title">{t('list.remoteTitle')}</h2>
        <p role="status">{t('list.remoteCount', { count: remote.total })}</p>
        {remote.hits.length > 0 ? (
          <ol class="results" start={from}>
            {cards(remote.hits)}
          </ol>
        ) : null}
        {pager(remote.total, remote.hits.length)}
        <p>
          <a href={link({ ...query, group: undefined, page: 1 })}>{t('list.backToLocal')}</a>
        </p>
      </section>
    );
  }

  const state = areaState ? stateName(areaState, locale) : '';
  const beyond = local.total - local.withinRadius;
  return (
    <>
      {remote.total > 0 ? (
        <section class="remote" aria-labelledby="remote-title">
          <h2 id="remote-title">{t('list.remoteTitle')}</h2>
          <p>{t('list.remoteCount', { count: remote.total })}</p>
          <ul class="results">{cards(remote.hits)}</ul>
          {remote.total > remote.hits.length ? (
            <p>
              <a href={link({ ...query, group: 'remote', page: 1 })}>{t('list.remoteAll', { count: remote.total })}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="local-title">
        <h2 id="local-title">{t('list.localTitle')}</h2>
        <p role="status">
          {groups.place === undefined
            ? t('list.localState', { count: local.total, state })
            : local.withinRadius > 0
              ? t('list.localNear', { count: local.withinRadius, km: groups.radiusKm, place: groups.place })
              : t('list.localNone', { km: groups.radiusKm, place: groups.place })}
          {groups.place !== undefined && beyond > 0 ? ` ${t('list.localBeyond', { count: beyond })}` : ''}
          {local.total > pageSize && local.hits.length > 0
            ? ` ${t('results.showing', { from, to: from - 1 + local.hits.length })}`
            : ''}
        </p>
        {local.hits.length > 0 ? (
          <ol class="results" start={from}>
            {cards(local.hits)}
          </ol>
        ) : null}
        {pager(local.total, local.hits.length)}
      </section>
    </>
  );
}
