/**
 * What every public page needs to know about the request it renders for.
 * Built per request by `pageContext`; views receive it instead of reaching
 * into Fastify.
 */
import type { FastifyRequest } from 'fastify';
import { translator, type Locale, type Translate } from '../i18n/index.ts';
import type { Assets } from '../http/assets.ts';

export type Platform = {
  assets: Assets;
  quickExitUrl: string;
  /** True while the directory holds demo entries: every page then says so. */
  isDemo(): boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
}

export type PageContext = {
  locale: Locale;
  /** The request path without the locale prefix, with its query, for the language switch. */
  pathInLocale: string;
  demo: boolean;
  assets: Assets;
  quickExitUrl: string;
  t: Translate;
};

export function pageContext(req: FastifyRequest, locale: Locale): PageContext {
  const p = req.server.platform;
  const url = req.url;
  const prefix = `/${locale}`;
  const rest = url.startsWith(prefix) ? url.slice(prefix.length) : url;
  return {
    locale,
    pathInLocale: rest === '' ? '/' : rest,
    demo: p.isDemo(),
    assets: p.assets,
    quickExitUrl: p.quickExitUrl,
    t: translator(locale, 'layout'),
  };
}
