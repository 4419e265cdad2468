/**
 * "Back to the results": a result link carries the list it came from as
 * `?from=<encoded path>`, and the centre page links back there. The value
 * arrives from the address bar, so it is never echoed: it is parsed, and the
 * link is rebuilt from scratch — the finder's own search path in the page's
 * language with the allow-listed, validated search parameters, or a state
 * page by a known slug. Anything else (another host, `//host`, `/\host`, a
 * scheme, control characters, an unknown path, invalid search values)
 * gives null, and the page links to the home page instead.
 */
import type { Locale } from '../../platform/i18n/index.ts';
import { stateBySlug } from '../geo/states.ts';
import { finderQuerySchema, toSearchParams } from './schema.ts';

const MAX_FROM = 1000;
/** An origin no real request has, to parse a relative path against and see whether it stays there. */
const PROBE = 'https://finder.invalid';

/** The path of a centre page, remembering `from` (a list's own path) for the way back. */
export function centreHref(locale: Locale, serviceId: string, from?: string): string {
  const base = `/${locale}/centres/${serviceId}`;
  return from ? `${base}?from=${encodeURIComponent(from)}` : base;
}

/** The path of a results page for the way back, or null when `raw` is not one of the finder's lists. */
export function backToResults(raw: unknown, locale: Locale): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_FROM) return null;
  // Only a path on this site: one leading slash, no backslash (browsers read '\' as '/'), no controls or spaces.
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\s\p{Cc}]/u.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, PROBE);
  } catch {
    return null;
  }
  if (url.origin !== PROBE || url.username || url.password) return null;
  const path = /^\/[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/(search|states\/([a-z-]{1,60}))$/.exec(url.pathname);
  if (!path) return null;
  if (path[1] !== 'search') {
    const state = stateBySlug(path[2]!);
    return state ? `/${locale}/states/${state.slug}` : null;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const parsed = finderQuerySchema.safeParse(query);
  if (!parsed.success) return null;
  const params = toSearchParams(parsed.data);
  return `/${locale}/search${params ? `?${params}` : ''}`;
}
