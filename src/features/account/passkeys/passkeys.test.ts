/**
 * Passkeys with a software authenticator: adding one on the account page and
 * signing in with it as the second factor — and the refusals: wrong origin,
 * missing user verification, wrong or reused challenge, replayed counter,
 * someone else's credential, stale re-authentication.
 */
import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import {
  createUser,
  csrfFrom,
  fakeClock,
  postAs,
  postEmptyJson,
  postForm,
  sessionCookieFrom,
  enrolAdmin,
  nextTotpCode,
  signIn,
} from '../../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../../test/support/auth.ts';
import { directSession } from '../../../../test/support/security.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { replaceRecoveryCodes } from '../queries.ts';
import { auditEvents, lastMailTo } from '../test-support.ts';
import { SoftAuthenticator } from './test-authenticator.ts';

const clock = fakeClock();
const ORIGIN = 'http://localhost:3000';

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

function postJson(url: string, s: Session, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    payload: JSON.stringify(body),
  });
}

async function passkeysOf(userId: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('webauthn_credential')
      .select(['id', 'name', 'counter', 'centre_id'])
      .where('user_id', '=', userId)
      .execute(),
  );
}

/** Ask for creation options and register `auth`'s key, optionally spoiled. */
async function register(
  s: Session,
  auth: SoftAuthenticator,
  spoil: Parameters<SoftAuthenticator['register']>[1] = {},
  name = 'Laptop',
) {
  const opt = await postJson('/de/staff/account/passkeys/options', s, {});
  expect(opt.statusCode).toBe(200);
  return postJson('/de/staff/account/passkeys', s, { name, credential: auth.register(opt.json(), spoil) });
}

/** Password step of a sign-in: the pending session and its CSRF token. */
async function passwordStep(user: TestUser): Promise<Session> {
  const first = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: user.password });
  expect(first.statusCode).toBe(303);
  const cookie = sessionCookieFrom(first);
  const page = await t.app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie } });
  return { cookie, csrf: csrfFrom(page.body) };
}

/** Second factor by passkey: options, then the (optionally spoiled) assertion. */
async function passkeyStep(
  pending: Session,
  auth: SoftAuthenticator,
  spoil: Parameters<SoftAuthenticator['assert']>[1] = {},
  next?: string,
) {
  const opt = await postJson('/de/staff/passkey/options', pending, {});
  expect(opt.statusCode).toBe(200);
  return postJson('/de/staff/passkey/verify', pending, {
    credential: auth.assert(opt.json(), spoil),
    ...(next ? { next } : {}),
  });
}

function hasSessionCookie(res: { headers: Record<string, unknown> }): boolean {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return all.some((c) => /^__Host-sn_session=[A-Za-z0-9_-]{43};/.test(c));
}

