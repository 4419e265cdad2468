/**
 * Function-level authorisation (ASVS 8.2.1), deny by default:
 * - at start-up, every route that is not `public` must name a policy
 *   `action` (or be a sign-in `authFlow` route), or the app refuses to start
 *   — no staff route can be forgotten;
 * - before each handler: not signed in → the sign-in page (HTML, 303) or 401
 *   (JSON); state-changing requests must carry the session's CSRF token;
 *   signed in without the right → 404, so nobody learns what exists (and
 *   the refusal is audited, access-denied.ts);
 * - an administrator whose sign-in was not completed with a passkey
 *   (session-hook.ts, isPasskeyRestricted) is sent to the passkey set-up
 *   page from every staff route; only the 'passkey_setup' routes let them in.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AccessDenied } from './access-denied.ts';
import { CsrfRefused, hasValidCsrfToken, isStateChanging } from './csrf.ts';
import { requestLocale, signInPath, staffHome } from './next-path.ts';
import { can, type ActionDefinition, type PolicyRegistry } from './policy.ts';
import { isPublicRoute, wantsJson } from '../http/route-kind.ts';
import { isPasskeyRestricted } from './session-hook.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The policy action a staff route needs (see policy.ts). Routes without
     * `public: true` must name one; a test walks the route list to prove it.
     */
    action?: ActionDefinition<never>;
    /**
     * Sign-in flow routes that need no policy action (they run before anyone
     * is fully signed in). 'anonymous': no session required; state changes
     * checked by Origin / Sec-Fetch-Site only (sign-in form, invitation,
     * password reset). 'pending': a password-stage session is required and
     * its CSRF token is checked (second factor, passkey assertion).
     * 'passkey_setup': only a restricted session — an administrator signed
     * in with TOTP or a recovery code (session-hook.ts) — whose CSRF token is
     * checked; it adds a passkey or signs out there and nowhere else. Such
     * routes may set the session cookie; `public` routes never may.
     */
    authFlow?: AuthFlow;
  }
}

/** The sign-in flows a route may belong to instead of naming a policy action. */
type AuthFlow = 'anonymous' | 'pending' | 'passkey_setup';
const AUTH_FLOWS: readonly string[] = ['anonymous', 'pending', 'passkey_setup'] satisfies AuthFlow[];

/** What the route list records for each route (for the route × role tests). */
export type RouteEntry = {
  method: string;
  url: string;
  public: boolean;
  action: string | null;
  authFlow: AuthFlow | null;
};

/**
 * Check a route at registration; throws for a non-public route without an
 * action (or with an unknown one). Returns its entry for the route list.
 */
export function checkRoute(route: RouteOptions, policy: PolicyRegistry): RouteEntry[] {
  const config = (route.config ?? {}) as { public?: boolean; action?: ActionDefinition<never>; authFlow?: AuthFlow };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const isPublic = config.public === true;
  const where = `${methods.join(',')} ${route.url}`;
  if (isPublic && (config.action || config.authFlow)) {
    throw new Error(`Route ${where} is public and yet names an action or auth flow; choose one.`);
  }
  if (!isPublic) {
    if (config.action && config.authFlow) throw new Error(`Route ${where} names both an action and an auth flow.`);
    if (config.authFlow && !AUTH_FLOWS.includes(config.authFlow)) {
      throw new Error(`Route ${where} has an unknown auth flow.`);
    }
    if (!config.action && !config.authFlow) {
      throw new Error(
        `Route ${where} is not public and names no policy action: add { config: { action } } (see src/platform/auth/policy.ts) or { config: { public: true } }.`,
      );
    }
    if (config.action && !policy.has(config.action)) {
      throw new Error(
        `Route ${where} names the unknown action "${config.action.name}": list it in its feature's manifest.`,
      );
    }
  }
  return methods.map((m) => ({
    method: String(m).toUpperCase(),
    url: route.url,
    public: isPublic,
    action: config.action?.name ?? null,
    authFlow: config.authFlow ?? null,
  }));
}

/** Send the not-signed-in answer. GET pages remember themselves as `next`. */
function sendToSignIn(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (wantsJson(req)) {
    return reply.code(401).type('application/json; charset=utf-8').send({ error: 'Not signed in', status: 401 });
  }
  const locale = requestLocale(req);
  const next = req.method === 'GET' ? req.url : staffHome(locale);
  return reply.redirect(signInPath(locale, next), 303);
}

/** The passkey set-up page: where a restricted session may go (and the JSON refusal that points there). */
function passkeySetupPath(req: FastifyRequest): string {
  return `/${requestLocale(req)}/staff/passkey-setup`;
}

function sendToPasskeySetup(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const to = passkeySetupPath(req);
  if (wantsJson(req)) {
    return reply
      .code(403)
      .type('application/json; charset=utf-8')
      .send({ error: 'passkey_required', status: 403, redirect: to });
  }
  return reply.redirect(to, 303);
}

/** A complete session on a set-up route: nothing to set up, go to the start page. */
function sendHome(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const to = staffHome(requestLocale(req));
  if (wantsJson(req))
    return reply
      .code(409)
      .type('application/json; charset=utf-8')
      .send({ error: 'not_needed', status: 409, redirect: to });
  return reply.redirect(to, 303);
}

export async function authorize(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  if (isPublicRoute(req)) return;
  const config = req.routeOptions.config;
  const changing = isStateChanging(req.method);

  if (config.authFlow === 'anonymous') return; // origin checked in onRequest
  if (config.authFlow === 'pending') {
    const s = req.authSession;
    if (!s || s.stage !== 'password') return sendToSignIn(req, reply);
    if (changing && !hasValidCsrfToken(req, s.csrfSecret)) throw new CsrfRefused('token');
    return;
  }
  if (config.authFlow === 'passkey_setup') {
    const s = req.authSession;
    if (req.actor) return sendHome(req, reply);
    if (!s || !isPasskeyRestricted(s)) return sendToSignIn(req, reply);
    if (changing && !hasValidCsrfToken(req, s.csrfSecret)) throw new CsrfRefused('token');
    return;
  }

  const actor = req.actor;
  if (!actor && req.authSession && isPasskeyRestricted(req.authSession)) return sendToPasskeySetup(req, reply);
  if (!actor || !req.authSession) return sendToSignIn(req, reply);
  if (changing && !hasValidCsrfToken(req, req.authSession.csrfSecret)) throw new CsrfRefused('token');
  // checkRoute guarantees every remaining route names a known action.
  if (!config.action || !can(actor, config.action)) throw new AccessDenied('role');
}
