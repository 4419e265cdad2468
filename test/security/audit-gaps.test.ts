/**
 * Events that used to leave no trace (security.md section 10): attempts
 * while locked out, successful re-authentication, address-change requests,
 * CSRF and origin refusals, reads of the audit log and of account pages.
 * Each must land in the right chain with the right fields and no personal
 * data (no address, client address, token or foreign origin), and a script
 * repeating one must leave a bounded number of rows (the flood guard: the
 * first of a window, then only the 10th, 100th … with the count so far).
 * Runs on both databases.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../support/app.ts';
import {
  createCentre,
  createUser,
  fakeClock,
  form,
  nextTotpCode,
  postAs,
  sessionCookieFrom,
  csrfFrom,
  signIn,
  type Session,
  type TestUser,
} from '../support/auth.ts';
import { recoveryCodesIn } from '../../src/features/account/test-support.ts';
import { verifyAuditLog } from '../../src/platform/audit/verify.ts';
import { ACCOUNT_LIMIT, IP_LIMIT } from '../../src/platform/auth/throttle.ts';
import { withScope } from '../../src/platform/db/tenant.ts';

const clock = fakeClock();
const t = appForFile({}, { clock });
// Past the last test's flood-guard windows (a minute), well within the sessions' idle timeout.
let since: Date;
beforeEach(() => {
  clock.advance(2 * 60_000);
  since = clock.now();
});

let n = 0;
const freshIp = () => `198.51.100.${++n}`;
const FOREIGN = 'https://evil.example';

type Row = {
  chain: string;
  centre_id: string | null;
  actor_id: string | null;
  object_type: string | null;
  object_id: string | null;
  details: Record<string, unknown>;
};

async function rows(event: string, where: { actor?: string; object?: string; chain?: string } = {}): Promise<Row[]> {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) => {
    let q = trx
      .selectFrom('audit_log')
      .select(['chain', 'centre_id', 'actor_id', 'object_type', 'object_id', 'details'])
      .where('event', '=', event)
      .where('at', '>=', since);
    if (where.actor) q = q.where('actor_id', '=', where.actor);
    if (where.object) q = q.where('object_id', '=', where.object);
    if (where.chain) q = q.where('chain', '=', where.chain);
    return q.orderBy('seq').execute() as Promise<Row[]>;
  });
}

/** No address, client address, token, foreign origin or password anywhere in the rows. */
function expectNoPersonalData(found: Row[], secrets: readonly string[] = []) {
  const text = JSON.stringify(found);
  expect(text).not.toContain('@');
  expect(text).not.toMatch(/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/);
  expect(text).not.toContain('evil');
  for (const s of secrets) expect(text).not.toContain(s);
}

const occurrences = (found: Row[]) => found.map((r) => r.details['occurrences']);

function signInAttempt(email: string, password: string, remoteAddress: string) {
  return t.app.inject({ method: 'POST', url: '/de/staff/sign-in', remoteAddress, ...form({ email, password }) });
}

