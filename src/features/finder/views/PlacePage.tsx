/**
 * The page for a search that has no place to search from: the place typed
 * was not found (with "Did you mean …?" when a similar name exists), it names
 * several places (which one?), or nothing was entered. It says what failed in
 * the reader's language, offers the federal states and the search form, and
 * always the helplines. It lists no centres: a heading such as "All
 * counselling centres" above an empty list would say the opposite of what
 * happened.
 */
import { bidiIsolate, translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { HelplineList } from '../../../platform/helplines/HelplineList.tsx';
import type { Helpline } from '../../../platform/helplines/helplines.ts';
import { hasOtherScript } from '../../geo/normalise.ts';
import { STATES, type StateCode } from '../../geo/states.ts';
import { stateName } from './ResultCard.tsx';
import type { PlaceChoice } from '../resolve.ts';
import { toSearchParams, type FinderQuery } from '../schema.ts';
import { SearchForm } from './SearchForm.tsx';

type PlaceProblem =
  { kind: 'unknown'; suggestions: PlaceChoice[] } | { kind: 'ambiguous'; options: PlaceChoice[] } | { kind: 'noPlace' };

export type PlacePageModel = {
  problem: PlaceProblem;
  query: FinderQuery;
  helplines: readonly Helpline[];
};

export function PlacePage({ ctx, model }: { ctx: PageContext; model: PlacePageModel }) {
  const { problem, query } = model;
  const t = translator(ctx.locale, 'place');
  const ft = translator(ctx.locale, 'finder');
  const stateLabel = (code: StateCode) => stateName(code, ctx.locale);
  // Every link keeps the reader's filters and starts again at the first page.
  const search = (q: Partial<FinderQuery>) =>
    `/${ctx.locale}/search?${toSearchParams({ ...query, q: '', state: undefined, page: 1, ...q })}`;
  const heading =
    problem.kind === 'unknown'
      ? t(/^\d+$/.test(query.q) ? 'unknownPostcode' : 'unknownPlace', { q: bidiIsolate(ctx.locale, query.q) })
      : problem.kind === 'ambiguous'
        ? t('ambiguous', { q: bidiIsolate(ctx.locale, query.q) })
        : t('noPlace');
  const choices = (list: PlaceChoice[]) => (
    <ul class="place-choices">
      {list.map((c) => (
        <li>
          <a href={search({ q: c.q })}>{t('choice', { name: c.name, state: stateLabel(c.state) })}</a>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={heading}>
      <div class="notice warn" role="alert">
        <h1>{heading}</h1>
        <p>
          {t(
            problem.kind === 'unknown'
              ? // A name in Arabic, Cyrillic, Ge'ez … that no exonym knows: the spelling is not the problem.
                hasOtherScript(query.q)
                ? 'otherScript'
                : 'unknownLead'
              : problem.kind === 'ambiguous'
                ? 'ambiguousLead'
                : 'noPlaceLead',
          )}
        </p>
        {problem.kind === 'ambiguous' ? choices(problem.options) : null}
        {problem.kind === 'unknown' && problem.suggestions.length > 0 ? (
          <>
            <p>{t('didYouMean')}</p>
            {choices(problem.suggestions)}
          </>
        ) : null}
      </div>
      <div class="split">
        <section aria-labelledby="by-state-title">
          <h2 id="by-state-title">{t('byState')}</h2>
          <ul class="states-list">
            {STATES.map((s) => (
              <li>
                <a href={search({ state: s.code })}>{stateLabel(s.code)}</a>
              </li>
            ))}
          </ul>
        </section>
        <SearchForm locale={ctx.locale} t={ft} query={query} />
      </div>
      <HelplineList list={model.helplines} locale={ctx.locale} />
    </Layout>
  );
}