describe('adding a passkey', () => {
  let user: TestUser;
  let s: Session;
  beforeAll(async () => {
    user = await createUser(t.app, { role: 'counsellor' });
    s = await signIn(t.app, user);
  });

  it('offers creation options bound to our origin, with user verification required', async () => {
    const res = await postJson('/de/staff/account/passkeys/options', s, {});
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.rp).toEqual({ name: 'Schutznetz', id: 'localhost' });
    expect(o.authenticatorSelection.userVerification).toBe('required');
    expect(o.attestation).toBe('none');
    expect(o.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(o.user.id, 'base64url').toString('hex')).toBe(user.id.replaceAll('-', ''));
  });

  it('stores a verified passkey and audits it', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const res = await register(s, auth, {}, '  Laptop  ');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/account?done=passkey_added' });
    expect(await passkeysOf(user.id)).toEqual([
      { id: auth.id, name: 'Laptop', counter: '0', centre_id: user.centreId },
    ]);
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.mfa_passkey_added');
    expect(e).toMatchObject({ actor_id: user.id, object_id: auth.id, centre_id: user.centreId });
  });

  const refusals: [string, Parameters<SoftAuthenticator['register']>[1]][] = [
    ['a wrong origin', { origin: 'https://evil.example' }],
    ['a wrong relying party', { rpId: 'evil.example' }],
    ['missing user verification', { noUserVerification: true }],
    ['a wrong challenge', { challenge: Buffer.alloc(32, 7).toString('base64url') }],
    ['a wrong ceremony type', { type: 'webauthn.get' }],
  ];
  for (const [what, spoil] of refusals) {
    it(`refuses ${what} and stores nothing`, async () => {
      const before = (await passkeysOf(user.id)).length;
      const res = await register(s, new SoftAuthenticator('localhost', ORIGIN), spoil);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'not_verified' });
      expect(await passkeysOf(user.id)).toHaveLength(before);
    });
  }

  it('uses each challenge once: a replayed registration is refused', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/account/passkeys/options', s, {});
    const credential = auth.register(opt.json());
    const spoiled = auth.register(opt.json(), { origin: 'https://evil.example' });
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential: spoiled })).statusCode).toBe(400);
    // The failed attempt consumed the challenge.
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential })).statusCode).toBe(400);
    // Without asking for options first there is no challenge at all.
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential })).statusCode).toBe(400);
    expect((await passkeysOf(user.id)).map((p) => p.id)).not.toContain(auth.id);
  });

  it('refuses the same authenticator twice', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    expect((await register(s, auth)).statusCode).toBe(200);
    const again = await register(s, auth);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: 'already_registered' });
  });

  it('refuses malformed bodies with 400', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/account/passkeys/options', s, {});
    const good = auth.register(opt.json());
    for (const body of [
      { name: 'A', credential: good, userId: 'x' },
      { name: 'A', credential: { ...good, type: 'password' } },
      { name: 'A', credential: { ...good, response: { ...good.response, attestationObject: 'kein base64url!' } } },
      { name: 'A\nB', credential: good },
      { credential: { ...good, publicKey: 'x' } },
      'text',
    ]) {
      const res = await postJson('/de/staff/account/passkeys', s, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await postJson('/de/staff/account/passkeys/options', s, { challenge: 'mine' })).statusCode).toBe(400);
  });

  it('needs a recent re-authentication (403 with the way there)', async () => {
    const fresh = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const res = await postJson('/de/staff/account/passkeys/options', fresh, {});
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: 'reauth_required', redirect: '/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount' });
  });

  it('needs the CSRF token and a session', async () => {
    const noToken = await postEmptyJson(t.app, '/de/staff/account/passkeys/options', { cookie: s.cookie });
    expect(noToken.statusCode).toBe(403);
    const noSession = await postEmptyJson(t.app, '/de/staff/account/passkeys/options', { accept: 'application/json' });
    expect(noSession.statusCode).toBe(401);
  });
});

