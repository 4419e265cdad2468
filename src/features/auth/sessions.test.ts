/**
 * Session lifetime (checklist #8, #9, #10): sign-out and disabling end
 * sessions at once, idle and absolute timeouts with a fake clock, the
 * user's own session list, and re-authentication for sensitive actions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, FEATURES, type App } from '../../app.ts';
import { requireRecentAuth } from '../../platform/auth/reauth.ts';
import { ACCOUNT_MANAGE } from '../../platform/auth/policy.ts';
import type { Feature } from '../../platform/feature.ts';
import { USERS_MANAGE } from '../user-admin/actions.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../platform/auth/session.ts';
import { loadConfig } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { hashToken } from '../../platform/security/tokens.ts';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { createUser, fakeClock, nextTotpCode, postAs, postForm, signIn } from '../../../test/support/auth.ts';
import type { Session } from '../../../test/support/auth.ts';
import { testDatabase } from '../../../test/support/db.ts';

const clock = fakeClock();
let app: App;
let database: Database;

/** The test feature's message files, in a folder of their own. */
function testMessages(): URL {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-test-'));
  for (const [locale, label] of [
    ['de', 'Nur Verwaltung'],
    ['en', 'Admins only'],
  ] as const) {
    fs.mkdirSync(path.join(dir, locale));
    fs.writeFileSync(path.join(dir, locale, 'sessionsTest.json'), JSON.stringify({ adminOnly: label }));
  }
  return pathToFileURL(`${dir}/`);
}

beforeAll(async () => {
  database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...TEST_KEYS });
  // A feature of the test's own: a sensitive action, as other features will
  // have (exports, factor changes), and a page with a staff link only
  // administrators may follow.
  const testFeature: Feature = {
    name: 'test',
    routes: async (a: FastifyInstance) => {
      a.get('/:lang/staff/test-sensitive', { config: { action: ACCOUNT_MANAGE } }, async (req, reply) => {
        if (!requireRecentAuth(req, reply)) return reply;
        return 'sensitive ok';
      });
      a.get('/:lang/staff/test-admin-only', { config: { action: USERS_MANAGE } }, async () => 'admin ok');
    },
    messages: [{ name: 'sessionsTest', audience: 'staff', dir: testMessages() }],
    staffLinks: [{ action: USERS_MANAGE, path: '/staff/test-admin-only', label: 'sessionsTest:adminOnly', order: 99 }],
  };
  app = await buildApp({ config, database, clock, features: [...FEATURES, testFeature] });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, s: Session) => app.inject({ url, headers: { cookie: s.cookie } });

async function sessionRow(s: Session) {
  const token = s.cookie.split('=')[1]!;
  return withScope(database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('user_session').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst(),
  );
}

async function events(userId: string) {
  const rows = await withScope(database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select('event').where('actor_id', '=', userId).execute(),
  );
  return rows.map((r) => r.event);
}

