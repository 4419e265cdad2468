/**
 * What every page needs to know about the request it renders for. Built per
 * request by `pageContext`; views receive it instead of reaching into
 * Fastify.
 */
import type { FastifyRequest } from 'fastify';
import { csrfToken } from '../auth/csrf.ts';
import type { Helpline } from '../helplines/helplines.ts';
import type { OfficeContact } from '../office-contact/office-contact.ts';
import type { Role } from '../auth/types.ts';
import { offeredLocales, translateRef, translator, type Locale, type Translate } from '../i18n/index.ts';
import type { Assets } from '../http/assets.ts';
import { visibleLinks } from '../staff/menu.ts';

type Platform = {
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

/** The signed-in person as the staff frame shows them, and the menu they may use. */
type StaffView = {
  name: string | null;
  role: Role;
  links: { href: string; label: string }[];
  /** The session's CSRF token, for the sign-out form. */
  csrf: string;
};

export type PageContext = {
  locale: Locale;
  /** The languages offered, in the order the language switch lists them. */
  locales: readonly Locale[];
  /** The request path without the locale prefix, with its query, for the language switch. */
  pathInLocale: string;
  demo: boolean;
  assets: Assets;
  quickExitUrl: string;
  t: Translate<'layout'>;
  /** Set on requests of a fully signed-in staff member. */
  staff: StaffView | null;
  /** The helplines the office keeps, for the first screen's call line and the footer. */
  helplines: readonly Helpline[];
  /** The coordination office's contact details for the footer (null: not given yet). */
  officeContact: OfficeContact | null;
};

function staffView(req: FastifyRequest, locale: Locale): StaffView | null {
  const actor = req.actor;
  const session = req.authSession;
  if (!actor || !session) return null;
  return {
    name: session.displayName,
    role: actor.role,
    links: visibleLinks(req.server.staffMenu, actor).map((l) => ({
      href: `/${locale}${l.path}`,
      label: translateRef(locale, l.label),
    })),
    csrf: csrfToken(req),
  };
}

export function pageContext(req: FastifyRequest, locale: Locale = req.locale): PageContext {
  const p = req.server.platform;
  const url = req.url;
  const prefix = `/${locale}`;
  const rest = url.startsWith(prefix) ? url.slice(prefix.length) : url;
  return {
    locale,
    locales: offeredLocales(),
    pathInLocale: rest === '' ? '/' : rest,
    demo: p.isDemo(),
    assets: p.assets,
    quickExitUrl: p.quickExitUrl,
    t: translator(locale, 'layout'),
    staff: staffView(req, locale),
    helplines: req.server.helplines.current(),
    officeContact: req.server.officeContact.current(),
  };
}
