/**
 * Checklist #13 (deny by default, function-level authorisation) and #12
 * (CSRF, no state change by GET): the router's own route list against the
 * hand-written matrix in route-matrix.ts, then every route exercised as
 * every kind of visitor with real sessions from the real sign-in. Every
 * 404 refusal of a signed-in visitor must leave exactly one `access.denied`
 * row in the audit log (checklist #23) and write nothing else; every CSRF
 * refusal is audited as `auth.csrf_refused` and writes nothing else.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withScope } from '../../src/platform/db/tenant.ts';
import { appForFile } from '../support/app.ts';
import { createCentre, fakeClock, type Session } from '../support/auth.ts';
import {
  AUDIT_TABLES,
  buildWorld,
  concreteUrl,
  messageProblem,
  routeIds,
  WHO,
  WriteWatcher,
  type RouteIds,
  type Who,
  type World,
} from '../support/security.ts';
import { ROUTE_MATRIX, type MatrixRow, type Outcome } from './route-matrix.ts';

let world: World;
let ids: RouteIds;
let writes: WriteWatcher;

const t = appForFile({}, { clock: fakeClock() });
beforeAll(async () => {
  world = await buildWorld(t.app);
  ids = await routeIds(t.app, world);
  writes = new WriteWatcher(t.app);
}, 120_000);

const key = (method: string, url: string) => `${method} ${url}`;

function accessOf(r: { public: boolean; action: string | null; authFlow: string | null }): string {
  if (r.public) return 'public';
  if (r.authFlow) return `flow:${r.authFlow}`;
  return `action:${r.action}`;
}

function sessionOf(who: Who): Session | null {
  if (who === 'anonymous') return null;
  if (who === 'pending') return world.pending.session;
  if (who === 'restricted') return world.restricted.session;
  return world.staff[who].session;
}

/** The audit log and the flood guard's counters (flood-guard.ts). */
const GUARDED_AUDIT = [...AUDIT_TABLES, 'audit_flood_guard'] as const;

/**
 * GETs that write on purpose: reading the outbox, the audit log and account
 * pages is itself audited (the latter two under the flood guard), with the
 * event each allowed visitor's read must leave.
 */
const GET_WRITES: Record<string, { tables: readonly string[]; event: string }> = {
  '/:lang/staff/outbox': { tables: AUDIT_TABLES, event: 'outbox.read' },
  '/:lang/staff/audit': { tables: GUARDED_AUDIT, event: 'audit.read' },
  '/:lang/staff/users': { tables: GUARDED_AUDIT, event: 'users.viewed' },
  '/:lang/staff/users/:id': { tables: GUARDED_AUDIT, event: 'users.viewed' },
  // Opening a referral (the sessions here signed in moments ago, which counts as re-authentication).
  '/:lang/staff/referrals/:id': { tables: AUDIT_TABLES, event: 'referral.opened_done' },
  // Exports of a statistics publication.
  '/:lang/staff/statistics/publications/:id/tables.csv': { tables: AUDIT_TABLES, event: 'statistics.exported_done' },
  '/:lang/staff/statistics/publications/:id/tables.xlsx': { tables: AUDIT_TABLES, event: 'statistics.exported_done' },
  '/:lang/staff/statistics/publications/:id/report.pdf': { tables: AUDIT_TABLES, event: 'statistics.exported_done' },
  // Exporting the centre's records (re-authenticated by the same recent sign-in).
  '/:lang/staff/cases/files/export': { tables: AUDIT_TABLES, event: 'case_record.exported_done' },
};

/**
 * Public GETs that write on purpose: downloads of the published statistics,
 * audited without an actor under the flood guard (the first download of a
 * window leaves the row, later ones count).
 */
const PUBLIC_GET_WRITES: Record<string, { tables: readonly string[]; event: string }> = {
  '/:lang/statistics/:year/tables.csv': { tables: GUARDED_AUDIT, event: 'statistics.downloaded_done' },
  '/:lang/statistics/:year/tables.xlsx': { tables: GUARDED_AUDIT, event: 'statistics.downloaded_done' },
  '/:lang/statistics/:year/report.pdf': { tables: GUARDED_AUDIT, event: 'statistics.downloaded_done' },
};

/** How many rows of `event` name no actor (a public visitor). */
async function anonymousEventRows(event: string): Promise<number> {
  const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select('seq').where('event', '=', event).where('actor_id', 'is', null).execute(),
  );
  return rows.length;
}

/** How many rows of `event` name this actor. */
async function eventRows(event: string, userId: string): Promise<number> {
  const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select('seq').where('event', '=', event).where('actor_id', '=', userId).execute(),
  );
  return rows.length;
}

function isSignInRedirect(res: LightMyRequestResponse): boolean {
  return res.statusCode === 303 && String(res.headers.location ?? '').startsWith('/de/staff/sign-in');
}

