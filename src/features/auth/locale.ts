import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../platform/http/errors.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';

/** The page's locale from `:lang`; anything else is a 404 like any unknown page. */
export function pageLocale(req: FastifyRequest): Locale {
  const lang = (req.params as { lang?: unknown }).lang;
  if (typeof lang !== 'string' || !isLocale(lang)) throw new HttpError(404, 'Not found');
  return lang;
}
