/**
 * Cross-site request forgery defence (ASVS 3.5.1/3).
 * Two independent checks, both required where they apply:
 * - Where the request came from: a present `Origin` must be our public origin
 *   and a present `Sec-Fetch-Site` must be `same-origin` or `none`. Browsers
 *   send at least one of them on every cross-site POST, so this alone stops
 *   forged form posts from other sites; it runs for every state-changing
 *   request, public or not, before the body is even read.
 * - A secret only our own pages know: the session's csrf_secret, in form
 *   field `_csrf` or header `x-csrf-token`, compared in constant time. This
 *   covers old browsers and anything that strips the headers.
 * GET and HEAD never change state, so they need neither.
 * Every refusal is audited as `auth.csrf_refused` (csrf-refusals.ts).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { safeEqual } from '../security/tokens.ts';

export const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';

/**
 * Spread into every strict form schema of a session-bound route, e.g.
 * `z.object({ ...csrfField, name: z.string() }).strict()`: the hook has
 * already verified the token; the handler only has to tolerate the field.
 */
export const csrfField = { [CSRF_FIELD]: z.string().max(128).optional() } as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Does this method change state (and so need CSRF checks)? */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The token for hidden `_csrf` inputs on the current request's page: the
 * session's secret, or '' where there is no session (pre-session forms need none).
 */
export function csrfToken(req: FastifyRequest): string {
  return req.authSession?.csrfSecret ?? '';
}

/** Why a state-changing request was refused: its Origin, its Sec-Fetch-Site, or a missing or wrong token. */
export type CsrfReason = 'origin' | 'sec_fetch_site' | 'token';

/** Why a request's origin headers are refused, or null when they are acceptable. */
export function originProblem(req: FastifyRequest, publicOrigin: string): Exclude<CsrfReason, 'token'> | null {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  // Our pages send `Referrer-Policy: no-referrer`, and with it Chromium
  // sends `Origin: null` on same-origin form posts. The browser-set
  // Sec-Fetch-Site (which page scripts cannot forge) then says where the
  // request comes from.
  const opaqueButSameSite = origin === 'null' && site === 'same-origin';
  if (origin !== undefined && origin !== publicOrigin && !opaqueButSameSite) return 'origin';
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'sec_fetch_site';
  return null;
}

/** The token the request carries (form field first, then header). */
function presentedToken(req: FastifyRequest): string | null {
  const body = req.body;
  if (body && typeof body === 'object' && CSRF_FIELD in body) {
    const v = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof v === 'string') return v;
  }
  const h = req.headers[CSRF_HEADER];
  return typeof h === 'string' ? h : null;
}

/** Does the request carry this session's CSRF secret? Constant-time. */
export function hasValidCsrfToken(req: FastifyRequest, csrfSecret: string): boolean {
  const token = presentedToken(req);
  return token !== null && token !== '' && safeEqual(token, csrfSecret);
}

/** The refusal of a form without a valid origin or token: 403 with a message in the reader's language. */
export class CsrfRefused extends HttpError {
  constructor(readonly reason: CsrfReason) {
    super(403, HttpError.localized(403, 'csrf').message);
    this.messageKey = 'csrf';
    this.name = 'CsrfRefused';
  }
}