function isPasskeySetupRedirect(res: LightMyRequestResponse): boolean {
  return res.statusCode === 303 && res.headers.location === '/de/staff/passkey-setup';
}

/** The user behind a signed-in visitor column. */
function userIdOf(who: Who): string | null {
  if (who === 'anonymous') return null;
  if (who === 'pending') return world.pending.user.id;
  if (who === 'restricted') return world.restricted.user.id;
  return world.staff[who].user.id;
}

/** How many `access.denied` rows name this actor, method and route pattern. */
async function deniedRows(userId: string, method: string, url: string): Promise<number> {
  const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select('seq')
      .where('event', '=', 'access.denied')
      .where('actor_id', '=', userId)
      .where(sql<string>`details->>'route'`, '=', url)
      .where(sql<string>`details->>'http_method'`, '=', method)
      .execute(),
  );
  return rows.length;
}

/** A refusal must be audited once; anything else must leave no access.denied row. */
async function auditProblem(who: Who, method: string, url: string, expected: Outcome): Promise<string | null> {
  const userId = userIdOf(who);
  if (!userId) return null;
  const n = await deniedRows(userId, method, url);
  const want = expected === 'not-found' ? 1 : 0;
  return n === want ? null : `${who}: ${n} access.denied rows for ${method} ${url}, expected ${want}`;
}