describe('attempts while locked out', () => {
  it('one row when the first attempt meets the lock, then only at the 10th and 100th: 120 attempts, 3 rows', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++) await signInAttempt(user.email, `falsch ${i}`, ip);
    expect(await rows('auth.sign_in_blocked', { object: user.id })).toEqual([]);
    for (let i = 0; i < 120; i++) {
      // Even the right password: nothing is verified while locked.
      const res = await signInAttempt(user.email, i % 2 ? user.password : 'geraten', i < 60 ? ip : freshIp());
      expect(res.statusCode).toBe(429);
    }
    const found = await rows('auth.sign_in_blocked', { object: user.id });
    expect(found).toHaveLength(3);
    expect(occurrences(found)).toEqual([1, 10, 100]);
    for (const r of found) {
      expect(r).toMatchObject({
        chain: user.centreId,
        centre_id: user.centreId,
        actor_id: null,
        object_type: 'app_user',
      });
      expect(r.details).toMatchObject({ step: 'password', limit: 'account' });
    }
    expectNoPersonalData(found, [user.password]);

    // The next lock is a window of its own.
    clock.advance(ACCOUNT_LIMIT.lockMs);
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++) await signInAttempt(user.email, `wieder falsch ${i}`, freshIp());
    expect((await signInAttempt(user.email, user.password, freshIp())).statusCode).toBe(429);
    expect(occurrences(await rows('auth.sign_in_blocked', { object: user.id }))).toEqual([1, 10, 100, 1]);
  });

  it('an address locked for guessing: rows in the network chain, without the addresses tried', async () => {
    const ip = freshIp();
    for (let i = 0; i < IP_LIMIT.max; i++) await signInAttempt(`geraten-${i}@example.org`, 'passwort', ip);
    const before = (await rows('auth.sign_in_blocked', { chain: 'network' })).length;
    for (let i = 0; i < 15; i++)
      expect((await signInAttempt(`weiter-${i}@example.org`, 'passwort', ip)).statusCode).toBe(429);
    const found = (await rows('auth.sign_in_blocked', { chain: 'network' })).slice(before);
    expect(found).toHaveLength(2);
    expect(occurrences(found)).toEqual([1, 10]);
    for (const r of found) {
      expect(r).toMatchObject({ centre_id: null, actor_id: null, object_id: null });
      expect(r.details).toMatchObject({ step: 'password', limit: 'address' });
    }
    expectNoPersonalData(found, [ip]);
  });

  it('at the second-factor step and at re-authentication too', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const ip = freshIp();
    const first = await signInAttempt(user.email, user.password, ip);
    const cookie = sessionCookieFrom(first);
    const csrf = csrfFrom((await t.app.inject({ url: '/de/staff/second-factor', headers: { cookie } })).body);
    const code = (c: string) =>
      t.app.inject({
        method: 'POST',
        url: '/de/staff/second-factor',
        remoteAddress: ip,
        ...form({ _csrf: csrf, method: 'totp', code: c }, { cookie }),
      });
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++) await code('000000');
    expect((await code(await nextTotpCode(t.app, user))).statusCode).toBe(429);
    const factor = await rows('auth.sign_in_blocked', { object: user.id });
    expect(factor).toHaveLength(1);
    expect(factor[0]!.details).toMatchObject({ step: 'second_factor', limit: 'account', occurrences: 1 });

    clock.advance(ACCOUNT_LIMIT.lockMs);
    const other = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, other);
    const reauth = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/de/staff/reauth',
        remoteAddress: ip,
        ...form({ _csrf: s.csrf, password, method: 'totp', code: '000000' }, { cookie: s.cookie }),
      });
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++) await reauth('falsch');
    expect((await reauth(other.password)).statusCode).toBe(429);
    const again = await rows('auth.sign_in_blocked', { object: other.id });
    expect(again).toHaveLength(1);
    expect(again[0]!.details).toMatchObject({ step: 'reauth', limit: 'account', occurrences: 1 });
    expectNoPersonalData([...factor, ...again], [ip, s.csrf]);
  });
});

describe('successful re-authentication', () => {
  it('is recorded in the person’s chain with the factor used; ten in a minute leave two rows', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const page = await postAs(t.app, s, '/de/staff/account/recovery-codes');
    const codes = recoveryCodesIn(page.body);
    expect(codes).toHaveLength(10);
    const ok = await postAs(t.app, s, '/de/staff/reauth', {
      password: user.password,
      method: 'totp',
      code: await nextTotpCode(t.app, user),
    });
    expect(ok.statusCode).toBe(303);
    const first = await rows('auth.reauthenticated', { actor: user.id });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      chain: user.centreId,
      actor_id: user.id,
      object_type: 'app_user',
      object_id: user.id,
      details: { method: 'totp', occurrences: 1 },
    });
    for (const code of codes.slice(0, 9))
      expect(
        (await postAs(t.app, s, '/de/staff/reauth', { password: user.password, method: 'recovery', code })).statusCode,
      ).toBe(303);
    const all = await rows('auth.reauthenticated', { actor: user.id });
    expect(occurrences(all)).toEqual([1, 10]);
    expect(all[1]!.details).toMatchObject({ method: 'recovery_code' });
    expectNoPersonalData(all, [user.password, s.csrf, ...codes]);
  });

  it('a failed one is not recorded as a re-authentication', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const res = await postAs(t.app, s, '/de/staff/reauth', { password: 'falsch', method: 'totp', code: '000000' });
    expect(res.statusCode).toBe(401);
    expect(await rows('auth.reauthenticated', { actor: user.id })).toEqual([]);
  });
});

