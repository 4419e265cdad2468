/**
 * Public finder routes. Pipeline per request: validate the query (zod) →
 * resolve the place → search the in-memory directory → render. No session,
 * no cookie, nothing about the search is stored or logged.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { bidiIsolate, negotiateLocale, translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { STATES, stateBySlug, type StateCode } from '../geo/states.ts';
import { resolveWhere, toSearchQuery } from './resolve.ts';
import { languageSuggestion } from './language-suggestion.ts';
import { finderQuerySchema } from './schema.ts';
import { searchDirectory, suggestRelaxation } from './search.ts';
import { finderIndex, RADIUS_KM, type Slice } from './search-index.ts';
import { stateName } from './views/ResultCard.tsx';
import { backToResults } from './back-link.ts';
import { openState } from './hours.ts';
import { CentrePage } from './views/CentrePage.tsx';
import { HomePage, ResultsPage, StatePage, StatesPage, type ResultsModel } from './views/pages.tsx';
import { PlacePage } from './views/PlacePage.tsx';

const PAGE_SIZE = 10;
/** Services reachable from anywhere shown above the local results on every page; the rest are a link away. */
const REMOTE_SHOWN = 3;
/** Totals only. */
const NOTHING: { remote: Slice; local: Slice } = { remote: { from: 0, count: 0 }, local: { from: 0, count: 0 } };

const idParam = z.object({ lang: z.string(), id: z.uuid() });

export const finderRoutes: FastifyPluginAsync = async (app) => {
  const directory = app.directory;
  const pub = { config: { public: true } };

  // The bare root picks a language once; after that the language is in the path.
  app.get('/', pub, async (req, reply) => {
    reply.header('vary', 'accept-language');
    return reply.redirect(`/${negotiateLocale(req.headers['accept-language'])}/`, 302);
  });

  app.get('/:lang', pub, async (req, reply) => {
    const snap = await directory.get();
    const helplines = await app.helplines.get();
    return sendPage(reply, HomePage({ ctx: pageContext(req), entries: snap.entries, helplines }));
  });

  app.get('/:lang/search', pub, async (req, reply) => {
    const locale = req.locale;
    const query = parseOr400(finderQuerySchema, req.query, 'search');
    const t = translator(locale, 'finder');
    const snap = await directory.get();
    const where = resolveWhere(query);
    // The results page with this request's query and page size.
    const helplines = await app.helplines.get();
    const results = (model: Omit<ResultsModel, 'query' | 'pageSize' | 'helplines'>) =>
      sendPage(
        reply,
        ResultsPage({
          ctx: pageContext(req),
          model: {
            query,
            ...model,
            pageSize: PAGE_SIZE,
            helplines,
            suggestLanguages: languageSuggestion(locale, query.lang, snap.entries),
          },
        }),
      );
    if (where.kind === 'none' && hasFilters(query)) {
      // Filters without a place: everything that fits them, nationwide.
      return results({
        heading: t('results.titleAll'),
        ...paginate(searchDirectory(snap.entries, toSearchQuery(query, where)), query.page),
      });
    }
    if (where.kind === 'unknown' || where.kind === 'ambiguous' || where.kind === 'none') {
      // No place to search from: say what failed, offer the states, the form and the helplines.
      const problem =
        where.kind === 'unknown'
          ? { kind: 'unknown' as const, suggestions: where.suggestions }
          : where.kind === 'ambiguous'
            ? { kind: 'ambiguous' as const, options: where.options }
            : { kind: 'noPlace' as const };
      return sendPage(reply, PlacePage({ ctx: pageContext(req), model: { problem, query, helplines } }));
    }
    const sq = toSearchQuery(query, where);
    const index = finderIndex(snap.entries);
    const offset = (query.page - 1) * PAGE_SIZE;
    const remoteOnly = query.group === 'remote';
    const found = index.search(
      sq,
      remoteOnly
        ? { remote: { from: offset, count: PAGE_SIZE }, local: { from: 0, count: 0 } }
        : { remote: { from: 0, count: REMOTE_SHOWN }, local: { from: offset, count: PAGE_SIZE } },
    );
    const total = found.remote.total + found.local.total;
    const areaState: StateCode = where.kind === 'origin' ? where.origin.state : where.state;
    const heading =
      where.kind === 'origin'
        ? t('results.titleNear', { place: bidiIsolate(locale, where.origin.label) })
        : t('results.titleState', { state: stateName(where.state, locale) });
    return results({
      heading,
      hits: found.local.hits,
      total,
      groups: {
        place: where.kind === 'origin' ? bidiIsolate(locale, where.origin.label) : undefined,
        radiusKm: RADIUS_KM,
        remoteOnly,
        pageSize: PAGE_SIZE,
        ...found,
      },
      relaxation:
        total === 0
          ? suggestRelaxation(snap.entries, sq, (relaxed) => {
              const r = index.search(relaxed, NOTHING);
              return r.remote.total + r.local.total;
            })
          : undefined,
      areaState,
    });
  });

  app.get('/:lang/centres/:id', pub, async (req, reply) => {
    const r = idParam.safeParse(req.params);
    const entry = r.success ? (await directory.get()).byId.get(r.data.id) : undefined;
    // Defunct entries stay out of public view; a vague 404 either way.
    if (!entry || entry.service.status === 'defunct') throw new HttpError(404, 'Not found');
    // `from` is whatever the address bar says: only a finder list, rebuilt, may come back out.
    const from = (req.query as Record<string, unknown> | undefined)?.from;
    const model = {
      entry,
      openState: entry.service.status === 'active' ? openState(entry.schedules, app.clock.now()) : null,
      backTo: backToResults(Array.isArray(from) ? from[0] : from, req.locale),
    };
    return sendPage(reply, CentrePage({ ctx: pageContext(req), model }));
  });

  app.get('/:lang/states', pub, async (req, reply) => {
    const snap = await directory.get();
    const active = snap.entries.filter((e) => e.service.status === 'active');
    const counts = new Map<StateCode, number>();
    for (const s of STATES) {
      counts.set(
        s.code,
        searchDirectory(active, { state: s.code, targetGroups: [], exploitation: [], languages: [], accessibility: [] })
          .length,
      );
    }
    return sendPage(reply, StatesPage({ ctx: pageContext(req), counts, entries: active }));
  });

  app.get('/:lang/states/:slug', pub, async (req, reply) => {
    const { slug } = z.object({ slug: z.string().max(60) }).parse(req.params);
    const state = stateBySlug(slug);
    if (!state) throw new HttpError(404, 'Not found');
    const snap = await directory.get();
    const hits = searchDirectory(snap.entries, {
      state: state.code,
      targetGroups: [],
      exploitation: [],
      languages: [],
      accessibility: [],
    });
    const located = hits.filter((h) => h.entry.location?.address.state_province === state.code);
    const responsible = hits.filter((h) => h.entry.location?.address.state_province !== state.code);
    return sendPage(reply, StatePage({ ctx: pageContext(req), state, located, responsible }));
  });
};

function hasFilters(q: { tg: string[]; ex: string[]; lang: string[]; acc: string[] }): boolean {
  return q.tg.length + q.ex.length + q.lang.length + q.acc.length > 0;
}

function paginate<T>(all: T[], page: number): { hits: T[]; total: number } {
  return { hits: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: all.length };
}