describe('ending sessions', () => {
  it('sign-out deletes the session at once and clears the cookie', async () => {
    const user = await createUser(app, { role: 'counsellor' });
    const s = await signIn(app, user);
    const out = await postAs(app, s, '/de/staff/sign-out');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/de/staff/sign-in?signed_out=1');
    expect(String(out.headers['set-cookie'])).toMatch(/^__Host-sn_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await sessionRow(s)).toBeUndefined();
    expect((await get('/de/staff', s)).statusCode).toBe(303);
    const json = await app.inject({ url: '/de/staff', headers: { cookie: s.cookie, accept: 'application/json' } });
    expect(json.statusCode).toBe(401);
    expect(await events(user.id)).toContain('auth.sign_out');
    const page = await app.inject({ url: out.headers.location as string });
    expect(page.body).toContain('Sie sind abgemeldet');
  });

  it('disabling a user ends every session of theirs at the next request', async () => {
    const user = await createUser(app, { role: 'centre_lead' });
    const a = await signIn(app, user);
    clock.advance(31_000);
    const b = await signIn(app, user);
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', user.id).execute(),
    );
    expect((await get('/de/staff', a)).statusCode).toBe(303);
    expect((await get('/de/staff', b)).statusCode).toBe(303);
    expect(await sessionRow(a)).toBeUndefined();
  });

  it('lists the user’s own sessions and ends one or all others', async () => {
    const user = await createUser(app, { role: 'admin' });
    const other = await createUser(app, { role: 'admin' });
    const mine1 = await signIn(app, user);
    clock.advance(31_000);
    const mine2 = await signIn(app, user);
    clock.advance(31_000);
    const mine3 = await signIn(app, user);
    const theirs = await signIn(app, other);

    const page = await get('/en/staff/sessions', mine3);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('this session');
    const ids = [...page.body.matchAll(/name="session" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2); // the two others; never the current one, never another user's
    expect(page.body).not.toContain(mine1.cookie.split('=')[1]!);

    const one = await postAs(app, mine3, '/en/staff/sessions/end', { session: ids[0]! });
    expect(one.headers.location).toBe('/en/staff/sessions?ended=1');
    const alive = [await get('/de/staff', mine1), await get('/de/staff', mine2)].filter((r) => r.statusCode === 200);
    expect(alive).toHaveLength(1);

    const others = await postAs(app, mine3, '/en/staff/sessions/end-others');
    expect(others.headers.location).toBe('/en/staff/sessions?ended=1');
    expect((await get('/de/staff', mine1)).statusCode).toBe(303);
    expect((await get('/de/staff', mine2)).statusCode).toBe(303);
    expect((await get('/de/staff', mine3)).statusCode).toBe(200);
    expect((await get('/de/staff', theirs)).statusCode).toBe(200);
    expect((await events(user.id)).filter((e) => e === 'auth.session_ended')).toHaveLength(2);

    const bad = await postAs(app, mine3, '/en/staff/sessions/end', { session: 'not-an-id' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('timeouts (fake clock)', () => {
  it('ends a session after 30 minutes without a request', async () => {
    const user = await createUser(app, { role: 'coordination' });
    const s = await signIn(app, user);
    clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await get('/de/staff', s)).statusCode).toBe(200);
    clock.advance(IDLE_TIMEOUT_MS - 60_000); // activity above moved the idle window on
    expect((await get('/de/staff', s)).statusCode).toBe(200);
    clock.advance(IDLE_TIMEOUT_MS);
    const res = await get('/de/staff', s);
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-sn_session=;/);
    expect(await sessionRow(s)).toBeUndefined();
  });

  it('ends even an active session after 8 hours', async () => {
    const user = await createUser(app, { role: 'coordination' });
    const s = await signIn(app, user);
    const step = 20 * 60_000;
    for (let elapsed = step; elapsed < ABSOLUTE_TIMEOUT_MS; elapsed += step) {
      clock.advance(step);
      expect((await get('/de/staff', s)).statusCode, `after ${elapsed / 60_000} min`).toBe(200);
    }
    clock.advance(ABSOLUTE_TIMEOUT_MS - Math.floor((ABSOLUTE_TIMEOUT_MS - 1) / step) * step);
    expect((await get('/de/staff', s)).statusCode).toBe(303);
  });

  it('purges the account’s own abandoned sessions at its next sign-in (everyone’s: the scheduled job)', async () => {
    const user = await createUser(app, { role: 'counsellor' });
    const a = await signIn(app, user);
    const other = await signIn(app, await createUser(app, { role: 'counsellor' }));
    clock.advance(IDLE_TIMEOUT_MS);
    await signIn(app, user);
    expect(await sessionRow(a)).toBeUndefined();
    // The sign-in runs bound to its own account: another account's session is not even visible to it.
    expect(await sessionRow(other)).toBeDefined();
  });

  it('writes last_seen_at at most once a minute', async () => {
    const user = await createUser(app, { role: 'admin' });
    const s = await signIn(app, user);
    const before = (await sessionRow(s))!.last_seen_at;
    clock.advance(30_000);
    await get('/de/staff', s);
    expect((await sessionRow(s))!.last_seen_at).toEqual(before);
    clock.advance(31_000);
    await get('/de/staff', s);
    expect((await sessionRow(s))!.last_seen_at).toEqual(clock.now());
  });
});

describe('re-authentication (checklist #10)', () => {
  it('lets a fresh sign-in through, then asks again after 10 minutes and returns afterwards', async () => {
    const user = await createUser(app, { role: 'counsellor' });
    const s = await signIn(app, user);
    expect((await get('/de/staff/test-sensitive', s)).body).toBe('sensitive ok');

    clock.advance(11 * 60_000);
    const refused = await get('/de/staff/test-sensitive', s);
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Ftest-sensitive');
    const page = await get(refused.headers.location as string, s);
    expect(page.statusCode).toBe(200);

    const wrong = await postAs(app, s, '/de/staff/reauth', {
      password: 'falsches passwort',
      method: 'totp',
      code: '000000',
      next: '/de/staff/test-sensitive',
    });
    expect(wrong.statusCode).toBe(401);
    expect((await get('/de/staff/test-sensitive', s)).statusCode).toBe(303);

    const ok = await postAs(app, s, '/de/staff/reauth', {
      password: user.password,
      method: 'totp',
      code: await nextTotpCode(app, user),
      next: '/de/staff/test-sensitive',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/de/staff/test-sensitive');
    expect((await get('/de/staff/test-sensitive', s)).body).toBe('sensitive ok');
  });

  it('refuses the reauth form without the CSRF token', async () => {
    const user = await createUser(app, { role: 'counsellor' });
    const s = await signIn(app, user);
    const res = await postForm(
      app,
      '/de/staff/reauth',
      { password: user.password, method: 'totp', code: '000000' },
      { cookie: s.cookie },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('authorisation', () => {
  it('answers a signed-in user without the right with 404, not 403', async () => {
    const counsellor = await signIn(app, await createUser(app, { role: 'counsellor' }));
    const admin = await signIn(app, await createUser(app, { role: 'admin' }));
    const refused = await get('/de/staff/test-admin-only', counsellor);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('admin ok');
    expect((await get('/de/staff/test-admin-only', admin)).body).toBe('admin ok');
  });

  it('shows on the start page only the links the user may follow', async () => {
    const counsellor = await signIn(app, await createUser(app, { role: 'counsellor' }));
    const admin = await signIn(app, await createUser(app, { role: 'admin' }));
    const c = await get('/en/staff', counsellor);
    const a = await get('/en/staff', admin);
    expect(c.body).toContain('/en/staff/sessions');
    expect(c.body).not.toContain('/en/staff/test-admin-only');
    expect(a.body).toContain('href="/en/staff/test-admin-only"');
    expect(a.headers['cache-control']).toBe('no-store');
  });
});
