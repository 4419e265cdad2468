/**
 * Response headers that every response carries. Public pages must not make
 * the browser contact any other origin (a watched person's traffic would show
 * it), so the CSP allows 'self' only and no inline code at all.
 */
import type { FastifyInstance } from 'fastify';
import { isPublicRoute } from './route-kind.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    // Pages may reveal what someone looked for: keep them out of every cache
    // (shared device, proxy). Only fingerprinted assets are cacheable.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // Defence in depth: public pages never set cookies; strip any that slip in.
    // Only staff routes (not marked public) may carry a session cookie.
    if (isPublicRoute(_req)) reply.removeHeader('set-cookie');
    return payload;
  });
}
