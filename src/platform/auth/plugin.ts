/**
 * The authentication core as one Fastify plugin, registered in app.ts before
 * any feature routes: cookie and form parsing, the route check at start-up,
 * the origin check for state changes, the session lookup and the
 * authorisation hook. Wrapped with fastify-plugin so the hooks apply to
 * every route registered after it, in every feature's context.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccessDenied, recordAccessDenied } from './access-denied.ts';
import { authorize, checkRoute, type RouteEntry } from './authorize.ts';
import { CsrfRefused, isStateChanging, originProblem } from './csrf.ts';
import { recordCsrfRefusal } from './csrf-refusals.ts';
import { loadSession } from './session-hook.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the auth plugin, with its access rule (for the security tests). */
    routeTable: RouteEntry[];
  }
}

export const authPlugin = fp(
  async (app: FastifyInstance) => {
    // Cookies are parsed on demand (cookie.ts), never automatically: public
    // routes must not even read them.
    await app.register(cookie, { hook: false });
    await app.register(formbody);

    app.decorateRequest('actor', null);
    app.decorateRequest('authSession', null);

    const routes: RouteEntry[] = [];
    app.decorate('routeTable', routes);
    app.addHook('onRoute', (route) => {
      routes.push(...checkRoute(route, app.policy));
    });

    app.addHook('onRequest', async (req, reply) => {
      // Before the body is read: a forged cross-site POST stops here,
      // whichever route it aims at.
      const problem = isStateChanging(req.method) ? originProblem(req, app.config.publicOrigin) : null;
      if (problem) throw new CsrfRefused(problem);
      await loadSession(req, reply);
    });
    app.addHook('preHandler', authorize);
    // Refusals of signed-in actors (the hook's and handlers' AccessDenied)
    // and every CSRF refusal go to the audit log. onError runs after the
    // handler's transaction has ended, so the row has a transaction of its
    // own (access-denied.ts, csrf-refusals.ts).
    app.addHook('onError', async (req, _reply, err) => {
      if (err instanceof AccessDenied) await recordAccessDenied(req, err.reason);
      else if (err instanceof CsrfRefused) await recordCsrfRefusal(req, err.reason);
    });
  },
  { name: 'schutznetz-auth', fastify: '5.x' },
);
