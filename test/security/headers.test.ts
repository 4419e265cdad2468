/**
 * Checklist #20 (HSTS, CSP, frame-ancestors, nosniff, Referrer-Policy,
 * no-store on private pages) and #11 (the session cookie): the security
 * headers of every GET route — taken from the router, so a new route is
 * checked without anyone remembering to — compared with the explicit table
 * below, as a visitor who may open it. Error answers and redirects carry the
 * same headers.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../support/app.ts';
import { createUser, csrfFrom, fakeClock, nextTotpCode, postAs, postForm } from '../support/auth.ts';
import {
  buildWorld,
  concreteUrl,
  directSession,
  routeIds,
  WHO,
  type RouteIds,
  type Who,
  type World,
} from '../support/security.ts';
import { ROUTE_MATRIX } from './route-matrix.ts';

let world: World;
let ids: RouteIds;

const t = appForFile({}, { clock: fakeClock() });
beforeAll(async () => {
  world = await buildWorld(t.app);
  ids = await routeIds(t.app, world);
}, 120_000);

/** The expected values, written out: a change here is a deliberate security decision. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const EVERY_ANSWER = {
  'content-security-policy': CSP,
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()',
} as const;

type Profile = 'page' | 'open-data' | 'asset' | 'media';

const PROFILES: Record<Profile, Record<string, string | undefined>> = {
  // Pages (public and staff): nothing may be kept by any cache.
  page: {
    ...EVERY_ANSWER,
    'cache-control': 'no-store',
    'access-control-allow-origin': undefined,
    'set-cookie': undefined,
  },
  // The open-data API: readable from any origin (public, cookie-free), never cached (searches reveal places).
  'open-data': {
    ...EVERY_ANSWER,
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    'set-cookie': undefined,
  },
  // Fingerprinted static files: the only thing a cache may keep.
  asset: {
    ...EVERY_ANSWER,
    'cache-control': 'public, max-age=31536000, immutable',
    'access-control-allow-origin': undefined,
    'set-cookie': undefined,
  },
  // Uploaded images (funders' logos), addressed by their content's hash: cacheable like
  // assets, and their policy forbids everything (an image needs nothing; a smuggled
  // document could run nothing).
  media: {
    ...EVERY_ANSWER,
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'public, max-age=31536000, immutable',
    'access-control-allow-origin': undefined,
    'set-cookie': undefined,
  },
};

function profileOf(url: string): Profile {
  if (url.startsWith('/api/hsds')) return 'open-data';
  if (url.startsWith('/assets/')) return 'asset';
  if (url.startsWith('/media/')) return 'media';
  return 'page';
}

const WATCHED = Object.keys(PROFILES.page);

function securityHeaders(res: LightMyRequestResponse): Record<string, string | undefined> {
  return Object.fromEntries(WATCHED.map((h) => [h, res.headers[h] === undefined ? undefined : String(res.headers[h])]));
}

function visitorFor(url: string): Who {
  const row = ROUTE_MATRIX.find((r) => r.method === 'GET' && r.url === url);
  if (!row) throw new Error(`GET ${url} is not in the route matrix`);
  return WHO.find((w) => ['ok', 'public', 'flow'].includes(row.outcomes[w]))!;
}

function cookieOf(who: Who): Record<string, string> {
  if (who === 'anonymous') return {};
  if (who === 'pending') return { cookie: world.pending.session.cookie };
  if (who === 'restricted') return { cookie: world.restricted.session.cookie };
  return { cookie: world.staff[who].session.cookie };
}

describe('security headers of every GET route', () => {
  it('the policy itself is strict: no inline code, no other origin, no framing, HSTS for a year', () => {
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(CSP).toContain("frame-ancestors 'none'");
    const maxAge = Number(/max-age=(\d+)/.exec(EVERY_ANSWER['strict-transport-security'])?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
  });

  it('every GET route answers its visitor with the expected headers', async () => {
    const urls = [...new Set(t.app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url))].sort();
    expect(urls.length).toBeGreaterThan(30);
    const table: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const pattern of urls) {
      const who = visitorFor(pattern);
      const res = await t.app.inject({ method: 'GET', url: concreteUrl(pattern, world, ids), headers: cookieOf(who) });
      table[`${pattern} as ${who} (${res.statusCode})`] = securityHeaders(res);
      expected[`${pattern} as ${who} (${res.statusCode})`] = PROFILES[profileOf(pattern)];
    }
    expect(table).toEqual(expected);
  });

  it('private pages are never cacheable, whoever asks and whatever the answer', async () => {
    const staff = ROUTE_MATRIX.filter((r) => r.method === 'GET' && r.url.includes('/staff'));
    const seen: Record<string, string> = {};
    for (const row of staff) {
      for (const who of WHO) {
        const res = await t.app.inject({
          method: 'GET',
          url: concreteUrl(row.url, world, ids),
          headers: cookieOf(who),
        });
        seen[`${row.url} as ${who} (${res.statusCode})`] = String(res.headers['cache-control']);
      }
    }
    expect(Object.entries(seen).filter(([, v]) => v !== 'no-store')).toEqual([]);
  });

  it('error answers and redirects carry the same headers', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/de/gibt-es-nicht', {}],
      ['/de/search?state=XX', {}],
      ['/de/centres/00000000-0000-4000-8000-000000000000', {}],
      ['/de/staff/users', cookieOf('counsellor')],
      ['/de/staff/audit', {}],
      ['/', {}],
    ];
    for (const [url, headers] of cases) {
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect({ url, headers: securityHeaders(res) }).toEqual({ url, headers: PROFILES.page });
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/hsds/services/not-a-uuid' });
    expect(api.statusCode).toBe(400);
    expect(securityHeaders(api)).toEqual(PROFILES['open-data']);
  });

  it('public pages never set a cookie, even when the request brings a session cookie', async () => {
    const pub = ROUTE_MATRIX.filter((r) => r.method === 'GET' && r.outcomes.anonymous === 'public');
    for (const row of pub) {
      const res = await t.app.inject({
        method: 'GET',
        url: concreteUrl(row.url, world, ids),
        headers: cookieOf('admin'),
      });
      expect({ url: row.url, setCookie: res.headers['set-cookie'] }).toEqual({ url: row.url, setCookie: undefined });
    }
  });
});

type CookieAttrs = { name: string; value: string; attrs: Record<string, string | true> };

function parseSetCookie(line: string): CookieAttrs {
  const [pair, ...rest] = line.split(';').map((s) => s.trim());
  const eq = pair!.indexOf('=');
  const attrs: Record<string, string | true> = {};
  for (const a of rest) {
    const i = a.indexOf('=');
    attrs[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attrs };
}

function setCookies(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
}

describe('the staff session cookie (checklist #11)', () => {
  it('sign-in sets exactly one __Host- cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, no lifetime; the second factor replaces it', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const first = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: user.password });
    expect(first.statusCode).toBe(303);
    expect(first.headers['cache-control']).toBe('no-store');
    const lines = setCookies(first);
    expect(lines).toHaveLength(1);
    const c = parseSetCookie(lines[0]!);
    expect(c.name).toBe('__Host-sn_session');
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.attrs).toEqual({ path: '/', secure: true, httponly: true, samesite: 'Lax' });

    const cookie = `${c.name}=${c.value}`;
    const page = await t.app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie } });
    expect(setCookies(page)).toEqual([]);
    const second = await postForm(
      t.app,
      '/de/staff/second-factor',
      { _csrf: csrfFrom(page.body), method: 'totp', code: await nextTotpCode(t.app, user) },
      { cookie },
    );
    expect(second.statusCode).toBe(303);
    const renewed = setCookies(second).map(parseSetCookie);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]!.name).toBe('__Host-sn_session');
    expect(renewed[0]!.value).not.toBe(c.value);
    expect(renewed[0]!.attrs).toEqual({ path: '/', secure: true, httponly: true, samesite: 'Lax' });
  });

  it('signed-in pages do not set cookies; sign-out clears the cookie', async () => {
    const lead = world.staff.centre_lead.session;
    const home = await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: lead.cookie } });
    expect(home.statusCode).toBe(200);
    expect(setCookies(home)).toEqual([]);
    // Sign out a separate session of the same person so the world stays intact.
    const extra = await directSession(t.app, world.staff.centre_lead.user);
    const out = await postAs(t.app, extra, '/de/staff/sign-out');
    expect(out.statusCode).toBe(303);
    const cleared = setCookies(out).map(parseSetCookie);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.name).toBe('__Host-sn_session');
    expect(cleared[0]!.value).toBe('');
    expect(cleared[0]!.attrs.secure).toBe(true);
    expect(cleared[0]!.attrs.path).toBe('/');
  });
});