describe('the matrix and the router agree', () => {
  it('every route is in the matrix with its access rule, and every matrix row is a route', () => {
    const table = t.app.routeTable;
    const rows = new Map(ROUTE_MATRIX.map((r) => [key(r.method, r.url), r]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of table) {
      if (r.method === 'HEAD') {
        // Fastify adds HEAD for every GET; it must carry exactly the GET's rule.
        const get = table.find((g) => g.method === 'GET' && g.url === r.url);
        if (!get) problems.push(`HEAD ${r.url} has no GET route: add it to test/security/route-matrix.ts`);
        else if (accessOf(get) !== accessOf(r)) problems.push(`HEAD ${r.url} has another access rule than its GET`);
        continue;
      }
      const k = key(r.method, r.url);
      seen.add(k);
      const row = rows.get(k);
      if (!row) problems.push(`route ${k} (${accessOf(r)}) is missing from test/security/route-matrix.ts`);
      else if (row.access !== accessOf(r))
        problems.push(`route ${k}: the matrix says ${row.access}, the router says ${accessOf(r)}`);
    }
    for (const k of rows.keys()) if (!seen.has(k)) problems.push(`matrix row ${k} names no route the app has`);
    expect(problems).toEqual([]);
  });

  it('no route changes state by GET-like methods: only GET, HEAD and POST exist', () => {
    const methods = new Set(t.app.routeTable.map((r) => r.method));
    expect([...methods].sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('each row agrees with the policy registry (who may, who gets 404)', () => {
    const problems: string[] = [];
    for (const row of ROUTE_MATRIX) {
      const expected: Record<Who, Outcome> = expectedFromAccess(row.access);
      for (const who of WHO) {
        if (row.outcomes[who] !== expected[who])
          problems.push(
            `${row.method} ${row.url} as ${who}: matrix ${row.outcomes[who]}, policy.ts implies ${expected[who]}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

/** What policy.ts (and the route's config) imply, to cross-check the hand-written cells. */
function expectedFromAccess(access: string): Record<Who, Outcome> {
  const all = (o: Outcome) => Object.fromEntries(WHO.map((w) => [w, o])) as Record<Who, Outcome>;
  if (access === 'public') return all('public');
  if (access === 'flow:anonymous') return all('flow');
  if (access === 'flow:pending') return { ...all('redirect-sign-in'), pending: 'ok' };
  if (access === 'flow:passkey_setup')
    return { ...all('home'), anonymous: 'redirect-sign-in', pending: 'redirect-sign-in', restricted: 'ok' };
  const allowed: readonly string[] = t.app.policy.get(access.slice('action:'.length))?.roles ?? [];
  const out = { ...all('redirect-sign-in'), restricted: 'redirect-passkey' as const };
  for (const role of ['admin', 'coordination', 'centre_lead', 'counsellor'] as const)
    out[role] = allowed.includes(role) ? 'ok' : 'not-found';
  return out;
}

describe('the write watcher itself', () => {
  it('notices a write and stays quiet otherwise', async () => {
    await writes.reset();
    await t.app.inject({ method: 'GET', url: '/de/' });
    expect(await writes.changes()).toEqual([]);
    await createCentre(t.app, 'Beobachtete Beratungsstelle');
    expect(await writes.changes()).toEqual(['centre', 'member_organization']);
    expect(await writes.changes()).toEqual([]);
  });
});

describe('every GET route answers each visitor as the matrix says, and writes nothing', () => {
  const gets = ROUTE_MATRIX.filter((r) => r.method === 'GET');
  it.each(gets.map((r) => [r.url, r] as const))('GET %s', async (_url, row) => {
    const url = concreteUrl(row.url, world, ids);
    const problems: string[] = [];
    const statuses = new Map<Who, number>();
    await writes.reset();
    for (const who of WHO) {
      const s = sessionOf(who);
      const res = await t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
      statuses.set(who, res.statusCode);
      const audited = GET_WRITES[row.url];
      const allowed =
        row.outcomes[who] === 'ok'
          ? (audited?.tables ?? [])
          : row.outcomes[who] === 'not-found'
            ? AUDIT_TABLES
            : row.outcomes[who] === 'public'
              ? (PUBLIC_GET_WRITES[row.url]?.tables ?? [])
              : [];
      const written = await writes.changes(allowed);
      if (written.length) problems.push(`${who}: GET wrote to ${written.join(', ')}`);
      const reader = userIdOf(who);
      if (audited && row.outcomes[who] === 'ok' && reader && (await eventRows(audited.event, reader)) === 0)
        problems.push(`${who}: the read left no ${audited.event} row`);
      const p = outcomeProblem(row.outcomes[who], res);
      if (p) problems.push(`${who}: ${p}`);
      const a = await auditProblem(who, 'GET', row.url, row.outcomes[who]);
      if (a) problems.push(a);
      // Not signed in, a JSON client gets 401 instead of the sign-in page.
      if (row.outcomes[who] === 'redirect-sign-in' && !s) {
        const json = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
        if (json.statusCode !== 401) problems.push(`${who} (JSON): expected 401, got ${json.statusCode}`);
      }
    }
    const publicWrite = PUBLIC_GET_WRITES[row.url];
    if (publicWrite && (await anonymousEventRows(publicWrite.event)) === 0)
      problems.push(`the public download left no ${publicWrite.event} row`);
    if (row.outcomes.anonymous === 'public' && new Set(statuses.values()).size !== 1) {
      problems.push(
        `a public route answers differently depending on the visitor: ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    }
    expect(problems).toEqual([]);
  });
});

function outcomeProblem(expected: Outcome, res: LightMyRequestResponse): string | null {
  const got = `${res.statusCode}${res.headers.location ? ` → ${String(res.headers.location)}` : ''}`;
  switch (expected) {
    case 'public':
      if (res.statusCode >= 200 && res.statusCode < 400 && !res.headers['set-cookie']) return null;
      return `expected a public answer without cookies, got ${got}`;
    case 'flow':
      if (res.statusCode < 500 && res.statusCode !== 404 && !isSignInRedirect(res)) return null;
      return `expected the flow page, got ${got}`;
    case 'ok':
      if (res.statusCode >= 200 && res.statusCode < 300) return null;
      if (
        res.statusCode === 303 &&
        !isSignInRedirect(res) &&
        !isPasskeySetupRedirect(res) &&
        String(res.headers.location ?? '').startsWith('/de/staff')
      )
        return null;
      return `expected access, got ${got}`;
    case 'not-found':
      return res.statusCode === 404 ? null : `expected 404, got ${got}`;
    case 'redirect-sign-in':
      return isSignInRedirect(res) || res.statusCode === 401 ? null : `expected the sign-in redirect, got ${got}`;
    case 'redirect-passkey':
      return isPasskeySetupRedirect(res) ? null : `expected the redirect to the passkey set-up, got ${got}`;
    case 'home':
      return res.statusCode === 303 && res.headers.location === '/de/staff'
        ? null
        : `expected the redirect to the start page, got ${got}`;
  }
}

/** A request the route must refuse before doing anything: a field no form has. */
function probe(
  row: MatrixRow,
  url: string,
  s: Session | null,
  extraHeaders: Record<string, string> = {},
  csrf: string | null = s?.csrf ?? null,
) {
  const cookie = s ? { cookie: s.cookie } : {};
  if (row.body === 'json') {
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...cookie,
        ...extraHeaders,
      },
      payload: JSON.stringify({ __probe: 1 }),
    });
  }
  const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), __probe: '1' });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...cookie, ...extraHeaders },
    payload: body.toString(),
  });
}