describe('signing in with a passkey as the second factor', () => {
  let user: TestUser;
  let auth: SoftAuthenticator;
  beforeAll(async () => {
    user = await createUser(t.app, { role: 'centre_lead' });
    auth = new SoftAuthenticator('localhost', ORIGIN);
    const s = await signIn(t.app, user);
    expect((await register(s, auth)).statusCode).toBe(200);
  });
  // Each test starts with clean failure counters (the limits get their own test).
  beforeEach(async () => {
    await t.app.database.db.deleteFrom('auth_throttle').execute();
  });

  it('completes the sign-in with a new full session', async () => {
    const pending = await passwordStep(user);
    const opt = await postJson('/de/staff/passkey/options', pending, {});
    expect(opt.statusCode).toBe(200);
    expect(opt.json()).toMatchObject({
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ id: auth.id, type: 'public-key' }],
    });
    const res = await postJson('/de/staff/passkey/verify', pending, {
      credential: auth.assert(opt.json()),
      next: '/de/staff/account',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/account' });
    expect(hasSessionCookie(res)).toBe(true);
    const cookie = sessionCookieFrom(res);
    expect(cookie).not.toBe(pending.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/de/staff/account', headers: { cookie } })).statusCode).toBe(200);
    // The pending session is gone.
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie: pending.cookie } }))
        .statusCode,
    ).toBe(303);
    expect((await passkeysOf(user.id))[0]!.counter).toBe(String(auth.counter));
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.sign_in' && x.actor_id === user.id).at(-1);
    expect(e?.details).toEqual({ method: 'passkey' });
  });

  it('offers the passkey button (hidden until passkey.js runs) on the second-factor page', async () => {
    const pending = await passwordStep(user);
    const page = await t.app.inject({
      method: 'GET',
      url: '/de/staff/second-factor',
      headers: { cookie: pending.cookie },
    });
    expect(page.body).toMatch(/<form[^>]*data-passkey="authenticate"[^>]*hidden/);
    expect(page.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js" defer/);
    expect(page.body).toContain('name="code"'); // TOTP without JavaScript stays
  });

  it('never redirects off-site', async () => {
    const res = await passkeyStep(await passwordStep(user), auth, {}, 'https://evil.example/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff' });
  });

  const refusals: [string, Parameters<SoftAuthenticator['assert']>[1]][] = [
    ['a wrong origin', { origin: 'https://evil.example' }],
    ['a wrong relying party', { rpId: 'evil.example' }],
    ['missing user verification', { noUserVerification: true }],
    ['a wrong challenge', { challenge: Buffer.alloc(32, 9).toString('base64url') }],
    ['a replayed signature counter', { counter: 0 }],
  ];
  for (const [what, spoil] of refusals) {
    it(`refuses ${what}: no session, an audit entry`, async () => {
      const pending = await passwordStep(user);
      const spoilNow = what.includes('counter') ? { counter: auth.counter } : spoil;
      const res = await passkeyStep(pending, auth, spoilNow);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'not_verified' });
      expect(hasSessionCookie(res)).toBe(false);
      expect(
        (await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: pending.cookie } })).statusCode,
      ).not.toBe(200);
      const e = (await auditEvents(t.app))
        .filter((x) => x.event === 'auth.sign_in_failed' && x.object_id === user.id)
        .at(-1);
      expect(e?.details).toEqual({ step: 'second_factor', reason: 'wrong_passkey', locked: false });
      if (!what.includes('counter')) auth.counter--; // the spoiled assertion used up no real counter value
    });
  }

  it('uses each challenge once', async () => {
    const pending = await passwordStep(user);
    const opt = await postJson('/de/staff/passkey/options', pending, {});
    const credential = auth.assert(opt.json());
    const bad = await postJson('/de/staff/passkey/verify', pending, {
      credential: auth.assert(opt.json(), { origin: 'https://evil.example', counter: auth.counter + 5 }),
    });
    expect(bad.statusCode).toBe(400);
    const replay = await postJson('/de/staff/passkey/verify', pending, { credential });
    expect(replay.statusCode).toBe(400);
  });

  it('counts failures against the account: the fifth locks it (429 with Retry-After), even for a valid passkey', async () => {
    const pending = await passwordStep(user);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await passkeyStep(pending, auth, { origin: 'https://evil.example' });
      auth.counter--;
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 429]);
    const locked = await passkeyStep(pending, auth);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(hasSessionCookie(locked)).toBe(false);
  });

  it('refuses another user’s passkey', async () => {
    const other = await createUser(t.app, { role: 'centre_lead', centreId: user.centreId! });
    const otherAuth = new SoftAuthenticator('localhost', ORIGIN);
    expect((await register(await signIn(t.app, other), otherAuth)).statusCode).toBe(200);
    const pending = await passwordStep(user);
    const res = await passkeyStep(pending, otherAuth);
    expect(res.statusCode).toBe(400);
    expect(hasSessionCookie(res)).toBe(false);
  });

  it('is only for the pending step of a sign-in', async () => {
    const none = await postEmptyJson(t.app, '/de/staff/passkey/options', { accept: 'application/json' });
    expect(none.statusCode).toBe(401);
    const full = await signIn(t.app, user);
    expect((await postJson('/de/staff/passkey/options', full, {})).statusCode).toBe(401);
    const pending = await passwordStep(user);
    const noToken = await postEmptyJson(t.app, '/de/staff/passkey/options', { cookie: pending.cookie });
    expect(noToken.statusCode).toBe(403);
  });

  it('answers 404 when the user has no passkey (the TOTP form remains)', async () => {
    const plain = await createUser(t.app, { role: 'coordination' });
    const pending = await passwordStep(plain);
    const res = await postJson('/de/staff/passkey/options', pending, {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'no_passkey' });
  });
});

