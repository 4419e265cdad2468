/**
 * What kind of route a request reached. Public routes never look at cookies
 * and never set one; unmatched URLs (the 404 handler) count as public, so a
 * typo cannot make the server read a session.
 */
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public routes: no session, no cookie, ever. */
    public?: boolean;
  }
}

export function isPublicRoute(req: FastifyRequest): boolean {
  return req.routeOptions.config?.public === true || req.routeOptions.url === undefined;
}

/**
 * JSON clients get JSON answers and status codes, browsers get pages and
 * redirects: the open-data API and the health check always, and scripts
 * that ask for JSON only (the passkey ceremonies).
 */
export function wantsJson(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url === '/healthz') return true;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
}
