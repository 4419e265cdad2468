/**
 * Where to go after signing in (`?next=`). Only our own staff pages qualify:
 * anything else — another host, a protocol-relative `//evil`, a backslash
 * that some browsers read as a slash, control characters — falls back to the
 * staff start page, so the sign-in page can never become an open redirect.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/index.ts';
import type { FastifyRequest } from 'fastify';

const ALLOWED = /^\/[a-z]{2}\/staff(?:\/[A-Za-z0-9._~\-/]*)?(?:\?[A-Za-z0-9._~\-=&%+]*)?$/;
const MAX_LENGTH = 512;

/** `value` when it is a same-site staff path, otherwise null. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!ALLOWED.test(value) || value.startsWith('//') || value.includes('/../') || value.endsWith('/..')) return null;
  const base = 'http://same.invalid';
  try {
    const u = new URL(value, base);
    if (u.origin !== base) return null;
  } catch {
    return null;
  }
  return value;
}

/** The staff start page for a locale. */
export function staffHome(locale: Locale): string {
  return `/${locale}/staff`;
}

/** The request's locale from its `:lang` parameter, or the default. */
export function requestLocale(req: FastifyRequest): Locale {
  const lang = (req.params as Record<string, unknown> | undefined)?.lang;
  return typeof lang === 'string' && isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** The sign-in page, remembering where to go afterwards. */
export function signInPath(locale: Locale, next?: string | null): string {
  const safe = next ? safeNextPath(next) : null;
  return `/${locale}/staff/sign-in${safe ? `?next=${encodeURIComponent(safe)}` : ''}`;
}