describe('administrators: a passkey only, and the first one only while enrolling (checklist #1)', () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createUser(t.app, { role: 'admin' });
  });
  beforeEach(async () => {
    await t.app.database.db.deleteFrom('auth_throttle').execute();
  });

  const get = (s: Session, url: string, accept?: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie, ...(accept ? { accept } : {}) } });
  const tokenHashOf = (s: Session) => createHash('sha256').update(s.cookie.split('=')[1]!).digest('hex');
  const factorOf = async (s: Session) => {
    const row = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('user_session')
        .select(['stage', 'second_factor'])
        .where('token_hash', '=', tokenHashOf(s))
        .executeTakeFirst(),
    );
    return row ?? null;
  };
  /** The password step with the session's CSRF token even where the page shows no form (an attacker has it too). */
  const pendingOf = async (user: TestUser): Promise<Session> => {
    const first = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: user.password });
    expect(first.statusCode).toBe(303);
    const cookie = sessionCookieFrom(first);
    const row = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('user_session')
        .select('csrf_secret')
        .where('token_hash', '=', tokenHashOf({ cookie, csrf: '' }))
        .executeTakeFirstOrThrow(),
    );
    return { cookie, csrf: row.csrf_secret };
  };
  const totpLastStep = async (userId: string) =>
    withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('totp_last_step').where('id', '=', userId).executeTakeFirstOrThrow(),
    );
  /** Everything a session opened by a phished password and a code could try on the way to its own passkey. */
  const expectNothingOpens = async (s: Session) => {
    for (const url of ['/de/staff', '/de/staff/users', '/de/staff/account', '/de/staff/passkey-setup']) {
      const res = await get(s, url);
      expect(`${res.statusCode} ${String(res.headers.location)}`, url).toMatch(/^303 \/de\/staff\/sign-in/);
    }
    for (const url of ['/de/staff/passkey-setup/options', '/de/staff/account/passkeys/options']) {
      expect((await postJson(url, s, {})).statusCode, url).toBe(401);
    }
  };

  it('the attack: a phished password and a valid code open nothing — not even adding a passkey', async () => {
    const before = await passkeysOf(admin.id);
    const lastStep = await totpLastStep(admin.id);
    const pending = await pendingOf(admin);
    const res = await postAs(t.app, pending, '/de/staff/second-factor', {
      method: 'totp',
      code: await nextTotpCode(t.app, admin),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Für dieses Konto wird kein Code angenommen.');
    // No new session: the browser keeps only the password-stage one.
    expect(hasSessionCookie(res)).toBe(false);
    expect(await factorOf(pending)).toEqual({ stage: 'password', second_factor: null });
    await expectNothingOpens(pending);
    // The code was not even checked, so it was not used up either.
    expect(await totpLastStep(admin.id)).toEqual(lastStep);
    expect(await passkeysOf(admin.id)).toEqual(before);
    const e = (await auditEvents(t.app))
      .filter((x) => x.event === 'auth.sign_in_failed' && x.object_id === admin.id)
      .at(-1);
    expect(e?.details).toMatchObject({ step: 'second_factor', reason: 'code_for_passkey_role' });
  });

  it('a recovery code opens nothing either', async () => {
    const codes = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      replaceRecoveryCodes(trx, t.app.keys.server, { id: admin.id, centreId: null }),
    );
    const pending = await pendingOf(admin);
    const res = await postAs(t.app, pending, '/de/staff/second-factor', { method: 'recovery', code: codes[0]! });
    expect(res.statusCode).toBe(403);
    expect(hasSessionCookie(res)).toBe(false);
    await expectNothingOpens(pending);
  });

  it('an administrator without a passkey cannot get one from a code sign-in: the page says whom to ask', async () => {
    const lost = await createUser(t.app, { role: 'admin', passkey: false });
    const pending = await pendingOf(lost);
    const page = await get(pending, '/de/staff/second-factor');
    expect(page.body).toContain('Für dieses Konto ist kein Passkey eingerichtet.');
    expect(page.body).not.toContain('name="code"');
    const res = await postAs(t.app, pending, '/de/staff/second-factor', {
      method: 'totp',
      code: await nextTotpCode(t.app, lost),
    });
    expect(res.statusCode).toBe(403);
    await expectNothingOpens(pending);
    expect(await passkeysOf(lost.id)).toEqual([]);
  });

  it('the second-factor page offers an administrator the passkey alone; other roles keep their codes', async () => {
    const page = await get(await pendingOf(admin), '/de/staff/second-factor');
    expect(page.body).toContain('Als Administratorin oder Administrator melden Sie sich nur mit Ihrem Passkey an.');
    expect(page.body).toContain('data-passkey="authenticate"');
    expect(page.body).not.toContain('name="code"');
    const en = await get(await pendingOf(admin), '/en/staff/second-factor');
    expect(en.body).toContain('As an administrator you sign in with your passkey only.');
    const counsellor = await pendingOf(await createUser(t.app, { role: 'counsellor' }));
    const other = await get(counsellor, '/de/staff/second-factor');
    expect(other.body).toContain('name="code"');
    expect(other.body).not.toContain('Administratorin');
  });

  it('enrolling: the invitation ends in an enrolment session that reaches only the passkey set-up', async () => {
    const { user, session: s } = await enrolAdmin(t.app);
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'enrolment' });
    for (const url of ['/de/staff', '/de/staff/users', '/de/staff/outbox', '/de/staff/account', '/de/staff/audit']) {
      const res = await get(s, url);
      expect(`${res.statusCode} ${String(res.headers.location)}`, url).toBe('303 /de/staff/passkey-setup');
    }
    const json = await postJson('/de/staff/account/passkeys/options', s, {});
    expect(json.statusCode).toBe(403);
    expect(json.json()).toEqual({ error: 'passkey_required', status: 403, redirect: '/de/staff/passkey-setup' });
    const invite = await postAs(t.app, s, '/de/staff/users/invite', { email: 'x@example.org', role: 'coordination' });
    expect(`${invite.statusCode} ${String(invite.headers.location)}`).toBe('303 /de/staff/passkey-setup');
    // No recovery codes for an administrator: they would promise a way in that does not exist.
    const codes = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('recovery_code').select('idx').where('user_id', '=', user.id).execute(),
    );
    expect(codes).toEqual([]);
  });

  it('the set-up page explains the last step, in German and English, with the form and a sign-out button', async () => {
    const { session: s } = await enrolAdmin(t.app);
    const de = await get(s, '/de/staff/passkey-setup');
    expect(de.statusCode).toBe(200);
    expect(de.body).toContain('Letzter Schritt: Passkey einrichten');
    expect(de.body).toContain('Das geht in den nächsten 30 Minuten.');
    expect(de.body).toMatch(/<form[^>]*data-passkey="register"[^>]*data-options="\/de\/staff\/passkey-setup\/options"/);
    expect(de.body).toContain('data-msg-host="Der Browser legt hier keinen Passkey an');
    expect(de.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js" defer/);
    expect(de.body).toContain('action="/de/staff/passkey-setup/sign-out"');
    expect(de.body).not.toContain('href="/de/staff/sessions"');
    const en = await get(s, '/en/staff/passkey-setup');
    expect(en.body).toContain('Last step: set up your passkey');
  });

  it('the enrolment session ends after 30 minutes: then only a new set-up link helps', async () => {
    const { session: s } = await enrolAdmin(t.app);
    clock.advance(29 * 60_000);
    expect((await postJson('/de/staff/passkey-setup/options', s, {})).statusCode).toBe(200);
    clock.advance(2 * 60_000);
    const res = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(res.statusCode).toBe(401);
    expect(await factorOf(s)).toBeNull();
  });

  it('refuses a spoiled registration and stores nothing', async () => {
    const { user, session: s } = await enrolAdmin(t.app);
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(opt.statusCode).toBe(200);
    const res = await postJson('/de/staff/passkey-setup', s, {
      name: 'Böse',
      credential: auth.register(opt.json(), { noUserVerification: true }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'not_verified' });
    expect(await passkeysOf(user.id)).toEqual([]);
    expect((await get(s, '/de/staff/passkey-setup')).statusCode).toBe(200);
  });

  it('adding the first passkey ends the enrolment session, tells the address, and the passkey signs in', async () => {
    const { user, session: s } = await enrolAdmin(t.app);
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(opt.json()).toMatchObject({
      rp: { id: 'localhost' },
      authenticatorSelection: { userVerification: 'required' },
    });
    const res = await postJson('/de/staff/passkey-setup', s, {
      name: 'Sicherheitsschlüssel',
      credential: auth.register(opt.json()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/sign-in?passkey_added=1' });
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-sn_session=;/);
    expect(await passkeysOf(user.id)).toEqual([
      { id: auth.id, name: 'Sicherheitsschlüssel', counter: '0', centre_id: null },
    ]);
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.mfa_passkey_added' && x.actor_id === user.id);
    expect(e).toMatchObject({ object_id: auth.id, details: { step: 'enrolment' } });
    const mail = await lastMailTo(t.app, user.email);
    expect(mail?.subject).toContain('Passkey hinzugefügt');
    expect(mail?.body).not.toMatch(/https?:|\/staff\//);
    expect(await factorOf(s)).toBeNull();
    // The passkey now completes the sign-in and opens everything.
    const pending = await passwordStep({ ...user, passkey: auth });
    const signed = await passkeyStep(pending, auth, {}, '/de/staff/users');
    expect(signed.json()).toEqual({ redirect: '/de/staff/users' });
    const full = { cookie: sessionCookieFrom(signed), csrf: '' };
    expect(await factorOf(full)).toEqual({ stage: 'full', second_factor: 'passkey' });
    expect((await get(full, '/de/staff/users')).statusCode).toBe(200);
    expect((await get(full, '/de/staff/passkey-setup')).headers.location).toBe('/de/staff');
  });

  it('an enrolment session of an account that has a passkey adds nothing', async () => {
    const s = await directSession(t.app, admin, { factor: 'enrolment' });
    expect((await postJson('/de/staff/passkey-setup/options', s, {})).statusCode).toBe(409);
    const page = await get(s, '/de/staff/passkey-setup');
    expect(`${page.statusCode} ${String(page.headers.location)}`).toMatch(/^303 \/de\/staff\/sign-in/);
    expect(await factorOf(s)).toBeNull();
  });

  it('an administrator session not opened by a passkey (from before the upgrade) is ended', async () => {
    const s = await directSession(t.app, admin, { factor: 'totp' });
    const res = await get(s, '/de/staff/users');
    expect(`${res.statusCode} ${String(res.headers.location)}`).toMatch(/^303 \/de\/staff\/sign-in/);
    expect(await factorOf(s)).toBeNull();
  });

  it('a second passkey only after a passkey step-up: password and code do not count', async () => {
    const owner = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, owner);
    clock.advance(11 * 60_000);
    const stale = await postJson('/de/staff/account/passkeys/options', s, {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ error: 'reauth_required' });
    // The step-up page offers the passkey alone …
    const page = await get(s, '/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount');
    expect(page.body).toContain('data-options="/de/staff/reauth/passkey/options"');
    expect(page.body).not.toContain('name="password"');
    // … and the phished password with a valid code is refused without being checked.
    const phished = await postAs(t.app, s, '/de/staff/reauth', {
      password: owner.password,
      method: 'totp',
      code: await nextTotpCode(t.app, owner),
      next: '/de/staff/account',
    });
    expect(phished.statusCode).toBe(403);
    expect((await postJson('/de/staff/account/passkeys/options', s, {})).statusCode).toBe(403);
    // A wrong key is refused as well.
    const stranger = new SoftAuthenticator('localhost', ORIGIN);
    const opt0 = await postJson('/de/staff/reauth/passkey/options', s, {});
    const wrong = await postJson('/de/staff/reauth/passkey', s, { credential: stranger.assert(opt0.json()) });
    expect(wrong.statusCode).toBe(400);
    // The owner's passkey is the step-up.
    const opt = await postJson('/de/staff/reauth/passkey/options', s, {});
    expect(opt.statusCode).toBe(200);
    const up = await postJson('/de/staff/reauth/passkey', s, {
      credential: owner.passkey!.assert(opt.json()),
      next: '/de/staff/account',
    });
    expect(up.json()).toEqual({ redirect: '/de/staff/account' });
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.reauthenticated' && x.actor_id === owner.id);
    expect(e.at(-1)?.details).toEqual({ method: 'passkey', occurrences: 1 });
    const second = new SoftAuthenticator('localhost', ORIGIN);
    const added = await register(s, second, {}, 'Zweitschlüssel');
    expect(added.statusCode).toBe(200);
    expect((await passkeysOf(owner.id)).map((p) => p.name)).toContain('Zweitschlüssel');
  });

  it('signing out from the set-up page ends the session and is audited', async () => {
    const { user, session: s } = await enrolAdmin(t.app);
    const forged = await postForm(t.app, '/de/staff/passkey-setup/sign-out', {}, { cookie: s.cookie });
    expect(forged.statusCode).toBe(403);
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'enrolment' });
    const res = await postAs(t.app, s, '/de/staff/passkey-setup/sign-out');
    expect(`${res.statusCode} ${String(res.headers.location)}`).toBe('303 /de/staff/sign-in?signed_out=1');
    expect(await factorOf(s)).toBeNull();
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.sign_out' && x.actor_id === user.id);
    expect(e.length).toBe(1);
  });

  it('other roles are not affected: a TOTP sign-in is complete', async () => {
    const coordination = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, coordination);
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'totp' });
    expect((await get(s, '/de/staff/passkey-setup')).headers.location).toBe('/de/staff');
  });
});