describe('address-change requests', () => {
  it('are recorded without either address, the same whether the address is free or taken; 25 in a minute, 2 rows', async () => {
    const user = await createUser(t.app, { role: 'centre_lead' });
    const other = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    expect((await postAs(t.app, s, '/de/staff/account/email', { email: 'neu-1@example.org' })).statusCode).toBe(200);
    const first = await rows('auth.email_change_requested', { actor: user.id });
    expect(first).toEqual([
      {
        chain: user.centreId,
        centre_id: user.centreId,
        actor_id: user.id,
        object_type: 'app_user',
        object_id: user.id,
        details: { occurrences: 1 },
      },
    ]);
    for (let i = 2; i <= 25; i++) {
      const to = i % 5 ? `neu-${i}@example.org` : other.email;
      expect((await postAs(t.app, s, '/de/staff/account/email', { email: to })).statusCode).toBe(200);
    }
    const all = await rows('auth.email_change_requested', { actor: user.id });
    expect(occurrences(all)).toEqual([1, 10]);
    expectNoPersonalData(all);
  });
});

describe('CSRF and origin refusals', () => {
  let user: TestUser;
  let s: Session;
  beforeAll(async () => {
    user = await createUser(t.app, { role: 'counsellor' });
    s = await signIn(t.app, user);
  });

  const post = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, remoteAddress: '203.0.113.9', ...form(fields, headers) });

  it('a missing token, a foreign Origin and a cross-site Sec-Fetch-Site: one row each, in the session owner’s chain', async () => {
    const url = '/de/staff/account/password';
    const noToken = await post(url, { password: 'x', password_repeat: 'x' }, { cookie: s.cookie });
    expect(noToken.statusCode).toBe(403);
    const foreign = await post(url, { _csrf: s.csrf }, { cookie: s.cookie, origin: FOREIGN });
    expect(foreign.statusCode).toBe(403);
    const crossSite = await post(url, { _csrf: s.csrf }, { cookie: s.cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    const found = await rows('auth.csrf_refused', { actor: user.id });
    expect(found.map((r) => r.details)).toEqual([
      { route: '/:lang/staff/account/password', http_method: 'POST', reason: 'token', occurrences: 1 },
      { route: '/:lang/staff/account/password', http_method: 'POST', reason: 'origin', occurrences: 1 },
      { route: '/:lang/staff/account/password', http_method: 'POST', reason: 'sec_fetch_site', occurrences: 1 },
    ]);
    for (const r of found) expect(r).toMatchObject({ chain: user.centreId, centre_id: user.centreId });
    expectNoPersonalData(found, [s.csrf, s.cookie.split('=')[1]!]);
  });

  it('a refused form from another site does not keep the session alive', async () => {
    const other = await createUser(t.app, { role: 'counsellor' });
    const victim = await signIn(t.app, other);
    const lastSeen = () =>
      withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
        trx.selectFrom('user_session').select('last_seen_at').where('user_id', '=', other.id).execute(),
      );
    const before = await lastSeen();
    clock.advance(5 * 60_000);
    await post('/de/staff/sign-out', { _csrf: victim.csrf }, { cookie: victim.cookie, origin: FOREIGN });
    expect(await lastSeen()).toEqual(before);
    expect(await rows('auth.csrf_refused', { actor: other.id })).toHaveLength(1);
  });

  it('without a session: the network chain, no actor; a flood across routes leaves a bounded number of rows', async () => {
    const before = (await rows('auth.csrf_refused', { chain: 'network' })).filter((r) => r.actor_id === null).length;
    const targets = [
      '/de/staff/sign-in',
      '/de/staff/password-reset',
      '/en/staff/sign-in',
      '/de/staff/account/password',
    ];
    for (let i = 0; i < 40; i++) {
      const res = await post(
        targets[i % targets.length]!,
        { email: `x${i}@example.org`, password: 'p' },
        {
          origin: FOREIGN,
        },
      );
      expect(res.statusCode).toBe(403);
    }
    const found = (await rows('auth.csrf_refused', { chain: 'network' })).filter((r) => r.actor_id === null);
    expect(found.length - before).toBe(2);
    expect(occurrences(found.slice(before))).toEqual([1, 10]);
    expect(found[before]!.details).toMatchObject({
      route: '/:lang/staff/sign-in',
      http_method: 'POST',
      reason: 'origin',
    });
    expectNoPersonalData(found);
  });

  it('a flood against one signed-in route: 30 refusals, 2 rows', async () => {
    const before = (await rows('auth.csrf_refused', { actor: user.id })).length;
    for (let i = 0; i < 30; i++)
      expect((await post('/de/staff/account/recovery-codes', {}, { cookie: s.cookie })).statusCode).toBe(403);
    const found = (await rows('auth.csrf_refused', { actor: user.id })).slice(before);
    expect(occurrences(found)).toEqual([1, 10]);
  });
});