describe('every POST route refuses whoever may not use it, and writes nothing', () => {
  const posts = ROUTE_MATRIX.filter((r) => r.method === 'POST');
  it.each(posts.map((r) => [r.url, r] as const))('POST %s', async (_url, row) => {
    const url = concreteUrl(row.url, world, ids);
    const problems: string[] = [];
    await writes.reset();
    for (const who of WHO) {
      const s = sessionOf(who);
      const res = await probe(row, url, s);
      const expected = row.outcomes[who];
      // A refusal writes its access.denied row (checked below) and nothing else.
      const written = await writes.changes(expected === 'not-found' ? AUDIT_TABLES : []);
      if (written.length) problems.push(`${who}: refused POST still wrote to ${written.join(', ')}`);
      const a = await auditProblem(who, 'POST', row.url, expected);
      if (a) problems.push(a);
      const got = `${res.statusCode}${res.headers.location ? ` → ${String(res.headers.location)}` : ''}`;
      if (expected === 'ok' || expected === 'flow' || expected === 'public') {
        // Past the access check the strict schema refuses the unknown field.
        if (res.statusCode !== 400)
          problems.push(`${who}: expected the route to be reachable (400 for an unknown field), got ${got}`);
        else if (messageProblem(res)) problems.push(`${who}: ${messageProblem(res)}`);
      } else if (expected === 'not-found') {
        if (res.statusCode !== 404) problems.push(`${who}: expected 404, got ${got}`);
      } else if (expected === 'redirect-sign-in') {
        const ok = row.body === 'json' ? res.statusCode === 401 : isSignInRedirect(res);
        if (!ok) problems.push(`${who}: expected ${row.body === 'json' ? '401' : 'the sign-in redirect'}, got ${got}`);
      } else if (expected === 'redirect-passkey') {
        const ok =
          row.body === 'json'
            ? res.statusCode === 403 && res.json<{ error?: string }>().error === 'passkey_required'
            : isPasskeySetupRedirect(res);
        if (!ok)
          problems.push(
            `${who}: expected ${row.body === 'json' ? '403 passkey_required' : 'the passkey set-up redirect'}, got ${got}`,
          );
      } else if (expected === 'home') {
        const ok =
          row.body === 'json' ? res.statusCode === 409 : res.statusCode === 303 && res.headers.location === '/de/staff';
        if (!ok) problems.push(`${who}: expected ${row.body === 'json' ? '409' : 'the start page'}, got ${got}`);
      } else {
        problems.push(`${who}: unexpected outcome ${String(expected)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('CSRF (checklist #12): every state-changing route needs the token and a same-site origin', () => {
  const posts = ROUTE_MATRIX.filter((r) => r.method === 'POST');
  it.each(posts.map((r) => [r.url, r] as const))('POST %s', async (_url, row) => {
    const url = concreteUrl(row.url, world, ids);
    const who = WHO.find((w) => ['ok', 'flow', 'public'].includes(row.outcomes[w]))!;
    const s = row.outcomes[who] === 'ok' ? sessionOf(who) : null;
    const origin = t.config.publicOrigin;
    const cases: [string, Record<string, string>, string | null, number][] = [
      ['from another site (Origin)', { origin: 'https://evil.example' }, s?.csrf ?? null, 403],
      ['from another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }, s?.csrf ?? null, 403],
      ['from a sibling site (Sec-Fetch-Site)', { 'sec-fetch-site': 'same-site' }, s?.csrf ?? null, 403],
      ['from our own pages', { origin, 'sec-fetch-site': 'same-origin' }, s?.csrf ?? null, 400],
    ];
    if (s) {
      cases.push(['without the token', {}, null, 403]);
      cases.push(['with another session’s token', {}, otherToken(s), 403]);
    }
    const problems: string[] = [];
    await writes.reset();
    for (const [label, headers, csrf, status] of cases) {
      const before = s ? await csrfRows(userIdOf(who)!, row.url) : 0;
      const res = await probe(row, url, s, headers, csrf);
      // A refusal is audited (auth.csrf_refused, flood-guarded) and writes nothing else.
      const written = await writes.changes(status === 403 ? GUARDED_AUDIT : []);
      if (res.statusCode !== status) problems.push(`${label} (as ${who}): expected ${status}, got ${res.statusCode}`);
      if (written.length) problems.push(`${label}: wrote to ${written.join(', ')}`);
      if (res.statusCode === 403 && messageProblem(res)) problems.push(`${label}: ${messageProblem(res)}`);
      // With a session the row names its owner and this route; the first refusal of each reason is written.
      if (s && status === 403 && before === 0 && (await csrfRows(userIdOf(who)!, row.url)) === 0)
        problems.push(`${label}: no auth.csrf_refused row for ${row.url}`);
    }
    expect(problems).toEqual([]);
  });
});

/** `auth.csrf_refused` rows of this actor for this route pattern. */
async function csrfRows(userId: string, url: string): Promise<number> {
  const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select('seq')
      .where('event', '=', 'auth.csrf_refused')
      .where('actor_id', '=', userId)
      .where(sql<string>`details->>'route'`, '=', url)
      .execute(),
  );
  return rows.length;
}

function otherToken(s: Session): string {
  const others = [
    world.pending.session,
    world.restricted.session,
    ...Object.values(world.staff).map((a) => a.session),
  ].filter((o) => o.csrf !== s.csrf);
  return others[0]!.csrf;
}
