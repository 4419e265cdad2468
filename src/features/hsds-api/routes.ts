/**
 * The HSDS 3.0 read API under /api/hsds: open data about the counselling
 * centres for other directories, apps and researchers. Read-only and served
 * from the same in-memory snapshot as the finder.
 *
 * CORS: every response carries `access-control-allow-origin: *`. The API is
 * public, read-only and cookie-free (nothing here depends on who asks), so
 * letting any web page read it exposes nothing a plain HTTP client could not
 * fetch anyway. Simple GETs need no preflight, so there is no OPTIONS route.
 * Responses stay `cache-control: no-store` (set globally): a proximity search
 * reveals where somebody looked for help, and shared caches must not keep it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import type { SearchOrigin } from '../finder/search.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import { CATALOGUE_TAXONOMIES, CATALOGUE_TERMS, findTaxonomy, findTerm } from './catalogue.ts';
import { HSDS_BASE, openApiDocument } from './openapi.ts';
import { paginate } from './paging.ts';
import {
  idParams,
  noQuery,
  organizationsQuery,
  serviceAtLocationsQuery,
  servicesQuery,
  taxonomiesQuery,
  taxonomyTermsQuery,
} from './params.ts';
import { presentOrganization } from './presenters/organization.ts';
import { presentServiceAtLocationItem } from './presenters/service-at-location.ts';
import { presentService, presentServiceBase } from './presenters/service.ts';
import { presentTaxonomy, presentTerm } from './presenters/taxonomy.ts';
import { profileDocument } from './profile.ts';
import { searchServices } from './search-query.ts';
import { matchesWords, viewsOf } from './views.ts';

const notFound = (what: string, id: string) => new HttpError(404, `No ${what} with id ${id}`);

function badQuery(field: string, message: string): HttpError {
  return new HttpError(400, `Invalid query: ${field}: ${message}`, [{ field, message }]);
}

export const hsdsRoutes: FastifyPluginAsync = async (app) => {
  const { directory, config } = app;
  const pub = { config: { public: true } };
  const B = HSDS_BASE;
  const openapi = openApiDocument(config.publicOrigin);
  const profile = profileDocument(config.publicOrigin);

  // Encapsulated in this plugin: only the API's responses (errors included) carry it.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });

  const id = (params: unknown) => parseOr400(idParams, params, 'id').id;

  app.get(`${B}/`, pub, async (req) => {
    parseOr400(noQuery, req.query, 'query');
    return {
      version: '3.0',
      profile: `${config.publicOrigin}${B}/profile`,
      openapi_url: `${config.publicOrigin}${B}/openapi.json`,
      description:
        'Schutznetz: specialised counselling centres against human trafficking in Germany (Fachberatungsstellen).',
      publisher: { name: 'Schutznetz', website: config.publicOrigin },
    };
  });

  app.get(`${B}/profile`, pub, async (req) => {
    parseOr400(noQuery, req.query, 'query');
    return profile;
  });

  app.get(`${B}/openapi.json`, pub, async (req) => {
    parseOr400(noQuery, req.query, 'query');
    return openapi;
  });

  app.get(`${B}/services`, pub, async (req) => {
    const q = parseOr400(servicesQuery, req.query, 'query');
    const { entries } = await directory.get();
    return paginate(searchServices(entries, q), q.page, q.per_page, (h) => presentService(h.entry));
  });

  app.get(`${B}/services/:id`, pub, async (req) => {
    const sid = id(req.params);
    parseOr400(noQuery, req.query, 'query');
    const entry = (await directory.get()).byId.get(sid);
    if (!entry) throw notFound('service', sid);
    return presentService(entry);
  });

  app.get(`${B}/service_at_locations`, pub, async (req) => {
    const q = parseOr400(serviceAtLocationsQuery, req.query, 'query');
    if (q.proximity !== undefined && !q.postcode)
      throw badQuery('proximity', 'proximity needs a postcode to measure from');
    if (q.postcode && q.state) throw badQuery('state', 'give either a postcode or a state, not both');
    let origin: SearchOrigin | undefined;
    if (q.postcode) {
      const hit = lookupPostcode(q.postcode);
      if (!hit) throw badQuery('postcode', `${q.postcode} is not a German postcode`);
      origin = { lat: hit.lat, lon: hit.lon, state: hit.state, label: `${hit.postcode} ${hit.places[0] ?? ''}`.trim() };
    }
    const { entries } = await directory.get();
    const hits = searchServices(entries, q, {
      ...(origin ? { origin } : {}),
      ...(q.proximity !== undefined ? { maxDistanceKm: q.proximity / 1000 } : {}),
    }).filter((h) => h.entry.location !== null);
    return paginate(hits, q.page, q.per_page, (h) =>
      presentServiceAtLocationItem(h.entry, h.distanceKm, h.coversArea)!,
    );
  });

  app.get(`${B}/service_at_locations/:id`, pub, async (req) => {
    const salId = id(req.params);
    parseOr400(noQuery, req.query, 'query');
    const { entries } = await directory.get();
    const entry = viewsOf(entries).entryBySalId.get(salId);
    const item = entry && presentServiceAtLocationItem(entry, null, false);
    if (!item) throw notFound('service_at_location', salId);
    return item;
  });

  app.get(`${B}/organizations`, pub, async (req) => {
    const q = parseOr400(organizationsQuery, req.query, 'query');
    const { entries } = await directory.get();
    const orgs = viewsOf(entries).organizations.filter((v) =>
      matchesWords(`${v.organization.name} ${v.organization.description}`, q.search),
    );
    return paginate(orgs, q.page, q.per_page, (v) => presentOrganization(v.organization));
  });

  app.get(`${B}/organizations/:id`, pub, async (req) => {
    const oid = id(req.params);
    parseOr400(noQuery, req.query, 'query');
    const { entries } = await directory.get();
    const view = viewsOf(entries).organizationById.get(oid);
    if (!view) throw notFound('organization', oid);
    return { ...presentOrganization(view.organization), services: view.entries.map(presentServiceBase) };
  });

  app.get(`${B}/taxonomies`, pub, async (req) => {
    const q = parseOr400(taxonomiesQuery, req.query, 'query');
    const list = CATALOGUE_TAXONOMIES.filter((t) => matchesWords(`${t.name} ${t.description}`, q.search));
    return paginate(list, q.page, q.per_page, presentTaxonomy);
  });

  app.get(`${B}/taxonomies/:id`, pub, async (req) => {
    const tid = id(req.params);
    parseOr400(noQuery, req.query, 'query');
    const t = findTaxonomy(tid);
    if (!t) throw notFound('taxonomy', tid);
    return presentTaxonomy(t);
  });

  app.get(`${B}/taxonomy_terms`, pub, async (req) => {
    const q = parseOr400(taxonomyTermsQuery, req.query, 'query');
    if (q.taxonomy_id && !findTaxonomy(q.taxonomy_id))
      throw badQuery('taxonomy_id', `no taxonomy has the id ${q.taxonomy_id}`);
    const list = CATALOGUE_TERMS.filter(
      (t) => (!q.taxonomy_id || t.taxonomy_id === q.taxonomy_id) && matchesWords(`${t.code} ${t.name}`, q.search),
    );
    return paginate(list, q.page, q.per_page, presentTerm);
  });

  app.get(`${B}/taxonomy_terms/:id`, pub, async (req) => {
    const tid = id(req.params);
    parseOr400(noQuery, req.query, 'query');
    const t = findTerm(tid);
    if (!t) throw notFound('taxonomy_term', tid);
    return presentTerm(t);
  });
};