describe('reads of the audit log and of account pages', () => {
  let centre: string;
  let lead: TestUser;
  let counsellor: TestUser;
  let admin: TestUser;
  let coordination: TestUser;
  const s = {} as Record<'lead' | 'admin' | 'coordination', Session>;
  beforeAll(async () => {
    centre = await createCentre(t.app, 'Lesende Beratungsstelle');
    lead = await createUser(t.app, { role: 'centre_lead', centreId: centre });
    counsellor = await createUser(t.app, { role: 'counsellor', centreId: centre });
    admin = await createUser(t.app, { role: 'admin' });
    coordination = await createUser(t.app, { role: 'coordination' });
    s.lead = await signIn(t.app, lead);
    s.admin = await signIn(t.app, admin);
    s.coordination = await signIn(t.app, coordination);
  });
  const get = (session: Session, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

  it('reading the audit log is recorded in the reader’s chain with the area read; 15 pages in a minute, 2 rows', async () => {
    expect((await get(s.coordination, '/de/staff/audit')).statusCode).toBe(200);
    const first = await rows('audit.read', { actor: coordination.id });
    expect(first).toEqual([
      {
        chain: 'network',
        centre_id: null,
        actor_id: coordination.id,
        object_type: null,
        object_id: null,
        details: { chain: 'all', occurrences: 1 },
      },
    ]);
    for (let i = 0; i < 14; i++)
      expect((await get(s.coordination, '/de/staff/audit?event=auth.sign_in')).statusCode).toBe(200);
    expect(occurrences(await rows('audit.read', { actor: coordination.id }))).toEqual([1, 10]);

    expect((await get(s.lead, '/de/staff/audit')).statusCode).toBe(200);
    const own = await rows('audit.read', { actor: lead.id });
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ chain: centre, centre_id: centre, details: { chain: centre, occurrences: 1 } });
    // Another area is another read.
    expect((await get(s.coordination, `/de/staff/audit?chain=${centre}`)).statusCode).toBe(200);
    const areas = (await rows('audit.read', { actor: coordination.id })).map((r) => r.details['chain']);
    expect(areas).toEqual(['all', 'all', centre]);
    expectNoPersonalData([...own, ...(await rows('audit.read', { actor: coordination.id }))]);
  });

  it('opening the account list and an account page is recorded; repeated views are bounded', async () => {
    expect((await get(s.admin, '/de/staff/users')).statusCode).toBe(200);
    const list = await rows('users.viewed', { actor: admin.id });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ chain: 'network', actor_id: admin.id, object_id: null });
    expect(list[0]!.details['occurrences']).toBe(1);
    expect(typeof list[0]!.details['count']).toBe('number');

    for (let i = 0; i < 12; i++) expect((await get(s.admin, `/de/staff/users/${counsellor.id}`)).statusCode).toBe(200);
    expect((await get(s.lead, `/de/staff/users/${counsellor.id}`)).statusCode).toBe(200);
    const pages = await rows('users.viewed', { object: counsellor.id });
    const by = (who: TestUser) =>
      pages.filter((r) => r.actor_id === who.id).map((r) => [r.chain, r.details['occurrences']]);
    expect(by(admin)).toEqual([
      ['network', 1],
      ['network', 10],
    ]);
    expect(by(lead)).toEqual([[centre, 1]]);
    for (const r of pages) expect(r.object_type).toBe('app_user');
    expectNoPersonalData([...list, ...pages]);
  });

  it('another centre’s account page answers 404 and records no view', async () => {
    const elsewhere = await createUser(t.app, { role: 'counsellor' });
    expect((await get(s.lead, `/de/staff/users/${elsewhere.id}`)).statusCode).toBe(404);
    expect(await rows('users.viewed', { object: elsewhere.id })).toEqual([]);
  });
});

describe('the chains', () => {
  it('still verify with all these rows in them', async () => {
    const results = await verifyAuditLog(t.app.database.db, t.app.keys.audit);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThan(1);
  });
});
