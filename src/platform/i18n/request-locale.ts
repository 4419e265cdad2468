/**
 * The request's language, settled once per request: the `:lang` path
 * parameter where the route has one, otherwise the first path segment when
 * it names a language (error pages of unknown URLs), otherwise German. The
 * language never comes from a cookie (public pages set none) and only the
 * bare "/" looks at Accept-Language (finder routes).
 *
 * A route with `:lang` that names no offered language answers 404 like any
 * unknown page. That check runs as the last preHandler, after the
 * authorisation hook, so an unknown language never tells an anonymous
 * visitor more than the sign-in redirect would.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http/errors.ts';
import { DEFAULT_LOCALE, isLocale, localeInfo, type Locale } from './locales.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The page language (see request-locale.ts); always an offered locale. */
    locale: Locale;
  }
}

function hasLangParam(req: FastifyRequest): boolean {
  return req.routeOptions.url?.includes('/:lang') === true;
}

function settle(req: FastifyRequest): Locale {
  if (hasLangParam(req)) {
    const lang = (req.params as { lang?: unknown } | undefined)?.lang;
    return isLocale(lang) ? lang : DEFAULT_LOCALE;
  }
  const first = req.url.split(/[/?#]/)[1];
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

export const requestLocalePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('locale', DEFAULT_LOCALE);
    app.addHook('onRequest', async (req) => {
      req.locale = settle(req);
    });
  },
  { name: 'schutznetz-request-locale', fastify: '5.x' },
);

/**
 * Registered after the authorisation hook: `/:lang/…` with an unknown
 * language is an unknown page. And the staff area in a language that
 * translates only the public pages (ADR 030) is the staff area in German:
 * a page read is redirected to /de/staff/…, so the whole page, its `lang`
 * and its forms are German rather than a German page under another
 * language's name. (Forms post to where their page was shown, so other
 * methods are left alone.)
 */
export const unknownLanguagePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (req, reply) => {
      if (!hasLangParam(req)) return;
      const lang = (req.params as { lang?: unknown } | undefined)?.lang;
      if (!isLocale(lang)) throw new HttpError(404, 'Not found');
      if (
        (req.method === 'GET' || req.method === 'HEAD') &&
        req.routeOptions.url?.startsWith('/:lang/staff') === true &&
        (localeInfo(lang).complete ?? 'public') !== 'all'
      )
        return reply.redirect(`/${DEFAULT_LOCALE}${req.url.slice(lang.length + 1)}`, 302);
    });
  },
  { name: 'schutznetz-unknown-language', fastify: '5.x' },
);
