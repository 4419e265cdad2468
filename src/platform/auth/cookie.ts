/**
 * The session cookie. `__Host-` makes browsers
 * refuse it unless it is Secure, has Path=/ and no Domain, so no sibling
 * subdomain can set or shadow it. No Max-Age/Expires: it dies with the
 * browser session; the server-side timeouts (session-store.ts) decide the rest.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = '__Host-sn_session';

/** Tokens are randomToken(32): 43 base64url characters. Anything else is ignored unread. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const ATTRIBUTES = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

/** The session token the request carries, if it has a well-formed one. Non-public routes only. */
export function readSessionToken(req: FastifyRequest): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const value = req.server.parseCookie(header)[SESSION_COOKIE];
  return value !== undefined && TOKEN_SHAPE.test(value) ? value : null;
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, ATTRIBUTES);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, ATTRIBUTES);
}
